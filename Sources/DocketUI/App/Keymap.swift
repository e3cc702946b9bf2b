/// Every thing a key can do, by name. The keymap table below binds keys to
/// these, and the help overlay is generated from that same table.
public enum Action: String, Sendable, CaseIterable {
    case moveUp, moveDown, pageUp, pageDown, home, end
    case open, back, quit, help
    case showTickets, showTriage, showClusters, showThemes, showRecommendations, showReport, nextTab, previousTab
    case undo, redo
    case markDone, markNotDone, nextUntriaged, nextTicket, previousTicket
    case toggleMark, tagTheme, untagTheme
    case openCluster, showAllClusters, renameCluster, editSummary, moveTicket, mergeCluster, splitCluster
    case toggleHidden, togglePinned
    case newTheme, renameTheme, describeTheme, deleteTheme, cycleThemeColor, acceptSuggestion, rejectSuggestion
    case addRecommendation, editRecommendation, editInEditor, deleteRecommendation
    case moveItemUp, moveItemDown, previousPeriod, nextPeriod
    case weeklyReport, dailyReport, exportReport
    case filter, acceptFilter, clearFilter
    case cyclePeriod, choosePeriod, cycleStateFilter, cycleSort
    case palette

    /// One-line description for help and the status bar.
    public var summary: String {
        switch self {
        case .moveUp: return "Move up / scroll up"
        case .moveDown: return "Move down / scroll down"
        case .pageUp: return "Page up"
        case .pageDown: return "Page down"
        case .home: return "First ticket / top"
        case .end: return "Last ticket / bottom"
        case .open: return "Open the selected ticket"
        case .back: return "Back: closes a ticket, clears a filter"
        case .quit: return "Quit Docket"
        case .help: return "Show or hide this help"
        case .showTickets: return "Tickets: all tickets of the period by activity"
        case .showTriage: return "Triage inbox: mark the period's tickets done"
        case .showClusters: return "Clusters: common issues of the period"
        case .showThemes: return "Themes: the catalogue, counts and suggestions"
        case .showRecommendations: return "Recommendations: the week's, with your edits"
        case .showReport: return "Report: preview and export the report"
        case .nextTab: return "Next screen"
        case .previousTab: return "Previous screen"
        case .undo: return "Undo the last edit"
        case .redo: return "Redo what was undone"
        case .markDone: return "Mark the ticket triaged (done)"
        case .markNotDone: return "Mark the ticket not done (untriaged again)"
        case .nextUntriaged: return "Jump to the next untriaged ticket"
        case .nextTicket: return "Next ticket of the list (or cluster) it was opened from"
        case .previousTicket: return "Previous ticket of the list (or cluster) it was opened from"
        case .toggleMark: return "Mark or unmark the ticket (for t/T, or s on a cluster)"
        case .tagTheme: return "Tag the marked (or this) ticket with a theme"
        case .untagTheme: return "Remove a theme from the marked (or this) ticket"
        case .openCluster: return "Open the selected cluster"
        case .showAllClusters: return "Show or hide the hidden clusters"
        case .renameCluster: return "Rename the cluster"
        case .editSummary: return "Edit the cluster's summary"
        case .moveTicket: return "Move the marked tickets (or the selected one) to another cluster"
        case .mergeCluster: return "Merge the cluster into another"
        case .splitCluster: return "Split the marked tickets into a new cluster"
        case .toggleHidden: return "Hide or unhide the cluster"
        case .togglePinned: return "Pin or unpin the cluster"
        case .newTheme: return "Define a new theme"
        case .renameTheme: return "Rename the theme (on its tickets too)"
        case .describeTheme: return "Edit the theme's description"
        case .deleteTheme: return "Delete the theme (asks when tickets carry it)"
        case .cycleThemeColor: return "Change the theme's colour"
        case .acceptSuggestion: return "Accept the top suggestion (tag that ticket)"
        case .rejectSuggestion: return "Reject the top suggestion (for this session)"
        case .addRecommendation: return "Add a recommendation (title, then text)"
        case .editRecommendation: return "Edit the title, then the text, in place"
        case .editInEditor: return "Edit the text in $EDITOR"
        case .deleteRecommendation: return "Delete the recommendation"
        case .moveItemUp: return "Move the recommendation up"
        case .moveItemDown: return "Move the recommendation down"
        case .previousPeriod: return "Previous week (day, for a daily report)"
        case .nextPeriod: return "Next week (day, for a daily report)"
        case .weeklyReport: return "Weekly report"
        case .dailyReport: return "Daily report"
        case .exportReport: return "Export the report (Markdown and JSON) to the output folder"
        case .filter: return "Filter as you type: number, title, labels, themes, body"
        case .acceptFilter: return "Keep the filter and go back to the list"
        case .clearFilter: return "Clear the filter"
        case .cyclePeriod: return "Period: today, this week, last 7 days, all"
        case .palette: return "Command palette: find any action of this screen by name"
        case .choosePeriod: return "Type a period (a date, a range, 7d, week, all)"
        case .cycleStateFilter: return "Show all, open or closed tickets"
        case .cycleSort: return "Sort by activity, updated, created or number"
        }
    }
}

