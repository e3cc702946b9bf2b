import DocketModel
import DocketReport
import Foundation

/// Work for the runtime to do after an update.
public enum Effect: Sendable, Equatable {
    case quit
    /// Save these edits to the store, in order, before the next frame is
    /// drawn. The state already shows them; if saving fails, the runtime
    /// goes back to the state before the update and says why.
    case persist([Edit])
    /// Compute the generated recommendations of a period; answered with
    /// `InputEvent.recommendationsLoaded`.
    case loadRecommendations(Period)
    /// Build the report of a kind for a day (now as its generation time);
    /// answered with `InputEvent.reportLoaded`.
    case loadReport(Report.Kind, CivilDate)
    /// Write the report's Markdown and JSON files to the output folder;
    /// answered with `InputEvent.exported` (or `.failed`).
    case export(Report.Kind, CivilDate)
    /// Let the user edit `text` in `$EDITOR` (the terminal is handed over
    /// meanwhile); answered with `InputEvent.edited(purpose, newText)`.
    case editExternally(text: String, purpose: EditPurpose)
}

/// The pure state machine of the TUI: an event in, a new state and effects
/// out. No I/O happens here; that is what makes screens testable by feeding
/// key sequences.
public enum App {
    public static func update(_ state: AppState, _ event: InputEvent) -> (AppState, [Effect]) {
        var (s, effects) = step(state, event)
        s.refreshDerived()
        return (s, effects)
    }

    private static func step(_ state: AppState, _ event: InputEvent) -> (AppState, [Effect]) {
        var s = state
        switch event {
        case let .resize(w, h):
            s.width = w
            s.height = h
            clampScroll(&s)
            return (s, [])
        case let .mouse(m):
            // Nothing but the "too small" message is drawn: a click hits nothing.
            if s.width < RootView.minimumWidth || s.height < RootView.minimumHeight { return (s, []) }
            // The screen under an open field or popup stays put.
            if case let .picker(p)? = s.modal { return pickerMouse(s, p, m) }
            guard s.editor == nil, s.modal == nil else { return (s, []) }
            // A click on a tab's label on the tab bar shows that tab.
            if m.kind == .press, m.y == 0, s.screen == .list,
               let tab = TabBar(current: s.tab, right: Keymap.hintLine(for: s.tab.hintContext)).tab(atX: m.x, width: s.width) {
                var t = s
                t.message = nil
                let effects = tab == s.tab ? [] : switchTab(&t, to: tab)
                return (t, effects)
            }
            return (handleMouse(s, m), [])
        case let .working(what):
            s.working = what
            return (s, [])
        case let .loaded(data):
            if let tickets = data.tickets {
                s.replaceData(tickets: tickets, annotations: data.annotations ?? s.annotations,
                              curation: data.curation ?? s.curation, clusters: data.clusters)
            } else if let c = data.clusters {
                s.clusters = c
            }
            if let m = data.message { s.message = m }
            return (s, [])
        case .recommendationsLoaded, .reportLoaded, .exported, .exportUnchanged, .edited, .failed:
            return handleResult(s, event)
        case let .key(key):
            // While the terminal is too small nothing is drawn but that
            // message: no key may act unseen (a `d` marking a ticket nobody
            // sees); only quitting does.
            if s.width < RootView.minimumWidth || s.height < RootView.minimumHeight {
                if key == .char("q") || key == .ctrl("c") { s.quitting = true; return (s, [.quit]) }
                return (s, [])
            }
            s.message = nil
            // An open field or popup takes every key (Ctrl-C still quits):
            // the recommendations' line editor, help, or a prompt/picker/question.
            if s.editor != nil {
                if key == .ctrl("c") { s.quitting = true; return (s, [.quit]) }
                return handleEditorKey(s, key)
            }
            if s.showHelp {
                // Any key closes help and Ctrl-C still quits; while it does not
                // all fit, ↑/↓ (k/j) and PgUp/PgDn scroll it instead.
                if key == .ctrl("c") { s.quitting = true; return (s, [.quit]) }
                let body = s.height - 2
                let most = HelpOverlay.maxScroll(for: context(of: s), height: body)
                let page = HelpOverlay.rows(height: body)
                let step: Int?
                switch key {
                case .down, .char("j"): step = 1
                case .up, .char("k"): step = -1
                case .pageDown: step = page
                case .pageUp: step = -page
                default: step = nil
                }
                if most > 0, let step {
                    s.helpScroll = max(0, min(most, s.helpScroll + step))
                } else {
                    s.showHelp = false
                    s.helpScroll = 0
                }
                return (s, [])
            }
            if s.modal != nil {
                if key == .ctrl("c") { s.quitting = true; return (s, [.quit]) }
                return handleModal(s, key)
            }
            let ctx = context(of: s)
            if ctx == .filter, Self.filterEditingKeys(key) {
                return (editFilter(s, key), [])
            }
            guard let action = Keymap.action(for: key, in: ctx) else { return (s, []) }
            return perform(action, on: s)
        }
    }

