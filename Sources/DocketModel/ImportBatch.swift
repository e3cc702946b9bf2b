import Foundation

/// What one import read: tickets, comments to attach, and what was skipped.
public struct ImportBatch: Sendable {
    public var tickets: [Ticket] = []
    /// Comments from the REST comments endpoint, keyed by their ticket.
    public var comments: [(TicketKey, Comment)] = []
    public var skippedPullRequests = 0

    public init() {}

    public mutating func append(_ other: ImportBatch) {
        tickets.append(contentsOf: other.tickets)
        comments.append(contentsOf: other.comments)
        skippedPullRequests += other.skippedPullRequests
    }
}
