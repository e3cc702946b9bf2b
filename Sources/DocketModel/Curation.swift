import Foundation

/// What people curate beyond single tickets: the theme catalogue and, per
/// report period, their changes to the generated recommendations. Kept in
/// the store beside the ticket annotations (the "themes" and
/// "recommendations" sections of `annotations.json`) and changed only by
/// journal edits.
public struct Curation: Sendable, Equatable {
    /// Defined themes by name. Tickets may also carry names defined nowhere
    /// (stores from before themes were defined): see `ThemeCatalog.list`.
    public var themes: [String: Theme] = [:]
    /// Overrides by period key (`Recommendations.key(for:)`).
    public var recommendations: [String: RecommendationOverrides] = [:]
    /// What people decided about clusters (names, moves, merges...).
    public var clusters = ClusterCuration()

    public init(themes: [String: Theme] = [:], recommendations: [String: RecommendationOverrides] = [:]) {
        self.themes = themes
        self.recommendations = recommendations
    }

    public var isEmpty: Bool { themes.isEmpty && recommendations.values.allSatisfy(\.isEmpty) && clusters.isEmpty }

    /// Applies one theme or recommendation edit; other edits are the
    /// store's and are ignored here.
    ///
    /// Every case is a "set": it writes fixed values to the cells it names
    /// (a catalogue entry, a theme on the listed tickets, an override) and
    /// reads nothing it does not write, so applying a journal twice, or over
    /// a snapshot that already holds part of it, gives the same state. That
    /// is why a rename lists its tickets and carries the whole new theme
    /// instead of "rename whatever carries the old name now": the latter,
    /// replayed after a later re-tag with the old name, would rename that too.
    /// A delete writes "absent" to every ticket, which is also a set.
    /// - Complexity: O(1) for most edits; O(annotated tickets) for a delete,
    ///   O(listed tickets) for a rename.
    mutating func apply(_ edit: Edit, annotations: inout [TicketKey: TicketAnnotation]) {
        switch edit {
        case let .defineTheme(theme):
            themes[theme.name] = theme
        case let .deleteTheme(name):
            themes[name] = nil
            let carrying = annotations.compactMap { $0.value.themes.contains(name) ? $0.key : nil }
            for key in carrying { annotations[key]?.themes.removeAll { $0 == name } }
        case let .renameTheme(from, to, tickets):
            if from != to.name { themes[from] = nil }
            themes[to.name] = to
            for key in tickets {
                var a = annotations[key] ?? TicketAnnotation()
                a.themes.removeAll { $0 == from }
                if !a.themes.contains(to.name) { a.themes.append(to.name); a.themes.sort() }
                annotations[key] = a
            }
        case let .setRecommendation(period, r):
            recommendations[period, default: RecommendationOverrides()].entries[r.id] = .set(r)
        case let .removeRecommendation(period, id):
            recommendations[period, default: RecommendationOverrides()].entries[id] = .removed
        case let .orderRecommendations(period, ids):
            recommendations[period, default: RecommendationOverrides()].order = ids
        case let .cluster(e):
            clusters.apply(e)
        default:
            break
        }
    }
}
