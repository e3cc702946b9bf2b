import DocketJSON
import DocketModel
import Foundation

/// Reads GitHub issue exports as they really come:
/// - REST issue objects (`/repos/OWNER/REPO/issues`): one array, several
///   pages concatenated as `gh api --paginate` writes them (`][`), one
///   object per line, or a single object; a search result's `items` too;
/// - REST issue comments (items with `issue_url`), attached to their tickets;
/// - `gh issue list --json number,title,body,state,labels,author,createdAt,...`.
/// Pull requests (items with `pull_request`) are skipped and counted.
public enum GitHubImporter {
    /// Reads one file. Throws `ImportError` naming the place of the problem.
    public static func read(path: String) throws -> ImportBatch {
        try parse(try TicketImporters.contents(ofFile: path), path: path)
    }

    /// Parses a document already in memory; `path` names it in errors.
    public static func parse(_ data: Data, path: String) throws -> ImportBatch {
        try data.withUnsafeBytes { raw -> ImportBatch in
            let bytes = raw.bindMemory(to: UInt8.self)
            var reader = JSONReader(bytes)
            let locate = { (offset: Int) in JSONReader(bytes).position(of: offset) }
            var batch = ImportBatch()
            var item = 0
            if reader.atEnd() { throw ImportError.empty(path: path) }
            do {
                while !reader.atEnd() {
                    let start = reader.index
                    switch reader.peek() {
                    case UInt8(ascii: "["):
                        try reader.forEachElement(keeping: fields) { value, _, offset in
                            item += 1
                            try take(value, item: item, offset: offset, locate: locate, path: path, into: &batch) {
                                JSONReader.topLevelKeys(bytes, at: offset)
                            }
                        }
                    case UInt8(ascii: "{"):
                        let value = try reader.parseValue(keeping: fields)
                        if let items = value["items"]?.array, value["number"] == nil {
                            for (k, v) in items.enumerated() {
                                item += 1
                                try take(v, item: item, offset: start, locate: locate, path: path, into: &batch) {
                                    var whole = JSONReader(bytes, at: start)
                                    return (try? whole.parseValue())?["items"]?.array.flatMap { k < $0.count ? $0[k].keys : nil } ?? []
                                }
                            }
                        } else {
                            item += 1
                            try take(value, item: item, offset: start, locate: locate, path: path, into: &batch) {
                                JSONReader.topLevelKeys(bytes, at: start)
                            }
                        }
                    default:
                        let found = (try? reader.parseValue())?.kindName ?? "something that is not JSON"
                        throw ImportError.wrongShape(path: path, position: reader.position(of: start), found: found)
                    }
                }
            } catch let e as JSONSyntaxError {
                throw ImportError.syntax(path: path, e)
            }
            return batch
        }
    }

    /// The members importers read, at any depth; everything else in
    /// GitHub's objects (a dozen URLs per user, per label...) is skipped
    /// without being decoded.
    static let fields = KeyFilter([
        "number", "title", "body", "state", "state_reason", "stateReason", "labels", "name", "user", "login", "type",
        "is_bot", "assignees", "comments", "totalCount", "created_at", "createdAt", "updated_at", "updatedAt",
        "closed_at", "closedAt", "html_url", "repository_url", "url", "reactions", "total_count", "reactionGroups",
        "users", "pull_request", "issue_url", "id", "author_association", "authorAssociation", "author", "items",
    ])

    /// `keys` gives the item's own top-level keys (for an error message:
    /// `value` holds only the members importers read).
    private static func take(_ value: JSONValue, item: Int, offset: Int, locate: (Int) -> SourcePosition, path: String,
                             into batch: inout ImportBatch, keys: () -> [String]) throws {
        func bad(_ problem: String) -> ImportError {
            ImportError.badItem(path: path, item: item, position: locate(offset), problem: problem)
        }
        guard value.isObject else {
            throw bad("expected an issue object, found \(value.kindName)")
        }
        if let pr = value["pull_request"], !pr.isNull {
            batch.skippedPullRequests += 1
            return
        }
        if value["number"] == nil, value["issue_url"] != nil {
            let (key, comment) = try restComment(value, bad: bad)
            batch.comments.append((key, comment))
            return
        }
        guard value["number"] != nil else {
            throw bad("expected a GitHub issue (an object with \"number\" and \"title\", as `gh api repos/OWNER/REPO/issues` writes) "
                      + "or an issue comment (with \"issue_url\"), but found \(describeObject(keys()))")
        }
        if value["createdAt"] != nil || value["author"] != nil && value["user"] == nil {
            batch.tickets.append(try ghCLIIssue(value, bad: bad))
        } else {
            batch.tickets.append(try restIssue(value, bad: bad))
        }
    }

