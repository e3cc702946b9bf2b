import DocketAnalysis
import DocketModel

extension AppState {
    /// Takes the store's data after another process changed it (an import
    /// from cron, a tag from the CLI), keeping what the person is doing: the
    /// tab, the selected and the open ticket (found again by key), marks, a
    /// prompt or editor in progress, and the undo history (its edits name
    /// tickets by key, so they still apply).
    public mutating func replaceData(tickets newTickets: [Ticket], annotations newAnnotations: [TicketKey: TicketAnnotation],
                                     curation newCuration: Curation, clusters newClusters: ClusterSnapshot?) {
        func key(ofRow row: Int) -> TicketKey? { rows.indices.contains(row) ? tickets[rows[row].index].key : nil }
        // The Tickets list's `selected` is a position in `shown` (filtered and sorted); the inbox's is a row.
        let selectedKey = shown.indices.contains(selected) ? key(ofRow: shown[selected]) : nil
        let triageKey = key(ofRow: triage.selected)
        var open: (TicketKey, Int)?
        if case let .ticket(i, scroll) = screen, tickets.indices.contains(i) { open = (tickets[i].key, scroll) }

        tickets = newTickets
        var index: [TicketKey: Int] = [:]
        index.reserveCapacity(newTickets.count)
        for (i, t) in newTickets.enumerated() { index[t.key] = i }
        ticketIndex = index
        // The filter's text is per ticket index: the old one would match (or
        // index past) the wrong tickets.
        search = TicketSearch(newTickets)
        annotations = newAnnotations
        curation = newCuration
        if let c = newClusters { clusters = c }
        reference = Ranking.reference(newTickets)
        rerank()
        var rowOf: [TicketKey: Int] = [:]
        for (r, row) in rows.enumerated() { rowOf[tickets[row.index].key] = r }
        if let k = selectedKey, let r = rowOf[k], let p = shown.firstIndex(of: r) { selected = p }
        if let k = triageKey, let r = rowOf[k] { triage.selected = r }
        if let (k, scroll) = open {
            if let i = tickets.firstIndex(where: { $0.key == k }) { screen = .ticket(index: i, scroll: scroll) } else { screen = .list }
        }
        refreshDerived()
    }
}