/// Screens a binding applies to.
public enum KeyContext: String, Sendable {
    case global, list, triage, ticket
    /// The Clusters list, one open cluster, and the Themes list.
    case clusters, cluster, themes
    /// The Recommendations and Report screens.
    case recommendations, report
    /// Typing a `/` filter: unbound characters go into the query.
    case filter
}

public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var context: KeyContext

    public init(_ keys: [Key], _ action: Action, _ context: KeyContext = .global) {
        self.keys = keys
        self.action = action
        self.context = context
    }
}

/// The one keymap table: drives input handling and the help overlay.
public enum Keymap {
    public static let bindings: [KeyBinding] = [
        KeyBinding([.up, .char("k")], .moveUp),
        KeyBinding([.down, .char("j")], .moveDown),
        KeyBinding([.pageUp, .ctrl("b")], .pageUp),
        KeyBinding([.pageDown, .ctrl("f")], .pageDown),
        KeyBinding([.home, .char("g")], .home),
        KeyBinding([.end, .char("G")], .end),
        KeyBinding([.enter, .right, .char("l")], .open, .list),
        KeyBinding([.enter, .right, .char("l")], .open, .triage),
        KeyBinding([.char("/")], .filter, .list),
        KeyBinding([.enter], .acceptFilter, .filter),
        KeyBinding([.escape], .clearFilter, .filter),
        KeyBinding([.char("p")], .cyclePeriod, .list),
        KeyBinding([.char("P")], .choosePeriod, .list),
        KeyBinding([.char("o")], .cycleStateFilter, .list),
        KeyBinding([.char("s")], .cycleSort, .list),
        KeyBinding([.char("d"), .char("x")], .markDone, .triage),
        KeyBinding([.char("D")], .markNotDone, .triage),
        KeyBinding([.char("n")], .nextUntriaged, .triage),
        KeyBinding([.char("d")], .markDone, .ticket),
        KeyBinding([.char("D")], .markNotDone, .ticket),
        KeyBinding([.char(" ")], .toggleMark, .list),
        KeyBinding([.char("t")], .tagTheme, .list),
        KeyBinding([.char("T")], .untagTheme, .list),
        KeyBinding([.char(" ")], .toggleMark, .ticket),
        KeyBinding([.char("t")], .tagTheme, .ticket),
        KeyBinding([.char("T")], .untagTheme, .ticket),
        KeyBinding([.escape, .left, .char("h"), .backspace], .back, .ticket),
        KeyBinding([.escape], .back, .list),
        KeyBinding([.escape], .back, .triage),
        KeyBinding([.char("q")], .back, .ticket),
        KeyBinding([.char("]")], .nextTicket, .ticket),
        KeyBinding([.char("[")], .previousTicket, .ticket),
        KeyBinding([.enter, .right, .char("l")], .openCluster, .clusters),
        KeyBinding([.char("a")], .showAllClusters, .clusters),
        KeyBinding([.char("r")], .renameCluster, .clusters),
        KeyBinding([.char("e")], .editSummary, .clusters),
        KeyBinding([.char("M")], .mergeCluster, .clusters),
        KeyBinding([.char("x")], .toggleHidden, .clusters),
        KeyBinding([.char("p")], .togglePinned, .clusters),
        KeyBinding([.escape], .back, .clusters),
        KeyBinding([.enter, .right, .char("l")], .open, .cluster),
        KeyBinding([.char(" ")], .toggleMark, .cluster),
        KeyBinding([.char("s")], .splitCluster, .cluster),
        KeyBinding([.char("m")], .moveTicket, .cluster),
        KeyBinding([.char("r")], .renameCluster, .cluster),
        KeyBinding([.char("e")], .editSummary, .cluster),
        KeyBinding([.char("M")], .mergeCluster, .cluster),
        KeyBinding([.char("x")], .toggleHidden, .cluster),
        KeyBinding([.char("p")], .togglePinned, .cluster),
        KeyBinding([.escape, .left, .char("h"), .backspace, .char("q")], .back, .cluster),
        KeyBinding([.char("n")], .newTheme, .themes),
        KeyBinding([.char("R")], .renameTheme, .themes),
        KeyBinding([.char("e")], .describeTheme, .themes),
        KeyBinding([.char("c")], .cycleThemeColor, .themes),
        KeyBinding([.char("d"), .delete], .deleteTheme, .themes),
        KeyBinding([.char("a")], .acceptSuggestion, .themes),
        KeyBinding([.char("r")], .rejectSuggestion, .themes),
        KeyBinding([.escape], .back, .themes),
        KeyBinding([.char("a")], .addRecommendation, .recommendations),
        KeyBinding([.enter], .editRecommendation, .recommendations),
        KeyBinding([.char("e")], .editInEditor, .recommendations),
        KeyBinding([.char("d"), .delete], .deleteRecommendation, .recommendations),
        KeyBinding([.char("K")], .moveItemUp, .recommendations),
        KeyBinding([.char("J")], .moveItemDown, .recommendations),
        KeyBinding([.char("[")], .previousPeriod, .recommendations),
        KeyBinding([.char("]")], .nextPeriod, .recommendations),
        KeyBinding([.escape], .back, .recommendations),
        KeyBinding([.char(" ")], .pageDown, .report),
        KeyBinding([.char("w")], .weeklyReport, .report),
        KeyBinding([.char("d")], .dailyReport, .report),
        KeyBinding([.char("x")], .exportReport, .report),
        KeyBinding([.char("[")], .previousPeriod, .report),
        KeyBinding([.char("]")], .nextPeriod, .report),
        KeyBinding([.escape], .back, .report),
        KeyBinding([.char("1")], .showTickets),
        KeyBinding([.char("2")], .showTriage),
        KeyBinding([.char("3")], .showClusters),
        KeyBinding([.char("4")], .showThemes),
        KeyBinding([.char("5")], .showRecommendations),
        KeyBinding([.char("6")], .showReport),
        KeyBinding([.tab], .nextTab),
        KeyBinding([.backTab], .previousTab),
        KeyBinding([.char("u"), .ctrl("z")], .undo),
        KeyBinding([.ctrl("r"), .char("U")], .redo),
        KeyBinding([.char("q"), .ctrl("c")], .quit),
        KeyBinding([.char("?"), .function(1)], .help),
        KeyBinding([.char(":")], .palette),
    ]

