@testable import DocketAnalysis
@testable import DocketModel
@testable import DocketReport
import Foundation
import XCTest


/// Reports against golden files (literal expected output, written for these
/// fixtures), the seeds' line structure, the JSON twin's fields, and a real
/// GFM parser. `DOCKET_UPDATE_GOLDENS=1 swift test --filter ReportFormatTests`
/// rewrites the goldens; review the diff before committing it.
final class ReportFormatTests: XCTestCase {
    static let repo: URL = {
        var u = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { u.deleteLastPathComponent() }
        return u
    }()

    private func date(_ s: String) -> Date { Timestamp.parse(s)! }
    private func key(_ n: Int) -> TicketKey { TicketKey(source: "acme/help", number: n) }

    private func ticket(_ n: Int, _ title: String, created: String, updated: String? = nil, closed: String? = nil,
                        labels: [String] = [], comments: [Comment] = [], author: String = "reporter") -> Ticket {
        Ticket(source: "acme/help", number: n, title: title, body: "", state: closed == nil ? .open : .closed,
               labels: labels, author: author, createdAt: date(created), updatedAt: date(updated ?? created),
               closedAt: closed.map(date), comments: comments, url: "https://github.com/acme/help/issues/\(n)")
    }

    /// A week of invented tickets: a sync problem, a login problem, one loner.
    private var week: [Ticket] {
        [
            ticket(101, "Sync stops after the laptop sleeps", created: "2026-03-02T09:00:00Z", updated: "2026-03-03T10:00:00Z",
                   labels: ["bug", "sync"], comments: [
                       Comment(author: "helper", createdAt: date("2026-03-02T11:30:00Z"), body: "Which version?"),
                       Comment(author: "reporter", createdAt: date("2026-03-02T12:00:00Z"), body: "3.2.1"),
                   ]),
            ticket(102, "Sync queue never drains", created: "2026-03-02T15:00:00Z", closed: "2026-03-04T15:00:00Z",
                   labels: ["sync"], comments: [Comment(author: "helper", createdAt: date("2026-03-02T16:00:00Z"), body: "Fixed in 3.2.2")]),
            ticket(103, "Login loops back to the start page", created: "2026-03-04T08:00:00Z", labels: ["bug"]),
            ticket(104, "Login page spins forever", created: "2026-03-05T08:00:00Z", closed: "2026-03-05T20:00:00Z",
                   comments: [Comment(author: "ci-bot", authorIsBot: true, createdAt: date("2026-03-05T08:01:00Z"), body: "Thanks!")]),
            ticket(105, "Export to PDF cuts tables", created: "2026-03-06T10:00:00Z"),
            ticket(90, "Old sync report", created: "2026-02-24T10:00:00Z"),
        ]
    }

    private func listing(_ id: String, _ title: String, _ summary: String, _ members: [Int], related: [Int] = [],
                         summaryEdited: Bool = false) -> ClusterListing {
        ClusterListing(cluster: CuratedCluster(id: id, title: title, summary: summary, generatedTitle: title,
                                               generatedSummary: summaryEdited ? "" : summary,
                                               keywords: ["sync"], members: members.map(key), related: related.map(key),
                                               facets: [], hidden: false, pinned: false),
                       activity: 0, open: 0)
    }

