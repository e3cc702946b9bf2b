import Foundation

/// Serialises the imported corpus as `corpus.json`:
/// `{"schema":1,"kind":"docket-corpus","tickets":[` one ticket per line `]}`.
/// Keys are written in a fixed order and tickets sorted by key, so the same
/// tickets always give the same bytes.
enum CorpusCodec {
    static let schema = 1
    static let kind = "docket-corpus"

    static func encode(_ tickets: [Ticket]) -> [UInt8] {
        var w = JSONWriter(capacity: tickets.reduce(256) { $0 + $1.body.utf8.count + 600 })
        w.raw("{\"schema\":\(schema),\"kind\":\"\(kind)\",\"tickets\":[\n")
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
        w.comma(); w.key("comment_count"); w.int(t.commentCount)
        w.comma(); w.key("reactions"); w.int(t.reactions)
        w.comma(); w.key("reopen_count"); w.int(t.reopenCount)
        w.comma(); w.key("url"); w.string(t.url)
        w.comma(); w.key("body"); w.string(t.body)
        w.comma(); w.key("comments"); w.raw("[")
        for (i, c) in t.comments.enumerated() {
            if i > 0 { w.comma() }
            w.raw("{"); w.key("id"); w.int(c.id)
            w.comma(); w.key("author"); w.string(c.author)
            w.comma(); w.key("bot"); w.bool(c.authorIsBot)
            w.comma(); w.key("association"); w.string(c.association)
            w.comma(); w.key("created_at"); w.timestamp(c.createdAt)
            w.comma(); w.key("reactions"); w.int(c.reactions)
            w.comma(); w.key("body"); w.string(c.body)
            w.raw("}")
        }
        w.raw("]}")
    }

    private static func stringArray(_ a: [String], _ w: inout JSONWriter) {
        w.raw("[")
        for (i, s) in a.enumerated() { if i > 0 { w.comma() }; w.string(s) }
        w.raw("]")
    }

    /// Decodes `corpus.json`. Throws `StoreError` naming the file and place.
    static func decode(_ data: Data, path: String) throws -> [Ticket] {
        try data.withUnsafeBytes { raw -> [Ticket] in
            var r = JSONReader(raw.bindMemory(to: UInt8.self))
            var tickets: [Ticket] = []
            do {
                try r.expect(UInt8(ascii: "{"), "'{' at the start of the corpus")
                var first = true
                while !r.consume(UInt8(ascii: "}")) {
                    if !first { try r.expect(UInt8(ascii: ","), "',' between keys") }
                    first = false
                    let key = try r.parseKey()
                    switch key {
                    case "schema":
                        let v = try r.parseValue()
                        guard let s = v.int else { throw StoreError.corrupt(file: path, detail: "schema is not a number") }
                        if s > schema { throw StoreError.newerSchema(file: path, found: s, supported: schema) }
                    case "tickets":
                        try r.forEachElement { v, i, _ in
                            guard let t = ticket(v) else {
                                throw StoreError.corrupt(file: path, detail: "ticket \(i + 1) is malformed")
                            }
                            tickets.append(t)
                        }
                    default:
                        _ = try r.parseValue()
                    }
                }
            } catch let e as JSONSyntaxError {
                throw StoreError.corrupt(file: path, detail: "\(e.message) at \(e.position)")
            }
            return tickets
        }
    }

    static func ticket(_ v: JSONValue) -> Ticket? {
        guard let source = v["source"]?.string, let number = v["number"]?.int, let title = v["title"]?.string,
              let created = v["created_at"]?.string.flatMap(Timestamp.parse),
              let updated = v["updated_at"]?.string.flatMap(Timestamp.parse) else { return nil }
        let comments: [Comment] = (v["comments"]?.array ?? []).compactMap { c in
            guard let at = c["created_at"]?.string.flatMap(Timestamp.parse) else { return nil }
            return Comment(id: c["id"]?.int ?? 0, author: c["author"]?.string ?? "", authorIsBot: c["bot"]?.bool ?? false,
                           association: c["association"]?.string ?? "", createdAt: at, body: c["body"]?.string ?? "",
                           reactions: c["reactions"]?.int ?? 0)
        }
        return Ticket(source: source, number: number, title: title, body: v["body"]?.string ?? "",
                      state: TicketState(rawValue: v["state"]?.string ?? "open") ?? .open,
                      stateReason: v["state_reason"]?.string, labels: (v["labels"]?.array ?? []).compactMap(\.string),
                      author: v["author"]?.string ?? "", assignees: (v["assignees"]?.array ?? []).compactMap(\.string),
                      createdAt: created, updatedAt: updated, closedAt: v["closed_at"]?.string.flatMap(Timestamp.parse),
                      commentCount: v["comment_count"]?.int ?? comments.count, reactions: v["reactions"]?.int ?? 0,
                      comments: comments, url: v["url"]?.string ?? "", reopenCount: v["reopen_count"]?.int ?? 0)
    }
}
