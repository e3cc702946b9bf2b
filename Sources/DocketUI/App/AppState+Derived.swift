import DocketAnalysis
import DocketModel

/// Lists derived from the state's tickets and edits, kept so that a key
/// press does not recompute them: at 100,000 tickets, listing clusters or
/// themes costs a pass over every ticket or annotation.
public struct DerivedCache: Sendable {
    struct ClusterKey: Equatable {
        var curation: ClusterCuration
        var period: Period
        var snapshot: Int
    }

    var clusterKey: ClusterKey?
    /// Hidden ones included: the list filters them out unless asked.
    var listed: [ClusterListing] = []
    var curated: [CuratedCluster] = []
    /// Each ticket's primary cluster and the clusters it is related to.
    var clusterOf: [TicketKey: (primary: String?, related: [String])] = [:]
    var themeRevision: Int?
    var themes: [ThemeUsage] = []
    var suggestionRevision: Int?
    var suggestions: [ThemeSuggestion] = []

    public init() {}
}

extension AppState {
    var clusterKey: DerivedCache.ClusterKey {
        .init(curation: curation.clusters, period: period, snapshot: snapshotVersion)
    }

    /// Recomputes what is stale: clusters when cluster edits or the period
    /// changed; themes when any edit did; suggestions only
    /// while the Themes screen shows them (they vectorise every ticket).
    public mutating func refreshDerived() {
        let key = clusterKey
        if cache.clusterKey != key {
            // Edits laid over the analysis once; the period's list is made from that.
            cache.curated = clusters.map { curation.clusters.apply(to: $0.clusters) } ?? []
            cache.listed = clusters == nil ? [] : ClusterQuery.list(curated: cache.curated, tickets: tickets, period: period,
                                                                    includeHidden: true, model: model)
            cache.clusterOf = Self.clusterMap(cache.curated)
            cache.clusterKey = key
        }
        if cache.themeRevision != revision {
            cache.themes = ThemeCatalog.list(curation, annotations: annotations)
            cache.themeRevision = revision
        }
        if tab == .themes, cache.suggestionRevision != revision {
            cache.suggestions = ThemeSuggester.suggest(tickets: suggestionCandidates, annotations: annotations)
            cache.suggestionRevision = revision
        }
    }

    private func computeListedClusters() -> [ClusterListing] {
        guard let snapshot = clusters else { return [] }
        let curated = cache.clusterKey == clusterKey ? cache.curated : curation.clusters.apply(to: snapshot.clusters)
        return ClusterQuery.list(curated: curated, tickets: tickets, period: period, includeHidden: true, model: model)
    }

    /// The clusters listed for the period (hidden ones only when shown).
    public var listedClusters: [ClusterListing] {
        let all = cache.clusterKey == clusterKey ? cache.listed : computeListedClusters()
        return showHiddenClusters ? all : all.filter { !$0.cluster.hidden }
    }

    /// Every cluster with members in the period, hidden ones included.
    var allListedClusters: [ClusterListing] {
        cache.clusterKey == clusterKey ? cache.listed : computeListedClusters()
    }

    /// Every cluster with edits applied, whatever the period: what a ticket
    /// can be moved to and a cluster merged into.
    public var curatedClusters: [CuratedCluster] {
        cache.clusterKey == clusterKey ? cache.curated : (clusters.map { curation.clusters.apply(to: $0.clusters) } ?? [])
    }

    /// The clusters a ticket belongs to: its primary one and those it is
    /// related to (hidden clusters included, marked by the caller).
    public func clusters(of key: TicketKey) -> (primary: CuratedCluster?, related: [CuratedCluster]) {
        let curated = curatedClusters
        let map = cache.clusterKey == clusterKey ? cache.clusterOf : Self.clusterMap(curated)
        guard let entry = map[key] else { return (nil, []) }
        let byID = { (id: String) in curated.first { $0.id == id } }
        return (entry.primary.flatMap(byID), entry.related.compactMap(byID))
    }

