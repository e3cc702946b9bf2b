import DocketModel
import Foundation

/// The data of one support report, before it is rendered (Markdown or JSON).
public struct Report: Sendable, Equatable {
    public enum Kind: String, Sendable { case daily, weekly }

    public struct Row: Sendable, Equatable {
        public var number: Int
        public var title: String
        public var url: String
        public var activity: Double
        /// How the ticket is written (`TicketKey.label`): `#123`, `PROJ-123`.
        public var label: String

        public init(number: Int, title: String, url: String, activity: Double, label: String? = nil) {
            self.label = label ?? "#\(number)"
            self.number = number
            self.title = title
            self.url = url
            self.activity = activity
        }
    }

    /// One "common issue": a cluster with tickets in the period.
    public struct Issue: Sendable, Equatable {
        public var id: String
        public var title: String
        public var summary: String
        /// Tickets listed under the issue: the cluster's primary members in the period.
        public var frequency: Int
        public var open: Int
        /// Listed tickets, most active first; every ticket of the period is listed under one issue.
        public var related: [Row]
        public var keywords: [String]
        public var edited: Bool

        public init(id: String, title: String, summary: String, frequency: Int, open: Int, related: [Row],
                    keywords: [String] = [], edited: Bool = false) {
            self.id = id
            self.title = title
            self.summary = summary
            self.frequency = frequency
            self.open = open
            self.related = related
            self.keywords = keywords
            self.edited = edited
        }
    }

    public struct Recommendation: Sendable, Equatable {
        public var title: String
        public var text: String
        public var clusters: [String]
        public var tickets: [Int]

        public init(title: String, text: String, clusters: [String] = [], tickets: [Int] = []) {
            self.title = title
            self.text = text
            self.clusters = clusters
            self.tickets = tickets
        }
    }

    /// Tickets of the period with one label (or theme).
    public struct Breakdown: Sendable, Equatable {
        public var category: String
        public var received: Int
        public var resolved: Int
        public var pending: Int
    }

    /// Counts of a period's tickets: opened in it, closed in it, resolved
    /// (closed by its end, in it or before: the Summary's Resolved) and still
    /// open at its end (the Summary's Open).
    public struct Flow: Sendable, Equatable {
        public var new: Int
        public var closed: Int
        public var resolved: Int
        public var stillOpen: Int

        /// A period without a ticket.
        public static let none = Flow(new: 0, closed: 0, resolved: 0, stillOpen: 0)
    }

    public var kind: Kind
    public var generatedAt: Date
    public var period: Period
    public var totalTickets: Int
    public var resolved: Int
    public var open: Int
    /// The most active tickets, at most five, most active first.
    public var mostActive: [Row]
    public var commonIssues: [Issue] = []
    public var recommendations: [Recommendation] = []

    // Beyond the seeds' sections.
    public var byLabel: [Breakdown] = []
    public var byTheme: [Breakdown] = []
    /// Median time from creation to the first comment by someone other than
    /// the author and bots, over tickets created in the period that got one.
    public var medianFirstResponse: TimeInterval?
    /// How many tickets the first-response median is over.
    public var firstResponseCount = 0
    /// Median time from creation to closing, over tickets closed in the period.
    public var medianTimeToClose: TimeInterval?
    public var closedCount = 0
    public var flow = Flow.none
    public var previousFlow = Flow.none
    /// Weekly: tickets active on each day of the week, Monday first.
    public var dailyVolume: [(day: CivilDate, tickets: Int)] = []
    /// Weekly: the daily reports found for the week, as paths relative to the weekly file.
    public var dailyReports: [String] = []

    public init(kind: Kind, generatedAt: Date, period: Period, totalTickets: Int, resolved: Int, open: Int, mostActive: [Row]) {
        self.kind = kind
        self.generatedAt = generatedAt
        self.period = period
        self.totalTickets = totalTickets
        self.resolved = resolved
        self.open = open
        self.mostActive = mostActive
    }

    public static func == (a: Report, b: Report) -> Bool {
        a.kind == b.kind && a.generatedAt == b.generatedAt && a.period == b.period && a.totalTickets == b.totalTickets
            && a.resolved == b.resolved && a.open == b.open && a.mostActive == b.mostActive
            && a.commonIssues == b.commonIssues && a.recommendations == b.recommendations && a.byLabel == b.byLabel
            && a.byTheme == b.byTheme && a.medianFirstResponse == b.medianFirstResponse
            && a.medianTimeToClose == b.medianTimeToClose && a.flow == b.flow && a.previousFlow == b.previousFlow
            && a.dailyVolume.elementsEqual(b.dailyVolume) { $0.day == $1.day && $0.tickets == $1.tickets }
            && a.dailyReports == b.dailyReports
    }
}

/// Where reports go, in the layout the existing pipeline reads:
/// `OUT/week/<Monday>/daily/<date>/report_HHMMSS.md` and
/// `OUT/week/<Monday>/week_summary.md`.
public enum ReportPaths {
    public static func daily(out: String, date: CivilDate, generatedAt: Date, zone: TimeZone, ext: String = "md") -> String {
        "\(out)/week/\(date.monday)/daily/\(date)/report_\(Timestamp.compactTime(generatedAt, in: zone)).\(ext)"
    }

    public static func weekly(out: String, date: CivilDate, ext: String = "md") -> String {
        "\(out)/week/\(date.monday)/week_summary.\(ext)"
    }

    /// The daily Markdown reports already written for the week holding
    /// `date`, as paths relative to the weekly file (`daily/<date>/report_HHMMSS.md`),
    /// by day, then by time of generation.
    public static func dailies(out: String, week date: CivilDate) -> [String] {
        let base = "\(out)/week/\(date.monday)/daily"
        var found: [String] = []
        for offset in 0..<7 {
            let day = date.monday.adding(days: offset)
            let dir = "\(base)/\(day)"
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for n in names.sorted() where n.hasPrefix("report_") && n.hasSuffix(".md") {
                found.append("daily/\(day)/\(n)")
            }
        }
        return found
    }
}
