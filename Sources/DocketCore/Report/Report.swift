import Foundation

/// The data of one support report, before it is rendered.
public struct Report: Sendable, Equatable {
    public enum Kind: String, Sendable { case daily, weekly }

    public struct Row: Sendable, Equatable {
        public var number: Int
        public var title: String
        public var url: String
        public var activity: Double
    }

    public var kind: Kind
    public var generatedAt: Date
    public var period: Period
    public var totalTickets: Int
    public var resolved: Int
    public var open: Int
    /// The most active tickets, at most five, most active first.
    public var mostActive: [Row]
}

/// Builds reports from the store's tickets.
///
/// Counting rules (also in the README):
/// - A ticket belongs to the period when it was created, updated, commented
///   on or closed within it (inclusive dates, in the report's time zone).
/// - Resolved: those tickets that are closed and whose `closed_at` is no
///   later than the end of the period. Open: all the others.
/// - Most active: the five with the highest activity score for the period;
///   ties go to the more recently updated, then the lower number.
public enum ReportBuilder {
    public static func build(kind: Report.Kind, tickets: [Ticket], period: Period, generatedAt: Date,
                             model: ActivityModel = ActivityModel()) -> Report {
        // Recency is measured to the end of the period, or to the generation
        // time when the report is written before the period is over.
        let reference = min(period.end, max(generatedAt, period.start))
        let ranked = Ranking.rank(tickets, period: period, model: model, reference: reference)
        var resolved = 0
        for e in ranked {
            let t = tickets[e.index]
            if t.state == .closed, (t.closedAt ?? t.updatedAt) < period.end { resolved += 1 }
        }
        let rows = ranked.prefix(5).map { e -> Report.Row in
            let t = tickets[e.index]
            return Report.Row(number: t.number, title: t.title, url: t.url, activity: e.activity)
        }
        return Report(kind: kind, generatedAt: generatedAt, period: period, totalTickets: ranked.count,
                      resolved: resolved, open: ranked.count - resolved, mostActive: Array(rows))
    }
}

/// Where reports go, in the layout the existing pipeline reads:
/// `OUT/week/<Monday>/daily/<date>/report_HHMMSS.md`.
public enum ReportPaths {
    public static func daily(out: String, date: CivilDate, generatedAt: Date, zone: TimeZone, ext: String = "md") -> String {
        "\(out)/week/\(date.monday)/daily/\(date)/report_\(Timestamp.compactTime(generatedAt, in: zone)).\(ext)"
    }

    public static func weekly(out: String, date: CivilDate, ext: String = "md") -> String {
        "\(out)/week/\(date.monday)/week_summary.\(ext)"
    }
}
