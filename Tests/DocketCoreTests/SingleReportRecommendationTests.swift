@testable import DocketAnalysis
@testable import DocketModel
import Foundation
import XCTest

/// The recommendations about one report at a time, and the rule that a
/// short list is written a line per action.
final class SingleReportRecommendationTests: XCTestCase {
    private let day = Period(first: CivilDate(year: 2025, month: 6, day: 3), last: CivilDate(year: 2025, month: 6, day: 3))

    private func ticket(_ n: Int, title: String, body: String = "", created: String = "2025-06-03T09:00:00Z", author: String? = nil,
                        labels: [String] = [], closed: String? = nil) -> Ticket {
        // Threads not imported: no "nobody has replied" for them.
        Ticket(source: "acme/help", number: n, title: title, body: body, state: closed == nil ? .open : .closed, labels: labels,
               author: author ?? "user\(n)", createdAt: Fixtures.date(created), updatedAt: Fixtures.date(closed ?? created),
               closedAt: closed.map(Fixtures.date), commentCountKnown: false)
    }

    private func report(_ n: Int, _ title: String, _ text: String, version: String = "4.2.0", os: String = "Windows 11") -> Ticket {
        ticket(n, title: title, body: "### Version\n\n\(version)\n\n### Operating System\n\n\(os)\n\n### What happened\n\n\(text)")
    }

    // MARK: - The rules

    func testAnUpdateIsNamedAsWhereTheProblemBeganOnlyWhenTheReporterSaysSo() {
        func phrase(_ title: String, _ body: String = "") -> String? { TicketEvidence.afterUpdate(ticket(1, title: title, body: body)) }
        XCTAssertEqual(phrase("Orbit does not start after the last update"), "after the last update")
        XCTAssertEqual(phrase("Crash", "It worked until Monday. Since updating, the window stays white."), "Since updating")
        XCTAssertEqual(phrase("Sidebar gone", "after I upgraded to 4.2 the sidebar is gone"), "after I upgraded")
        XCTAssertEqual(phrase("Hangs after the 4.2.0 update"), "after the 4.2.0 update")
        XCTAssertEqual(phrase("Frozen", "Stuck since the latest macOS beta update."), "since the latest macOS beta update")
        // A click on a button named Update is not an update; a sentence end breaks the phrase; code is not the report.
        XCTAssertNil(phrase("Hangs", "After clicking Update the dialog hangs."))
        XCTAssertNil(phrase("Hangs", "It hangs after login. Update: still hangs."))
        XCTAssertNil(phrase("Hangs", "```\nretry after update check\n```\nIt hangs."))
        XCTAssertNil(phrase("Slow since Monday", "Everything is slow; I will update later."))
    }

    func testLostDataSecurityAndMoneyAreConcernsButNotWhenDenied() {
        func concern(_ body: String) -> TicketEvidence.Concern? { TicketEvidence.concern(ticket(1, title: "Problem", body: body))?.concern }
        func quote(_ body: String) -> String? { TicketEvidence.concern(ticket(1, title: "Problem", body: body))?.quote }
        XCTAssertEqual(quote("This morning I lost all my notes."), "lost all my notes")
        XCTAssertEqual(concern("My snippets have disappeared from the list."), .dataLoss)
        XCTAssertEqual(quote("The backup restoration fails every time."), "restoration fails")
        XCTAssertEqual(concern("This looks like a security issue: any page can call the local API."), .security)
        XCTAssertEqual(quote("The log file leaks my API token in plain text."), "leaks my API token")
        XCTAssertEqual(concern("I was charged twice for the yearly plan."), .billing)
        XCTAssertNil(concern("I haven't lost any notes, it is only slow."))
        XCTAssertNil(concern("Nothing was deleted, but the sidebar is empty."), "a negation three words before")
        XCTAssertNil(concern("The restore button is grey. Sync failed yesterday."), "restore and fail in two sentences")
        XCTAssertNil(concern("The window is gone from the taskbar."), "gone, but nothing of the user's")
        XCTAssertNil(concern("Deleting part of the conversation means you lose the hover menu."), "what is lost follows 'lose'")
    }