    /// Which bindings apply: those of the screen showing.
    public static func context(of s: AppState) -> KeyContext { screenType(of: s).context(s) }

    /// The screen showing: an open ticket, an open cluster, or a tab's list.
    static func screenType(of s: AppState) -> any ScreenType.Type {
        switch (s.screen, s.tab) {
        case (.ticket, _): return TicketScreen.self
        case (.cluster, _): return ClusterScreen.self
        case (.list, .tickets): return TicketsTab.self
        case (.list, .triage): return TriageTab.self
        case (.list, .clusters): return ClustersTab.self
        case (.list, .themes): return ThemesTab.self
        case (.list, .recommendations): return RecommendationsTab.self
        case (.list, .report): return ReportTab.self
        }
    }

    /// The keys the `/` field edits with, as every text field does
    /// (`LineEditor`): characters, Backspace/Delete, ←/→, Home/End and
    /// Ctrl-A/E/B/F/U/K/W/D/H. Enter and Esc keep or clear the filter; ↑/↓
    /// and paging still move the list.
    static func filterEditingKeys(_ key: Key) -> Bool {
        switch key {
        case .char, .backspace, .delete, .left, .right, .home, .end: return true
        case let .ctrl(c): return "abfukwdh".contains(c)
        default: return false
        }
    }

    /// A key in the `/` field: the list narrows (or widens) at once.
    static func editFilter(_ state: AppState, _ key: Key) -> AppState {
        var s = state
        let previous = s.query
        // Backspace in an empty field closes it, as before.
        if previous.isEmpty, key == .backspace || key == .ctrl("h") {
            s.editingFilter = false
            return s
        }
        var field = LineEditor(previous, cursor: s.filterCursor)
        _ = field.handle(key)
        s.query = field.text
        s.filterCursor = field.cursor
        if s.query != previous {
            s.refilter(narrowingFrom: previous)
            s.selected = 0
        }
        clampScroll(&s)
        return s
    }

    /// An action: the ones every screen shares first (quitting, help, tabs,
    /// undo, triage, marks and tags), then the current screen's own (see
    /// `ScreenType`), then moving and opening in a list.
    public static func perform(_ action: Action, on state: AppState) -> (AppState, [Effect]) {
        var s = state
        let effects: [Effect]
        if let e = performShared(action, &s) {
            effects = e
        } else if let e = screenType(of: s).perform(action, &s) {
            effects = e
        } else {
            effects = performOnList(action, &s)
        }
        clampScroll(&s)
        return (s, effects)
    }

    /// What every screen does alike; nil for a screen's own actions.
    static func performShared(_ action: Action, _ s: inout AppState) -> [Effect]? {
        var effects: [Effect] = []
        switch action {
        case .quit:
            s.quitting = true
            return [.quit]
        case .help:
            s.showHelp.toggle()
        case .palette:
            let items = Keymap.paletteEntries(for: context(of: s)).map {
                PickerItem(id: $0.action.rawValue, label: $0.action.summary + "  (" + $0.keys + ")")
            }
            s.modal = .picker(Picker(title: "Command", items: items, purpose: .command))
            s.helpScroll = 0
        case .showTickets: effects += switchTab(&s, to: .tickets)
        case .showTriage: effects += switchTab(&s, to: .triage)
        case .showClusters: effects += switchTab(&s, to: .clusters)
        case .showThemes: effects += switchTab(&s, to: .themes)
        case .showRecommendations: effects += switchTab(&s, to: .recommendations)
        case .showReport: effects += switchTab(&s, to: .report)
        case .nextTab: effects += switchTab(&s, to: s.tab.cycled(by: 1))
        case .previousTab: effects += switchTab(&s, to: s.tab.cycled(by: -1))
        case .undo:
            guard let entry = s.undoStack.popLast() else { s.message = "Nothing to undo"; break }
            guard EditHistory.holds(entry.edits, annotations: s.annotations, curation: s.curation) else {
                s.message = "Cannot undo \(entry.label): changed since, elsewhere (undoing would lose that change)"
                break
            }
            s.applyLocally(entry.inverse)
            s.redoStack.append(entry)
            s.message = "Undid: \(entry.label) · U: redo"
            effects.append(.persist(entry.inverse))
            effects += refreshAfterEdit(s)
        case .redo:
            guard let entry = s.redoStack.popLast() else { s.message = "Nothing to redo"; break }
            guard EditHistory.holds(entry.inverse, annotations: s.annotations, curation: s.curation) else {
                s.message = "Cannot redo \(entry.label): changed since, elsewhere (redoing would lose that change)"
                break
            }
            s.applyLocally(entry.edits)
            s.undoStack.append(entry)
            s.message = "Redid: \(entry.label)"
            effects.append(.persist(entry.edits))
            effects += refreshAfterEdit(s)
        case .markDone, .markNotDone:
            // Not a toggle: a quick `j d j d` sweep must never undo a mark.
            guard let key = currentTicketKey(s), let t = s.tickets.first(where: { $0.key == key }) else { break }
            let want: TriageStatus = action == .markDone ? .done : .untriaged
            let label = "\(t.key.label) " + (want == .done ? "done" : "not done")
            if (s.annotations[key]?.triage ?? .untriaged) == want {
                s.message = "\(t.key.label) is already " + (want == .done ? "done · D: not done" : "not done")
            } else {
                effects += record(&s, label: label, [.setTriage(key, want)])
                s.message = "Marked \(label) · u: undo"
            }
            if want == .done, s.tab == .triage, s.screen == .list { jumpToNextUntriaged(&s) }
        case .toggleMark, .tagTheme, .untagTheme:
            return performMarking(action, &s)
        default:
            return nil
        }
        return effects
    }