    /// `an object with keys "message", "status"`: at most eight, each
    /// sanitized (it is printed on a terminal) and cut at 40 characters.
    static func describeObject(_ keys: [String]) -> String {
        guard !keys.isEmpty else { return "an empty object" }
        let shown = keys.prefix(8).map { key -> String in
            let clean = TextSanitizer.singleLine(key)
            var w = JSONWriter()
            w.string(clean.count > 40 ? String(clean.prefix(39)) + "…" : clean)
            return String(decoding: w.bytes, as: UTF8.self)
        }
        return "an object with keys " + shown.joined(separator: ", ") + (keys.count > 8 ? ", … (\(keys.count) keys)" : "")
    }

    // MARK: - Field helpers

    private static func int(_ v: JSONValue, _ key: String, bad: (String) -> ImportError) throws -> Int {
        guard let x = v[key] else { throw bad("missing \"\(key)\" (expected an integer)") }
        guard let i = x.int else { throw bad("\"\(key)\" must be an integer, found \(x.kindName)") }
        return i
    }

    private static func optString(_ v: JSONValue, _ key: String, bad: (String) -> ImportError) throws -> String? {
        guard let x = v[key], !x.isNull else { return nil }
        guard let s = x.string else { throw bad("\"\(key)\" must be a string or null, found \(x.kindName)") }
        return s
    }

    private static func date(_ v: JSONValue, _ key: String, required: Bool, bad: (String) -> ImportError) throws -> Date? {
        guard let x = v[key], !x.isNull else {
            if required { throw bad("missing \"\(key)\" (expected an ISO-8601 time like 2025-04-14T09:30:00Z)") }
            return nil
        }
        guard let s = x.string, let d = Timestamp.parse(s) else {
            let shown = x.string.map { "\"\($0.prefix(40))\"" } ?? x.kindName
            throw bad("\"\(key)\" must be an ISO-8601 time like 2025-04-14T09:30:00Z, found \(shown)")
        }
        return d
    }

    private static func login(_ v: JSONValue?) -> (String, Bool) {
        guard let v, let login = v["login"]?.string else { return ("", false) }
        let bot = v["type"]?.string == "Bot" || v["is_bot"]?.bool == true || login.hasSuffix("[bot]")
        return (login, bot)
    }

    private static func labels(_ v: JSONValue?, bad: (String) -> ImportError) throws -> [String] {
        guard let v, !v.isNull else { return [] }
        guard let arr = v.array else { throw bad("\"labels\" must be an array, found \(v.kindName)") }
        return arr.compactMap { $0.string ?? $0["name"]?.string }
    }

    /// `owner/repo` from an API or web URL of an issue or repository:
    /// the two segments after `/repos/`, else after the host.
    /// - Complexity: O(length of the URL), without allocating substrings.
    static func repository(fromURL url: String) -> String? {
        var u = url
        return u.withUTF8 { b -> String? in
            guard b.count > 8 else { return nil }
            // Segment boundaries: indexes of "/".
            var slashes: [Int] = []
            slashes.reserveCapacity(12)
            for i in 0..<b.count where b[i] == UInt8(ascii: "/") { slashes.append(i) }
            func segment(_ k: Int) -> UnsafeBufferPointer<UInt8>? {
                guard k + 1 < slashes.count || (k < slashes.count && slashes[k] + 1 < b.count) else { return nil }
                let start = slashes[k] + 1
                let end = k + 1 < slashes.count ? slashes[k + 1] : b.count
                return end > start ? UnsafeBufferPointer(rebasing: b[start..<end]) : nil
            }
            let isHTTP = b.starts(with: "http".utf8) && slashes.count >= 3 && slashes[0] + 1 == slashes[1]
            guard isHTTP else { return nil }
            // slashes[1] precedes the host; scan path segments after it.
            var k = 2
            while k < slashes.count {
                if let seg = segment(k), seg.elementsEqual("repos".utf8) { break }
                k += 1
            }
            let ownerIndex = k < slashes.count ? k + 1 : 2
            guard let owner = segment(ownerIndex), let repo = segment(ownerIndex + 1) else { return nil }
            return String(decoding: owner, as: UTF8.self) + "/" + String(decoding: repo, as: UTF8.self)
        }
    }

