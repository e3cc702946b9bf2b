import DocketJSON
import DocketModel
import Foundation

/// Serialises `clusters.json` (the last analysis) and the cluster edits in
/// the journal and in `annotations.json`.
///
/// `clusters.json` is derived data: `docket analyze` can always rebuild it,
/// but people's edits refer to its ids, so it is written atomically and a
/// damaged file is reported, never silently replaced.
enum ClusterCodec {
    static let schema = 1
    static let kind = "docket-clusters"

    // MARK: - clusters.json

    static func encode(_ s: ClusterSnapshot) -> [UInt8] {
        var w = JSONWriter()
        w.raw("{\"schema\":\(schema),\"kind\":\"\(kind)\",\n")
        w.key("analyzedAt"); w.timestamp(s.analyzedAt); w.raw(",\n")
        w.key("fullAnalysisSize"); w.int(s.fullAnalysisSize); w.raw(",\n")
        w.key("clusters"); w.raw("[\n")
        for (n, c) in s.clusters.enumerated() {
            if n > 0 { w.raw(",\n") }
            w.raw("{"); w.key("id"); w.string(c.id)
            w.comma(); w.key("title"); w.string(c.title)
            w.comma(); w.key("summary"); w.string(c.summary)
            w.comma(); w.key("keywords"); w.array(c.keywords) { $0.string($1) }
            w.comma(); w.key("members"); w.array(c.members) { $0.string($1.description) }
            w.comma(); w.key("centrality"); w.array(c.centrality) { $0.double(Double($1), decimals: 4) }
            w.comma(); w.key("related"); w.array(c.related) { $0.string($1.description) }
            w.comma(); w.key("facets"); w.array(c.facets) { w, f in
                w.raw("{"); w.key("field"); w.string(f.field); w.comma(); w.key("value"); w.string(f.value)
                w.comma(); w.key("count"); w.int(f.count); w.raw("}")
            }
            w.comma(); w.key("centroid"); w.array(c.centroid) { w, t in
                w.raw("["); w.string(t.0); w.comma(); w.double(Double(t.1), decimals: 4); w.raw("]")
            }
            w.raw("}")
        }
        w.raw("\n],\n")
        w.key("analyzed"); w.array(s.analyzed.sorted()) { $0.string($1.description) }; w.raw(",\n")
        w.key("model"); w.raw("{"); w.key("documentCount"); w.int(s.model.documentCount)
        w.comma(); w.key("boilerplate"); w.array(s.model.boilerplate) { $0.string($1) }
        if !s.model.fieldKeys.isEmpty { w.comma(); w.key("fieldKeys"); w.array(s.model.fieldKeys) { $0.string($1) } }
        w.comma(); w.key("terms"); w.array(s.model.terms) { $0.string($1) }
        w.comma(); w.key("documentFrequency"); w.array(s.model.documentFrequency) { $0.int(Int($1)) }
        w.raw("}}\n")
        return w.bytes
    }

    static func decode(_ data: Data, path: String) throws -> ClusterSnapshot {
        let v = try StrictJSON.document(data, path: path)
        guard let s = v["schema"]?.int else { throw StoreError.corrupt(file: path, detail: "no schema version") }
        if s > schema { throw StoreError.newerSchema(file: path, found: s, supported: schema) }
        func keys(_ x: JSONValue?, _ what: String) throws -> [TicketKey] {
            try (x?.array ?? []).map { item in
                guard let k = item.string.flatMap(TicketKey.init) else {
                    throw StoreError.corrupt(file: path, detail: "\(what): \(item.kindName) is not a ticket key")
                }
                return k
            }
        }
        var clusters: [Cluster] = []
        for (i, c) in (v["clusters"]?.array ?? []).enumerated() {
            guard let id = c["id"]?.string, !id.isEmpty else {
                throw StoreError.corrupt(file: path, detail: "cluster \(i + 1) has no id")
            }
            let members = try keys(c["members"], "members of \(id)")
            var centrality = (c["centrality"]?.array ?? []).map { Float($0.double ?? 0) }
            if centrality.count != members.count { centrality = members.map { _ in 0 } }
            let facets = (c["facets"]?.array ?? []).compactMap { f -> FacetCount? in
                guard let field = f["field"]?.string, let value = f["value"]?.string, let n = f["count"]?.int else { return nil }
                return FacetCount(field: field, value: value, count: n)
            }
            let centroid = (c["centroid"]?.array ?? []).compactMap { t -> (String, Float)? in
                guard let pair = t.array, pair.count == 2, let term = pair[0].string, let w = pair[1].double else { return nil }
                return (term, Float(w))
            }
            clusters.append(Cluster(id: id, title: c["title"]?.string ?? "", summary: c["summary"]?.string ?? "",
                                    keywords: (c["keywords"]?.array ?? []).compactMap(\.string), members: members,
                                    centrality: centrality, related: try keys(c["related"], "related of \(id)"),
                                    facets: facets, centroid: centroid))
        }
        let m = v["model"]
        let terms = (m?["terms"]?.array ?? []).compactMap(\.string)
        var df = (m?["documentFrequency"]?.array ?? []).map { Int32($0.int ?? 0) }
        if df.count != terms.count { df = [] }
        let model = ClusterSnapshot.Model(terms: df.isEmpty ? [] : terms, documentFrequency: df,
                                          documentCount: m?["documentCount"]?.int ?? 0,
                                          boilerplate: (m?["boilerplate"]?.array ?? []).compactMap(\.string),
                                          fieldKeys: (m?["fieldKeys"]?.array ?? []).compactMap(\.string))
        let at = v["analyzedAt"]?.string.flatMap { Timestamp.parse($0) } ?? Date(timeIntervalSince1970: 0)
        return ClusterSnapshot(analyzedAt: at, analyzed: Set(try keys(v["analyzed"], "analyzed")),
                               fullAnalysisSize: v["fullAnalysisSize"]?.int ?? 0, clusters: clusters, model: model)
    }

