
/// Why the store could not be read or written, with what to do about it.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A read found no store where it looked (a misspelt `--store`, say):
    /// reads never create one, so an empty report is never mistaken for news.
    case noStore(dir: String)
    case locked(dir: String, owner: String)
    case corrupt(file: String, detail: String)
    case newerSchema(file: String, found: Int, supported: Int)
    case io(String)

    public var description: String {
        switch self {
        case let .noStore(dir):
            let d = Self.shellQuoted(dir)
            return "there is no Docket store at \(dir); make one with `docket import --store \(d) FILE` or `docket demo --store \(d)`, "
                + "or check --store and $DOCKET_STORE"
        case let .locked(dir, owner):
            return "the store \(dir) is busy: another Docket process holds its lock (\(owner)); try again when it finishes, or use another --store"
        case let .corrupt(file, detail):
            let dir = StoreError.shellQuoted(file.lastIndex(of: "/").map { String(file[..<$0]) }.flatMap { $0.isEmpty ? "/" : $0 } ?? ".")
            return "\(file) is damaged (\(detail)); Docket will not overwrite it: `docket repair --store \(dir)` keeps what still reads "
                + "and sets the damaged file aside, or restore it from a backup"
        case let .newerSchema(file, found, supported):
            return "\(file) was written by a newer Docket (schema \(found); this one reads up to \(supported)); upgrade Docket"
        case let .io(message):
            return message
        }
    }

    /// The path as it can be pasted into a shell.
    public static func shellQuoted(_ path: String) -> String {
        if !path.isEmpty, path.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/._-+~:,@=".contains($0)) }) { return path }
        return "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
