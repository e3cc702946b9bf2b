import DocketJSON
import DocketModel
import Foundation

/// `fetch.json`: where the last `docket fetch` of each repository stopped
/// (`FetchCursor`), by API and repository. Written atomically after the
/// fetched tickets are in the corpus, so a fetch killed before that leaves
/// the old cursor, and the next fetch asks again for what it lost.
extension Store {
    static let fetchKind = "docket-fetch"

    var fetchPath: String { directory + "/fetch.json" }

    /// The cursor of `repo` at `api`; an empty one before the first fetch.
    public func fetchCursor(api: String, repo: String) throws -> FetchCursor {
        try withLock(.shared) { try readCursors()[Self.cursorKey(api, repo)] ?? FetchCursor() }
    }

    /// Records the cursor of `repo` at `api`, keeping the others.
    public func saveFetchCursor(_ cursor: FetchCursor, api: String, repo: String) throws {
        try withLock(.exclusive) {
            var all = try readCursors()
            all[Self.cursorKey(api, repo)] = cursor
            var w = JSONWriter()
            w.raw("{\"schema\":1,\"kind\":\"\(Self.fetchKind)\",\"repositories\":[")
            for (i, key) in all.keys.sorted().enumerated() {
                guard let c = all[key] else { continue }
                let (a, r) = Self.splitKey(key)
                w.raw(i == 0 ? "\n{" : ",\n{")
                w.key("api"); w.string(a)
                w.comma(); w.key("repo"); w.string(r)
                w.comma(); w.key("since"); if let s = c.since { w.timestamp(s) } else { w.null() }
                w.comma(); w.key("etag"); if let e = c.etag { w.string(e) } else { w.null() }
                if c.resuming { w.comma(); w.key("resume_comments_since"); if let t = c.commentsSince { w.timestamp(t) } else { w.null() } }
                w.raw("}")
            }
            w.raw("\n]}\n")
            do {
                try Platform.writeAtomically(w.bytes, to: fetchPath)
            } catch {
                throw StoreError.io("cannot write \(fetchPath): \(error); the tickets were imported, the next fetch asks for them again")
            }
        }
    }

    private static func cursorKey(_ api: String, _ repo: String) -> String { api + "\u{0}" + repo }

    private static func splitKey(_ key: String) -> (String, String) {
        let parts = key.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false)
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
    }

    private func readCursors() throws -> [String: FetchCursor] {
        guard Platform.exists(fetchPath) else { return [:] }
        return try Self.decodeCursors(try Self.read(fetchPath), path: fetchPath)
    }

    /// The cursors of `fetch.json`; throws `StoreError` naming the file.
    static func decodeCursors(_ data: Data, path: String) throws -> [String: FetchCursor] {
        let value = try StrictJSON.document(data, path: path)
        try StrictJSON.keys(of: value, in: ["schema", "kind", "repositories"], "the top level", path)
        guard let s = value["schema"]?.int else { throw StoreError.corrupt(file: path, detail: "no schema version") }
        if s > 1 { throw StoreError.newerSchema(file: path, found: s, supported: 1) }
        guard value["kind"]?.string == Self.fetchKind, let list = value["repositories"]?.array else {
            throw StoreError.corrupt(file: path, detail: "not a list of fetch cursors")
        }
        var out: [String: FetchCursor] = [:]
        for (i, item) in list.enumerated() {
            try StrictJSON.keys(of: item, in: ["api", "repo", "since", "etag", "resume_comments_since"], "entry \(i + 1)", path)
            guard let api = item["api"]?.string, let repo = item["repo"]?.string else {
                throw StoreError.corrupt(file: path, detail: "entry \(i + 1) lacks its api or repo")
            }
            let since = item["since"]?.string.flatMap(Timestamp.parse)
            let resume = item["resume_comments_since"]
            out[Self.cursorKey(api, repo)] = FetchCursor(since: since, etag: item["etag"]?.string, resuming: resume != nil,
                                                         commentsSince: resume?.string.flatMap(Timestamp.parse))
        }
        return out
    }
}