    /// Moving and opening in the current list (what a screen left unhandled).
    static func performOnList(_ action: Action, _ s: inout AppState) -> [Effect] {
        guard s.screen == .list else { return [] }
        switch action {
        case .moveUp, .moveDown, .pageUp, .pageDown, .home, .end:
            var c = s.cursor
            c.perform(action, count: s.listCount, height: s.listHeight)
            s.cursor = c
        case .open:
            if let row = s.listRow(s.cursor.selected) { s.screen = .ticket(index: row.index, scroll: 0) }
        case .back:
            s.message = "Nothing to go back to · q quits"
        default:
            break
        }
        return []
    }

    /// Applies `edits` to the state, makes them one undoable step, and
    /// returns the effect that saves them.
    /// `shown` is the recommendation as shown before a recommendation edit
    /// (a generated one has no stored words to go back to).
    static func record(_ s: inout AppState, label: String, _ edits: [Edit], shown: Recommendation? = nil) -> [Effect] {
        var inverse: [Edit] = []
        var annotations = s.annotations, curation = s.curation
        for e in edits {
            // Each inverse is computed against the state just before its edit.
            inverse.insert(contentsOf: EditHistory.inverse(of: e, annotations: annotations, curation: curation,
                                                           shownRecommendation: shown), at: 0)
            EditHistory.apply(e, annotations: &annotations, curation: &curation)
        }
        s.annotations = annotations
        s.curation = curation
        s.refreshDerived()
        s.undoStack.append(UndoEntry(label: label, edits: edits, inverse: inverse))
        s.redoStack.removeAll()
        return [.persist(edits)]
    }

    /// The ticket the current screen is about: the open one, or the selected row.
    static func currentTicketKey(_ s: AppState) -> TicketKey? {
        if case let .ticket(i, _) = s.screen { return s.tickets.indices.contains(i) ? s.tickets[i].key : nil }
        guard let row = s.listRow(s.cursor.selected) else { return nil }
        return s.tickets[row.index].key
    }

    /// Shows `period` on the ticket lists.
    static func setPeriod(_ s: inout AppState, _ period: Period) {
        s.period = period
        s.note = nil
        s.selected = 0
        s.triage = ListCursor()
        s.rerank()
        s.message = "Period: \(periodName(s.period, today: s.today))"
    }

    static func clearFilter(_ s: inout AppState) {
        s.editingFilter = false
        s.filterCursor = 0
        guard !s.query.isEmpty else { return }
        s.query = ""
        s.refilter()
        s.selected = 0
    }

    static func next<T: CaseIterable & Equatable>(_ v: T) -> T {
        let all = Array(T.allCases)
        guard let i = all.firstIndex(of: v) else { return v }
        return all[(i + 1) % all.count]
    }

    /// The periods `p` cycles through, relative to `today`.
    public static func periodCycle(today: CivilDate, zone: TimeZone = .utc) -> [Period] {
        [Period(first: today, last: today, zone: zone), .week(of: today, zone: zone),
         Period(first: today.adding(days: -6), last: today, zone: zone), .all(zone: zone)]
    }

    static func nextPeriod(after p: Period, today: CivilDate) -> Period {
        let cycle = periodCycle(today: today, zone: p.zone)
        guard let i = cycle.firstIndex(where: { $0 == p }) else { return cycle[0] }
        return cycle[(i + 1) % cycle.count]
    }

