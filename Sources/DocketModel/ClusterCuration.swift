import Foundation

/// What people decided about clusters. Kept in the store (journal and
/// snapshot) forever, laid over every analysis, and read by the next
/// analysis as constraints: a ticket a person moved stays where it was put
/// (must-link to its new cluster, cannot-link to every other), a merged
/// cluster stays merged, a name a person gave is the name.
///
/// Every field is a "set": replaying an edit twice gives the same state.
public struct ClusterCuration: Sendable, Equatable {
    /// Titles people gave, by cluster id.
    public var titles: [String: String] = [:]
    /// Summaries people wrote, by cluster id.
    public var summaries: [String: String] = [:]
    /// Tickets a person placed in a cluster.
    public var assignments: [TicketKey: String] = [:]
    /// Clusters merged into another one: source id → target id.
    public var mergedInto: [String: String] = [:]
    /// Clusters a person made by splitting another, with the title they start with.
    public var created: [String: String] = [:]
    public var hidden: Set<String> = []
    public var pinned: Set<String> = []

    public init() {}

    public var isEmpty: Bool { self == ClusterCuration() }

    /// The id of a cluster split off with `lead` as its first ticket, taking
    /// none of `existing` (the analysis' and the listed clusters' ids) nor
    /// any id people created or merged away: the browser's `s` and
    /// `docket cluster split` both name new clusters by this.
    public func idForSplit(lead: TicketKey, existing: some Sequence<String>) -> String {
        // Ids edits name stay reserved even when their cluster has gone: a
        // new cluster must not inherit an old one's title or pin.
        var used = Set(existing).union(created.keys).union(mergedInto.keys).union(titles.keys).union(summaries.keys)
            .union(hidden).union(pinned)
        return ClusterID.unique(ClusterID.base(lead), used: &used)
    }

    /// The cluster `id` ends up in after merges (itself when not merged).
    /// A cycle (A into B, later B into A) resolves to the smallest id on it,
    /// so every id still lands somewhere.
    public func resolve(_ id: String) -> String {
        var seen: [String] = [id]
        var current = id
        while let next = mergedInto[current] {
            if let i = seen.firstIndex(of: next) { return seen[i...].min() ?? next }
            seen.append(next)
            current = next
        }
        return current
    }

    mutating func apply(_ edit: ClusterEdit) {
        switch edit {
        case let .rename(id, title): titles[id] = title
        case let .summarize(id, text): summaries[id] = text
        case let .assign(key, id): assignments[key] = id
        case let .merge(id, into): mergedInto[id] = into
        case let .split(from: _, newID, title, tickets):
            created[newID] = title
            for t in tickets { assignments[t] = newID }
        case let .hide(id, on): if on { hidden.insert(id) } else { hidden.remove(id) }
        case let .pin(id, on): if on { pinned.insert(id) } else { pinned.remove(id) }
        }
    }
}

/// One edit a person makes to clusters. A nil value clears an earlier
/// edit (how undo is expressed): `.rename(id, nil)` goes back to the
/// analysis' title, `.assign(t, nil)` lets the analysis place the ticket.
public enum ClusterEdit: Sendable, Equatable {
    case rename(String, String?)
    case summarize(String, String?)
    case assign(TicketKey, String?)
    case merge(String, into: String?)
    /// Moves `tickets` out of `from` into a new cluster `newID` titled `title`.
    case split(from: String, newID: String, title: String, tickets: [TicketKey])
    case hide(String, Bool)
    case pin(String, Bool)
}

/// A cluster as people see it: the analysis' cluster with every edit laid
/// over it, restricted to a period.
public struct CuratedCluster: Sendable, Equatable {
    public var id: String
    public var title: String
    public var summary: String
    /// The analysis' own title and summary, for "reset" and for showing what changed.
    public var generatedTitle: String
    public var generatedSummary: String
    public var keywords: [String]
    /// Primary members, most central first (tickets a person moved here come last).
    public var members: [TicketKey]
    public var related: [TicketKey]
    public var facets: [FacetCount]
    public var hidden: Bool
    public var pinned: Bool
    /// Whether people's moves, merges or splits changed the members the
    /// analysis gave it: then `facets`, counted by the analysis, are of other
    /// tickets and must be counted again (`ClusterQuery.list` does).
    public var membersEdited = false
    public var titleEdited: Bool { title != generatedTitle }
    public var summaryEdited: Bool { summary != generatedSummary }
}

