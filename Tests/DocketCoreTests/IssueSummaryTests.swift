@testable import DocketAnalysis
@testable import DocketModel
@testable import DocketStore
import XCTest

/// Summaries of common issues, from threads written for these tests in
/// GitHub's REST shape (issues, then comments with `author_association`),
/// about an invented product.
final class IssueSummaryTests: XCTestCase {
    private let week = Period(first: CivilDate(year: 2025, month: 4, day: 14), last: CivilDate(year: 2025, month: 4, day: 20))

    private func form(platform: String, version: String, what: String) -> String {
        """
        ### Operating System / Platform

        \(platform)

        ### Your Lumen Version

        \(version)

        ### Describe the bug

        \(what)
        """
    }

    private func comment(_ id: Int, issue: Int, author: String, association: String, created: String = "2025-04-15T11:00:00Z",
                         body: String) -> String {
        """
        {"url":"https://api.github.com/repos/acme/help/issues/comments/\(id)","html_url":"https://github.com/acme/help/issues/\(issue)#issuecomment-\(id)",
         "issue_url":"https://api.github.com/repos/acme/help/issues/\(issue)","id":\(id),"user":{"login":"\(author)","id":\(id),"type":"\(author.hasSuffix("[bot]") ? "Bot" : "User")"},
         "created_at":"\(created)","updated_at":"\(created)","author_association":"\(association)","body":\(Fixtures.jsonString(body))}
        """
    }

    /// Three reports of the engine not starting (one closed), the team's
    /// workaround on #2, a "+1" from a user, a bot's reminder; and #9, about
    /// something else, with a fix of its own that must never show up.
    private func tickets() throws -> [Ticket] {
        let issues = [
            Fixtures.issue(1, title: "Lumen Engine won't start after the update", created: "2025-04-14T09:00:00Z",
                           updated: "2025-04-15T12:00:00Z", comments: 2,
                           body: form(platform: "Windows", version: "2.4.1",
                                      what: "I updated this morning and now nothing happens. The engine window never appears after the update.")),
            Fixtures.issue(2, title: "Engine does not start", state: "closed", created: "2025-04-15T09:00:00Z",
                           updated: "2025-04-16T12:00:00Z", closed: "2025-04-16T12:00:00Z", comments: 2,
                           body: form(platform: "Windows 11", version: "2.4.1",
                                      what: "After the update the Lumen Engine never starts. It fails with SyncSocketException on port 4100.")),
            Fixtures.issue(3, title: "Lumen engine not starting on my Mac", created: "2025-04-16T09:00:00Z",
                           updated: "2025-04-16T10:00:00Z", comments: 0,
                           body: form(platform: "macOS", version: "2.5.0",
                                      what: "Engine is not starting. Error: SyncSocketException: handshake refused.")),
            Fixtures.issue(9, title: "Export loses images", created: "2025-04-16T09:00:00Z", updated: "2025-04-17T10:00:00Z",
                           comments: 1, body: form(platform: "Linux", version: "3.0.0", what: "Exported notes are missing their images.")),
        ]
        let comments = [
            comment(11, issue: 1, author: "pat", association: "NONE", body: "Same here, +1."),
            comment(12, issue: 1, author: "lumen-bot[bot]", association: "NONE",
                    body: "Reminder: try restarting your computer before filing. This is fixed by rebooting."),
            comment(21, issue: 2, author: "dana", association: "MEMBER", created: "2025-04-16T10:00:00Z",
                    body: "Thanks for the report! Delete the engine cache folder and reinstall Lumen Engine 2.4.2, which fixes the start-up check."),
            comment(22, issue: 2, author: "user2", association: "NONE", created: "2025-04-16T11:00:00Z",
                    body: "That worked, thanks."),
            comment(91, issue: 9, author: "sam", association: "OWNER",
                    body: "Switch the export format to PDF/A, which keeps images; fixed in 3.0.1."),
        ]
        let batch = try Fixtures.parse("[" + issues.joined(separator: ",") + "][" + comments.joined(separator: ",") + "]")
        let dir = Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Store.open(dir)
        try store.importBatch(batch)
        return store.tickets.sorted { $0.number < $1.number }
    }