    /// The action bound to `key` on a screen: a screen's own bindings win
    /// over global ones.
    public static func action(for key: Key, in context: KeyContext) -> Action? {
        if let b = binding(for: key, in: context) { return b.action }
        return binding(for: key, in: .global)?.action
    }

    /// The binding of `key` in exactly `context` (no global fallback).
    public static func binding(for key: Key, in context: KeyContext) -> KeyBinding? {
        bindings.first(where: { $0.context == context && $0.keys.contains(key) })
    }

    /// How a key is written in help text.
    public static func name(_ key: Key) -> String {
        switch key {
        case let .char(c): return c == " " ? "Space" : String(c)
        case let .ctrl(c): return "Ctrl-" + String(c).uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Bksp"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .delete: return "Del"
        case .insert: return "Ins"
        case let .function(n): return "F\(n)"
        }
    }

    /// The actions a context offers with their keys, for the command
    /// palette: the same entries as help, one per action.
    public static func paletteEntries(for context: KeyContext) -> [(action: Action, keys: String)] {
        var out: [(action: Action, keys: String)] = []
        for ctx in [context, .global] {
            for b in bindings where b.context == ctx && b.action != .palette {
                let keys = b.keys.filter { k in ctx == context || action(for: k, in: context) == b.action }
                if keys.isEmpty || out.contains(where: { $0.action == b.action }) { continue }
                out.append((b.action, keys.map(name).joined(separator: ", ")))
            }
        }
        return out
    }

