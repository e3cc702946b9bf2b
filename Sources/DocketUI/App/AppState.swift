import DocketCore
import Foundation

/// One row of the ranked ticket list, with its text already sanitized.
public struct TicketRow: Sendable, Equatable {
    public var index: Int
    public var number: Int
    public var title: String
    public var state: TicketState
    public var labels: String
    public var activity: Double
    public var updated: Date
}

/// Which screen is showing.
public enum Screen: Sendable, Equatable {
    case list
    case ticket(index: Int, scroll: Int)
}

/// Everything the TUI shows. A value: `update` returns a new one.
public struct AppState: Sendable {
    public var tickets: [Ticket]
    public var annotations: [TicketKey: TicketAnnotation]
    public var rows: [TicketRow]
    public var period: Period
    public var reference: Date
    public var model: ActivityModel
    public var selected = 0
    public var scroll = 0
    public var screen: Screen = .list
    public var showHelp = false
    public var width: Int
    public var height: Int
    /// A note for the status bar (e.g. why the period was widened).
    public var note: String?
    public var quitting = false

    public init(tickets: [Ticket], annotations: [TicketKey: TicketAnnotation] = [:], period: Period,
                reference: Date? = nil, model: ActivityModel = ActivityModel(), width: Int = 80, height: Int = 24,
                note: String? = nil) {
        self.tickets = tickets
        self.annotations = annotations
        self.period = period
        self.model = model
        self.reference = reference ?? Ranking.reference(tickets)
        self.width = width
        self.height = height
        self.note = note
        self.rows = []
        rerank()
    }

    /// Recomputes the ranked rows for the current period.
    /// - Complexity: O(n log n) in the number of tickets.
    public mutating func rerank() {
        let ranked = Ranking.rank(tickets, period: period, model: model, reference: reference)
        rows = ranked.map { e in
            let t = tickets[e.index]
            return TicketRow(index: e.index, number: t.number, title: TextSanitizer.singleLine(t.title), state: t.state,
                             labels: TextSanitizer.singleLine(t.labels.joined(separator: ", ")),
                             activity: e.activity, updated: t.updatedAt)
        }
        selected = min(selected, max(0, rows.count - 1))
    }

    /// Rows of the list that fit between the title/header and status bar.
    public var listHeight: Int { max(1, height - 3) }

    public var openCount: Int { rows.reduce(0) { $0 + ($1.state == .open ? 1 : 0) } }
}
