import DocketAnalysis
import DocketModel
import DocketReport
import Foundation

/// One row of the ranked ticket list. Title and labels are sanitized when
/// read: only the rows on screen are, not all 100k at load.
public struct TicketRow: Sendable, Equatable {
    public var index: Int
    public var number: Int
    var rawTitle: String
    public var state: TicketState
    var rawLabels: [String]
    public var activity: Double
    public var updated: Date
    public var created: Date
    /// A Jira project (`PROJ` of `PROJ-123`); nil for GitHub and Zendesk,
    /// whose tickets are written by number.
    public var project: String?

    public init(index: Int, number: Int, title: String, state: TicketState, labels: [String], activity: Double,
                updated: Date, created: Date, project: String? = nil) {
        self.project = project
        self.index = index
        self.number = number
        self.rawTitle = title
        self.state = state
        self.rawLabels = labels
        self.activity = activity
        self.updated = updated
        self.created = created
    }

    public var title: String { TextSanitizer.singleLine(rawTitle) }
    /// The number column's text: `123`, or `PROJ-123` for a Jira issue.
    public var numberLabel: String { project.map { TextSanitizer.singleLine($0) + "-\(number)" } ?? String(number) }
    public var labels: String { TextSanitizer.singleLine(rawLabels.joined(separator: ", ")) }
}

/// Which tickets the Tickets list shows by state (`o` cycles).
public enum StateFilter: String, Sendable, CaseIterable {
    case all, open, closed
}

/// The Tickets list's order (`s` cycles): most active first, most recently
/// updated, newest, or highest number.
public enum SortOrder: String, Sendable, CaseIterable {
    case activity, updated, created, number
}

/// Which screen is showing within a tab: its list, or one ticket opened from it.
public enum Screen: Sendable, Equatable {
    case list
    case ticket(index: Int, scroll: Int)
    /// One cluster opened from the Clusters list (its members are `clusterMembers`).
    case cluster(id: String)
}

/// The top-level screens, switched by number keys or Tab.
public enum Tab: Int, Sendable, CaseIterable {
    case tickets = 1
    case triage = 2
    case clusters = 3
    case themes = 4
    case recommendations = 5
    case report = 6

    public var title: String {
        switch self {
        case .tickets: return "Tickets"
        case .triage: return "Triage"
        case .clusters: return "Clusters"
        case .themes: return "Themes"
        case .recommendations: return "Recommendations"
        case .report: return "Report"
        }
    }

    /// The title when every tab's full title does not fit the bar.
    public var shortTitle: String {
        self == .recommendations ? "Recs" : title
    }

    /// The keys whose hints the tab's bars show.
    public var hintContext: KeyContext {
        switch self {
        case .tickets: return .list
        case .triage: return .triage
        case .clusters: return .clusters
        case .themes: return .themes
        case .recommendations: return .recommendations
        case .report: return .report
        }
    }

    /// The tab after this one (wrapping), or before it with `by: -1`.
    public func cycled(by step: Int) -> Tab {
        let all = Tab.allCases
        let i = all.firstIndex(of: self) ?? 0
        return all[((i + step) % all.count + all.count) % all.count]
    }
}

/// One user action that changed the store, with the edits that undo it.
public struct UndoEntry: Sendable, Equatable {
    public var label: String
    public var edits: [Edit]
    public var inverse: [Edit]

    public init(label: String, edits: [Edit], inverse: [Edit]) {
        self.label = label
        self.edits = edits
        self.inverse = inverse
    }
}

/// A list's cursor: the selected row and the first row shown. Every list
/// of the browser moves through this one type, so ↑↓, paging, Home and End
/// behave alike everywhere.
public struct ListCursor: Sendable, Equatable {
    public var selected = 0
    public var scroll = 0
    public init(selected: Int = 0, scroll: Int = 0) {
        self.selected = selected
        self.scroll = scroll
    }

