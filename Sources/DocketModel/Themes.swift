import Foundation

/// The rules of the theme catalogue, as pure functions from the current
/// state to the edit to record: the store and the CLI only apply them, so
/// the TUI gets the same refusals with the same messages.
public enum ThemeCatalog {
    /// Every theme: the defined ones and the names tickets carry without a
    /// definition, sorted by name, each with its ticket count.
    /// - Complexity: O(annotated tickets + themes log themes).
    public static func list(_ curation: Curation, annotations: [TicketKey: TicketAnnotation]) -> [ThemeUsage] {
        let counts = ticketCounts(annotations)
        var out: [ThemeUsage] = []
        for name in Set(curation.themes.keys).union(counts.keys).sorted() {
            let defined = curation.themes[name]
            out.append(ThemeUsage(theme: defined ?? Theme(name: name), tickets: counts[name] ?? 0, isDefined: defined != nil))
        }
        return out
    }

    /// How many tickets carry each theme name.
    public static func ticketCounts(_ annotations: [TicketKey: TicketAnnotation]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for a in annotations.values { for t in a.themes { counts[t, default: 0] += 1 } }
        return counts
    }

    /// The definition of `name`, or a default one when tickets use the name
    /// without a definition; nil when the name is unknown.
    public static func theme(_ name: String, _ curation: Curation, annotations: [TicketKey: TicketAnnotation]) -> Theme? {
        if let t = curation.themes[name] { return t }
        return annotations.values.contains { $0.themes.contains(name) } ? Theme(name: name) : nil
    }

    /// Defining a new theme: refused when the name is taken (`edit` changes one).
    public static func addEdit(_ theme: Theme, _ curation: Curation, annotations: [TicketKey: TicketAnnotation]) throws -> Edit {
        guard let name = Theme.normalizedName(theme.name) else { throw CurationError.invalidThemeName(theme.name) }
        if Self.theme(name, curation, annotations: annotations) != nil { throw CurationError.themeExists(name) }
        return .defineTheme(Theme(name: name, description: theme.description, color: theme.color))
    }

    /// Changing a theme's description or colour (nil keeps it). A name that
    /// tickets carry without a definition is defined by this.
    public static func editEdit(_ name: String, description: String?, color: ThemeColor?, _ curation: Curation,
                                annotations: [TicketKey: TicketAnnotation]) throws -> Edit {
        guard var t = theme(name, curation, annotations: annotations) else { throw CurationError.unknownTheme(name) }
        if let d = description { t.description = d }
        if let c = color { t.color = c }
        return .defineTheme(t)
    }

    /// Renaming: the edit names every ticket carrying `old` now (see
    /// `Curation.apply` for why), and keeps description and colour.
    /// Refused when `new` is taken: merging two themes should be deliberate.
    public static func renameEdit(_ old: String, to new: String, _ curation: Curation,
                                  annotations: [TicketKey: TicketAnnotation]) throws -> Edit {
        guard var t = theme(old, curation, annotations: annotations) else { throw CurationError.unknownTheme(old) }
        guard let name = Theme.normalizedName(new) else { throw CurationError.invalidThemeName(new) }
        if name != old, theme(name, curation, annotations: annotations) != nil { throw CurationError.themeExists(name) }
        t.name = name
        let tickets = annotations.compactMap { $0.value.themes.contains(old) ? $0.key : nil }.sorted()
        return .renameTheme(from: old, to: t, tickets: tickets)
    }

    /// Deleting removes the theme from every ticket too (a theme nobody can
    /// see in the catalogue should not linger on tickets), so a theme in use
    /// is refused unless `force` says that is intended.
    public static func deleteEdit(_ name: String, force: Bool, _ curation: Curation,
                                  annotations: [TicketKey: TicketAnnotation]) throws -> (edit: Edit, tickets: Int) {
        guard theme(name, curation, annotations: annotations) != nil else { throw CurationError.unknownTheme(name) }
        let n = annotations.values.reduce(0) { $0 + ($1.themes.contains(name) ? 1 : 0) }
        if n > 0, !force { throw CurationError.themeInUse(name, tickets: n) }
        return (.deleteTheme(name), n)
    }
}
