import Foundation

/// Edits applied to in-memory state exactly as the store applies them, and
/// the edits that undo one: what an editor's undo and redo are built on.
/// Every inverse is itself a plain journal edit, so an undo is as durable
/// as the edit it undoes.
public enum EditHistory {
    public static func apply(_ edit: Edit, annotations: inout [TicketKey: TicketAnnotation], curation: inout Curation) {
        switch edit {
        case let .tag(k, theme):
            var a = annotations[k] ?? TicketAnnotation()
            if !a.themes.contains(theme) { a.themes.append(theme); a.themes.sort() }
            annotations[k] = a
        case let .untag(k, theme):
            var a = annotations[k] ?? TicketAnnotation()
            a.themes.removeAll { $0 == theme }
            annotations[k] = a
        case let .setTriage(k, s):
            var a = annotations[k] ?? TicketAnnotation()
            a.triage = s
            annotations[k] = a
        case let .setNote(k, text):
            var a = annotations[k] ?? TicketAnnotation()
            a.note = text
            annotations[k] = a
        case .defineTheme, .deleteTheme, .renameTheme, .setRecommendation, .removeRecommendation, .orderRecommendations, .cluster:
            curation.apply(edit, annotations: &annotations)
        }
    }

    /// Whether the state still holds what `edits` wrote: applying them
    /// again changes nothing (every edit is a "set", see `Curation.apply`).
    /// False once someone else (another process, seen after a reload)
    /// changed a value they wrote: undoing them then would silently throw
    /// that change away.
    /// - Complexity: O(annotated tickets).
    public static func holds(_ edits: [Edit], annotations: [TicketKey: TicketAnnotation], curation: Curation) -> Bool {
        var ann = annotations, cur = curation
        for e in edits { apply(e, annotations: &ann, curation: &cur) }
        guard cur == curation else { return false }
        let empty = TicketAnnotation()
        for (k, a) in ann where a != (annotations[k] ?? empty) { return false }
        return true
    }

    /// The edits that, applied after `edit`, bring back the state as it is
    /// now (before `edit`). `shownRecommendation` is the recommendation as
    /// it was shown before a recommendation edit (a generated one has no
    /// stored entry to go back to).
    public static func inverse(of edit: Edit, annotations: [TicketKey: TicketAnnotation], curation: Curation,
                               shownRecommendation: Recommendation? = nil) -> [Edit] {
        let ann = { (k: TicketKey) in annotations[k] ?? TicketAnnotation() }
        switch edit {
        case let .tag(k, theme):
            return ann(k).themes.contains(theme) ? [] : [.untag(k, theme: theme)]
        case let .untag(k, theme):
            return ann(k).themes.contains(theme) ? [.tag(k, theme: theme)] : []
        case let .setTriage(k, _):
            return [.setTriage(k, ann(k).triage)]
        case let .setNote(k, _):
            return [.setNote(k, ann(k).note)]
        case let .defineTheme(t):
            if let old = curation.themes[t.name] { return [.defineTheme(old)] }
            let carriers = annotations.filter { $0.value.themes.contains(t.name) }.keys.sorted()
            return [.deleteTheme(t.name)] + carriers.map { .tag($0, theme: t.name) }
        case let .deleteTheme(name):
            let carriers = annotations.filter { $0.value.themes.contains(name) }.keys.sorted()
            return (curation.themes[name].map { [Edit.defineTheme($0)] } ?? []) + carriers.map { .tag($0, theme: name) }
        case let .renameTheme(from, to, tickets):
            let old = curation.themes[from] ?? Theme(name: from, description: to.description, color: to.color)
            return [.renameTheme(from: to.name, to: old, tickets: tickets)]
        case let .setRecommendation(period, r):
            return recommendationInverse(period, r.id, curation, shownRecommendation, adding: true)
        case let .removeRecommendation(period, id):
            return recommendationInverse(period, id, curation, shownRecommendation, adding: false)
        case let .orderRecommendations(period, _):
            return [.orderRecommendations(period: period, ids: curation.recommendations[period]?.order ?? [])]
        case let .cluster(e):
            let c = curation.clusters
            switch e {
            case let .rename(id, _): return [.cluster(.rename(id, c.titles[id]))]
            case let .summarize(id, _): return [.cluster(.summarize(id, c.summaries[id]))]
            case let .assign(k, _): return [.cluster(.assign(k, c.assignments[k]))]
            case let .merge(id, _): return [.cluster(.merge(id, into: c.mergedInto[id]))]
            case let .split(_, _, _, tickets): return tickets.map { .cluster(.assign($0, c.assignments[$0])) }
            case let .hide(id, _): return [.cluster(.hide(id, c.hidden.contains(id)))]
            case let .pin(id, _): return [.cluster(.pin(id, c.pinned.contains(id)))]
            }
        }
    }

    /// With nothing stored and nothing shown, a set is an add: its undo removes it.
    private static func recommendationInverse(_ period: String, _ id: String, _ curation: Curation,
                                              _ shown: Recommendation?, adding: Bool) -> [Edit] {
        switch curation.recommendations[period]?.entries[id] {
        case let .set(old)?: return [.setRecommendation(period: period, old)]
        case .removed?: return [.removeRecommendation(period: period, id: id)]
        case nil:
            if let shown { return [.setRecommendation(period: period, shown)] }
            return adding ? [.removeRecommendation(period: period, id: id)] : []
        }
    }
}