extension ClusterCuration {
    /// Lays the edits over `clusters`: moves, splits and merges change
    /// membership, then names, summaries, hidden and pinned apply. Clusters
    /// left without members are dropped. Order: pinned first, then by size,
    /// then id.
    /// - Complexity: O(total members + edits).
    public func apply(to clusters: [Cluster]) -> [CuratedCluster] {
        var byID: [String: CuratedCluster] = [:]
        var order: [String] = []
        func add(_ c: CuratedCluster) {
            if byID[c.id] == nil { order.append(c.id) }
            byID[c.id] = c
        }
        for c in clusters {
            add(CuratedCluster(id: c.id, title: c.title, summary: c.summary, generatedTitle: c.title,
                               generatedSummary: c.summary, keywords: c.keywords, members: c.members,
                               related: c.related, facets: c.facets, hidden: false, pinned: false))
        }
        for (id, title) in created.sorted(by: { $0.key < $1.key }) where byID[id] == nil {
            add(CuratedCluster(id: id, title: title, summary: "", generatedTitle: title, generatedSummary: "",
                               keywords: [], members: [], related: [], facets: [], hidden: false, pinned: false))
        }
        // Merges: members and related move to the surviving cluster.
        for id in order where resolve(id) != id {
            let target = resolve(id)
            guard var source = byID[id] else { continue }
            if byID[target] == nil {
                // Merged into a cluster that no longer exists: it takes the source's place.
                source.id = target
                source.generatedTitle = created[target] ?? source.generatedTitle
                source.title = source.generatedTitle
                add(source)
            } else {
                byID[target]?.members += source.members
                byID[target]?.related += source.related
            }
            byID[id] = nil
        }
        order = order.filter { byID[$0] != nil }
        // Moves: a placed ticket leaves every other cluster, as member and as related.
        if !assignments.isEmpty {
            var placed: [String: [TicketKey]] = [:]
            for (t, id) in assignments.sorted(by: { $0.key < $1.key }) {
                let target = resolve(id)
                guard byID[target] != nil else { continue }  // a cluster that no longer exists: leave the ticket be
                placed[target, default: []].append(t)
            }
            let moved = Set(placed.values.joined())
            for id in order {
                byID[id]?.members.removeAll { moved.contains($0) }
                byID[id]?.related.removeAll { moved.contains($0) }
            }
            for (id, ts) in placed { byID[id]?.members += ts }
        }
        let analysed = Dictionary(clusters.map { ($0.id, $0.members) }, uniquingKeysWith: { a, _ in a })
        var out: [CuratedCluster] = []
        for id in order {
            guard var c = byID[id], !c.members.isEmpty else { continue }
            var seen = Set<TicketKey>()
            c.members = c.members.filter { seen.insert($0).inserted }
            c.membersEdited = c.members != analysed[id]
            c.related = c.related.filter { seen.insert($0).inserted }
            if let t = titles[id] { c.title = t }
            if let s = summaries[id] { c.summary = s }
            c.hidden = hidden.contains(id)
            c.pinned = pinned.contains(id)
            out.append(c)
        }
        out.sort { a, b in
            if a.pinned != b.pinned { return a.pinned }
            if a.members.count != b.members.count { return a.members.count > b.members.count }
            return a.id < b.id
        }
        return out
    }
}

/// Cluster ids, one rule everywhere: `c` and the number of the cluster's
/// lead ticket, then `-2`, `-3`… while that is taken.
public enum ClusterID {
    public static func base(_ lead: TicketKey) -> String { "c\(lead.number)" }

    /// `base`, or the first free `base-N`; the id returned is added to `used`.
    public static func unique(_ base: String, used: inout Set<String>) -> String {
        var id = base
        var n = 2
        while used.contains(id) {
            id = "\(base)-\(n)"
            n += 1
        }
        used.insert(id)
        return id
    }
}