    func testEveryTicketOfThePeriodIsListedOnceWithinTheCapAndOtherReportsCloseTheSection() {
        // Twelve tickets in one day: nine clusters of one ticket each, three loners.
        let day = Period(first: CivilDate("2026-03-10")!, last: CivilDate("2026-03-10")!)
        let tickets = (1...12).map { n in
            ticket(200 + n, "Invented problem \(n)", created: "2026-03-10T\(String(format: "%02d", n)):00:00Z",
                   comments: (0..<(n % 4)).map { Comment(author: "c\($0)", createdAt: date("2026-03-10T23:00:00Z"), body: "+1") })
        }
        var x = inputs(.daily, day, tickets: tickets)
        x.clusters = (1...9).map { listing("c\(200 + $0)", "Cluster \($0)", "", [200 + $0]) }
        let r = ReportBuilder.build(x)
        XCTAssertEqual(r.commonIssues.count, ReportBuilder.maxIssues + 1)
        XCTAssertEqual(r.commonIssues.last?.title, ReportBuilder.otherTitle)
        let listed = r.commonIssues.flatMap { $0.related.map(\.number) }
        XCTAssertEqual(listed.sorted(), (201...212).map { $0 })  // each exactly once
        XCTAssertEqual(r.commonIssues.last?.frequency, 12 - ReportBuilder.maxIssues)
        // The markdown lists every one of them.
        let md = MarkdownRenderer.render(r)
        for n in 201...212 { XCTAssertTrue(md.contains("[#\(n)]("), "#\(n)") }
    }

    func testAClusterWithEarlierTicketsSaysHowManyAndSince() {
        let day = Period(first: CivilDate("2026-03-05")!, last: CivilDate("2026-03-05")!)
        var x = inputs(.daily, day)
        x.clusters = [listing("c90", "Sync", "Sync stops.", [90, 101, 104])]
        let issue = ReportBuilder.build(x).commonIssues.first { $0.id == "c90" }
        // Written from the tickets (IssueSummary): the period's one and the store's three.
        XCTAssertTrue(issue?.summary.hasPrefix("1 report this period, 0 open; 3 since 2026-02-24, 2 open.") ?? false,
                      issue?.summary ?? "")
        XCTAssertEqual(issue?.related.map(\.number), [104])
        // A person's summary stands as written, the counts after it.
        x.clusters = [listing("c90", "Sync", "Sync stops when the laptop sleeps.", [90, 101, 104], summaryEdited: true)]
        let edited = ReportBuilder.build(x).commonIssues.first { $0.id == "c90" }
        XCTAssertEqual(edited?.summary, "Sync stops when the laptop sleeps. 1 report this period, 0 open; 3 since 2026-02-24, 2 open.")
    }

    func testAGeneratedTitleComesFromTheListedTicketsAndAPersonsTitleStands() {
        var x = inputs(.daily, Period(first: CivilDate("2026-03-04")!, last: CivilDate("2026-03-05")!))
        // Ticket 90 is outside the period: its title must not name the issue.
        x.clusters = [listing("c90", "Old sync report", "", [90, 103, 104])]
        XCTAssertEqual(ReportBuilder.build(x).commonIssues.first?.title, "Login loops back to the start page")
        var edited = listing("c90", "Login loop after update", "", [90, 103, 104])
        edited.cluster.generatedTitle = "Old sync report"
        x.clusters = [edited]
        XCTAssertEqual(ReportBuilder.build(x).commonIssues.first?.title, "Login loop after update")
    }

    private func inputs(_ kind: Report.Kind, _ period: Period, tickets: [Ticket]? = nil) -> ReportBuilder.Inputs {
        var x = ReportBuilder.Inputs(kind: kind, tickets: tickets ?? week, period: period, generatedAt: date("2026-03-08T21:07:02Z"))
        x.clusters = [
            listing("c101", "Sync stops after sleep", "Sync stops after the laptop sleeps. The queue never drains.", [101, 102]),
            listing("c103", "Login loops", "People are sent back to the login page.", [103, 104], related: [101]),
            listing("c105", "Export to PDF", "Tables are cut.", [105]),
        ]
        x.recommendations = [
            Report.Recommendation(title: "Fix \"Sync stops after sleep\" first", text: "2 tickets this week, 1 open; reproduce with #101."),
            Report.Recommendation(title: "Document the login workaround", text: "1 of 2 closed within a day; link #104 in the FAQ."),
        ]
        x.annotations = [key(101): TicketAnnotation(themes: ["sync"]), key(102): TicketAnnotation(themes: ["sync"])]
        return x
    }

