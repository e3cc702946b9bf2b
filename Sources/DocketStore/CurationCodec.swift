import DocketJSON
import DocketModel
import Foundation

/// Serialises `Curation`: the "themes" and "recommendations" sections of
/// `annotations.json`, and the journal lines of theme and recommendation
/// edits. The sections are optional (absent in older files and when empty),
/// so the snapshot keeps schema 1 and older stores load unchanged.
///
///     "themes":[{"name":"sync","description":"...","color":"red"}, ...]
///     "recommendations":[{"period":"2025-04-14..2025-04-20","order":["r-c12","a-1"],
///       "items":[{"id":"r-c9","removed":true},
///                {"id":"a-1","title":"...","text":"...","clusters":["c3"],"tickets":["acme/help#1"],"origin":"added"}]}]
enum CurationCodec {
    /// Writes `,"themes":[...]` and `,"recommendations":[...]` (each only
    /// when non-empty), sorted, so equal curations give equal bytes.
    static func encodeSections(_ c: Curation, into w: inout JSONWriter) {
        if !c.themes.isEmpty {
            w.raw(",\n\"themes\":[")
            for (i, name) in c.themes.keys.sorted().enumerated() {
                guard let t = c.themes[name] else { continue }
                w.raw(i == 0 ? "\n{" : ",\n{")
                themeMembers(t, &w)
                w.raw("}")
            }
            w.raw("\n]")
        }
        let periods = c.recommendations.keys.sorted().filter { c.recommendations[$0].map { !$0.isEmpty } ?? false }
        if !periods.isEmpty {
            w.raw(",\n\"recommendations\":[")
            for (i, period) in periods.enumerated() {
                guard let o = c.recommendations[period] else { continue }
                w.raw(i == 0 ? "\n{" : ",\n{")
                w.key("period"); w.string(period)
                w.comma(); w.key("order"); w.array(o.order) { w, id in w.string(id) }
                w.comma(); w.key("items"); w.raw("[")
                for (j, id) in o.entries.keys.sorted().enumerated() {
                    if j > 0 { w.comma() }
                    w.raw("{")
                    switch o.entries[id] {
                    case let .set(r)?: recommendationMembers(r, &w)
                    case .removed?, nil: w.key("id"); w.string(id); w.comma(); w.key("removed"); w.bool(true)
                    }
                    w.raw("}")
                }
                w.raw("]}")
            }
            w.raw("\n]")
        }
    }

    static func decodeSections(_ value: JSONValue, path: String) throws -> Curation {
        var c = Curation()
        for (i, item) in (value["themes"]?.array ?? []).enumerated() {
            try StrictJSON.keys(of: item, in: ["name", "description", "color"], "theme \(i + 1)", path)
            guard let t = theme(item) else {
                throw StoreError.corrupt(file: path, detail: "theme \(i + 1) has no valid \"name\"")
            }
            c.themes[t.name] = t
        }
        for (i, item) in (value["recommendations"]?.array ?? []).enumerated() {
            try StrictJSON.keys(of: item, in: ["period", "order", "items"], "recommendations entry \(i + 1)", path)
            guard let period = item["period"]?.string else {
                throw StoreError.corrupt(file: path, detail: "recommendations entry \(i + 1) has no \"period\"")
            }
            var o = RecommendationOverrides(order: (item["order"]?.array ?? []).compactMap(\.string))
            for (j, e) in (item["items"]?.array ?? []).enumerated() {
                try StrictJSON.keys(of: e, in: ["id", "removed", "title", "text", "clusters", "tickets", "origin"],
                                    "recommendation \(j + 1) of period \(period)", path)
                guard let id = e["id"]?.string else {
                    throw StoreError.corrupt(file: path, detail: "recommendation \(j + 1) of period \(period) has no \"id\"")
                }
                if e["removed"]?.bool == true {
                    o.entries[id] = .removed
                } else if let r = recommendation(e) {
                    o.entries[id] = .set(r)
                } else {
                    throw StoreError.corrupt(file: path, detail: "recommendation \(j + 1) of period \(period) lacks its title or text")
                }
            }
            c.recommendations[period] = o
        }
        return c
    }

    // MARK: - Journal