    private static func state(_ raw: String?, closedAt: Date?) -> TicketState {
        switch raw?.lowercased() {
        case "closed"?, "merged"?: return .closed
        case "open"?: return .open
        default: return closedAt == nil ? .open : .closed  // real exports sometimes have null
        }
    }

    // MARK: - Shapes

    static func restIssue(_ v: JSONValue, bad: (String) -> ImportError) throws -> Ticket {
        let number = try int(v, "number", bad: bad)
        guard number > 0 else { throw bad("\"number\" must be a positive integer, found \(number)") }
        guard let title = try optString(v, "title", bad: bad) else { throw bad("missing \"title\" (expected a string)") }
        let created = try date(v, "created_at", required: true, bad: bad) ?? Date(timeIntervalSince1970: 0)
        let updated = try date(v, "updated_at", required: false, bad: bad) ?? created
        let closed = try date(v, "closed_at", required: false, bad: bad)
        let html = try optString(v, "html_url", bad: bad) ?? ""
        let source = try (optString(v, "repository_url", bad: bad)).flatMap(repository(fromURL:))
            ?? repository(fromURL: html) ?? (try optString(v, "url", bad: bad)).flatMap(repository(fromURL:)) ?? "local"
        let (author, _) = login(v["user"])
        let assignees = (v["assignees"]?.array ?? []).compactMap { $0["login"]?.string }
        let commentCount = v["comments"]?.int
        let reactions = v["reactions"]?["total_count"]?.int ?? 0
        let rawState = try optString(v, "state", bad: bad)
        return Ticket(source: source, number: number, title: title, body: try optString(v, "body", bad: bad) ?? "",
                      state: state(rawState, closedAt: closed), stateReason: try optString(v, "state_reason", bad: bad),
                      labels: try labels(v["labels"], bad: bad), author: author, assignees: assignees,
                      createdAt: created, updatedAt: max(updated, created), closedAt: closed, commentCount: commentCount ?? 0,
                      reactions: reactions, comments: [], url: html.isEmpty ? defaultURL(source, number) : html,
                      commentCountKnown: commentCount != nil)
    }

    static func restComment(_ v: JSONValue, bad: (String) -> ImportError) throws -> (TicketKey, Comment) {
        guard let issueURL = try optString(v, "issue_url", bad: bad),
              let slash = issueURL.lastIndex(of: "/"), let number = Int(issueURL[issueURL.index(after: slash)...]),
              let repo = repository(fromURL: issueURL) else {
            throw bad("\"issue_url\" must be an issue's API URL like https://api.github.com/repos/OWNER/REPO/issues/12")
        }
        let created = try date(v, "created_at", required: true, bad: bad) ?? Date(timeIntervalSince1970: 0)
        let (author, bot) = login(v["user"])
        let comment = Comment(id: v["id"]?.int ?? 0, author: author, authorIsBot: bot,
                              association: v["author_association"]?.string ?? "",
                              createdAt: created, body: try optString(v, "body", bad: bad) ?? "",
                              reactions: v["reactions"]?["total_count"]?.int ?? 0)
        return (TicketKey(source: repo, number: number), comment)
    }

    static func ghCLIIssue(_ v: JSONValue, bad: (String) -> ImportError) throws -> Ticket {
        let number = try int(v, "number", bad: bad)
        guard number > 0 else { throw bad("\"number\" must be a positive integer, found \(number)") }
        guard let title = try optString(v, "title", bad: bad) else { throw bad("missing \"title\" (expected a string)") }
        let created = try date(v, "createdAt", required: true, bad: bad) ?? Date(timeIntervalSince1970: 0)
        let updated = try date(v, "updatedAt", required: false, bad: bad) ?? created
        let closed = try date(v, "closedAt", required: false, bad: bad)
        let url = try optString(v, "url", bad: bad) ?? ""
        let source = repository(fromURL: url) ?? "local"
        let (author, _) = login(v["author"])
        var comments: [Comment] = []
        var commentCount: Int?
        if let c = v["comments"] {
            if let arr = c.array {
                for (i, cv) in arr.enumerated() {
                    guard let when = try date(cv, "createdAt", required: false, bad: { bad("comment \(i + 1): " + $0) }) else { continue }
                    let (who, bot) = login(cv["author"])
                    comments.append(Comment(id: 0, author: who, authorIsBot: bot,
                                            association: cv["authorAssociation"]?.string ?? "",
                                            createdAt: when, body: cv["body"]?.string ?? "",
                                            reactions: reactionGroups(cv["reactionGroups"])))
                }
                commentCount = arr.count
            } else if let n = c.int {
                commentCount = n
            } else if let n = c["totalCount"]?.int {
                commentCount = n
            }
        }
        let assignees = (v["assignees"]?.array ?? []).compactMap { $0["login"]?.string }
        return Ticket(source: source, number: number, title: title, body: try optString(v, "body", bad: bad) ?? "",
                      state: state(try optString(v, "state", bad: bad), closedAt: closed),
                      stateReason: (try optString(v, "stateReason", bad: bad)).map { $0.lowercased() }.flatMap { $0.isEmpty ? nil : $0 },
                      labels: try labels(v["labels"], bad: bad), author: author, assignees: assignees,
                      createdAt: created, updatedAt: max(updated, created), closedAt: closed, commentCount: commentCount ?? 0,
                      reactions: reactionGroups(v["reactionGroups"]), comments: comments,
                      url: url.isEmpty ? defaultURL(source, number) : url, commentCountKnown: commentCount != nil)
    }