    /// Help lines `(keys, description)` for a context, global ones last.
    public static func helpEntries(for context: KeyContext) -> [(String, String)] {
        var out: [(String, String)] = []
        for ctx in [context, .global] {
            for b in bindings where b.context == ctx {
                // A global binding shadowed by this screen's own is not shown.
                let keys = b.keys.filter { k in ctx == context || action(for: k, in: context) == b.action }
                if keys.isEmpty { continue }
                out.append((keys.map(name).joined(separator: ", "), b.action.summary))
            }
        }
        return out
    }
}

/// One key hint of a screen's bar ("/:filter", "w/d:week/day"): actions and
/// a short label. The keys are looked up in `Keymap.bindings`, so a hint can
/// never name a key the screen does not bind to it.
public struct KeyHint: Sendable {
    public var actions: [Action]
    public var label: String
    /// Which of the action's keys to show, when not its first one.
    public var keys: [Key]?

    public init(_ label: String, _ actions: Action..., keys: [Key]? = nil) {
        self.label = label
        self.actions = actions
        self.keys = keys
    }
}

extension Keymap {
    /// The keys each screen shows on its bar, most useful first; `?:help`
    /// closes every one.
    public static let hints: [KeyContext: [KeyHint]] = [
        .list: [KeyHint("filter", .filter), KeyHint("period", .cyclePeriod), KeyHint("state", .cycleStateFilter),
                KeyHint("sort", .cycleSort)],
        .triage: [KeyHint("done", .markDone), KeyHint("next", .nextUntriaged), KeyHint("undo", .undo)],
        .clusters: [KeyHint("open", .openCluster), KeyHint("rename", .renameCluster)],
        .cluster: [KeyHint("mark", .toggleMark), KeyHint("split", .splitCluster), KeyHint("move", .moveTicket),
                   KeyHint("back", .back, keys: [.char("q")])],
        .themes: [KeyHint("new", .newTheme), KeyHint("delete", .deleteTheme)],
        .recommendations: [KeyHint("add", .addRecommendation), KeyHint("edit", .editRecommendation),
                           KeyHint("del", .deleteRecommendation)],
        .report: [KeyHint("week/day", .weeklyReport, .dailyReport), KeyHint("export", .exportReport)],
        .ticket: [KeyHint("scroll", .moveUp, .moveDown, keys: [.up, .down]), KeyHint("prev/next", .previousTicket, .nextTicket),
                  KeyHint("done", .markDone),
                  KeyHint("back", .back, keys: [.char("q"), .escape])],
    ]

    /// The keys of a hint in `context`: the ones it names, else each
    /// action's first key there (a screen's own binding before a global one).
    public static func keys(of hint: KeyHint, in context: KeyContext) -> [Key] {
        if let keys = hint.keys { return keys }
        return hint.actions.compactMap { a in
            (bindings.first { $0.context == context && $0.action == a } ?? bindings.first { $0.context == .global && $0.action == a })?.keys.first
        }
    }

    /// A screen's hint line, e.g. "/:filter p:period o:state s:sort ?:help".
    /// Arrow keys are written together ("↑↓"), others with slashes ("w/d").
    public static func hintLine(for context: KeyContext) -> String {
        hintLines[context] ?? makeHintLine(for: context)
    }

    /// Built once: every frame draws one.
    private static let hintLines: [KeyContext: String] =
        Dictionary(uniqueKeysWithValues: hints.keys.map { ($0, makeHintLine(for: $0)) })

    private static func makeHintLine(for context: KeyContext) -> String {
        let arrows: Set<Key> = [.up, .down, .left, .right]
        let parts = (hints[context] ?? []).map { h -> String in
            let keys = Self.keys(of: h, in: context)
            return keys.map(name).joined(separator: keys.allSatisfy(arrows.contains) ? "" : "/") + ":" + h.label
        }
        return (parts + ["?:help"]).joined(separator: " ")
    }
}

/// The key reference for documentation, generated from `Keymap.bindings`.
public enum KeyReference {
    public static func markdown() -> String {
        var out = "| Keys | Where | Action |\n|------|-------|--------|\n"
        for b in Keymap.bindings {
            let keys = b.keys.map { "`" + Keymap.name($0) + "`" }.joined(separator: " ")
            let where_ = b.context == .global ? "everywhere" : b.context.rawValue
            out += "| \(keys) | \(where_) | \(b.action.summary) |\n"
        }
        return out
    }
}