    /// The members of a journal line after `"at"`, for curation edits;
    /// false for other edits.
    static func encodeEdit(_ edit: Edit, into w: inout JSONWriter) -> Bool {
        switch edit {
        case let .defineTheme(t):
            w.comma(); w.key("op"); w.string("theme-define"); w.comma(); themeMembers(t, &w)
        case let .deleteTheme(name):
            w.comma(); w.key("op"); w.string("theme-delete"); w.comma(); w.key("name"); w.string(name)
        case let .renameTheme(from, to, tickets):
            w.comma(); w.key("op"); w.string("theme-rename"); w.comma(); w.key("from"); w.string(from)
            w.comma(); themeMembers(to, &w)
            w.comma(); w.key("tickets"); w.array(tickets) { w, k in w.string(k.description) }
        case let .setRecommendation(period, r):
            w.comma(); w.key("op"); w.string("recommendation-set"); w.comma(); w.key("period"); w.string(period)
            w.comma(); recommendationMembers(r, &w)
        case let .removeRecommendation(period, id):
            w.comma(); w.key("op"); w.string("recommendation-remove"); w.comma(); w.key("period"); w.string(period)
            w.comma(); w.key("id"); w.string(id)
        case let .orderRecommendations(period, ids):
            w.comma(); w.key("op"); w.string("recommendation-order"); w.comma(); w.key("period"); w.string(period)
            w.comma(); w.key("ids"); w.array(ids) { w, id in w.string(id) }
        default:
            return false
        }
        return true
    }

    /// A curation edit from a journal line; nil for other ops (or a
    /// malformed curation line, which the caller reports).
    static func decodeEdit(op: String, _ v: JSONValue) -> Edit? {
        switch op {
        case "theme-define": return theme(v).map { .defineTheme($0) }
        case "theme-delete": return v["name"]?.string.map { .deleteTheme($0) }
        case "theme-rename":
            guard let from = v["from"]?.string, let to = theme(v), let keys = v["tickets"]?.array else { return nil }
            let tickets = keys.compactMap { $0.string.flatMap(TicketKey.init) }
            return tickets.count == keys.count ? .renameTheme(from: from, to: to, tickets: tickets) : nil
        case "recommendation-set":
            guard let period = v["period"]?.string, let r = recommendation(v) else { return nil }
            return .setRecommendation(period: period, r)
        case "recommendation-remove":
            guard let period = v["period"]?.string, let id = v["id"]?.string else { return nil }
            return .removeRecommendation(period: period, id: id)
        case "recommendation-order":
            guard let period = v["period"]?.string, let ids = v["ids"]?.array else { return nil }
            return .orderRecommendations(period: period, ids: ids.compactMap(\.string))
        default:
            return nil
        }
    }

    // MARK: - Members

    private static func themeMembers(_ t: Theme, _ w: inout JSONWriter) {
        w.key("name"); w.string(t.name)
        w.comma(); w.key("description"); w.string(t.description)
        w.comma(); w.key("color"); w.string(t.color.rawValue)
    }

    /// A colour this Docket does not know (from a newer one) reads as default.
    private static func theme(_ v: JSONValue) -> Theme? {
        guard let name = v["name"]?.string, !name.isEmpty else { return nil }
        return Theme(name: name, description: v["description"]?.string ?? "",
                     color: ThemeColor(rawValue: v["color"]?.string ?? "") ?? .default)
    }

    private static func recommendationMembers(_ r: Recommendation, _ w: inout JSONWriter) {
        w.key("id"); w.string(r.id)
        w.comma(); w.key("title"); w.string(r.title)
        w.comma(); w.key("text"); w.string(r.text)
        w.comma(); w.key("clusters"); w.array(r.clusterIDs) { w, id in w.string(id) }
        w.comma(); w.key("tickets"); w.array(r.tickets) { w, k in w.string(k.description) }
        w.comma(); w.key("origin"); w.string(r.origin.rawValue)
    }

    private static func recommendation(_ v: JSONValue) -> Recommendation? {
        guard let id = v["id"]?.string, let title = v["title"]?.string, let text = v["text"]?.string else { return nil }
        return Recommendation(id: id, title: title, text: text,
                              clusterIDs: (v["clusters"]?.array ?? []).compactMap(\.string),
                              tickets: (v["tickets"]?.array ?? []).compactMap { $0.string.flatMap(TicketKey.init) },
                              origin: Recommendation.Origin(rawValue: v["origin"]?.string ?? "") ?? .edited)
    }
}