    /// The tickets suggestions are computed over: every tagged ticket (what
    /// the suggestions learn from) and the period's most active untagged
    /// ones, at most `maxSuggestionCandidates`, so that opening the Themes
    /// screen stays quick at 100,000 tickets.
    var suggestionCandidates: [Ticket] {
        var out: [Ticket] = []
        var untagged = 0
        var seen = Set<Int>()
        for (i, t) in tickets.enumerated() where !(annotations[t.key]?.themes.isEmpty ?? true) {
            out.append(t)
            seen.insert(i)
        }
        for row in rows where !seen.contains(row.index) && untagged < Self.maxSuggestionCandidates {
            out.append(tickets[row.index])
            untagged += 1
        }
        return out
    }

    static let maxSuggestionCandidates = 3_000

    static func clusterMap(_ curated: [CuratedCluster]) -> [TicketKey: (primary: String?, related: [String])] {
        var out: [TicketKey: (primary: String?, related: [String])] = [:]
        for c in curated {
            for m in c.members { out[m, default: (nil, [])].primary = c.id }
            for r in c.related { out[r, default: (nil, [])].related.append(c.id) }
        }
        return out
    }

    /// Every theme, defined or only carried by tickets, with its ticket count.
    public var themes: [ThemeUsage] {
        cache.themeRevision == revision ? cache.themes : ThemeCatalog.list(curation, annotations: annotations)
    }

    /// Suggestions of `theme` for untagged tickets, most confident first,
    /// without those rejected this session; empty until computed.
    public func suggestions(for theme: String) -> [ThemeSuggestion] {
        guard cache.suggestionRevision == revision else { return [] }
        return cache.suggestions.filter { $0.theme == theme && !rejectedSuggestions.contains(Self.suggestionID($0)) }
    }

    static func suggestionID(_ s: ThemeSuggestion) -> String { s.theme + "\u{0}" + s.ticket.description }

    /// The ticket with `key`, if the state holds it.
    public func ticket(_ key: TicketKey) -> Ticket? { ticketIndex[key].map { tickets[$0] } }

    /// The listing of the open cluster, or nil when none is open or it no
    /// longer has tickets in the period.
    public var openCluster: ClusterListing? {
        guard case let .cluster(id) = screen else { return nil }
        // A cluster hidden while open stays open, so `x` twice is a toggle.
        return allListedClusters.first { $0.cluster.id == id }
    }

    /// The open cluster's members in the period (primary first, then
    /// related), each with whether it is related.
    public var clusterMembers: [(key: TicketKey, related: Bool)] {
        guard let c = openCluster?.cluster else { return [] }
        return c.members.map { ($0, false) } + c.related.map { ($0, true) }
    }
}

// MARK: - What each view draws, taken from the state

extension AppState {
    /// The open ticket's screen (nil for a position outside the tickets).
    public func ticketDetail(_ index: Int) -> TicketDetailView? {
        guard tickets.indices.contains(index) else { return nil }
        let t = tickets[index]
        let (primary, related) = clusters(of: t.key)
        return TicketDetailView(ticket: t, annotation: annotations[t.key] ?? TicketAnnotation(), primaryCluster: primary,
                                relatedClusters: related, activity: model.breakdown(t, period: period, reference: reference),
                                periodLabel: period.label)
    }

    /// The open ticket's wrapped lines at `width`.
    public func ticketLines(_ index: Int, width: Int) -> [TicketDetailView.Line] {
        ticketDetail(index)?.lines(width: width) ?? []
    }

    /// The open cluster's screen.
    public var clusterDetail: ClusterDetailView {
        let index = ticketIndex, tickets = tickets
        return ClusterDetailView(listing: openCluster, periodLabel: period.label, members: clusterMembers,
                                 cursor: clusterMembersCursor, marked: clusterMarked,
                                 ticket: { index[$0].map { tickets[$0] } })
    }

    /// Rows of the open cluster's member list on screen.
    public var clusterMembersHeight: Int { clusterDetail.listHeight(width: width, height: height) }

    /// The Themes screen.
    public var themeListView: ThemeListView {
        let state = self
        return ThemeListView(themes: themes, cursor: themeList, suggestions: { state.suggestions(for: $0) },
                             title: { state.ticket($0)?.title })
    }
}