    /// The row a movement action goes to from `from` (the selection, or the
    /// first line shown of a text that only scrolls), a page being `page`
    /// rows; nil for an action that does not move. End goes past the last
    /// row: clamping puts it there.
    public static func target(of action: Action, from: Int, page: Int) -> Int? {
        switch action {
        case .moveUp: return from - 1
        case .moveDown: return from + 1
        case .pageUp: return from - max(1, page)
        case .pageDown: return from + max(1, page)
        case .home: return 0
        case .end: return Int.max / 2
        default: return nil
        }
    }

    /// Moves the selection as `action` does in a list of `count` rows with
    /// `height` on screen; false (and no change) for an action that does
    /// not move.
    /// - Complexity: O(1).
    @discardableResult
    public mutating func perform(_ action: Action, count: Int, height: Int, page: Int? = nil) -> Bool {
        guard let row = Self.target(of: action, from: selected, page: page ?? height) else { return false }
        select(row, count: count, height: height)
        return true
    }

    /// Selects `row`, clamped to the list, and scrolls it into view.
    public mutating func select(_ row: Int, count: Int, height: Int) {
        selected = row
        clamp(count: count, height: height)
    }

    /// Keeps the selection within `count` rows and visible in `height`.
    public mutating func clamp(count: Int, height: Int) {
        let h = max(1, height)
        selected = max(0, min(selected, count - 1))
        if selected < scroll { scroll = selected }
        if selected >= scroll + h { scroll = selected - h + 1 }
        scroll = max(0, min(scroll, max(0, count - h)))
    }
}

/// Everything the TUI shows. A value: `update` returns a new one.
public struct AppState: Sendable {
    public var tickets: [Ticket]
    public var annotations: [TicketKey: TicketAnnotation] { didSet { revision &+= 1 } }
    /// Themes, recommendation and cluster edits (what the store's `curation` holds).
    public var curation: Curation { didSet { revision &+= 1 } }
    /// Bumped on every change to `annotations` or `curation`: what derived
    /// lists (clusters, themes, suggestions) are cached against.
    public private(set) var revision = 0
    /// The saved cluster analysis (nil when the store has none).
    public var clusters: ClusterSnapshot? { didSet { snapshotVersion &+= 1 } }
    var snapshotVersion = 0
    /// Position of each ticket in `tickets`, by key.
    public internal(set) var ticketIndex: [TicketKey: Int]
    public var rows: [TicketRow]
    public var period: Period
    public var reference: Date
    public var model: ActivityModel
    /// The Tickets list's cursor (its rows are `shown`).
    public var ticketList = ListCursor()
    public var selected: Int {
        get { ticketList.selected }
        set { ticketList.selected = newValue }
    }
    public var scroll: Int {
        get { ticketList.scroll }
        set { ticketList.scroll = newValue }
    }
    public var screen: Screen = .list
    public var tab: Tab = .tickets
    /// The triage inbox's cursor (its rows are `rows`, the period's tickets).
    public var triage = ListCursor()
    /// The Clusters list's cursor, and whether hidden clusters are listed.
    public var clusterList = ListCursor()
    public var showHiddenClusters = false
    /// The open cluster's member list: cursor and the members marked for a split.
    public var clusterMembersCursor = ListCursor()
    public var clusterMarked: Set<TicketKey> = []
    /// The cluster a ticket was opened from, to go back to.
    public var ticketFromCluster: String?
    /// The Themes list's cursor.
    public var themeList = ListCursor()
    /// Tickets marked (Space) on the Tickets list or the ticket screen, for tagging.
    public var marked: Set<TicketKey> = []
    /// Theme suggestions rejected this session ("theme\u{0}source#number").
    public var rejectedSuggestions: Set<String> = []
    /// An open prompt, picker or question: it gets every key until closed.
    public var modal: Modal?
    /// Derived lists, recomputed only when their inputs change (see `refreshDerived`).
    public internal(set) var cache = DerivedCache()
    /// The Recommendations and Report screens.
    public var recs = RecommendationsScreen()
    public var report = ReportScreen()
    /// The day chosen with `[`/`]` on those screens (see `reportDay`).
    public var chosenDay: CivilDate?
    /// The line editor, while it is open (it takes every key).
    public var editor: EditorSession?
    /// Edits that can be undone, most recent last; and those undone, to redo.
    public var undoStack: [UndoEntry] = []
    public var redoStack: [UndoEntry] = []
    /// What the last action did (or why it could not), for the status bar.
    public var message: String?
    /// What the runtime is doing in the background (`InputEvent.working`),
    /// shown at the right of the status bar until it is done.
    public var working: String?
    public var showHelp = false
    /// The first help entry shown, when they do not all fit.
    public var helpScroll = 0
    public var width: Int
    public var height: Int
    /// A note for the status bar (e.g. why the period was widened).
    public var note: String?
    public var quitting = false
    /// Today, as the runtime's clock says (in tests: the newest activity's
    /// day): what `p` cycles periods around, and the default day of the
    /// Recommendations and Report screens.
    public var today: CivilDate
    /// The Tickets list: state filter, order, `/` query, and whether the
    /// query is being typed.
    public var stateFilter: StateFilter = .all
    public var sort: SortOrder = .activity
    public var query = ""
    public var editingFilter = false
    /// Where the cursor is in `query` while it is typed (characters from the start).
    public var filterCursor = 0
    /// The Tickets list's rows, as positions in `rows`: the period's rows
    /// in `sort` order that pass `stateFilter` and `query`.
    public var shown: [Int] = []
    /// `rows` positions in `sort` order passing `stateFilter`, before the query.
    var ordered: [Int] = []
    /// Where each row stands in `ordered` (-1: filtered out): the order a
    /// query's equal scores keep.
    var orderPosition: [Int] = []
    /// `shown` for each shorter query typed on the way to `query`, so that
    /// Backspace goes back without filtering again.
    var narrowed: [(query: String, shown: [Int])] = []
    /// The match text of every ticket, built once per set of tickets (a
    /// reload from disk replaces it).
    public internal(set) var search: TicketSearch

