import DocketModel
import Foundation

/// One ticket opened from a list: everything about it, scrolled.
enum TicketScreen: ScreenType {
    static func context(_ s: AppState) -> KeyContext { .ticket }

    static func render(_ s: AppState, _ areas: ScreenAreas, _ buffer: inout Buffer) {
        let (top, body, bottom) = (areas.top, areas.body, areas.bottom)
        guard case let .ticket(index, scroll) = s.screen else { return }
        let t = s.tickets.indices.contains(index) ? s.tickets[index] : nil
        TitleBar(left: "Docket · Ticket " + (t?.key.label ?? ""), right: Keymap.hintLine(for: .ticket)).render(in: top, buffer: &buffer)
        let lines = s.ticketLines(index, width: s.width)
        TicketDetailView.render(lines, scroll: scroll, in: body, buffer: &buffer)
        let total = lines.count
        var triage = t.map { (s.annotations[$0.key]?.triage ?? .untriaged) == .done ? " · triaged" : " · untriaged" } ?? ""
        if let k = t?.key, s.marked.contains(k) { triage += " · marked" }
        if s.marked.count > (t.map { s.marked.contains($0.key) ? 1 : 0 } ?? 0) { triage += " · \(s.marked.count) marked" }
        RootView.status(s, left: (t?.key.label ?? "") + " · activity for \(s.period.label)" + triage, right: "line \(min(total, scroll + 1))/\(total)",
               in: bottom, &buffer)
    }

    static func perform(_ action: Action, _ s: inout AppState) -> [Effect]? {
        guard case let .ticket(i, y) = s.screen else { return nil }
        switch action {
        case .back:
            if s.tab == .clusters, let id = s.ticketFromCluster { s.screen = .cluster(id: id) } else { s.screen = .list }
        case .moveUp, .moveDown, .pageUp, .pageDown, .home, .end:
            // Clamped to the text by `App.clampScroll`.
            if let to = ListCursor.target(of: action, from: y, page: s.height - 3) { s.screen = .ticket(index: i, scroll: max(0, to)) }
        case .open, .nextUntriaged:
            break
        default:
            return nil
        }
        return []
    }
}