    func testTitlesCompareWithoutTheirTagAndNeedThreeWords() {
        XCTAssertEqual(TicketEvidence.comparableTitle("[Bug]: Tags panel stays EMPTY"), "tags panel stays empty")
        XCTAssertEqual(TicketEvidence.comparableTitle("Bug: tags panel stays empty!"), "tags panel stays empty")
        XCTAssertNil(TicketEvidence.comparableTitle("[Bug] Crash"))
    }

    func testAnAppReportGivesItsVersionAndSystemInFieldLines() {
        let body = "Error: Invalid argument(s): type registered twice\n\n**App Information**\n\nCurrent Version: 12.1.1\nLocal Port: 39300\n\n"
            + "**Device Information**\n\n* Operating System / Platform: MacOS\nCurrent Version: Version 15.7 (Build 24G207)\n"
        XCTAssertEqual(TicketEvidence.fieldVersion(body)?.description, "12.1.1", "the first version field, not the system's")
        XCTAssertEqual(TicketEvidence.fieldPlatform(body), "macOS")
        XCTAssertNil(TicketEvidence.fieldVersion("Version: see the screenshot\nApp: 3.2"))
        let t = ticket(40, title: "Orbit stopped", body: body)
        let items = RecommendationGenerator.reproduceItems([t], except: [], RecommendationInput(clusters: [], tickets: [t], period: day))
        XCTAssertEqual(items.map(\.version), ["12.1.1"])
        XCTAssertEqual(items.map(\.platform), ["macOS"])
    }

    // MARK: - The recommendations

    func testAReportThatRepeatsItsReportersEarlierTitleIsComparedWithIt() {
        let first = ticket(10, title: "Tags panel stays empty", created: "2025-05-20T09:00:00Z", author: "kim")
        let again = ticket(11, title: "[Bug] Tags panel stays empty", author: "kim")
        let otherPerson = ticket(12, title: "Tags panel stays empty", author: "lee")
        let input = RecommendationInput(clusters: [], tickets: [first, again, otherPerson], period: day)
        let items = RecommendationGenerator.repeatItems(input.tickets, [again, otherPerson], except: [], input)
        XCTAssertEqual(items, [RepeatItem(ticket: again.key, of: first.key, ofDay: CivilDate(year: 2025, month: 5, day: 20), ofOpen: true)],
                       "another person's report under the same title is a 'me too', not a repeat")
        let recs = RecommendationGenerator.generate(input)
        let r = try? XCTUnwrap(recs.first { $0.id == "r-repeats-11" })
        XCTAssertEqual(r?.title, "Compare #11 with #10: same title")
        XCTAssertEqual(r?.text, "#11 repeats the title of #10 (opened on 2025-05-20, open): if they are one problem, "
                       + "close #11 as a duplicate of #10 and answer in one thread.")
        XCTAssertEqual(r?.tickets.map(\.number), [11, 10])

        // Reporters unknown: only within two days.
        var old = first, new = again
        old.author = ""; new.author = ""
        XCTAssertTrue(RecommendationGenerator.repeatItems([old, new], [new], except: [], input).isEmpty, "two weeks apart, reporters unknown")
        old.createdAt = Fixtures.date("2025-06-02T09:00:00Z")
        XCTAssertEqual(RecommendationGenerator.repeatItems([old, new], [new], except: [], input).map(\.of), [old.key])
    }