    public init(tickets: [Ticket], annotations: [TicketKey: TicketAnnotation] = [:], curation: Curation = Curation(),
                period: Period, reference: Date? = nil, model: ActivityModel = ActivityModel(), width: Int = 80,
                height: Int = 24, note: String? = nil, clusters: ClusterSnapshot? = nil, today: CivilDate? = nil) {
        self.tickets = tickets
        self.search = TicketSearch(tickets)
        var index: [TicketKey: Int] = [:]
        index.reserveCapacity(tickets.count)
        for (i, t) in tickets.enumerated() { index[t.key] = i }
        self.ticketIndex = index
        self.clusters = clusters
        self.annotations = annotations
        self.curation = curation
        self.period = period
        self.model = model
        self.reference = reference ?? Ranking.reference(tickets)
        self.today = today ?? CivilDate(self.reference, in: period.zone)
        self.width = width
        self.height = height
        self.note = note
        self.rows = []
        rerank()
        refreshDerived()
    }

    /// Recomputes the ranked rows for the current period.
    /// - Complexity: O(n log n) in the number of tickets.
    public mutating func rerank() {
        let ranked = Ranking.rank(tickets, period: period, model: model, reference: reference)
        rows = ranked.map { e in
            let t = tickets[e.index]
            return TicketRow(index: e.index, number: t.number, title: t.title, state: t.state, labels: t.labels,
                             activity: e.activity, updated: t.updatedAt, created: t.createdAt,
                             project: t.source.hasPrefix("jira/") ? String(t.source.dropFirst("jira/".count)) : nil)
        }
        selected = min(selected, max(0, rows.count - 1))
        reorder()
    }

    /// Recomputes the Tickets list's order and state filter, then its query.
    /// - Complexity: O(n log n) in the period's tickets.
    public mutating func reorder() {
        var order = Array(rows.indices)
        if stateFilter != .all {
            let want: TicketState = stateFilter == .open ? .open : .closed
            order.removeAll { rows[$0].state != want }
        }
        let r = rows
        switch sort {
        case .activity: break
        case .updated: order.sort { r[$0].updated != r[$1].updated ? r[$0].updated > r[$1].updated : $0 < $1 }
        case .created: order.sort { r[$0].created != r[$1].created ? r[$0].created > r[$1].created : $0 < $1 }
        case .number: order.sort { r[$0].number != r[$1].number ? r[$0].number > r[$1].number : $0 < $1 }
        }
        ordered = order
        orderPosition = [Int](repeating: -1, count: rows.count)
        for (i, r) in order.enumerated() { orderPosition[r] = i }
        refilter()
    }

