@testable import DocketAnalysis
@testable import DocketImport
@testable import DocketModel
@testable import DocketReport
@testable import DocketStore
import Foundation
import XCTest

final class ReportTests: XCTestCase {
    func testDailyReportMatchesTheSeedLayoutLineByLine() throws {
        let b = try Fixtures.parse("""
        [\(Fixtures.issue(685, title: "Stuck at the sign-in page", created: "2025-04-14T08:00:00Z", updated: "2025-04-14T20:00:00Z", comments: 0)),
         \(Fixtures.issue(686, title: "Crash | after update", state: "closed", created: "2025-04-14T09:00:00Z", updated: "2025-04-14T10:00:00Z", closed: "2025-04-14T10:00:00Z")),
         \(Fixtures.issue(600, title: "Old ticket", created: "2025-03-01T09:00:00Z", updated: "2025-03-02T10:00:00Z"))]
        [\(Fixtures.comment(1, issue: 685, created: "2025-04-14T19:00:00Z")), \(Fixtures.comment(2, issue: 685, author: "other", created: "2025-04-14T20:00:00Z"))]
        """)
        var tickets: [Ticket] = []
        _ = Store.merge(b, into: &tickets)
        let day = CivilDate(year: 2025, month: 4, day: 14)
        let report = ReportBuilder.build(kind: .daily, tickets: tickets, period: Period(first: day, last: day),
                                         generatedAt: Fixtures.date("2025-04-14T21:07:02Z"))
        let md = MarkdownRenderer.render(report)
        // By hand, recency measured to the generation time (21:07:02):
        // #685: 2 comments + 0.5 × (2 + 1 + 1) reactions + 3 participants + 2 opened + 3 × 2^(−(67/1440)/3) = 11.97
        // #686: 0.5 × 2 reactions + 1 participant + 2 opened + 1.5 closed + 3 × 2^(−(667/1440)/3) = 8.20
        let expected = """
        # Support Ticket Report
        - Generated: 2025-04-14 21:07:02
        - Period: 2025-04-14 to 2025-04-14

        ## Summary
        - **Total Tickets:** 2
        - **Resolved:** 1
        - **Open:** 1

        ## 5 Most Active Tickets
        | Issue # | Title | Activity Level |
        |---------|-------|----------------|
        | [#685](https://github.com/acme/help/issues/685) | Stuck at the sign-in page | 11.97 |
        | [#686](https://github.com/acme/help/issues/686) | Crash \\| after update | 8.20 |

        """
        XCTAssertTrue(md.hasPrefix(expected + "\n## Common Issues\n"), md)
        XCTAssertEqual(ReportPaths.daily(out: "reports", date: day, generatedAt: report.generatedAt, zone: .utc),
                       "reports/week/2025-04-14/daily/2025-04-14/report_210702.md")
    }

    func testEscapingKeepsOneTableRowAndNoRawHTML() {
        let cell = MarkdownEscape.tableCell("a|b\n<script>x</script> [link](http://e) `code` *b* _i_ \u{1B}[31mred")
        XCTAssertFalse(cell.contains("\n"))
        XCTAssertTrue(cell.contains("\\<script>x\\</script>"), cell)
        XCTAssertEqual(cell.components(separatedBy: "<").count, cell.components(separatedBy: "\\<").count, "an unescaped < in \(cell)")
        XCTAssertFalse(cell.contains("\u{1B}"))
        XCTAssertEqual(cell.filter { $0 == "|" }.count, cell.components(separatedBy: "\\|").count - 1)
        XCTAssertTrue(cell.contains("[link\\](`http://e`)"), cell)
        XCTAssertNil(MarkdownEscape.safeURL("javascript:alert(1)"))
        // What Markdown would read in a URL is percent-encoded: one link, to where the data says.
        XCTAssertEqual(MarkdownEscape.safeURL("https://x/a) [evil](https://y"), "https://x/a%29%20%5Bevil%5D%28https://y")
        XCTAssertEqual(MarkdownEscape.safeURL("https://github.com/o/r/issues/5|b|c\\"), "https://github.com/o/r/issues/5%7Cb%7Cc%5C")
        XCTAssertNil(MarkdownEscape.safeURL("https:///no-host"))
        XCTAssertNil(MarkdownEscape.safeURL("ftp://x/y"))
    }

