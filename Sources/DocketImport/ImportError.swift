import DocketJSON

/// Why an import failed. Every case renders as one line naming the file, the
/// place, what was expected and what to do; nothing is written on failure.
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case syntax(path: String, JSONSyntaxError)
    case wrongShape(path: String, position: SourcePosition, found: String)
    case badItem(path: String, item: Int, position: SourcePosition, problem: String)
    /// A CSV export: `row` counts records from the header (1), not lines.
    case csv(path: String, row: Int, problem: String)
    /// `--map` itself is wrong, or names what the file does not have.
    case mapping(path: String?, problem: String)

    public var description: String {
        switch self {
        case let .fileNotFound(path):
            return "\(path): no such file; check the path (nothing was imported)"
        case let .unreadable(path, reason):
            return "\(path): cannot read the file (\(reason)); check its permissions (nothing was imported)"
        case let .empty(path):
            return "\(path): the file is empty; expected GitHub issue JSON, e.g. from `gh api --paginate repos/OWNER/REPO/issues?state=all` (nothing was imported)"
        case let .syntax(path, e):
            return "\(path):\(e.position.line):\(e.position.column): not valid JSON: \(e.message); fix or re-export the file (nothing was imported)"
        case let .wrongShape(path, pos, found):
            return "\(path):\(pos.line):\(pos.column): expected an array of GitHub issues, an issue object, or one issue per line, but found \(found); export with `gh api --paginate repos/OWNER/REPO/issues` or `gh issue list --json ...` (nothing was imported)"
        case let .mapping(path, problem):
            return (path.map { "\($0): " } ?? "") + "\(problem); fix --map and import again (nothing was imported)"
        case let .csv(path, row, problem):
            let at = row > 0 ? " record \(row):" : ""
            return "\(path):\(at) \(problem); fix the export or that record and import again (nothing was imported)"
        case let .badItem(path, item, pos, problem):
            return "\(path):\(pos.line):\(pos.column): item \(item): \(problem); fix or remove that item and import again (nothing was imported)"
        }
    }
}
