import DocketJSON
import DocketModel
import Foundation

/// Serialises the imported corpus as `corpus.json`:
/// `{"schema":2,"kind":"docket-corpus","segments_through":N,"tickets":[` one
/// ticket per line `]}`, and each import's changes as a segment file
/// `corpus-NNNNNN.json` of the same shape (kind `docket-corpus-segment`):
/// see `Store` for how they combine. Keys are written in a fixed order and
/// tickets sorted by key, so the same tickets always give the same bytes.
///
/// Schema 2 added segments: a schema-1 binary refuses the store rather than
/// read the base without its segments. Schema-1 files read as before.
enum CorpusCodec {
    static let schema = 2
    static let kind = "docket-corpus"
    static let segmentKind = "docket-corpus-segment"

    /// The base corpus (`segmentsThrough`: the last segment folded into it)
    /// or, with `segment`, the segment file of that number.
    static func encode(_ tickets: [Ticket], segmentsThrough: Int = 0, segment: Int? = nil) -> [UInt8] {
        var w = JSONWriter(capacity: tickets.reduce(256) { $0 + $1.bodyText.byteCount + 600 })
        if let segment {
            w.raw("{\"schema\":\(schema),\"kind\":\"\(segmentKind)\",\"segment\":\(segment),\"tickets\":[\n")
        } else {
            w.raw("{\"schema\":\(schema),\"kind\":\"\(kind)\",\"segments_through\":\(segmentsThrough),\"tickets\":[\n")
        }
        for (i, t) in tickets.enumerated() {
            if i > 0 { w.raw(",\n") }
            encode(t, into: &w)
        }
        w.raw("\n]}\n")
        return w.bytes
    }

    static func encode(_ t: Ticket, into w: inout JSONWriter) {
        w.raw("{"); w.key("source"); w.string(t.source)
        w.comma(); w.key("number"); w.int(t.number)
        w.comma(); w.key("title"); w.string(t.title)
        w.comma(); w.key("state"); w.string(t.state.rawValue)
        w.comma(); w.key("state_reason"); if let r = t.stateReason { w.string(r) } else { w.null() }
        w.comma(); w.key("labels"); stringArray(t.labels, &w)
        w.comma(); w.key("author"); w.string(t.author)
        w.comma(); w.key("assignees"); stringArray(t.assignees, &w)
        w.comma(); w.key("created_at"); w.timestamp(t.createdAt)
        w.comma(); w.key("updated_at"); w.timestamp(t.updatedAt)
        w.comma(); w.key("closed_at"); if let c = t.closedAt { w.timestamp(c) } else { w.null() }
        // null: the tracker gave no count (see `Ticket.commentCountKnown`).
        w.comma(); w.key("comment_count"); if t.commentCountKnown { w.int(t.commentCount) } else { w.null() }
        w.comma(); w.key("reactions"); w.int(t.reactions)
        w.comma(); w.key("reopen_count"); w.int(t.reopenCount)
        w.comma(); w.key("url"); w.string(t.url)
        w.comma(); w.key("body"); text(t.bodyText, &w)
        w.comma(); w.key("comments"); w.raw("[")
        for (i, c) in t.comments.enumerated() {
            if i > 0 { w.comma() }
            w.raw("{"); w.key("id"); w.int(c.id)
            w.comma(); w.key("author"); w.string(c.author)
            w.comma(); w.key("bot"); w.bool(c.authorIsBot)
            w.comma(); w.key("association"); w.string(c.association)
            w.comma(); w.key("created_at"); w.timestamp(c.createdAt)
            w.comma(); w.key("reactions"); w.int(c.reactions)
            w.comma(); w.key("body"); text(c.bodyText, &w)
            w.raw("}")
        }
        w.raw("]}")
    }

    /// A text still undecoded is copied as the literal it was read as (it
    /// came from a corpus file, so it is valid JSON), not decoded and
    /// escaped again: compacting a lazily loaded store reads no bodies.
    private static func text(_ t: LazyText, _ w: inout JSONWriter) {
        let copied: Void? = t.withUndecodedBytes { inner in
            w.raw("\""); w.raw(inner); w.raw("\"")
        }
        if copied == nil { w.string(t.value) }
    }

    private static func stringArray(_ a: [String], _ w: inout JSONWriter) {
        w.raw("[")
        for (i, s) in a.enumerated() { if i > 0 { w.comma() }; w.string(s) }
        w.raw("]")
    }

    /// Decodes `corpus.json`. Throws `StoreError` naming the file and place.
    /// With `lazyText`, bodies and comment bodies are not decoded: tickets
    /// keep where they lie in `data` and decode them when read (see
    /// `LazyText`), which takes most of the work out of loading.
    static func decode(_ data: Data, path: String, lazyText: Bool = false) throws -> [Ticket] {
        try decodeFile(data, path: path, lazyText: lazyText).tickets
    }

