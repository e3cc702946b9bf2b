import DocketModel
import Foundation

/// A cluster as listed for a period: only the members active in it.
public struct ClusterListing: Sendable, Equatable {
    public var cluster: CuratedCluster
    /// Summed activity of the listed members in the period.
    public var activity: Double
    public var open: Int
}

/// The clusters of one period, worked out once and shared by what shows
/// them: people's edits laid over the analysis (`curated`, every cluster),
/// and those with tickets in the period (`listed`, hidden ones left out).
/// The report lists `listed` and the recommendations read `curated`.
public struct PeriodClusters: Sendable {
    public var period: Period
    public var curated: [CuratedCluster]
    public var listed: [ClusterListing]

    /// - Parameter reference: what activity is measured to (the report's
    ///   reference time, so that listed activity agrees with its ranking).
    public init(_ snapshot: ClusterSnapshot, curation: ClusterCuration, tickets: [Ticket], period: Period,
                model: ActivityModel = ActivityModel(), reference: Date? = nil) {
        self.period = period
        curated = curation.apply(to: snapshot.clusters)
        listed = ClusterQuery.list(curated: curated, tickets: tickets, period: period, model: model, reference: reference)
    }
}

/// The clusters people see for a period: the saved analysis with every edit
/// laid over it, members restricted to tickets active in the period.
public enum ClusterQuery {
    /// A generated title and summary written from `c`'s members now; each
    /// becomes the generated one, so it still counts as not edited.
    static func rewrite(_ c: inout CuratedCluster, all: [TicketKey], tickets: [Ticket], index: [TicketKey: Int], period: Period) {
        let listed = c.members.compactMap { index[$0].map { tickets[$0] } }
        let members = all.compactMap { index[$0].map { tickets[$0] } }
        guard !listed.isEmpty else { return }
        if !c.titleEdited {
            let title = ClusterTitle.make(listed.map(\.title))
            if !title.isEmpty { c.title = title; c.generatedTitle = title }
        }
        if !c.summaryEdited {
            let summary = IssueSummary.write(listed: listed, members: members, keywords: c.keywords, period: period)
            c.summary = summary
            c.generatedSummary = summary
        }
    }

    /// Clusters with at least one member active in `period`; pinned first,
    /// then by members in the period, then by activity, then id. Hidden
    /// clusters only when `includeHidden`.
    /// - Complexity: O(total members + tickets in the period).
    public static func list(_ snapshot: ClusterSnapshot, curation: ClusterCuration, tickets: [Ticket],
                            period: Period, includeHidden: Bool = false,
                            model: ActivityModel = ActivityModel()) -> [ClusterListing] {
        list(curated: curation.apply(to: snapshot.clusters), tickets: tickets, period: period, includeHidden: includeHidden,
             model: model)
    }

    /// `list` from clusters with people's edits already applied (computed
    /// once, see `PeriodClusters`); activity measured to `reference`
    /// (default: the newest activity of `tickets`).
    public static func list(curated: [CuratedCluster], tickets: [Ticket], period: Period, includeHidden: Bool = false,
                            model: ActivityModel = ActivityModel(), reference: Date? = nil) -> [ClusterListing] {
        var index: [TicketKey: Int] = [:]
        index.reserveCapacity(tickets.count)
        for (i, t) in tickets.enumerated() { index[t.key] = i }
        let reference = reference ?? Ranking.reference(tickets)
        var out: [ClusterListing] = []
        for var c in curated where includeHidden || !c.hidden {
            func active(_ k: TicketKey) -> Bool { index[k].map { Ranking.isActive(tickets[$0], in: period) } ?? false }
            let all = c.members
            c.members = c.members.filter(active)
            guard !c.members.isEmpty else { continue }
            c.related = c.related.filter(active)
            // Counted again for a period, and for members people changed: the
            // analysis' counts are of its own members, over all time.
            if !period.isAll || c.membersEdited { c.facets = facets(c.members.compactMap { index[$0].map { tickets[$0] } }) }
            // The analysis' title and summary are of the members it gave: after a
            // merge, move or split they are written again from the current ones,
            // as the report writes them (a person's words stand).
            if c.membersEdited { rewrite(&c, all: all, tickets: tickets, index: index, period: period) }
            var activity = 0.0
            var open = 0
            for k in c.members {
                guard let i = index[k] else { continue }
                activity += model.score(tickets[i], period: period, reference: reference)
                // Open at the period's end, as the report and the recommendations count it.
                if !tickets[i].isResolved(by: period.end) { open += 1 }
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
        let forms = tickets.map { IssueForm(body: TextBound.read($0.body)) }
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