    private func golden(_ name: String, _ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Self.repo.appendingPathComponent("Tests/DocketCoreTests/Goldens/\(name)")
        if ProcessInfo.processInfo.environment["DOCKET_UPDATE_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("no golden \(name); run with DOCKET_UPDATE_GOLDENS=1 and review it", file: file, line: line)
            return
        }
        if text != expected {
            let a = text.split(separator: "\n", omittingEmptySubsequences: false)
            let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let n = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            XCTFail("\(name) differs at line \(n + 1):\n got: \(n < a.count ? a[n] : "<end>")\nwant: \(n < b.count ? b[n] : "<end>")",
                    file: file, line: line)
        }
    }

    private var weekPeriod: Period { Period.week(of: CivilDate("2026-03-04")!) }

    // MARK: - Goldens

    func testDailyGolden() throws {
        let day = Period(first: CivilDate("2026-03-02")!, last: CivilDate("2026-03-02")!)
        let r = ReportBuilder.build(inputs(.daily, day))
        XCTAssertEqual(r.totalTickets, 2)
        XCTAssertEqual(r.commonIssues.map(\.id), ["c101"])  // c103 has no ticket that day but #101 as related: one is not common
        try golden("daily.md", MarkdownRenderer.render(r))
        try golden("daily.json", JSONReportRenderer.render(r))
        try golden("daily-plain.md", MarkdownRenderer.render(r, plain: true))
    }

    func testWeeklyGoldenWithSeveralDailies() throws {
        var x = inputs(.weekly, weekPeriod)
        x.dailyReports = ["daily/2026-03-02/report_210702.md", "daily/2026-03-04/report_050700.md", "daily/2026-03-04/report_210702.md"]
        let r = ReportBuilder.build(x)
        XCTAssertEqual(r.totalTickets, 5)
        XCTAssertEqual(r.resolved, 2)
        // Every ticket of the week is listed once: c105's one ticket too; #101, related to c103, under its own cluster only.
        XCTAssertEqual(r.commonIssues.map(\.id), ["c101", "c103", "c105"])
        XCTAssertEqual(r.commonIssues[1].related.map(\.number).sorted(), [103, 104])
        XCTAssertEqual(r.commonIssues.flatMap { $0.related.map(\.number) }.sorted(), [101, 102, 103, 104, 105])
        XCTAssertEqual(r.dailyVolume.map(\.tickets), [2, 1, 2, 1, 1, 0, 0])
        try golden("weekly.md", MarkdownRenderer.render(r))
        try golden("weekly.json", JSONReportRenderer.render(r))
    }

    func testEmptyPeriodGolden() throws {
        let day = Period(first: CivilDate("2026-03-20")!, last: CivilDate("2026-03-20")!)
        var x = inputs(.daily, day)
        x.recommendations = []
        let r = ReportBuilder.build(x)
        XCTAssertEqual(r.totalTickets, 0)
        XCTAssertTrue(r.commonIssues.isEmpty)
        try golden("empty.md", MarkdownRenderer.render(r))
        try golden("empty.json", JSONReportRenderer.render(r))
    }

    func testOneTicketGolden() throws {
        let day = Period(first: CivilDate("2026-03-06")!, last: CivilDate("2026-03-06")!)
        let r = ReportBuilder.build(inputs(.daily, day))
        XCTAssertEqual(r.totalTickets, 1)
        try golden("one-ticket.md", MarkdownRenderer.render(r))
    }

    // MARK: - Counting rules

