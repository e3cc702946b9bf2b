import DocketModel
import Foundation

/// The Tickets tab: the period's tickets by activity (or another order),
/// filtered as you type, with the selected ticket's preview on a wide terminal.
enum TicketsTab: ScreenType {
    static func context(_ s: AppState) -> KeyContext { s.editingFilter ? .filter : .list }

    static func render(_ s: AppState, _ areas: ScreenAreas, _ buffer: inout Buffer) {
        let (top, body, bottom) = (areas.top, areas.body, areas.bottom)
        let hints = Keymap.hintLine(for: s.tab.hintContext)
        TabBar(current: s.tab, right: hints).render(in: top, buffer: &buffer)
        let (listArea, previewArea) = body.splitLeft(RootView.listWidth(s))
        // Only the rows on screen are built: the list may hold 100k.
        let end = min(s.shown.count, s.scroll + max(0, listArea.height - 1))
        let visible = s.scroll < end ? s.shown[s.scroll..<end].map { s.rows[$0] } : []
        let filtered = !s.query.isEmpty || s.stateFilter != .all
        let none = filtered && !s.rows.isEmpty ? "No tickets match; Esc clears the filter." : emptyMessage(s)
        var list = TicketListView(rows: visible, selected: s.selected - s.scroll, scroll: 0, emptyMessage: none)
        list.marked = Set(s.marked.compactMap { s.ticketIndex[$0] })
        list.render(in: listArea, buffer: &buffer)
        if previewArea.width > 0 {
            let t = s.listRow(s.selected).map { s.tickets[$0.index] }
            TicketPreviewView(ticket: t, themes: t.flatMap { s.annotations[$0.key]?.themes } ?? [])
                .render(in: previewArea, buffer: &buffer)
        }
        var parts = ["\(s.shown.count) of \(s.rows.count) tickets", App.periodName(s.period, today: s.today)]
        if !s.marked.isEmpty { parts.insert("\(s.marked.count) marked", at: 0) }
        if let n = s.note { parts.append(n) }
        if s.stateFilter != .all { parts.append(s.stateFilter.rawValue) }
        parts.append("by \(s.sort.rawValue)")
        let right = s.shown.isEmpty ? "" : "\(s.selected + 1)/\(s.shown.count)"
        if s.editingFilter || !s.query.isEmpty {
            let chars = Array(TextSanitizer.singleLine(s.query))
            let at = max(0, min(s.filterCursor, chars.count))
            let query = "/" + (s.editingFilter ? String(chars[..<at]) + "▏" + String(chars[at...]) : String(chars))
            parts.append(query)
            // Where the bar is too narrow (a long period at 80 columns), the
            // query goes right after the counts, so what is typed stays in sight.
            if DisplayWidth.of(parts.joined(separator: " · ")) > StatusBar.leftWidth(right: right, width: bottom.width) {
                parts.removeLast()
                parts.insert(query, at: s.marked.isEmpty ? 1 : 2)
            }
        }
        let left = parts.joined(separator: " · ")
        // While typing, the query shows even over a message.
        let bar = s.editingFilter ? left : s.message ?? left
        // While a query is typed or kept, it needs the room more than the keys do.
        let keys = s.editingFilter || !s.query.isEmpty ? right : RootView.withHints(hints, right, left: bar, s)
        StatusBar(left: bar, right: keys).render(in: bottom, buffer: &buffer)
    }

    static func perform(_ action: Action, _ s: inout AppState) -> [Effect]? {
        switch action {
        case .back:
            // Esc clears a kept filter; it never quits (three accidental quits
            // in one careful session): q does.
            guard !s.query.isEmpty else { return nil }
            App.clearFilter(&s)
        case .filter:
            s.editingFilter = true
            s.filterCursor = s.query.count
        case .acceptFilter:
            s.editingFilter = false
        case .clearFilter:
            App.clearFilter(&s)
        case .cyclePeriod:
            App.setPeriod(&s, App.nextPeriod(after: s.period, today: s.today))
        case .choosePeriod:
            s.modal = .prompt(Prompt(label: "Period (today, week, 7d, all, YYYY-MM-DD..YYYY-MM-DD): ", text: s.period.isAll ? "all" : s.period.label,
                                     purpose: .period))
        case .cycleStateFilter:
            s.stateFilter = App.next(s.stateFilter)
            s.selected = 0
            s.reorder()
        case .cycleSort:
            s.sort = App.next(s.sort)
            s.selected = 0
            s.reorder()
        default:
            return nil
        }
        return []
    }
}