    /// "today (2025-04-14)", "this week (…)", "last 7 days (…)", "all time", or the dates.
    public static func periodName(_ p: Period, today: CivilDate) -> String {
        let names = ["today", "this week", "last 7 days"]
        if let i = periodCycle(today: today, zone: p.zone).firstIndex(where: { $0 == p }), i < names.count {
            return "\(names[i]) (\(p.label))"
        }
        return p.label
    }

    /// Shows `tab`; returns what it needs loaded (recommendations and the
    /// report preview are computed by the runtime, fresh on each visit).
    static func switchTab(_ s: inout AppState, to tab: Tab) -> [Effect] {
        s.tab = tab
        s.screen = .list
        s.clusterMarked = []
        switch tab {
        case .recommendations: return [.loadRecommendations(s.recommendationsPeriod)]
        case .report: return [.loadReport(s.report.kind, s.reportDay)]
        case .tickets, .triage, .clusters, .themes: return []
        }
    }

    /// Moves the triage cursor to the next untriaged row after it (wrapping).
    @discardableResult
    static func jumpToNextUntriaged(_ s: inout AppState) -> Bool {
        guard !s.rows.isEmpty else { return false }
        let start = s.cursor.selected
        for step in 1...s.rows.count {
            let i = (start + step) % s.rows.count
            if s.triageStatus(s.rows[i]) == .untriaged {
                move(&s, to: i)
                return true
            }
        }
        return false
    }

    private static func move(_ s: inout AppState, by delta: Int) {
        move(&s, to: s.cursor.selected + delta)
    }

    static func move(_ s: inout AppState, to row: Int) {
        var c = s.cursor
        c.select(row, count: s.listCount, height: s.listHeight)
        s.cursor = c
        clampScroll(&s)
    }

    static func moveMember(_ s: inout AppState, to row: Int) {
        s.clusterMembersCursor.select(row, count: s.clusterMembers.count, height: s.clusterMembersHeight)
        clampScroll(&s)
    }

    /// Keeps the selection visible and the detail scroll within its content.
    static func clampScroll(_ s: inout AppState) {
        let h = s.listHeight
        s.ticketList.clamp(count: s.shown.count, height: h)
        s.triage.clamp(count: s.rows.count, height: h)
        s.clusterList.clamp(count: s.listedClusters.count, height: h)
        s.themeList.clamp(count: s.themes.count, height: ThemeListView.listHeight(screenHeight: s.height))
        if case .cluster = s.screen {
            s.clusterMembersCursor.clamp(count: s.clusterMembers.count, height: s.clusterMembersHeight)
        }
        clampRecommendations(&s)
        clampReport(&s)
        if case let .ticket(i, y) = s.screen {
            let total = s.ticketLines(i, width: s.width).count
            let visible = max(1, s.height - 2)
            s.screen = .ticket(index: i, scroll: max(0, min(y, total - visible)))
        }
    }

    /// In a picker the wheel moves the choice and a click chooses: a click
    /// on the item already chosen takes it, as Enter would.
    static func pickerMouse(_ s: AppState, _ p: Picker, _ m: MouseEvent) -> (AppState, [Effect]) {
        switch m.kind {
        case .wheelUp: return handleModal(s, .up)
        case .wheelDown: return handleModal(s, .down)
        case .press:
            let body = Rect(x: 0, y: 1, width: s.width, height: max(0, s.height - 2))
            guard let i = PickerView.item(atX: m.x, y: m.y, p, in: body) else { return (s, []) }
            if i == p.selected { return handleModal(s, .enter) }
            var next = s
            var q = p
            q.selected = i
            next.modal = .picker(q)
            return (next, [])
        case .release:
            return (s, [])
        }
    }

    /// Rows one wheel notch moves the list.
    static let wheelStep = 3

    private static func handleMouse(_ state: AppState, _ m: MouseEvent) -> AppState {
        var s = state
        switch (m.kind, s.screen) {
        case (.wheelUp, .list): move(&s, by: -wheelStep); return s
        case (.wheelDown, .list): move(&s, by: wheelStep); return s
        case (.wheelUp, _): return perform(.moveUp, on: s).0
        case (.wheelDown, _): return perform(.moveDown, on: s).0
        // The Recommendations and Report screens are not one row per item.
        case (.press, .list) where s.tab != .recommendations && s.tab != .report:
            // Rows start below the tab bar and the header; the preview pane does not select.
            let row = m.y - 2 + s.cursor.scroll
            let inList = s.tab != .tickets || m.x < RootView.listWidth(s)
            if inList, m.y >= 2, m.y < 2 + s.listHeight, row < s.listCount { move(&s, to: row) }
            return s
        case (.press, .cluster):
            if let row = s.clusterDetail.memberRow(atY: m.y, width: s.width, height: s.height) { moveMember(&s, to: row) }
            return s
        default:
            return s
        }
    }
}