    func testCountingRulesAndExtras() {
        let r = ReportBuilder.build(inputs(.weekly, weekPeriod))
        // Median first response: #101 answered after 2.5 h, #102 after 1 h; #104's only reply is a bot's.
        XCTAssertEqual(r.medianFirstResponse, 1.75 * 3600)
        XCTAssertEqual(r.firstResponseCount, 2)
        // Closed in the week: #102 after 48 h, #104 after 12 h.
        XCTAssertEqual(r.medianTimeToClose, 30 * 3600)
        XCTAssertEqual(r.flow, Report.Flow(new: 5, closed: 2, resolved: 2, stillOpen: 3))
        XCTAssertEqual(r.previousFlow, Report.Flow(new: 1, closed: 0, resolved: 0, stillOpen: 1))
        XCTAssertEqual(r.byLabel.map(\.category), ["bug", "sync"])
        XCTAssertEqual(r.byLabel.first { $0.category == "sync" }, Report.Breakdown(category: "sync", received: 2, resolved: 1, pending: 1))
        XCTAssertEqual(r.byTheme, [Report.Breakdown(category: "sync", received: 2, resolved: 1, pending: 1)])
        // A ticket closed after the period ends is still open in it.
        let late = [ticket(7, "t", created: "2026-03-02T10:00:00Z", updated: "2026-03-10T10:00:00Z", closed: "2026-03-10T10:00:00Z")]
        let q = ReportBuilder.build(inputs(.weekly, weekPeriod, tickets: late))
        XCTAssertEqual(q.resolved, 0)
        XCTAssertEqual(q.open, 1)
    }

    /// The Summary's Resolved counts tickets closed by the end of the period,
    /// whenever; the comparison's Closed counts those closed within it. A
    /// ticket closed last week and commented on this week is the first, not
    /// the second: each label says which, and the comparison's Resolved and
    /// Open agree with the Summary's.
    func testResolvedAndClosedInThePeriodAreLabelledForWhatTheyCount() throws {
        let closedEarlier = ticket(7, "Closed last week, commented this week", created: "2026-02-20T10:00:00Z",
                                   updated: "2026-03-03T10:00:00Z", closed: "2026-02-25T10:00:00Z",
                                   comments: [Comment(author: "helper", createdAt: date("2026-03-03T10:00:00Z"), body: "Still fixed?")])
        let open = ticket(8, "Opened this week", created: "2026-03-04T10:00:00Z")
        var x = inputs(.weekly, weekPeriod, tickets: [closedEarlier, open])
        x.clusters = []
        let r = ReportBuilder.build(x)
        XCTAssertEqual([r.totalTickets, r.resolved, r.open], [2, 1, 1])
        XCTAssertEqual(r.flow, Report.Flow(new: 1, closed: 0, resolved: 1, stillOpen: 1))
        let md = MarkdownRenderer.render(r)
        XCTAssertTrue(md.contains("- **Resolved:** 1\n- **Open:** 1\n"), md)
        let comparison = md.components(separatedBy: "## Compared With the Previous Period\n").last ?? ""
        XCTAssertTrue(comparison.contains("| New (opened in the period) | 1 | 0 |\n"), comparison)
        XCTAssertTrue(comparison.contains("| Closed in the period | 0 | 1 |\n"), comparison)
        XCTAssertTrue(comparison.contains("| Resolved (closed by the period's end, any time) | 1 | 1 |\n"), comparison)
        XCTAssertTrue(comparison.contains("| Open (not resolved by the period's end) | 1 | 0 |\n"), comparison)
        XCTAssertFalse(comparison.contains("| Closed |"), comparison)
    }

    /// The `## ` headings of a report, in order.
    private func headings(_ md: String) -> [String] {
        md.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
    }

