import DocketModel
import Foundation

/// The parts of a ticket's activity score for a period, so that the score
/// can be explained line by line.
public struct ActivityBreakdown: Sendable, Equatable {
    public struct Term: Sendable, Equatable {
        public var name: String
        public var count: Double
        public var weight: Double
        public var points: Double { count * weight }
    }

    public var terms: [Term]
    public var score: Double { terms.reduce(0) { $0 + $1.points } }
    /// The last moment of activity seen inside the period.
    public var lastActivity: Date?
}

/// An explainable activity score per ticket for a period:
///
///     activity = 1.0 × comments in the period
///              + 0.5 × reactions (on the ticket and on its comments in the period)
///              + 1.0 × distinct participants in the period (author if opened in it, commenters)
///              + 2.0 × [opened in the period]
///              + 1.5 × [closed in the period]
///              + 3.0 × reopenings (state_reason "reopened", or closed→open seen on import)
///              + 3.0 × 2^(−age / 3 days)   (recency; age = period end − last activity in the period)
///
/// Comments are counted from their timestamps. When only a comment count was
/// imported (REST issues without the comments endpoint), the count is
/// credited to the period if the ticket's `updated_at` falls in it.
public struct ActivityModel: Sendable {
    public var commentWeight = 1.0
    public var reactionWeight = 0.5
    public var participantWeight = 1.0
    public var openedWeight = 2.0
    public var closedWeight = 1.5
    public var reopenWeight = 3.0
    public var recencyWeight = 3.0
    public var recencyHalfLifeDays = 3.0

    public init() {}

    /// The score of `ticket` for `period`. For `Period.all`, `reference`
    /// (usually the newest activity in the store) stands in for the end.
    public func breakdown(_ t: Ticket, period: Period, reference: Date) -> ActivityBreakdown {
        let end = period.isAll ? reference : min(period.end, max(reference, period.start))
        var comments = 0.0
        var reactions = Double(0)
        var participants = Set<String>()
        var last: Date?
        func seen(_ d: Date) {
            if let l = last, d <= l { return }
            last = d
        }

        let opened = period.contains(t.createdAt)
        if opened {
            if !t.author.isEmpty { participants.insert(t.author) }
            seen(t.createdAt)
        }
        if opened || period.contains(t.updatedAt) { reactions += Double(t.reactions) }
        for c in t.comments where period.contains(c.createdAt) {
            comments += 1
            reactions += Double(c.reactions)
            if !c.authorIsBot, !c.author.isEmpty { participants.insert(c.author) }
            seen(c.createdAt)
        }
        let missing = t.commentCount - t.comments.count
        if missing > 0, period.contains(t.updatedAt) {
            comments += Double(missing)
        }
        if period.contains(t.updatedAt) { seen(t.updatedAt) }
        let closed = t.closedAt.map(period.contains) ?? false
        if closed, let c = t.closedAt { seen(c) }
        let reopened = Double(t.reopenCount) + (t.stateReason == "reopened" && period.contains(t.updatedAt) ? 1 : 0)

        var recency = 0.0
        if let l = last {
            let ageDays = max(0, end.timeIntervalSince(l)) / 86_400
            recency = pow(2, -ageDays / recencyHalfLifeDays)
        }
        return ActivityBreakdown(terms: [
            .init(name: "comments in period", count: comments, weight: commentWeight),
            .init(name: "reactions", count: reactions, weight: reactionWeight),
            .init(name: "participants", count: Double(participants.count), weight: participantWeight),
            .init(name: "opened in period", count: opened ? 1 : 0, weight: openedWeight),
            .init(name: "closed in period", count: closed ? 1 : 0, weight: closedWeight),
            .init(name: "reopenings", count: reopened, weight: reopenWeight),
            .init(name: "recency (half-life \(formatFixed(recencyHalfLifeDays, decimals: 0)) days)", count: recency, weight: recencyWeight),
        ], lastActivity: last)
    }

    public func score(_ t: Ticket, period: Period, reference: Date) -> Double {
        breakdown(t, period: period, reference: reference).score
    }
}

/// Which tickets belong to a period, and in what order.
public enum Ranking {
    /// A ticket counts for a period when it was created, updated, commented
    /// on or closed within it (all instants compared in the period's zone;
    /// both end dates inclusive). Everything counts for `Period.all`.
    public static func isActive(_ t: Ticket, in period: Period) -> Bool {
        if period.isAll { return true }
        if period.contains(t.createdAt) || period.contains(t.updatedAt) { return true }
        if let c = t.closedAt, period.contains(c) { return true }
        return t.comments.contains { period.contains($0.createdAt) }
    }

    /// The newest instant in `tickets`: the reference "now" for `Period.all`,
    /// so that rankings do not depend on the wall clock.
    public static func reference(_ tickets: [Ticket]) -> Date {
        var r = Date(timeIntervalSince1970: 0)
        for t in tickets {
            if t.updatedAt > r { r = t.updatedAt }
            if let c = t.comments.last?.createdAt, c > r { r = c }
        }
        return r
    }

    public struct Entry: Sendable {
        public var index: Int
        public var activity: Double
    }

    /// Indexes of the tickets active in `period`, most active first. Ties
    /// (equal scores to two decimals) go to the more recently updated
    /// ticket, then the lower number.
    /// - Complexity: O(n log n).
    public static func rank(_ tickets: [Ticket], period: Period, model: ActivityModel = ActivityModel(),
                            reference: Date? = nil) -> [Entry] {
        let ref = reference ?? Ranking.reference(tickets)
        var out: [Entry] = []
        out.reserveCapacity(tickets.count)
        for i in tickets.indices where isActive(tickets[i], in: period) {
            out.append(Entry(index: i, activity: model.score(tickets[i], period: period, reference: ref)))
        }
        // Sort keys gathered once: reading them from `tickets` in the
        // comparator copied a whole ticket per comparison.
        let keys = out.map { e in
            let t = tickets[e.index]
            return (score: (e.activity * 100).rounded(), updated: t.updatedAt, number: t.number, index: e.index)
        }
        var order = Array(keys.indices)
        order.sort { i, j in
            let a = keys[i], b = keys[j]
            if a.score != b.score { return a.score > b.score }
            if a.updated != b.updated { return a.updated > b.updated }
            if a.number != b.number { return a.number < b.number }
            return tickets[a.index].source < tickets[b.index].source
        }
        return order.map { out[$0] }
    }
}
