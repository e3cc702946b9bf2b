import DocketJSON
import DocketModel
import Foundation

/// Serialises what people added: `annotations.json` (a snapshot) and the
/// lines of `journal.jsonl` (edits made since the snapshot).
///
/// Every journal operation is a "set" (tag X, untag X, triage = done): the
/// final state of each field depends only on the last edit that touched it.
/// Replaying a journal over a snapshot that already contains some of its
/// edits is therefore harmless, which makes compaction crash-safe.
enum AnnotationCodec {
    static let schema = 1
    static let kind = "docket-annotations"

    static func encodeSnapshot(_ annotations: [TicketKey: TicketAnnotation], curation: Curation = Curation()) -> [UInt8] {
        var w = JSONWriter()
        w.raw("{\"schema\":\(schema),\"kind\":\"\(kind)\",\"tickets\":[\n")
        var first = true
        for key in annotations.keys.sorted() {
            guard let a = annotations[key], !a.isEmpty else { continue }
            if !first { w.raw(",\n") }
            first = false
            w.raw("{"); w.key("ticket"); w.string(key.description)
            w.comma(); w.key("themes"); w.raw("[")
            for (i, t) in a.themes.enumerated() { if i > 0 { w.comma() }; w.string(t) }
            w.raw("]")
            w.comma(); w.key("triage"); w.string(a.triage.rawValue)
            w.comma(); w.key("note"); w.string(a.note)
            w.raw("}")
        }
        w.raw("\n]")
        CurationCodec.encodeSections(curation, into: &w)
        if !curation.clusters.isEmpty { ClusterCodec.encodeCuration(curation.clusters, into: &w) }
        w.raw("}\n")
        return w.bytes
    }

    static func decodeSnapshot(_ data: Data, path: String) throws -> (annotations: [TicketKey: TicketAnnotation], curation: Curation) {
        let value = try StrictJSON.document(data, path: path)
        guard let s = value["schema"]?.int else { throw StoreError.corrupt(file: path, detail: "no schema version") }
        if s > schema { throw StoreError.newerSchema(file: path, found: s, supported: schema) }
        // Docket writes these keys and no other: an unknown or missing one
        // is damage, and reading past it would drop people's work at the
        // next compaction.
        try StrictJSON.keys(of: value, in: ["schema", "kind", "tickets", "themes", "recommendations", "clusters"], "the top level", path)
        guard value["kind"]?.string == kind else { throw StoreError.corrupt(file: path, detail: "kind is not \"\(kind)\"") }
        guard let entries = value["tickets"]?.array else { throw StoreError.corrupt(file: path, detail: "no \"tickets\" array") }
        var out: [TicketKey: TicketAnnotation] = [:]
        for (i, item) in entries.enumerated() {
            try StrictJSON.keys(of: item, in: ["ticket", "themes", "triage", "note"], "entry \(i + 1)", path)
            guard let k = item["ticket"]?.string.flatMap(TicketKey.init) else {
                throw StoreError.corrupt(file: path, detail: "entry \(i + 1) has no valid \"ticket\"")
            }
            guard let themes = try StrictJSON.strings(item["themes"], "the themes of entry \(i + 1)", path),
                  let triage = item["triage"]?.string.flatMap(TriageStatus.init(rawValue:)), let note = item["note"]?.string else {
                throw StoreError.corrupt(file: path, detail: "entry \(i + 1) (\(k)) lacks its themes, triage or note")
            }
            out[k] = TicketAnnotation(themes: themes, triage: triage, note: note)
        }
        var curation = try CurationCodec.decodeSections(value, path: path)
        if let clusters = value["clusters"] {
            try StrictJSON.keys(of: clusters, in: ["titles", "summaries", "assignments", "mergedInto", "created", "hidden", "pinned"],
                                "the cluster edits", path)
        }
        curation.clusters = ClusterCodec.decodeCuration(value["clusters"])
        return (out, curation)
    }

    /// One journal line (with its newline).
    static func encodeEdit(_ edit: Edit, at date: Date) -> [UInt8] {
        var w = JSONWriter(capacity: 128)
        w.raw("{"); w.key("at"); w.string(Timestamp.format(date))
        switch edit {
        case let .tag(k, theme):
            w.comma(); w.key("op"); w.string("tag"); w.comma(); w.key("ticket"); w.string(k.description)
            w.comma(); w.key("theme"); w.string(theme)
        case let .untag(k, theme):
            w.comma(); w.key("op"); w.string("untag"); w.comma(); w.key("ticket"); w.string(k.description)
            w.comma(); w.key("theme"); w.string(theme)
        case let .setTriage(k, status):
            w.comma(); w.key("op"); w.string("triage"); w.comma(); w.key("ticket"); w.string(k.description)
            w.comma(); w.key("status"); w.string(status.rawValue)
        case let .setNote(k, note):
            w.comma(); w.key("op"); w.string("note"); w.comma(); w.key("ticket"); w.string(k.description)
            w.comma(); w.key("text"); w.string(note)
        case let .cluster(e):
            ClusterCodec.encodeEdit(e, into: &w)
        default:
            _ = CurationCodec.encodeEdit(edit, into: &w)
        }
        w.raw("}\n")
        return w.bytes
    }