    /// Applies `query` to the ordered rows, best match first (equal scores
    /// in the list's order). When the query only grew, the previous matches
    /// are narrowed instead (every term still has to match as a subsequence
    /// within one field, so nothing outside them can match now).
    /// - Complexity: O(candidates) with one memchr per query byte each.
    public mutating func refilter(narrowingFrom previous: String? = nil) {
        if query.isEmpty {
            narrowed = []
            shown = ordered
        } else if let p = previous, !p.isEmpty, query.hasPrefix(p) {
            narrowed.append((p, shown))
            let pos = orderPosition
            let inOrder = pos.count == rows.count ? shown.sorted { pos[$0] < pos[$1] } : shown
            shown = search.filter(inOrder, rows: rows, query: query, annotations: annotations)
        } else if let i = narrowed.lastIndex(where: { $0.query == query }) {
            shown = narrowed[i].shown
            narrowed.removeSubrange(i...)
        } else {
            narrowed = []
            shown = search.filter(ordered, rows: rows, query: query, annotations: annotations)
        }
        selected = min(selected, max(0, shown.count - 1))
    }

    /// The ticket row at a position of the current tab's list (Tickets and
    /// Triage; other tabs list other things).
    public func listRow(_ position: Int) -> TicketRow? {
        switch tab {
        case .tickets: return shown.indices.contains(position) ? rows[shown[position]] : nil
        case .triage: return rows.indices.contains(position) ? rows[position] : nil
        case .clusters, .themes, .recommendations, .report: return nil
        }
    }

    /// Rows of the list that fit between the title/header and status bar.
    public var listHeight: Int { max(1, height - 3) }

    public var openCount: Int { rows.reduce(0) { $0 + ($1.state == .open ? 1 : 0) } }

    /// How many rows the current tab's list has.
    public var listCount: Int {
        switch tab {
        case .tickets: return shown.count
        case .triage: return rows.count
        case .clusters: return listedClusters.count
        case .themes: return themes.count
        case .recommendations: return shownRecommendations?.count ?? 0
        case .report: return 0
        }
    }

    /// The triage status of a row's ticket.
    public func triageStatus(_ row: TicketRow) -> TriageStatus {
        tickets.indices.contains(row.index) ? annotations[tickets[row.index].key]?.triage ?? .untriaged : .untriaged
    }

    /// Untriaged tickets among the period's.
    public var untriagedCount: Int { rows.reduce(0) { $0 + (triageStatus($1) == .untriaged ? 1 : 0) } }

    /// The cursor of the current tab's list.
    public var cursor: ListCursor {
        get {
            switch tab {
            case .tickets: return ticketList
            case .triage: return triage
            case .clusters: return clusterList
            case .themes: return themeList
            case .recommendations: return recs.cursor
            case .report: return ListCursor(scroll: report.scroll)
            }
        }
        set {
            switch tab {
            case .tickets: ticketList = newValue
            case .triage: triage = newValue
            case .clusters: clusterList = newValue
            case .themes: themeList = newValue
            case .recommendations: recs.cursor = newValue
            case .report: report.scroll = newValue.scroll
            }
        }
    }

    /// Applies edits to this state's copy of what people added, exactly as
    /// the store does (the runtime saves them to the store first).
    public mutating func applyLocally(_ edits: [Edit]) {
        // Taken out so the dictionaries are uniquely held and change in place.
        var a = annotations, c = curation
        annotations = [:]
        curation = Curation()
        for e in edits { EditHistory.apply(e, annotations: &a, curation: &c) }
        annotations = a
        curation = c
        refreshDerived()
    }
}
