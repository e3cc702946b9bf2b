import Foundation

/// Builds reports from the store's tickets, clusters and recommendations.
///
/// Counting rules (also in the README):
/// - A ticket belongs to the period when it was created, updated, commented
///   on or closed within it (inclusive dates, in the report's time zone).
/// - Resolved: those tickets that are closed and whose `closed_at` is before
///   the end of the period. Open: all the others.
/// - Most active: the five with the highest activity score for the period;
///   ties (equal to two decimals) go to the more recently updated, then the
///   lower number.
/// - Common issues: clusters with at least two tickets in the period
///   (primary or related; a pinned cluster with one), pinned first, then by
///   tickets in the period; at most five; hidden clusters never.
public enum ReportBuilder {
    public static let maxIssues = 5
    /// Tickets listed under one common issue; the JSON twin carries all.
    public static let maxRelated = 10

    public struct Inputs {
        public var kind: Report.Kind
        public var tickets: [Ticket]
        public var period: Period
        public var generatedAt: Date
        public var annotations: [TicketKey: TicketAnnotation] = [:]
        /// Clusters as listed for the period (`ClusterQuery.list`), edits applied, hidden ones left out.
        public var clusters: [ClusterListing] = []
        public var recommendations: [Report.Recommendation] = []
        public var dailyReports: [String] = []
        public var model = ActivityModel()

        public init(kind: Report.Kind, tickets: [Ticket], period: Period, generatedAt: Date) {
            self.kind = kind
            self.tickets = tickets
            self.period = period
            self.generatedAt = generatedAt
        }
    }

    public static func build(kind: Report.Kind, tickets: [Ticket], period: Period, generatedAt: Date,
                             model: ActivityModel = ActivityModel()) -> Report {
        var inputs = Inputs(kind: kind, tickets: tickets, period: period, generatedAt: generatedAt)
        inputs.model = model
        return build(inputs)
    }

    public static func build(_ x: Inputs) -> Report {
        let period = x.period
        // Recency is measured to the end of the period, or to the generation
        // time when the report is written before the period is over.
        let reference = min(period.end, max(x.generatedAt, period.start))
        let ranked = Ranking.rank(x.tickets, period: period, model: x.model, reference: reference)
        var resolved = 0
        for e in ranked where isResolved(x.tickets[e.index], by: period.end) { resolved += 1 }
        let rows = ranked.prefix(5).map { row(x.tickets[$0.index], $0.activity) }
        var r = Report(kind: x.kind, generatedAt: x.generatedAt, period: period, totalTickets: ranked.count,
                       resolved: resolved, open: ranked.count - resolved, mostActive: Array(rows))

        var activity: [TicketKey: Double] = [:]
        for e in ranked { activity[x.tickets[e.index].key] = e.activity }
        var index: [TicketKey: Int] = [:]
        for e in ranked { index[x.tickets[e.index].key] = e.index }
        for listing in x.clusters where !listing.cluster.hidden {
            let c = listing.cluster
            let keys = (c.members + c.related).filter { index[$0] != nil }
            guard keys.count >= 2 || (c.pinned && !keys.isEmpty) else { continue }
            let ordered = keys.sorted { a, b in
                let x = activity[a] ?? 0, y = activity[b] ?? 0
                return x != y ? x > y : a < b
            }
            let open = keys.reduce(0) { $0 + (x.tickets[index[$1]!].state == .open ? 1 : 0) }
            r.commonIssues.append(Report.Issue(
                id: c.id, title: c.title, summary: c.summary, frequency: keys.count, open: open,
                related: ordered.map { row(x.tickets[index[$0]!], activity[$0] ?? 0) },
                keywords: c.keywords, edited: c.titleEdited || c.summaryEdited))
            if r.commonIssues.count == maxIssues { break }
        }
        r.recommendations = x.recommendations

        let inPeriod = ranked.map { x.tickets[$0.index] }
        r.byLabel = breakdown(inPeriod, by: { $0.labels }, end: period.end)
        r.byTheme = breakdown(inPeriod, by: { x.annotations[$0.key]?.themes ?? [] }, end: period.end)
        var responses: [TimeInterval] = []
        var closes: [TimeInterval] = []
        for t in inPeriod {
            if period.contains(t.createdAt), let c = firstResponse(t) { responses.append(c.createdAt.timeIntervalSince(t.createdAt)) }
            if t.state == .closed, let c = t.closedAt, period.contains(c) { closes.append(max(0, c.timeIntervalSince(t.createdAt))) }
        }
        r.medianFirstResponse = median(responses)
        r.firstResponseCount = responses.count
        r.medianTimeToClose = median(closes)
        r.closedCount = closes.count
        r.flow = flow(x.tickets, period)
        r.previousFlow = flow(x.tickets, period.previous)
        if x.kind == .weekly {
            r.dailyVolume = (0..<period.days).map { d in
                let day = period.first.adding(days: d)
                let p = Period(first: day, last: day, zone: period.zone)
                return (day, inPeriod.reduce(0) { $0 + (Ranking.isActive($1, in: p) ? 1 : 0) })
            }
            r.dailyReports = x.dailyReports
        }
        return r
    }

    static func row(_ t: Ticket, _ activity: Double) -> Report.Row {
        Report.Row(number: t.number, title: t.title, url: t.url, activity: activity)
    }

    static func isResolved(_ t: Ticket, by end: Date) -> Bool {
        t.state == .closed && (t.closedAt ?? t.updatedAt) < end
    }

    /// The first comment by someone other than the author, not a bot.
    static func firstResponse(_ t: Ticket) -> Comment? {
        t.comments.first { $0.author != t.author && !$0.authorIsBot && $0.createdAt >= t.createdAt }
    }

    static func breakdown(_ tickets: [Ticket], by categories: (Ticket) -> [String], end: Date) -> [Report.Breakdown] {
        var out: [String: Report.Breakdown] = [:]
        for t in tickets {
            let done = isResolved(t, by: end)
            for c in Set(categories(t)) {
                var b = out[c] ?? Report.Breakdown(category: c, received: 0, resolved: 0, pending: 0)
                b.received += 1
                if done { b.resolved += 1 } else { b.pending += 1 }
                out[c] = b
            }
        }
        return out.values.sorted { $0.received != $1.received ? $0.received > $1.received : $0.category < $1.category }
    }

    /// Of the period's tickets: new, created in it; closed, closed in it;
    /// resolved, closed by its end (in it or before, as the Summary counts);
    /// still open, the others.
    static func flow(_ tickets: [Ticket], _ period: Period) -> Report.Flow {
        var f = Report.Flow(new: 0, closed: 0, resolved: 0, stillOpen: 0)
        for t in tickets where Ranking.isActive(t, in: period) {
            if period.contains(t.createdAt) { f.new += 1 }
            if t.state == .closed, let c = t.closedAt, period.contains(c) { f.closed += 1 }
            if isResolved(t, by: period.end) { f.resolved += 1 } else { f.stillOpen += 1 }
        }
        return f
    }

    static func median(_ xs: [TimeInterval]) -> TimeInterval? {
        guard !xs.isEmpty else { return nil }
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
