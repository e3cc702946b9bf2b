import DocketAnalysis
import DocketModel
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
/// - Common issues cover the period: every ticket of it is listed exactly
///   once, under the cluster it is a primary member of. Clusters with a
///   ticket in the period, and the most active tickets that no cluster
///   holds (each its own issue), are ranked pinned first, then by tickets in
///   the period, then by their activity; at most `maxIssues` (daily) or
///   `maxWeeklyIssues` (weekly). Every other ticket of the period closes the
///   section under "Other reports", a line each. Hidden clusters never; their
///   tickets are other reports.
public enum ReportBuilder {
    public static let maxIssues = 7
    public static let maxWeeklyIssues = 10
    /// The title of the last issue, which lists the rest of the period.
    public static let otherTitle = "Other reports"

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
        /// Logins of the support team: their replies are the team's
        /// (`IssueSummary`), besides GitHub's OWNER/MEMBER/COLLABORATOR.
        public var staff: Set<String> = []

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

    /// What a report's activity is measured to: the end of the period, or
    /// the generation time when the report is written before it is over.
    public static func reference(for period: Period, generatedAt: Date) -> Date {
        min(period.end, max(generatedAt, period.start))
    }

    public static func build(_ x: Inputs) -> Report {
        let period = x.period
        let reference = reference(for: period, generatedAt: x.generatedAt)
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
        r.commonIssues = commonIssues(x, ranked: ranked, activity: activity, index: index)
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

    static func commonIssues(_ x: Inputs, ranked: [Ranking.Entry], activity: [TicketKey: Double],
                             index: [TicketKey: Int]) -> [Report.Issue] {
        let cap = x.kind == .weekly ? maxWeeklyIssues : maxIssues
        let byActivity: (TicketKey, TicketKey) -> Bool = { a, b in
            let p = activity[a] ?? 0, q = activity[b] ?? 0
            return p != q ? p > q : a < b
        }
        // Keys looked up here come from the period's tickets (`index`).
        func ticket(_ k: TicketKey) -> Ticket? { index[k].map { x.tickets[$0] } }
        func isOpen(_ k: TicketKey) -> Bool { ticket(k).map { !isResolved($0, by: x.period.end) } ?? false }
        struct Candidate { var issue: Report.Issue; var keys: [TicketKey]; var pinned: Bool; var activity: Double }
        var candidates: [Candidate] = []
        var placed = Set<TicketKey>()
        var storeIndex: [TicketKey: Int] = [:]
        for (i, t) in x.tickets.enumerated() { storeIndex[t.key] = i }
        for listing in x.clusters where !listing.cluster.hidden {
            let c = listing.cluster
            let keys = c.members.filter { index[$0] != nil && !placed.contains($0) }.sorted(by: byActivity)
            guard !keys.isEmpty else { continue }
            placed.formUnion(keys)
            // A generated title names what the listed tickets share; a
            // person's title stands as written.
            let title = c.titleEdited ? c.title
                : ClusterTitle.make(c.members.compactMap { ticket($0)?.title })
            // A person's summary stands, with the counts after it when the
            // problem has tickets outside the period; a generated one is
            // written from the listed tickets.
            let listed = keys.compactMap(ticket)
            let members = c.members.compactMap { storeIndex[$0].map { x.tickets[$0] } }
            var summary: String
            if c.summaryEdited {
                summary = c.summary
                if members.count > listed.count {
                    let note = IssueSummary.counts(listed: listed, members: members, period: x.period)
                    summary = summary.isEmpty ? note : summary + " " + note
                }
            } else {
                summary = IssueSummary.write(listed: listed, members: members, keywords: c.keywords, period: x.period,
                                             staff: x.staff)
            }
            let open = keys.reduce(0) { $0 + (isOpen($1) ? 1 : 0) }
            candidates.append(Candidate(
                issue: Report.Issue(id: c.id, title: title.isEmpty ? c.title : title, summary: summary, frequency: keys.count,
                                    open: open, related: keys.compactMap { k in ticket(k).map { row($0, activity[k] ?? 0) } },
                                    keywords: c.keywords, edited: c.titleEdited || c.summaryEdited),
                keys: keys, pinned: c.pinned, activity: keys.reduce(0) { $0 + (activity[$1] ?? 0) }))
        }
        // The period's most active tickets that no cluster holds are issues of their own.
        for e in ranked.prefix(5) {
            let t = x.tickets[e.index]
            guard !placed.contains(t.key) else { continue }
            placed.insert(t.key)
            let summary = IssueSummary.write(listed: [t], members: [t], period: x.period, staff: x.staff)
            candidates.append(Candidate(
                issue: Report.Issue(id: t.key.label, title: ClusterTitle.make([t.title]), summary: summary, frequency: 1,
                                    open: isOpen(t.key) ? 1 : 0, related: [row(t, e.activity)]),
                keys: [t.key], pinned: false, activity: e.activity))
        }
        candidates.sort { a, b in
            if a.pinned != b.pinned { return a.pinned }
            if a.keys.count != b.keys.count { return a.keys.count > b.keys.count }
            if a.activity != b.activity { return a.activity > b.activity }
            return a.issue.id < b.issue.id
        }
        var out = candidates.prefix(cap).map(\.issue)
        let listed = Set(candidates.prefix(cap).flatMap(\.keys))
        let rest = ranked.map { x.tickets[$0.index].key }.filter { !listed.contains($0) }
        if !rest.isEmpty {
            let open = rest.reduce(0) { $0 + (isOpen($1) ? 1 : 0) }
            let summary = rest.count == 1 ? "One more report this period, \(open == 1 ? "open" : "resolved")."
                : "\(rest.count) more reports this period, \(open) of them open, each its own problem or a problem too small to list."
            out.append(Report.Issue(id: "", title: otherTitle, summary: summary, frequency: rest.count, open: open,
                                    related: rest.compactMap { k in ticket(k).map { row($0, activity[k] ?? 0) } }))
        }
        return out
    }

    /// The ticket's link when it is one of its own source's: for a GitHub
    /// ticket (source `owner/repo`) an http(s) URL whose path starts with
    /// `/owner/repo/` (on github.com or an Enterprise host); other sources
    /// carry no URL yet. Otherwise none: an imported file could point a
    /// report's links anywhere.
    static func link(_ t: Ticket) -> String {
        guard !t.url.isEmpty, let u = URL(string: t.url), let scheme = u.scheme?.lowercased(), scheme == "https" || scheme == "http",
              u.host != nil, t.source.contains("/"), !t.source.hasPrefix("jira/") else { return "" }
        return u.path.lowercased().hasPrefix("/" + t.source.lowercased() + "/") ? t.url : ""
    }

    static func row(_ t: Ticket, _ activity: Double) -> Report.Row {
        Report.Row(number: t.number, title: t.title, url: link(t), activity: activity, label: t.key.label)
    }

    static func isResolved(_ t: Ticket, by end: Date) -> Bool { t.isResolved(by: end) }

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