    /// A section with nothing in it is left out (no header-only table, no
    /// "(none)" row, no "none in this period"); the seeds' sections stay,
    /// saying in a sentence that they are empty.
    func testSectionsWithNothingInThemAreLeftOut() throws {
        let seeds = ["## Summary", "## 5 Most Active Tickets", "## Common Issues", "## Recommendations"]
        let nothing = Period(first: CivilDate("2026-03-20")!, last: CivilDate("2026-03-20")!)
        var x = inputs(.daily, nothing)
        x.recommendations = []
        let empty = MarkdownRenderer.render(ReportBuilder.build(x))
        XCTAssertTrue(empty.hasPrefix("# Support Ticket Report\n- Generated: 2026-03-08 21:07:02\n- Period: 2026-03-20 to 2026-03-20\n"), empty)
        XCTAssertEqual(headings(empty), seeds)
        XCTAssertTrue(empty.contains("## 5 Most Active Tickets\nNo tickets were active in this period.\n"), empty)
        for absent in ["| Issue # |", "(none)", "none in this period", "| Label |", "| Theme |"] {
            XCTAssertFalse(empty.contains(absent), "\(absent) in\n\(empty)")
        }

        // A weekly report of an empty week: no comparison of nothing, no bar chart of zeros.
        var w = inputs(.weekly, Period.week(of: CivilDate("2026-03-18")!))
        w.recommendations = []
        let emptyWeek = MarkdownRenderer.render(ReportBuilder.build(w))
        XCTAssertEqual(headings(emptyWeek), seeds + ["## Daily Reports"])
        XCTAssertTrue(emptyWeek.hasSuffix("## Daily Reports\nNo daily reports were written for this week.\n"), emptyWeek)

        // One unlabelled, untagged, unanswered ticket: no Breakdown, no Response Times.
        let one = MarkdownRenderer.render(ReportBuilder.build(inputs(.daily, Period(first: CivilDate("2026-03-06")!, last: CivilDate("2026-03-06")!))))
        XCTAssertEqual(headings(one), seeds + ["## Compared With the Previous Period"])

        // The daily golden's day: labels and themes, one median of two.
        let day = MarkdownRenderer.render(ReportBuilder.build(inputs(.daily, Period(first: CivilDate("2026-03-02")!, last: CivilDate("2026-03-02")!))))
        XCTAssertEqual(headings(day), seeds + ["## Breakdown", "## Response Times", "## Compared With the Previous Period"])
        XCTAssertTrue(day.contains("## Response Times\n- **Median first response:** 1h 45m (over 2 new tickets answered)\n\n"), day)
        XCTAssertFalse(day.contains("Median time to close"), day)

        // Labels but no theme: the label table alone.
        var untagged = inputs(.weekly, weekPeriod)
        untagged.annotations = [:]
        let labelsOnly = MarkdownRenderer.render(ReportBuilder.build(untagged))
        XCTAssertTrue(labelsOnly.contains("| sync | 2 | 1 | 1 |\n\n## Response Times\n"), labelsOnly)
        XCTAssertFalse(labelsOnly.contains("| Theme |"), labelsOnly)
    }

    func testTimeZoneMovesTicketsBetweenDays() {
        // 23:30 UTC on the 2nd is the 3rd in Paris (UTC+1 in March).
        let t = [ticket(1, "late", created: "2026-03-02T23:30:00Z")]
        let paris = TimeZone(identifier: "Europe/Paris")!
        let utcDay = ReportBuilder.build(kind: .daily, tickets: t, period: Period(first: CivilDate("2026-03-02")!, last: CivilDate("2026-03-02")!),
                                         generatedAt: date("2026-03-04T00:00:00Z"))
        let parisDay = ReportBuilder.build(kind: .daily, tickets: t,
                                           period: Period(first: CivilDate("2026-03-03")!, last: CivilDate("2026-03-03")!, zone: paris),
                                           generatedAt: date("2026-03-04T00:00:00Z"))
        XCTAssertEqual(utcDay.totalTickets, 1)
        XCTAssertEqual(parisDay.totalTickets, 1)
        XCTAssertTrue(JSONReportRenderer.render(parisDay).contains("\"start\":\"2026-03-03T00:00:00+01:00\""))
    }

    // MARK: - The seeds' structure, line by line

