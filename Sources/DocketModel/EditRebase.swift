import Foundation

/// Concurrent edits, merged: an edit a process made from the state it had
/// loaded (`base`), restated against the state the journal holds when the
/// edit is written (`fresh`, which is `base` plus the edits other processes
/// appended meanwhile, `concurrent`). The store calls this under its
/// exclusive lock, so two writers never lose each other's acknowledged
/// edits however their commands interleave.
///
/// The rules, each one a case of "say what this edit changed, not what it
/// saw":
/// - A theme named by an edit follows the renames made concurrently: a
///   ticket tagged "sync" while another process renamed "sync" to
///   "syncing" is tagged "syncing" (no "zombie" theme brought back).
/// - A theme definition (a description or colour change) writes only the
///   fields it changed from `base`; the fields another process changed stay
///   theirs. The same for a renamed theme's description and colour.
/// - A rename takes every ticket that carries the old name in `fresh`,
///   including those tagged concurrently.
/// - A recommendation set writes only the title or text it changed from the
///   stored words it was made from; the rest stays as the other process
///   left it.
/// - Everything else (a triage status, a note, a cluster's name, an order)
///   is one value that the later writer sets: both edits are kept in the
///   journal, in the order they were made.
public enum EditRebase {
    public static func rebase(_ edit: Edit, concurrent: [Edit], base: Curation,
                              fresh: Curation, freshAnnotations: [TicketKey: TicketAnnotation]) -> Edit {
        guard !concurrent.isEmpty else { return edit }
        func follow(_ name: String) -> String { renamed(name, by: concurrent) }
        switch edit {
        case let .tag(k, theme):
            return .tag(k, theme: follow(theme))
        case let .untag(k, theme):
            return .untag(k, theme: follow(theme))
        case let .defineTheme(t):
            let name = follow(t.name)
            let mine = Theme(name: name, description: t.description, color: t.color)
            return .defineTheme(merged(mine, was: base.themes[t.name] ?? Theme(name: t.name), now: fresh.themes[name]))
        case let .renameTheme(from, to, _):
            let old = follow(from)
            var theme = merged(Theme(name: old, description: to.description, color: to.color),
                               was: base.themes[from] ?? Theme(name: from), now: fresh.themes[old])
            theme.name = to.name
            let tickets = freshAnnotations.compactMap { $0.value.themes.contains(old) ? $0.key : nil }.sorted()
            return .renameTheme(from: old, to: theme, tickets: tickets)
        case let .deleteTheme(name):
            return .deleteTheme(follow(name))
        case let .setRecommendation(period, r):
            guard case let .set(was)? = base.recommendations[period]?.entries[r.id],
                  case let .set(now)? = fresh.recommendations[period]?.entries[r.id], now != was else { return edit }
            var out = now
            if r.title != was.title { out.title = r.title }
            if r.text != was.text { out.text = r.text }
            if r.origin != was.origin { out.origin = r.origin }
            return .setRecommendation(period: period, out)
        case .setTriage, .setNote, .removeRecommendation, .orderRecommendations, .cluster:
            return edit
        }
    }

    /// `name` after the renames in `edits`, in order.
    public static func renamed(_ name: String, by edits: [Edit]) -> String {
        var n = name
        for e in edits {
            if case let .renameTheme(from, to, _) = e, from == n { n = to.name }
        }
        return n
    }

    /// `mine`'s description and colour where they differ from `was` (what
    /// the editing process had loaded), the rest from `now`.
    static func merged(_ mine: Theme, was: Theme, now: Theme?) -> Theme {
        guard let now else { return mine }
        var out = now
        out.name = mine.name
        if mine.description != was.description { out.description = mine.description }
        if mine.color != was.color { out.color = mine.color }
        return out
    }
}
