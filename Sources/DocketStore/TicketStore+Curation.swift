import DocketModel
import Foundation

/// Themes and recommendations on a store. Each method checks the change
/// with the pure rules (`ThemeCatalog`, `Recommendations`) against what this
/// store has loaded, then records it as journal edits (durable before they
/// return). Errors are `CurationError` (refused) or `StoreError` (not saved).
extension TicketStore {
    // MARK: - Themes

    /// Every theme, defined or only used, with ticket counts; sorted by name.
    public var themes: [ThemeUsage] { ThemeCatalog.list(curation, annotations: annotations) }

    /// The theme called `name`, defined or only used; nil when unknown.
    public func theme(named name: String) -> Theme? { ThemeCatalog.theme(name, curation, annotations: annotations) }

    /// Defines a new theme; refused when the name is taken.
    public func addTheme(_ theme: Theme) throws {
        try apply(ThemeCatalog.addEdit(theme, curation, annotations: annotations), at: Date())
    }

    /// Changes a theme's description or colour (nil keeps the current one).
    @discardableResult
    public func editTheme(_ name: String, description: String? = nil, color: ThemeColor? = nil) throws -> Theme {
        let edit = try ThemeCatalog.editEdit(name, description: description, color: color, curation, annotations: annotations)
        try apply(edit, at: Date())
        return theme(named: name) ?? Theme(name: name)
    }

    /// Renames a theme on the catalogue and on every ticket carrying it;
    /// returns how many tickets were renamed.
    @discardableResult
    public func renameTheme(_ old: String, to new: String) throws -> Int {
        let edit = try ThemeCatalog.renameEdit(old, to: new, curation, annotations: annotations)
        try apply(edit, at: Date())
        if case let .renameTheme(_, _, tickets) = edit { return tickets.count }
        return 0
    }

    /// Deletes a theme and removes it from its tickets; a theme in use needs
    /// `force`. Returns how many tickets lost it.
    @discardableResult
    public func deleteTheme(_ name: String, force: Bool = false) throws -> Int {
        let (edit, n) = try ThemeCatalog.deleteEdit(name, force: force, curation, annotations: annotations)
        try apply(edit, at: Date())
        return n
    }

    /// Tags a ticket, defining the theme first when the name is new (then
    /// returns true, so the caller can say so). A crash between the two
    /// edits leaves a defined theme on no ticket, which is harmless.
    @discardableResult
    public func tag(_ key: TicketKey, theme name: String) throws -> Bool {
        guard let n = Theme.normalizedName(name) else { throw CurationError.invalidThemeName(name) }
        let created = theme(named: n) == nil
        if created { try apply(.defineTheme(Theme(name: n)), at: Date()) }
        try apply(.tag(key, theme: n), at: Date())
        return created
    }

    // MARK: - Recommendations

    /// What people changed in `period`'s recommendations.
    public func recommendationOverrides(for period: Period) -> RecommendationOverrides {
        curation.recommendations[Recommendations.key(for: period)] ?? RecommendationOverrides()
    }

    /// `generated` with the period's edits applied (`Recommendations.merge`).
    public func recommendations(for period: Period, generated: [Recommendation]) -> [Recommendation] {
        Recommendations.merge(generated: generated, overrides: recommendationOverrides(for: period))
    }

    /// Stores `r` as the period's words for `r.id` (edited or added).
    public func setRecommendation(_ r: Recommendation, for period: Period) throws {
        if r.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || r.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw CurationError.emptyRecommendation
        }
        try apply(.setRecommendation(period: Recommendations.key(for: period), r), at: Date())
    }

    /// Replaces the title and/or text of the recommendation `id` in
    /// `current` (the merged list being shown). An added one stays "added";
    /// a generated one becomes "edited".
    @discardableResult
    public func editRecommendation(_ id: String, title: String? = nil, text: String? = nil, in current: [Recommendation],
                                   for period: Period) throws -> Recommendation {
        guard var r = current.first(where: { $0.id == id }) else { throw CurationError.unknownRecommendation(id) }
        if let t = title { r.title = t }
        if let t = text { r.text = t }
        if r.origin != .added { r.origin = .edited }
        try setRecommendation(r, for: period)
        return r
    }

    /// Adds a recommendation of people's own, placed after the generated ones.
    @discardableResult
    public func addRecommendation(title: String, text: String, clusterIDs: [String] = [], tickets: [TicketKey] = [],
                                  for period: Period) throws -> Recommendation {
        let id = Recommendations.nextAddedID(recommendationOverrides(for: period))
        let r = Recommendation(id: id, title: title, text: text, clusterIDs: clusterIDs, tickets: tickets, origin: .added)
        try setRecommendation(r, for: period)
        return r
    }

    /// Removes a recommendation for good (a generated one is not brought
    /// back by generating again).
    public func removeRecommendation(_ id: String, for period: Period) throws {
        try apply(.removeRecommendation(period: Recommendations.key(for: period), id: id), at: Date())
    }

    /// Stores the order of the period's recommendations.
    public func reorderRecommendations(_ ids: [String], for period: Period) throws {
        try apply(.orderRecommendations(period: Recommendations.key(for: period), ids: ids), at: Date())
    }

    /// Moves `id` to position `index` (0-based, clamped) of `current` and
    /// stores the whole resulting order; returns the reordered list.
    @discardableResult
    public func moveRecommendation(_ id: String, to index: Int, in current: [Recommendation],
                                   for period: Period) throws -> [Recommendation] {
        guard let from = current.firstIndex(where: { $0.id == id }) else { throw CurationError.unknownRecommendation(id) }
        var list = current
        let r = list.remove(at: from)
        list.insert(r, at: max(0, min(index, list.count)))
        try reorderRecommendations(list.map(\.id), for: period)
        return list
    }
}