    /// Sentences, a quotation counting as part of the one that introduces it.
    private func sentences(_ s: String) -> [String] {
        let flat = s.replacingOccurrences(of: #"“[^”]*”"#, with: "Q.", options: .regularExpression)
            .replacingOccurrences(of: "Q..", with: "Q.")
        return flat.components(separatedBy: ". ").filter { !$0.isEmpty }
    }

    func testAClusterSummaryCountsPlatformsVersionsErrorsAndGivesTheTeamsWorkaround() throws {
        let all = try tickets()
        let cluster = Array(all.prefix(3))
        let s = IssueSummary.write(listed: cluster, members: cluster, keywords: ["engine", "start", "update"], period: week)
        XCTAssertTrue(s.hasPrefix("3 reports this period, 2 open."), s)
        XCTAssertTrue(s.contains("Reported on Windows (2) and macOS (1), versions 2.4.1 (2) and 2.5.0 (1)."), s)
        XCTAssertTrue(s.contains("They quote SyncSocketException (2 of 3)"), s)
        XCTAssertTrue(s.contains("On #2 the team (@dana) answered: “Delete the engine cache folder and reinstall Lumen Engine 2.4.2"), s)
        // Never the bot's advice, the +1, the first-person sentence, or #9's fix.
        XCTAssertFalse(s.contains("rebooting"), s)
        XCTAssertFalse(s.contains("+1"), s)
        XCTAssertFalse(s.contains("PDF"), s)
        XCTAssertFalse(IssueSummary.isFirstPerson(s.replacingOccurrences(of: #"“[^”]*”"#, with: "", options: .regularExpression)), s)
        let n = sentences(s).count
        XCTAssertTrue((2...4).contains(n), "\(n) sentences: \(s)")
    }

    func testAHistoryIsCountedFromTheStoresMembers() throws {
        let all = try tickets()
        let s = IssueSummary.write(listed: [all[2]], members: Array(all.prefix(3)), keywords: ["engine"], period:
            Period(first: CivilDate(year: 2025, month: 4, day: 16), last: CivilDate(year: 2025, month: 4, day: 16)))
        // By the end of the 16th #2 is closed (12:00), #1 and #3 open.
        XCTAssertTrue(s.hasPrefix("1 report this period, 1 open; 3 since 2025-04-14, 2 open."), s)
    }

    func testAStaffLoginCountsAsTheTeamAndABotNever() throws {
        var all = try tickets()
        // dana's association lost (an export that drops it): only the staff list says she is the team.
        all[1].comments = all[1].comments.map { var c = $0; c.association = "NONE"; return c }
        all[1].state = .open
        all[1].closedAt = nil
        let listed = Array(all.prefix(3))
        let without = IssueSummary.write(listed: listed, members: listed, keywords: ["engine"], period: week)
        XCTAssertFalse(without.contains("the team"), without)
        let with = IssueSummary.write(listed: listed, members: listed, keywords: ["engine"], period: week, staff: ["Dana"])
        XCTAssertTrue(with.contains("On #2 the team (@dana) answered"), with)
        let bot = IssueSummary.write(listed: [all[0]], members: [all[0]], period: week, staff: ["lumen-bot[bot]"])
        XCTAssertFalse(bot.contains("rebooting"), bot)
    }

    func testTheClosingReplyIsTheFixWhenTheTeamGaveNone() throws {
        var all = try tickets()
        all[1].comments = [Comment(author: "kim", association: "NONE", createdAt: Fixtures.date("2025-04-16T11:00:00Z"),
                                   body: "Switching the engine to the beta channel fixed it for me and the reporter.")]
        let s = IssueSummary.write(listed: [all[1]], members: [all[1]], period: week)
        XCTAssertTrue(s.contains("#2 was closed after @kim wrote: “Switching the engine to the beta channel fixed it"), s)
    }

    func testASingleTicketGetsItsOwnSentencesAndNoFirstPersonQuote() throws {
        let all = try tickets()
        let s = IssueSummary.write(listed: [all[0]], members: [all[0]], period: week)
        XCTAssertTrue(s.hasPrefix("One report, opened 2025-04-14, open, 2 comments."), s)
        XCTAssertTrue(s.contains("Reported on Windows, version 2.4.1."), s)
        // "I updated this morning..." is first person; the third-person sentence may be quoted.
        XCTAssertFalse(s.contains("I updated"), s)
        XCTAssertTrue(s.contains("#1 describes it: “The engine window never appears after the update.”"), s)
    }

    func testNobodyRepliedIsSaidOnlyWhenTheThreadsAreKnown() throws {
        let all = try tickets()
        let fresh = IssueSummary.write(listed: [all[2]], members: [all[2]], period: week)
        XCTAssertTrue(fresh.hasPrefix("One report, opened 2025-04-16, open. "), fresh)
        XCTAssertTrue(fresh.contains("Nobody has replied yet."), fresh)
        var countOnly = all[2]
        countOnly.commentCount = 4  // counted by the tracker, bodies not imported
        let unknown = IssueSummary.write(listed: [countOnly], members: [countOnly], period: week)
        XCTAssertFalse(unknown.contains("replied"), unknown)
        var noCount = all[2]
        noCount.commentCountKnown = false  // the tracker gave no count at all
        let none = IssueSummary.write(listed: [noCount], members: [noCount], period: week)
        XCTAssertFalse(none.contains("replied"), none)
    }

    func testQuotableSentencesAreCompleteProseInTheThirdPerson() {
        XCTAssertTrue(IssueSummary.quotable("The engine window never appears after the update."))
        XCTAssertFalse(IssueSummary.quotable("I updated and now nothing happens."))
        XCTAssertFalse(IssueSummary.quotable("Our team cannot open the settings at all."))
        XCTAssertFalse(IssueSummary.quotable("Desktop App, Web Extension, VS Code."))  // no verb, a form's answers: too few words
        XCTAssertFalse(IssueSummary.quotable("It crashes inside a sandbox (eg."))
        XCTAssertFalse(IssueSummary.quotable("Engine log attached  engine-0410.txt below:."))
        XCTAssertFalse(IssueSummary.quotable("Can someone look at why sync never ends."))
        XCTAssertFalse(IssueSummary.quotable("Why does the engine never start after the update?"))
        XCTAssertFalse(IssueSummary.statesProblem("The sidebar is, however, updating fine."))
        XCTAssertTrue(IssueSummary.statesProblem("The sidebar is not updating after a sync."))
    }
}
