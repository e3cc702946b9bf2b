import DocketModel
import Foundation

/// A cluster as listed for a period: only the members active in it.
public struct ClusterListing: Sendable, Equatable {
    public var cluster: CuratedCluster
    /// Summed activity of the listed members in the period.
    public var activity: Double
    public var open: Int
}

/// The clusters people see for a period: the saved analysis with every edit
/// laid over it, members restricted to tickets active in the period.
public enum ClusterQuery {
    /// Clusters with at least one member active in `period`; pinned first,
    /// then by members in the period, then by activity, then id. Hidden
    /// clusters only when `includeHidden`.
    /// - Complexity: O(total members + tickets in the period).
    public static func list(_ snapshot: ClusterSnapshot, curation: ClusterCuration, tickets: [Ticket],
                            period: Period, includeHidden: Bool = false,
                            model: ActivityModel = ActivityModel()) -> [ClusterListing] {
        var index: [TicketKey: Int] = [:]
        index.reserveCapacity(tickets.count)
        for (i, t) in tickets.enumerated() { index[t.key] = i }
        let reference = Ranking.reference(tickets)
        var out: [ClusterListing] = []
        for var c in curation.apply(to: snapshot.clusters) where includeHidden || !c.hidden {
            func active(_ k: TicketKey) -> Bool { index[k].map { Ranking.isActive(tickets[$0], in: period) } ?? false }
            c.members = c.members.filter(active)
            guard !c.members.isEmpty else { continue }
            c.related = c.related.filter(active)
            if !period.isAll { c.facets = facets(c.members.compactMap { index[$0].map { tickets[$0] } }) }
            var activity = 0.0
            var open = 0
            for k in c.members {
                guard let i = index[k] else { continue }
                activity += model.score(tickets[i], period: period, reference: reference)
                if tickets[i].state == .open { open += 1 }
            }
            out.append(ClusterListing(cluster: c, activity: activity, open: open))
        }
        out.sort { a, b in
            if a.cluster.pinned != b.cluster.pinned { return a.cluster.pinned }
            if a.cluster.members.count != b.cluster.members.count { return a.cluster.members.count > b.cluster.members.count }
            if a.activity != b.activity { return a.activity > b.activity }
            return a.cluster.id < b.cluster.id
        }
        return out
    }

    /// Platform and version counts from the tickets' issue forms.
    static func facets(_ tickets: [Ticket]) -> [FacetCount] {
        var out: [FacetCount] = []
        let forms = tickets.map { IssueForm(body: $0.body) }
        for (field, value) in [("platform", { (f: IssueForm) in f.platform.map(TicketFacets.normalizedPlatform) }),
                               ("version", { (f: IssueForm) in f.version })] {
            var counts: [String: Int] = [:]
            for f in forms { if let v = value(f), !v.isEmpty { counts[TextSanitizer.singleLine(v), default: 0] += 1 } }
            out += counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(5).map { FacetCount(field: field, value: $0.key, count: $0.value) }
        }
        return out
    }
}