    /// A corpus or segment file: its tickets, the last segment folded into
    /// it (0 for a segment or a schema-1 corpus) and, for a segment, its number.
    struct File {
        var tickets: [Ticket] = []
        var segmentsThrough = 0
        var segment: Int?
    }

    static func decodeFile(_ data: Data, path: String, lazyText: Bool = false) throws -> File {
        let shared = CorpusBytes(data)
        return try data.withUnsafeBytes { raw -> File in
            var r = JSONReader(raw.bindMemory(to: UInt8.self))
            r.strictUTF8 = true
            var file = File()
            var tickets: [Ticket] = []
            // Docket writes every key below and no other: a key missing or
            // unknown is damage (one changed byte), never an empty corpus.
            var seenSchema = false, seenTickets = false
            do {
                try r.expect(UInt8(ascii: "{"), "'{' at the start of the corpus")
                var first = true
                while !r.consume(UInt8(ascii: "}")) {
                    if !first { try r.expect(UInt8(ascii: ","), "',' between keys") }
                    first = false
                    let key = try r.parseKey()
                    if key == "tickets" { seenTickets = true }
                    switch key {
                    case "schema":
                        let v = try r.parseValue()
                        guard let s = v.int else { throw StoreError.corrupt(file: path, detail: "schema is not a number") }
                        if s > schema { throw StoreError.newerSchema(file: path, found: s, supported: schema) }
                        seenSchema = true
                    case "kind":
                        let v = try r.parseValue()
                        guard v.string == kind || v.string == segmentKind else {
                            throw StoreError.corrupt(file: path, detail: "kind is \(v.string.map { "\"\(TextSanitizer.singleLine($0))\"" } ?? v.kindName), not a Docket corpus")
                        }
                    case "segments_through", "segment":
                        let v = try r.parseValue()
                        guard let n = v.int, n >= 0 else {
                            throw StoreError.corrupt(file: path, detail: "\(key) is not a segment number")
                        }
                        if key == "segment" { file.segment = n } else { file.segmentsThrough = n }
                    case "tickets" where lazyText:
                        let bytes = raw.bindMemory(to: UInt8.self)
                        let end: Int
                        (tickets, end) = try lazyTickets(bytes, from: r.index, shared, path: path)
                        r.move(to: end)
                    case "tickets":
                        try r.forEachElement { v, i, _ in
                            guard let t = ticket(v) else {
                                throw StoreError.corrupt(file: path, detail: "ticket \(i + 1) is malformed")
                            }
                            tickets.append(t)
                        }
                    default:
                        throw StoreError.corrupt(file: path, detail: "unknown key \"\(TextSanitizer.singleLine(key))\" at the top level")
                    }
                }
            } catch let e as JSONSyntaxError {
                throw StoreError.corrupt(file: path, detail: "\(e.message) at \(e.position)")
            }
            guard seenSchema else { throw StoreError.corrupt(file: path, detail: "no \"schema\" key") }
            guard seenTickets else { throw StoreError.corrupt(file: path, detail: "no \"tickets\" array") }
            guard r.atEnd() else { throw StoreError.corrupt(file: path, detail: "bytes after the end of the corpus") }
            file.tickets = tickets
            return file
        }
    }

    /// Reads the tickets array starting at `offset` (at or before its `[`)
    /// and returns them with the offset just past its `]`. The corpus is
    /// written one ticket per line, so it is cut at line starts into a part
    /// per core, read in parallel; anything unexpected falls back to one part.
    static func lazyTickets(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int, _ shared: CorpusBytes,
                            path: String) throws -> ([Ticket], Int) {
        var r = JSONReader(bytes, at: offset)
        r.strictUTF8 = true
        try r.expect(UInt8(ascii: "["), "'[' before the tickets")
        let start = r.index
        let parts = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
        // Part k starts at the `{` of a line; the line before ends with `,`.
        var starts = [start]
        if let base = bytes.baseAddress {
            for k in 1..<parts {
                var nl = start + (bytes.count - start) * k / parts
                while nl < bytes.count, let hit = memchr(base + nl, 0x0A, bytes.count - nl) {
                    nl = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if nl + 1 < bytes.count, bytes[nl + 1] == UInt8(ascii: "{") { break }
                    nl += 1
                }
                guard nl + 1 < bytes.count, nl > starts[starts.count - 1], bytes[nl + 1] == UInt8(ascii: "{"),
                      bytes[nl - 1] == UInt8(ascii: ",") else { break }
                starts.append(nl + 1)
            }
        }
        let count = starts.count
        var results = [Result<([Ticket], Int), Error>](repeating: .success(([], 0)), count: count)
        nonisolated(unsafe) let input = bytes
        let bounds = starts
        results.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let slots = out
            DispatchQueue.concurrentPerform(iterations: count) { k in
                let limit = k + 1 < count ? bounds[k + 1] : Int.max
                slots[k] = Result { try lazyPart(input, from: bounds[k], until: limit, shared, path: path) }
            }
        }
        var tickets: [Ticket] = []
        tickets.reserveCapacity(results.reduce(0) { $0 + ((try? $1.get().0.count) ?? 0) })
        var end = start
        for result in results {
            let (part, e) = try result.get()
            tickets.append(contentsOf: part)
            end = e
        }
        return (tickets, end)
    }

    /// Tickets from `offset` up to `limit` (the start of the next part), or
    /// to the array's `]` in the last part; returns them and where it stopped.
    static func lazyPart(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int, until limit: Int, _ shared: CorpusBytes,
                         path: String) throws -> ([Ticket], Int) {
        var r = JSONReader(bytes, at: offset)
        r.strictUTF8 = true
        var tickets: [Ticket] = []
        tickets.reserveCapacity(max(16, (min(limit, bytes.count) - offset) / 2_000))
        do {
            if r.consume(UInt8(ascii: "]")) { return ([], r.index) }
            while true {
                let at = r.index
                guard let t = try lazyTicket(&r, shared) else {
                    throw StoreError.corrupt(file: path, detail: "the ticket at byte \(at) is malformed")
                }
                tickets.append(t)
                if r.consume(UInt8(ascii: "]")) { return (tickets, r.index) }
                try r.expect(UInt8(ascii: ","), "',' between tickets")
                if r.peek() == nil || r.index >= limit { return (tickets, r.index) }
            }
        } catch let e as JSONSyntaxError {
            throw StoreError.corrupt(file: path, detail: "\(e.message) at \(e.position)")
        }
    }

    /// Reads one ticket object, leaving its body and comment bodies as
    /// ranges of `bytes`. Fields go straight into the ticket, without a
    /// `JSONValue` tree: loading is the browser's first-frame cost.
    static func lazyTicket(_ r: inout JSONReader, _ bytes: CorpusBytes) throws -> Ticket? {
        var source: String?, number: Int?, title: String?, created: Date?, updated: Date?
        var t = Ticket(source: "", number: 0, title: "", createdAt: Date(timeIntervalSince1970: 0))
        var commentCount: Int?
        try r.expect(UInt8(ascii: "{"), "'{' at the start of a ticket")
        var first = true
        while !r.consume(UInt8(ascii: "}")) {
            if !first { try r.expect(UInt8(ascii: ","), "',' between keys") }
            first = false
            // An unknown field is damage: dropping it would lose it at the next rewrite.
            guard let k = try r.parseKey(in: TicketField.keys) else { return nil }
            let key = TicketField.allCases[k]
            if key == .body, r.peek() == UInt8(ascii: "\"") {
                t.bodyText = LazyText(encoded: try r.skipStringLiteral(), in: bytes)
                continue
            }
            if key == .comments, r.peek() == UInt8(ascii: "[") {
                guard let comments = try lazyComments(&r, bytes) else { return nil }
                t.comments = comments
                continue
            }
            let v = try r.parseValue()
            switch key {
            case .source: source = v.string
            case .number: number = v.int
            case .title: title = v.string
            case .state: t.state = TicketState(rawValue: v.string ?? "open") ?? .open
            case .stateReason: t.stateReason = v.string
            case .labels: t.labels = (v.array ?? []).compactMap(\.string)
            case .author: t.author = v.string ?? ""
            case .assignees: t.assignees = (v.array ?? []).compactMap(\.string)
            case .createdAt: created = v.string.flatMap(Timestamp.parse)
            case .updatedAt: updated = v.string.flatMap(Timestamp.parse)
            case .closedAt: t.closedAt = v.string.flatMap(Timestamp.parse)
            case .commentCount:
                commentCount = v.int
                t.commentCountKnown = !v.isNull
            case .reactions: t.reactions = v.int ?? 0
            case .reopenCount: t.reopenCount = v.int ?? 0
            case .url: t.url = v.string ?? ""
            case .body: t.body = v.string ?? ""
            case .comments:
                guard let comments = commentList(v) else { return nil }
                t.comments = comments
            }
        }
        guard let source, let number, let title, let created, let updated else { return nil }
        t.source = source
        t.number = number
        t.title = title
        t.createdAt = created
        t.updatedAt = updated
        t.commentCount = commentCount ?? t.comments.count
        return t
    }

    /// The keys the store writes, matched as bytes while loading.
    enum TicketField: String, CaseIterable {
        case source, number, title, state, stateReason = "state_reason", labels, author, assignees
        case createdAt = "created_at", updatedAt = "updated_at", closedAt = "closed_at", commentCount = "comment_count"
        case reactions, reopenCount = "reopen_count", url, body, comments
        static let keys = allCases.map { Array($0.rawValue.utf8) }
        static let names = Set(allCases.map(\.rawValue))
    }

    enum CommentField: String, CaseIterable {
        case id, author, bot, association, createdAt = "created_at", reactions, body
        static let keys = allCases.map { Array($0.rawValue.utf8) }
        static let names = Set(allCases.map(\.rawValue))
    }

    /// The comments, or nil when one is malformed (an unknown field, no date).
    static func lazyComments(_ r: inout JSONReader, _ bytes: CorpusBytes) throws -> [Comment]? {
        var comments: [Comment] = []
        try r.expect(UInt8(ascii: "["), "'['")
        var n = 0
        while !r.consume(UInt8(ascii: "]")) {
            n += 1
            if n > 1 { try r.expect(UInt8(ascii: ","), "',' between comments") }
            var c = Comment(author: "", createdAt: Date(timeIntervalSince1970: 0), body: "")
            var created: Date?
            try r.expect(UInt8(ascii: "{"), "'{' at the start of a comment")
            var first = true
            while !r.consume(UInt8(ascii: "}")) {
                if !first { try r.expect(UInt8(ascii: ","), "',' between keys") }
                first = false
                guard let k = try r.parseKey(in: CommentField.keys) else { return nil }
                let key = CommentField.allCases[k]
                if key == .body, r.peek() == UInt8(ascii: "\"") {
                    c.bodyText = LazyText(encoded: try r.skipStringLiteral(), in: bytes)
                    continue
                }
                let v = try r.parseValue()
                switch key {
                case .id: c.id = v.int ?? 0
                case .author: c.author = v.string ?? ""
                case .bot: c.authorIsBot = v.bool ?? false
                case .association: c.association = v.string ?? ""
                case .createdAt: created = v.string.flatMap(Timestamp.parse)
                case .reactions: c.reactions = v.int ?? 0
                case .body: c.body = v.string ?? ""
                }
            }
            // Docket writes every comment with its date.
            guard let created else { return nil }
            c.createdAt = created
            comments.append(c)
        }
        return comments
    }

    /// A comments array, nil when it is not one or a comment is malformed.
    static func commentList(_ v: JSONValue) -> [Comment]? {
        guard let a = v.array else { return v.isNull ? [] : nil }
        var out: [Comment] = []
        out.reserveCapacity(a.count)
        for c in a {
            guard let keys = c.keys, keys.allSatisfy(CommentField.names.contains), let parsed = comment(c) else { return nil }
            out.append(parsed)
        }
        return out
    }

    static func comment(_ c: JSONValue) -> Comment? {
        guard let at = c["created_at"]?.string.flatMap(Timestamp.parse) else { return nil }
        return Comment(id: c["id"]?.int ?? 0, author: c["author"]?.string ?? "", authorIsBot: c["bot"]?.bool ?? false,
                       association: c["association"]?.string ?? "", createdAt: at, body: c["body"]?.string ?? "",
                       reactions: c["reactions"]?.int ?? 0)
    }

    static func ticket(_ v: JSONValue, comments decoded: [Comment]? = nil) -> Ticket? {
        guard let keys = v.keys, keys.allSatisfy(TicketField.names.contains) else { return nil }
        guard let source = v["source"]?.string, let number = v["number"]?.int, let title = v["title"]?.string,
              let created = v["created_at"]?.string.flatMap(Timestamp.parse),
              let updated = v["updated_at"]?.string.flatMap(Timestamp.parse) else { return nil }
        guard let comments = decoded ?? v["comments"].map(commentList) ?? [] else { return nil }
        return Ticket(source: source, number: number, title: title, body: v["body"]?.string ?? "",
                      state: TicketState(rawValue: v["state"]?.string ?? "open") ?? .open,
                      stateReason: v["state_reason"]?.string, labels: (v["labels"]?.array ?? []).compactMap(\.string),
                      author: v["author"]?.string ?? "", assignees: (v["assignees"]?.array ?? []).compactMap(\.string),
                      createdAt: created, updatedAt: updated, closedAt: v["closed_at"]?.string.flatMap(Timestamp.parse),
                      commentCount: v["comment_count"]?.int ?? comments.count, reactions: v["reactions"]?.int ?? 0,
                      comments: comments, url: v["url"]?.string ?? "", reopenCount: v["reopen_count"]?.int ?? 0,
                      commentCountKnown: !(v["comment_count"]?.isNull ?? false))
    }
}