    private static func reactionGroups(_ v: JSONValue?) -> Int {
        (v?.array ?? []).reduce(0) { $0 + ($1["users"]?["totalCount"]?.int ?? 0) }
    }

    private static func defaultURL(_ source: String, _ number: Int) -> String {
        source.contains("/") && source != "local" ? "https://github.com/\(source)/issues/\(number)" : ""
    }
}

/// GitHub's REST API export (`gh api --paginate repos/OWNER/REPO/issues`,
/// and the issue comments endpoint): snake_case keys, `user` objects.
public enum GitHubRESTImporter: TicketImporter {
    public static let formatName = "GitHub REST API JSON"

    /// Any JSON array or object that is not the gh CLI's: the REST shape is
    /// the one a hand-made or unknown JSON export is read as.
    public static func accepts(_ data: Data) -> Bool {
        GitHubImporter.dialect(of: data) == .rest
    }

    public static func parse(_ data: Data, path: String) throws -> ImportBatch {
        try GitHubImporter.parse(data, path: path)
    }
}

/// The gh CLI's `gh issue list --json ...`: camelCase keys, `author` objects.
public enum GitHubCLIImporter: TicketImporter {
    public static let formatName = "gh issue list JSON"

    public static func accepts(_ data: Data) -> Bool {
        GitHubImporter.dialect(of: data) == .ghCLI
    }

    /// The same reader as the REST format's: it tells the two shapes apart
    /// item by item, so a file holding both still imports whole.
    public static func parse(_ data: Data, path: String) throws -> ImportBatch {
        try GitHubImporter.parse(data, path: path)
    }
}

extension GitHubImporter {
    enum Dialect { case rest, ghCLI }

    /// Which of GitHub's shapes `data` starts with: nil when it does not
    /// start with a JSON array or object; `.ghCLI` when the first issue key
    /// in its first 64 KiB is one only `gh issue list` writes (`createdAt`,
    /// `author`), else `.rest`. A look, not a parse: a string value holds
    /// its quotes escaped, so a key's quote is never after a backslash.
    static func dialect(of data: Data) -> Dialect? {
        data.withUnsafeBytes { raw -> Dialect? in
            let b = raw.bindMemory(to: UInt8.self)
            var i = 0
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
            guard i < b.count, b[i] == UInt8(ascii: "[") || b[i] == UInt8(ascii: "{") else { return nil }
            let end = min(b.count, i + 65536)
            while i < end {
                if b[i] == UInt8(ascii: "\"") && (i == 0 || b[i - 1] != UInt8(ascii: "\\")) {
                    for (key, dialect) in dialectKeys where i + key.count <= end && b[i..<(i + key.count)].elementsEqual(key) {
                        var j = i + key.count
                        while j < end, b[j] == 0x20 { j += 1 }
                        if j < end, b[j] == UInt8(ascii: ":") { return dialect }
                    }
                }
                i += 1
            }
            return .rest
        }
    }

    private static let dialectKeys: [([UInt8], Dialect)] = [
        ("\"created_at\"", Dialect.rest), ("\"user\"", .rest), ("\"issue_url\"", .rest),
        ("\"createdAt\"", .ghCLI), ("\"author\"", .ghCLI),
    ].map { (key: String, dialect: Dialect) in (Array(key.utf8), dialect) }
}