    /// Decodes the journal. A final line without its newline is a write that
    /// was cut off by a crash before it was acknowledged: it is ignored.
    /// An unreadable complete line is damage, reported with its line number.
    static func decodeJournal(_ data: Data, path: String) throws -> [Edit] {
        var edits: [Edit] = []
        // The last piece is empty after a final newline, or a torn line
        // without one: either way it is not a complete edit. A torn line is
        // the start of an edit (`{`), or zeros after complete lines where a
        // power loss left the block of the last append unwritten; anything
        // else there (a file of zeros, other bytes) is damage, not an edit
        // to drop quietly.
        let pieces = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        if let tail = pieces.last, let first = tail.first, first != UInt8(ascii: "{"),
           !(pieces.count > 1 && tail.count <= 4096 && tail.allSatisfy { $0 == 0 }) {
            throw StoreError.corrupt(file: path, detail: "it ends in \(tail.count) bytes that are not an edit cut short"
                                     + (tail.allSatisfy { $0 == 0 } ? " (zeros)" : ""))
        }
        let lines = pieces.dropLast()
        for (i, line) in lines.enumerated() where !line.isEmpty {
            let value: JSONValue
            do {
                value = try line.withUnsafeBytes { raw in
                    var r = JSONReader(raw.bindMemory(to: UInt8.self))
                    r.strictUTF8 = true
                    return try r.parseDocument()
                }
            } catch {
                throw StoreError.corrupt(file: path, detail: "line \(i + 1) is not valid JSON")
            }
            guard let edit = decodeEdit(value) else {
                throw StoreError.corrupt(file: path, detail: "line \(i + 1) is not a known edit")
            }
            edits.append(edit)
        }
        return edits
    }

    static func decodeEdit(_ v: JSONValue) -> Edit? {
        guard let op = v["op"]?.string else { return nil }
        if op.hasPrefix("cluster-") { return ClusterCodec.decodeEdit(v).map(Edit.cluster) }
        if let e = CurationCodec.decodeEdit(op: op, v) { return e }
        guard let k = v["ticket"]?.string.flatMap(TicketKey.init) else { return nil }
        switch op {
        case "tag": return v["theme"]?.string.map { .tag(k, theme: $0) }
        case "untag": return v["theme"]?.string.map { .untag(k, theme: $0) }
        case "triage": return v["status"]?.string.flatMap(TriageStatus.init(rawValue:)).map { .setTriage(k, $0) }
        case "note": return v["text"]?.string.map { .setNote(k, $0) }
        default: return nil
        }
    }
}

/// Checks for the store's own JSON files, which Docket alone writes: what
/// does not fit is damage, reported with the file and the place.
enum StrictJSON {
    /// A whole store file as one JSON document: strict UTF-8, nothing after
    /// the value; a syntax error is damage naming the file and the place.
    static func document(_ data: Data, path: String) throws -> JSONValue {
        do {
            return try data.withUnsafeBytes { raw in
                var r = JSONReader(raw.bindMemory(to: UInt8.self))
                r.strictUTF8 = true
                return try r.parseDocument()
            }
        } catch let e as JSONSyntaxError {
            throw StoreError.corrupt(file: path, detail: "\(e.message) at \(e.position)")
        }
    }

    /// Throws unless `v` is an object whose keys are all in `allowed`.
    static func keys(of v: JSONValue, in allowed: Set<String>, _ what: String, _ path: String) throws {
        guard let keys = v.keys else { throw StoreError.corrupt(file: path, detail: "\(what) is \(v.kindName), not an object") }
        if let k = keys.first(where: { !allowed.contains($0) }) {
            throw StoreError.corrupt(file: path, detail: "unknown key \"\(TextSanitizer.singleLine(k))\" in \(what)")
        }
    }

    /// The strings of an array (nil when `v` is missing); throws when `v` is
    /// not an array of strings.
    static func strings(_ v: JSONValue?, _ what: String, _ path: String) throws -> [String]? {
        guard let v else { return nil }
        guard let a = v.array else { throw StoreError.corrupt(file: path, detail: "\(what) is \(v.kindName), not a list") }
        return try a.map { x in
            guard let s = x.string else { throw StoreError.corrupt(file: path, detail: "\(what) holds \(x.kindName), not a string") }
            return s
        }
    }
}
