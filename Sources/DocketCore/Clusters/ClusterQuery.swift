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

extension Store {
    /// Analyses the store's tickets against the last saved analysis and
    /// people's edits, and saves the result.
    @discardableResult
    public func analyzeClusters(now: Date, mode: ClusterAnalyzer.Mode = .automatic,
                                parameters: ClusterAnalysis.Parameters = .init()) throws -> (ClusterSnapshot, ClusterAnalyzer.Stats) {
        let previous = try Trace.measure("  load clusters") { try loadClusters() }
        let (snapshot, stats) = Trace.measure("  cluster") {
            ClusterAnalyzer.run(tickets, previous: previous, curation: clusterCuration, now: now, mode: mode, parameters: parameters)
        }
        try Trace.measure("  save clusters") { try saveClusters(snapshot) }
        return (snapshot, stats)
    }

    /// The saved analysis, brought up to date first when tickets arrived
    /// since (incrementally, so this is quick). `analyzed` is true when it
    /// had to analyse.
    public func currentClusters(now: Date) throws -> (snapshot: ClusterSnapshot, analyzed: ClusterAnalyzer.Stats?) {
        if let s = try loadClusters(), tickets.allSatisfy({ s.analyzed.contains($0.key) }) { return (s, nil) }
        let (s, stats) = try analyzeClusters(now: now)
        return (s, stats)
    }
}

extension Store {
    /// The recommendations shown for `period`: generated from the saved
    /// clusters (people's edits applied, hidden ones left out), then merged
    /// with the recommendation edits stored for the period.
    public func currentRecommendations(for period: Period, snapshot: ClusterSnapshot) -> [Recommendation] {
        recommendations(for: period, generated: generatedRecommendations(for: period, snapshot: snapshot))
    }

    /// The recommendations generated for `period` from the saved clusters
    /// (people's cluster edits applied, hidden ones left out), before the
    /// period's recommendation edits are merged in.
    public func generatedRecommendations(for period: Period, snapshot: ClusterSnapshot) -> [Recommendation] {
        let clusters = clusterCuration.apply(to: snapshot.clusters).filter { !$0.hidden }.map {
            RecommendationInput.Cluster(id: $0.id, title: $0.title, keywords: $0.keywords, tickets: $0.members)
        }
        return Trace.measure("recommendations") {
            RecommendationGenerator.generate(RecommendationInput(clusters: clusters, tickets: tickets, period: period))
        }
    }
}
