/// Why the store could not be read or written, with what to do about it.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case locked(dir: String, owner: String)
    case corrupt(file: String, detail: String)
    case newerSchema(file: String, found: Int, supported: Int)
    case io(String)

    public var description: String {
        switch self {
        case let .locked(dir, owner):
            return "the store \(dir) is busy: another Docket process holds its lock (\(owner)); try again when it finishes, or use another --store"
        case let .corrupt(file, detail):
            return "\(file) is damaged (\(detail)); restore it from a backup or move it aside (Docket will not overwrite it)"
        case let .newerSchema(file, found, supported):
            return "\(file) was written by a newer Docket (schema \(found); this one reads up to \(supported)); upgrade Docket"
        case let .io(message):
            return message
        }
    }
}