    /// Only what GitHub's parser would misread is escaped, so the raw
    /// Markdown reads like the seeds (`log_in`, `https://`, `#512`); what
    /// GFM would autolink goes in a code span, as e-mail addresses do.
    func testEscapesOnlyWhatGFMWouldMisreadSoTheMarkdownReadsLikeTheSeeds() {
        let unchanged = [
            "Hub: sign-in rejected ( /hub/log_in HTTP 502)", "Crash loading render_core_bridge.dll",
            "Lumen Hub won't open: StateError: cache 'index' was never opened. #512",
            "[Bug] App not working", "R&D, AT&T, a < b and a > b", #"C:\Users\me\AppData"#, "version 5.8.3 (x64) - urgent!",
            "Settings > Sync > Devices", "snake_case_name", "50% of users, ~ 3 days, 2 * 3",
        ]
        for t in unchanged { XCTAssertEqual(MarkdownEscape.inline(t), t) }
        let escaped: [(String, String)] = [
            ("Waits forever at https://login.lumen.example/", "Waits forever at `https://login.lumen.example/`"),
            ("Bad port (column 18) http://127.0.0.1:undefined/handshake", "Bad port (column 18) `http://127.0.0.1:undefined/handshake`"),
            ("see www.example.com.", "see `www.example.com`."),
            ("(HTTPS://EXAMPLE.COM/a)", "(`HTTPS://EXAMPLE.COM/a`)"),
            ("_under_ and *stars* and ~strike~", #"\_under\_ and \*stars\* and \~strike\~"#),
            ("[a link](https://x.example) ![i](y)", #"[a link\](`https://x.example`) ![i\](y)"#),
            ("Export | pipes <b>bold</b>", #"Export \| pipes \<b>bold\</b>"#),
            ("&amp; and &#60; are entities", #"\&amp; and \&#60; are entities"#),
            ("`code`", #"\`code\`"#),
            ("ends in a backslash \\", #"ends in a backslash \\"#),
            (#"a \_ b"#, #"a \\\_ b"#),
            ("Crash ##", ##"Crash \#\#"##),
            ("mail me: a.b@example.com", "mail me: `a.b@example.com`"),
        ]
        for (t, want) in escaped { XCTAssertEqual(MarkdownEscape.inline(t), want, t) }
        // A recommendation's paired backticks are code spans; the text between them is escaped as above.
        let code: [(String, String)] = [
            ("Watch the new error `DatabaseException`", "Watch the new error `DatabaseException`"),
            ("`SyncSocketException` first appears in #12; `HTTP 503` too.", "`SyncSocketException` first appears in #12; `HTTP 503` too."),
            ("`<b>x</b>` and *stars*", #"`<b>x</b>` and \*stars\*"#),
            ("a lone ` backtick", #"a lone \` backtick"#),
            ("empty `` and `  ` spans", #"empty \`\` and \`  \` spans"#),
            ("`https://x.example/a` is quoted", "`https://x.example/a` is quoted"),
        ]
        for (t, want) in code { XCTAssertEqual(MarkdownEscape.inlineKeepingCode(t), want, t) }
        // What only a line's start can make: headings, quotes, task items, link definitions, lists.
        XCTAssertEqual(MarkdownEscape.paragraph("# not a heading"), ##"\# not a heading"##)
        XCTAssertEqual(MarkdownEscape.paragraph("> not a quote"), #"\> not a quote"#)
        XCTAssertEqual(MarkdownEscape.paragraph("[ ] not a task"), #"\[ ] not a task"#)
        XCTAssertEqual(MarkdownEscape.paragraph("[x]: https://evil.example"), #"\[x]: `https://evil.example`"#)
        XCTAssertEqual(MarkdownEscape.paragraph("1. not a list"), #"1\. not a list"#)
    }

    func testReportOfTheRealTicketsListsTheSameTicketsAsTheRanking() throws {
        guard let path = Fixtures.sharedIssuesPath else { throw XCTSkip("../shared/data is not present") }
        let b = try GitHubImporter.read(path: path)
        var tickets: [Ticket] = []
        _ = Store.merge(b, into: &tickets)
        let week = Period(first: CivilDate(year: 2025, month: 4, day: 14), last: CivilDate(year: 2025, month: 4, day: 20))
        let r = ReportBuilder.build(kind: .daily, tickets: tickets, period: week, generatedAt: Fixtures.date("2025-04-21T00:00:00Z"))
        let ranked = Ranking.rank(tickets, period: week, reference: week.end)
        XCTAssertEqual(r.totalTickets, ranked.count)
        XCTAssertGreaterThan(r.totalTickets, 0)
        XCTAssertEqual(r.mostActive.map(\.number), ranked.prefix(5).map { tickets[$0.index].number })
        XCTAssertEqual(r.resolved + r.open, r.totalTickets)
    }
}