    // MARK: - Edits

    /// The fields of one journal line after `"at"` (starting with a comma).
    static func encodeEdit(_ e: ClusterEdit, into w: inout JSONWriter) {
        func optional(_ s: String?) { if let s { w.string(s) } else { w.null() } }
        switch e {
        case let .rename(id, title):
            w.comma(); w.key("op"); w.string("cluster-rename"); w.comma(); w.key("cluster"); w.string(id)
            w.comma(); w.key("title"); optional(title)
        case let .summarize(id, text):
            w.comma(); w.key("op"); w.string("cluster-summary"); w.comma(); w.key("cluster"); w.string(id)
            w.comma(); w.key("summary"); optional(text)
        case let .assign(key, id):
            w.comma(); w.key("op"); w.string("cluster-move"); w.comma(); w.key("ticket"); w.string(key.description)
            w.comma(); w.key("cluster"); optional(id)
        case let .merge(id, into):
            w.comma(); w.key("op"); w.string("cluster-merge"); w.comma(); w.key("cluster"); w.string(id)
            w.comma(); w.key("into"); optional(into)
        case let .split(from, newID, title, tickets):
            w.comma(); w.key("op"); w.string("cluster-split"); w.comma(); w.key("cluster"); w.string(from)
            w.comma(); w.key("new"); w.string(newID); w.comma(); w.key("title"); w.string(title)
            w.comma(); w.key("tickets"); w.array(tickets) { $0.string($1.description) }
        case let .hide(id, on):
            w.comma(); w.key("op"); w.string("cluster-hide"); w.comma(); w.key("cluster"); w.string(id)
            w.comma(); w.key("on"); w.bool(on)
        case let .pin(id, on):
            w.comma(); w.key("op"); w.string("cluster-pin"); w.comma(); w.key("cluster"); w.string(id)
            w.comma(); w.key("on"); w.bool(on)
        }
    }

    static func decodeEdit(_ v: JSONValue) -> ClusterEdit? {
        guard let op = v["op"]?.string else { return nil }
        let id = v["cluster"]?.string
        func optional(_ key: String) -> String?? {
            guard let x = v[key] else { return .none }
            if x.isNull { return .some(nil) }
            return x.string.map { .some($0) } ?? .none
        }
        switch op {
        case "cluster-rename": guard let id, let t = optional("title") else { return nil }; return .rename(id, t)
        case "cluster-summary": guard let id, let t = optional("summary") else { return nil }; return .summarize(id, t)
        case "cluster-move":
            guard let k = v["ticket"]?.string.flatMap(TicketKey.init), let c = optional("cluster") else { return nil }
            return .assign(k, c)
        case "cluster-merge": guard let id, let into = optional("into") else { return nil }; return .merge(id, into: into)
        case "cluster-split":
            guard let id, let n = v["new"]?.string, let t = v["title"]?.string else { return nil }
            let ts = (v["tickets"]?.array ?? []).compactMap { $0.string.flatMap(TicketKey.init) }
            return .split(from: id, newID: n, title: t, tickets: ts)
        case "cluster-hide": guard let id, let on = v["on"]?.bool else { return nil }; return .hide(id, on)
        case "cluster-pin": guard let id, let on = v["on"]?.bool else { return nil }; return .pin(id, on)
        default: return nil
        }
    }

    // MARK: - annotations.json section

    /// The `"clusters"` member of the snapshot (starting with a comma).
    static func encodeCuration(_ c: ClusterCuration, into w: inout JSONWriter) {
        w.raw(",\n"); w.key("clusters"); w.raw("{")
        func map(_ name: String, _ d: [String: String], first: Bool = false) {
            if !first { w.comma() }
            w.key(name); w.raw("{")
            for (i, k) in d.keys.sorted().enumerated() {
                if i > 0 { w.comma() }
                w.key(k); w.string(d[k] ?? "")
            }
            w.raw("}")
        }
        map("titles", c.titles, first: true)
        map("summaries", c.summaries)
        map("assignments", Dictionary(uniqueKeysWithValues: c.assignments.map { ($0.key.description, $0.value) }))
        map("mergedInto", c.mergedInto)
        map("created", c.created)
        w.comma(); w.key("hidden"); w.array(c.hidden.sorted()) { $0.string($1) }
        w.comma(); w.key("pinned"); w.array(c.pinned.sorted()) { $0.string($1) }
        w.raw("}")
    }

    static func decodeCuration(_ v: JSONValue?) -> ClusterCuration {
        var c = ClusterCuration()
        guard let v else { return c }
        func map(_ name: String) -> [String: String] {
            guard case let .object(pairs)? = v[name] else { return [:] }
            var out: [String: String] = [:]
            for (k, x) in pairs { if let s = x.string { out[k] = s } }
            return out
        }
        c.titles = map("titles")
        c.summaries = map("summaries")
        for (k, id) in map("assignments") { if let key = TicketKey(k) { c.assignments[key] = id } }
        c.mergedInto = map("mergedInto")
        c.created = map("created")
        c.hidden = Set((v["hidden"]?.array ?? []).compactMap(\.string))
        c.pinned = Set((v["pinned"]?.array ?? []).compactMap(\.string))
        return c
    }
}