    func testAShortListIsWrittenALinePerTicketAndALongOneIsNot() {
        // Three vague new reports and nothing else: one "ask" list, written as three lines.
        let vague = (1...3).map { ticket($0, title: "It crashes \($0)", body: "It keeps crashing, please fix.") }
        let recs = RecommendationGenerator.generate(RecommendationInput(clusters: [], tickets: vague, period: day))
        XCTAssertEqual(recs.map(\.id), ["r-ask-1", "r-ask-2", "r-ask-3"])
        XCTAssertEqual(recs.map(\.title), ["Ask #1 for what its report leaves out", "Ask #2 for what its report leaves out",
                                           "Ask #3 for what its report leaves out"])
        XCTAssertEqual(recs.map { $0.tickets.map(\.number) }, [[1], [2], [3]])

        // Eight would make more than seven lines: the list stays one.
        let many = (1...8).map { ticket($0, title: "It crashes \($0)", body: "It keeps crashing, please fix.") }
        let one = RecommendationGenerator.generate(RecommendationInput(clusters: [], tickets: many, period: day))
        XCTAssertEqual(one.map(\.id), ["r-ask"])
        XCTAssertEqual(one.first?.title, "Ask 8 reporters for what their reports leave out")

        // Three actions already: lists stay lists.
        let updated = report(20, "Orbit hangs after the 4.2.0 update", "Since the update the window hangs at the splash screen.\n\n```\nwatchdog: main thread blocked\n```")
        let lost = report(21, "Notes gone", "I opened Orbit and lost all my notes. The list is empty.\n\n![list](https://example.invalid/a.png)")
        let input = RecommendationInput(clusters: [], tickets: vague + [updated, lost], period: day)
        let three = RecommendationGenerator.generate(input)
        XCTAssertTrue(three.count >= 3, "\(three.map(\.id))")
        XCTAssertTrue(three.contains { $0.id == "r-ask" }, "\(three.map(\.id))")
    }

    func testAnUpdateALossAndARequestEachGetTheirAction() {
        let updated = report(20, "Orbit hangs after the 4.2.0 update", "Since the update the window hangs at the splash screen.\n\n```\nwatchdog: main thread blocked\n```")
        let lost = report(21, "Empty list", "I opened Orbit and lost all my notes. The list is empty.\n\n![list](https://example.invalid/a.png)")
        let wish = ticket(22, title: "Allow custom fonts in the editor", body: "It would help to choose the font.", labels: ["enhancement"])
        let recs = RecommendationGenerator.generate(RecommendationInput(clusters: [], tickets: [updated, lost, wish], period: day))
        let byID = Dictionary(uniqueKeysWithValues: recs.map { ($0.id, $0) })
        XCTAssertEqual(recs.first?.id, "r-escalate-21", "lost data comes first: \(recs.map(\.id))")
        XCTAssertEqual(byID["r-escalate-21"]?.text, "#21 says \u{201C}lost all my notes\u{201D} (lost data): answer it today and give it an owner; "
                       + "lost data, a security concern or money taken does not wait for the next triage.")
        XCTAssertEqual(byID["r-after-update-20"]?.title, "Check #20 for a regression in 4.2.0")
        XCTAssertEqual(byID["r-after-update-20"]?.text, "#20 says \u{201C}after the 4.2.0 update\u{201D} (4.2.0): ask its reporter which version "
                       + "worked before the update, and look for what changed between the two.")
        XCTAssertEqual(byID["r-requests-22"]?.title, "Triage the request #22")
        XCTAssertEqual(byID["r-requests-22"]?.text, "#22 (labelled enhancement) asks for something rather than reporting a fault: answer a "
                       + "question, or add a request to the feature backlog and tell the reporter where to follow it.")
    }

    func testANewReportOfAKnownProblemIsLinkedToWhatResolvedIt() {
        let solved = ticket(30, title: "Sync stops at 99%", created: "2025-05-01T09:00:00Z", closed: "2025-05-03T09:00:00Z")
        let waiting = ticket(31, title: "Sync stuck at 99%", created: "2025-05-10T09:00:00Z")
        let new = ticket(32, title: "Sync hangs at 99 percent")
        let c = RecommendationInput.Cluster(id: "c30", title: "Sync stops at 99%", keywords: ["sync"], tickets: [solved, waiting, new].map(\.key))
        let recs = RecommendationGenerator.generate(RecommendationInput(clusters: [c], tickets: [solved, waiting, new], period: day))
        let r = try? XCTUnwrap(recs.first { $0.id == "r-known-c30" })
        XCTAssertEqual(r?.title, "Link #32 to the known problem \"Sync stops at 99%\"")
        XCTAssertEqual(r?.text, "#32 is a new report of a problem known since 2025-05-01: 2 earlier reports (#30 and #31), 1 still open. "
                       + "#30 was closed: answer with what resolved it.")
        XCTAssertEqual(r?.tickets.map(\.number), [32, 30, 31])
    }
}