    /// What kind of line each line is: the seeds and Docket's report must
    /// agree on every blank line, heading and list shape.
    private func shape(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if line.isEmpty { return "blank" }
            for p in ["# Support Ticket Report", "- Generated: ", "- Period: ", "## ", "- **Total Tickets:** ", "- **Resolved:** ",
                      "- **Open:** ", "| Issue # | Title | Activity Level |", "|---------|-------|----------------|", "| [#", "### ",
                      "**Related Issues:**", "- [#", "- **", "Here are the daily reports", "- [report_"] where line.hasPrefix(p) {
                return p == "## " ? String(line) : p
            }
            return "text"
        }
    }

    func testSameLineStructureAsTheSeeds() throws {
        let seeds = Self.repo.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        guard let daily = try? String(contentsOf: seeds.appendingPathComponent("report-daily-2025-04-14.md"), encoding: .utf8),
              let weekly = try? String(contentsOf: seeds.appendingPathComponent("report-weekly-2025-04-20.md"), encoding: .utf8)
        else { throw XCTSkip("../shared/seeds is not beside this checkout") }
        // The seed daily: 2 tickets, one issue listing both, 5 recommendations.
        let day = Period(first: CivilDate("2026-03-02")!, last: CivilDate("2026-03-02")!)
        var x = inputs(.daily, day)
        x.recommendations = (1...5).map { Report.Recommendation(title: "Do \($0)", text: "Because \($0).") }
        x.clusters = [listing("c101", "Sync", "Sync stops.", [101, 102])]
        XCTAssertEqual(shape(MarkdownRenderer.render(ReportBuilder.build(x), plain: true)), shape(daily))

        // The seed weekly: 5 most active, 3 issues of 3 tickets each, plain "- text" recommendations, 7 dailies.
        let lines = weekly.split(separator: "\n", omittingEmptySubsequences: false)
        let recs = lines.drop { $0 != "## Recommendations" }.dropFirst().prefix { !$0.hasPrefix("## ") }.filter { $0.hasPrefix("- ") }.count
        let more = (106...109).map { ticket($0, "Invented ticket \($0)", created: "2026-03-0\($0 - 103)T10:00:00Z") }
        var w = inputs(.weekly, weekPeriod, tickets: week + more)
        w.clusters = [listing("a", "A", "Sa.", [101, 102, 103]), listing("b", "B", "Sb.", [104, 105, 106]), listing("c", "C", "Sc.", [107, 108, 109])]
        w.recommendations = (1...recs).map { Report.Recommendation(title: "", text: "Step \($0).") }
        w.dailyReports = (1...7).map { "daily/2026-03-0\($0)/report_210702.md" }
        XCTAssertEqual(shape(MarkdownRenderer.render(ReportBuilder.build(w), plain: true)), shape(weekly))
    }

    // MARK: - JSON twin

    func testJSONTwinHasTheBotsFieldsWithTheirTypes() throws {
        let r = ReportBuilder.build(inputs(.weekly, weekPeriod))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(JSONReportRenderer.render(r).utf8)) as? [String: Any])
        XCTAssertEqual(json["success"] as? Bool, true)
        let range = try XCTUnwrap(json["date_range"] as? [String: String])
        XCTAssertEqual(range["start"], "2026-03-02T00:00:00+00:00")
        XCTAssertEqual(range["end"], "2026-03-08T23:59:59+00:00")
        let summary = try XCTUnwrap(json["summary"] as? [String: Int])
        XCTAssertEqual(summary, ["total_tickets": 5, "resolved_tickets": 2, "open_tickets": 3])
        let breakdown = try XCTUnwrap(json["ticket_breakdown"] as? [[String: Any]])
        XCTAssertEqual(breakdown.first?["category"] as? String, "bug")
        for k in ["received", "resolved", "pending"] { XCTAssertNotNil(breakdown.first?[k] as? Int, k) }
        let active = try XCTUnwrap(json["most_active_tickets"] as? [[String: Any]])
        XCTAssertEqual(active.count, 5)
        XCTAssertEqual(active.map { $0["number"] as? Int }, r.mostActive.map(\.number))
        XCTAssertNotNil(active[0]["title"] as? String)
        XCTAssertNotNil(active[0]["activity_level"] as? Double)
        let issues = try XCTUnwrap(json["common_issues"] as? [[String: Any]])
        // Generated titles name the listed tickets (the most central one's title here).
        XCTAssertEqual(issues.map { $0["title"] as? String },
                       ["Sync stops after the laptop sleeps", "Login loops back to the start page", "Export to PDF cuts tables"])
        XCTAssertEqual(issues[0]["description"] as? String,
                       "2 reports this period, 1 open. Reports such as “Sync queue never drains” and “Sync stops after the laptop sleeps”.")
        XCTAssertEqual(issues[0]["frequency"] as? Int, 2)
        let related = try XCTUnwrap(issues[1]["related_issues"] as? [[String: Any]])
        XCTAssertEqual(Set(related.compactMap { $0["id"] as? Int }), [103, 104])
        XCTAssertEqual((json["recommendations"] as? [String])?.count, 2)
        XCTAssertEqual((json["daily_volume"] as? [[String: Any]])?.count, 7)
        XCTAssertEqual((json["flow"] as? [String: Any]).flatMap { $0["current"] as? [String: Int] }, ["new": 5, "closed": 2, "still_open": 3])
    }

    /// `date_range` is the period whose tickets are counted, whenever the
    /// report is generated: a ticket after the generation time still counts.
    func testJSONDateRangeIsThePeriodCountedNotTheGenerationTime() throws {
        let day = Period(first: CivilDate("2026-03-02")!, last: CivilDate("2026-03-02")!)
        let late = ticket(300, "Filed after the report's time", created: "2026-03-02T22:30:00Z")
        var x = ReportBuilder.Inputs(kind: .daily, tickets: [late], period: day, generatedAt: date("2026-03-02T21:07:02Z"))
        x.clusters = []
        let r = ReportBuilder.build(x)
        XCTAssertEqual(r.totalTickets, 1)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(JSONReportRenderer.render(r).utf8)) as? [String: Any])
        XCTAssertEqual(json["date_range"] as? [String: String], ["start": "2026-03-02T00:00:00+00:00", "end": "2026-03-02T23:59:59+00:00"])
        XCTAssertEqual(json["generated_at"] as? String, "2026-03-02T21:07:02+00:00")
        // Generated before the period even began: still the period, never an end before the start.
        x.generatedAt = date("2026-02-20T08:00:00Z")
        let early = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(JSONReportRenderer.render(ReportBuilder.build(x)).utf8)) as? [String: Any])
        XCTAssertEqual((early["date_range"] as? [String: String])?["end"], "2026-03-02T23:59:59+00:00")
        // In the report's zone: Paris days end at 23:59:59+01:00.
        let paris = Period(first: CivilDate("2026-03-02")!, last: CivilDate("2026-03-02")!, zone: TimeZone(identifier: "Europe/Paris")!)
        let p = JSONReportRenderer.render(ReportBuilder.build(kind: .daily, tickets: [late], period: paris, generatedAt: date("2026-03-02T12:00:00Z")))
        XCTAssertTrue(p.contains(#""date_range":{"start":"2026-03-02T00:00:00+01:00", "end":"2026-03-02T23:59:59+01:00"}"#), p)
    }

    // MARK: - Safety, checked by GitHub's own parser

    func testHostileTitlesStayInertUnderARealGFMParser() throws {
        let hostile = [
            "Pipes | in | title", "[a link](https://evil.example/x) and ![img](https://evil.example/i.png)", "`code` and *stars* _under_",
            "<script>alert(1)</script>", "<!-- comment --> hidden", "line one\nline two\r\n| fake | row |", "mail me: a.b@evil.example",
            "visit https://evil.example/path or www.evil.example", "<https://evil.example/auto>", "#123 and \\ backslash ~~strike~~",
        ]
        // Text that needs no escaping, or only a little, next to what GFM would read as syntax.
        let readable = [
            "Hub: sign-in rejected ( /hub/log_in HTTP 502) at https://auth.evil.example/", "x_https://evil.example/a and éhttp://evil.example/b",
            #"C:\Users\me \`https://evil.example/c` \"#, "(www.evil.example) *www.evil.example* ~~www.evil.example~~ _www.evil.example_",
            "HTTPS://EVIL.EXAMPLE/D ftp://evil.example/e a<https://evil.example/f> mailto:x@evil.example",
            "&lt;script&gt; &#60;b&#62; &amp; R&D a < b > c", "[x]: https://evil.example/def", "[ ] task? [a][b] [c] ![d](e) [f](g)",
            "snake_case __dunder__ a_b_ *a* ~a~ 2 * 3 ~ 4", "Crash #", "> quoted? 1. listed? - bullet? # heading?",
        ]
        var tickets = (hostile + readable).enumerated().map { ticket(200 + $0.offset, $0.element, created: "2026-03-03T10:00:00Z") }
        // Hostile links too: pipes and a trailing backslash (encoded, one cell each), another host (no link).
        tickets[0].url = "https://github.com/acme/help/issues/200|b|c\\"
        tickets[1].url = "https://evil.example/acme/help/issues/201"
        tickets[2].url = "https://github.com/other/repo/issues/202"
        var x = ReportBuilder.Inputs(kind: .daily, tickets: tickets, period: Period(first: CivilDate("2026-03-03")!, last: CivilDate("2026-03-03")!),
                                     generatedAt: date("2026-03-03T22:00:00Z"))
        // Every ticket is listed: ten under the first issue, the others under the second.
        x.clusters = [listing("c200", hostile[3], hostile[5] + " " + hostile[6], Array(tickets.map(\.number).prefix(10))),
                      listing("c210", readable[8], readable[6], tickets.map(\.number).suffix(from: 10).map { $0 })]
        x.recommendations = [Report.Recommendation(title: hostile[1], text: hostile[7] + " " + hostile[4])]
            + readable.map { Report.Recommendation(title: "", text: $0) } + [Report.Recommendation(title: readable[4], text: readable[2])]
            // Code spans in a recommendation stay code: nothing in them links or reaches the page as HTML.
            + [Report.Recommendation(title: "Watch the new error `<script>alert(1)</script>`",
                                     text: "`https://evil.example/z` in `a|b`, a lone ` tick and `www.evil.example`")]
        let md = MarkdownRenderer.render(ReportBuilder.build(x))
        let file = NSTemporaryDirectory() + "docket-gfm-\(UUID().uuidString).md"
        try Data(md.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        var args = [Self.repo.appendingPathComponent("Tests/Tools/gfm_check.py").path, file, "--rows", "5"]
        for t in tickets {
            let link = ReportBuilder.link(t)
            if let u = MarkdownEscape.safeURL(link) { args += ["--link", u] }
        }
        XCTAssertEqual(ReportBuilder.link(tickets[1]), "https://evil.example/acme/help/issues/201", "an Enterprise host is not known to be evil")
        XCTAssertEqual(ReportBuilder.link(tickets[2]), "", "a link to another repository is not the ticket's")
        XCTAssertFalse(md.contains("other/repo"), "no link to another repository reaches the report")
        // Shown as written: the escaping neither ate a character nor added one.
        for t in readable { args += ["--text", t] }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        if p.terminationStatus == 3 {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("CI must install cmarkgfm: \(text)") }
            throw XCTSkip(text)
        }
        XCTAssertEqual(p.terminationStatus, 0, "GFM check failed:\n\(text)\n--- report ---\n\(md)")
    }
}
