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
        case .nextTicket, .previousTicket:
            step(&s, by: action == .nextTicket ? 1 : -1)
        case .open, .nextUntriaged:
            break
        default:
            return nil
        }
        return []
    }

    /// Opens the next (or previous) ticket of what this one was opened
    /// from, the selection following: the open cluster's members, or the
    /// tab's list. At either end it stays, and says so.
    static func step(_ s: inout AppState, by delta: Int) {
        if s.tab == .clusters, let id = s.ticketFromCluster {
            // The cluster's screen state (its members, their list's height) as if back on it.
            let here = s.screen
            s.screen = .cluster(id: id)
            let members = s.clusterMembers
            let to = s.clusterMembersCursor.selected + delta
            guard members.indices.contains(to), let i = s.ticketIndex[members[to].key] else {
                s.screen = here
                s.message = delta > 0 ? "Last ticket of the cluster" : "First ticket of the cluster"
                return
            }
            s.clusterMembersCursor.select(to, count: members.count, height: s.clusterMembersHeight)
            s.screen = .ticket(index: i, scroll: 0)
            return
        }
        let to = s.cursor.selected + delta
        guard to >= 0, to < s.listCount, let row = s.listRow(to) else {
            s.message = delta > 0 ? "Last ticket of the list" : "First ticket of the list"
            return
        }
        App.move(&s, to: to)
        s.screen = .ticket(index: row.index, scroll: 0)
    }
}
