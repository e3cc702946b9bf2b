import DocketModel
import DocketReport
@testable import DocketUI
import XCTest

final class ViewTests: XCTestCase {
    func testTicketListRendersRankedRowsWithHeaderAndStatus() {
        let s = UITest.state(UITest.tickets(4), width: 80, height: 24)
        // Scores by hand (reference 2025-04-15 00:00, last activity 10:00, recency 3 × 2^(−(14/24)/3) = 2.62):
        // #101: 3 comments + 4 participants + 2 opened + 2.62 = 11.62; #103: 1 + 2 + 2 + 1.5 closed + 2.62 = 9.12
        UITest.assertLines(RootView.render(s), UITest.screen([
            " Docket  1 Tickets  2 Triage  3 Clusters  4 Themes  5 Recs  6 Report     ?:help",
            "     # Title                             State  Labels      Activity Updated",
            "   101 Ticket number 1                   open                  11.62 2025-04-14",
            "   102 Ticket number 2                   open   bug             9.62 2025-04-14",
            "   103 Ticket number 3                   closed                 9.12 2025-04-14",
            "   104 Ticket number 4                   open   bug             5.62 2025-04-14",
        ], status: " 4 of 4 tickets · 2025-04-14 · by activity                                  1/4"))
    }

    func testSelectionMovesAndScrollsWithJAndK() {
        var s = UITest.state(UITest.tickets(25), width: 80, height: 24)  // 21 visible rows
        s = UITest.press(s, .char("j"), .char("j"), .char("j"))
        XCTAssertEqual(s.selected, 3)
        XCTAssertEqual(s.scroll, 0)
        s = UITest.press(s, .pageDown)
        XCTAssertEqual(s.selected, 24)
        XCTAssertEqual(s.scroll, 4)
        let lines = RootView.render(s).trimmedLines
        let number = { (position: Int) in String(s.rows[s.shown[position]].number) }
        XCTAssertTrue(lines[2].hasPrefix("   " + number(4)), lines[2])
        XCTAssertTrue(lines[22].hasPrefix("   " + number(24)), lines[22])
        XCTAssertEqual(RootView.render(s)[10, 22].style.role, .selection)
        s = UITest.press(s, .home, .up)
        XCTAssertEqual(s.selected, 0)
        s = UITest.press(s, .pageDown)
        XCTAssertEqual(s.selected, 21)
        s = UITest.press(s, .end)
        XCTAssertEqual(s.selected, 24)
    }

    func testEnterOpensTheTicketAndEscapeGoesBackThenQuits() {
        var s = UITest.state(UITest.tickets(3), width: 80, height: 24)
        s = UITest.press(s, .down, .enter)
        guard case let .ticket(index, _) = s.screen else { return XCTFail("not on the ticket screen") }
        XCTAssertEqual(s.tickets[index].number, 102)
        let lines = RootView.render(s).trimmedLines
        XCTAssertEqual(lines[0], " Docket · Ticket #102" + String(repeating: " ", count: 10) + "↑↓:scroll [/]:prev/next d:done q/Esc:back ?:help")
        XCTAssertEqual(lines[1], " #102 Ticket number 2")
        XCTAssertTrue(lines[2].hasPrefix(" open · by user2 · opened 2025-04-14 09:00:00"), lines[2])
        s = UITest.press(s, .escape)
        XCTAssertEqual(s.screen, .list)
        XCTAssertFalse(s.quitting)
        let (quit, effects) = App.update(s, .key(.char("q")))
        XCTAssertTrue(quit.quitting)
        XCTAssertEqual(effects, [.quit])
    }

    func testTicketScreenShowsFormFieldsBodyCommentsAndActivity() {
        let t = Ticket(source: "acme/help", number: 7, title: "Export \u{1B}[31mfails",
                       body: "### Operating System\n\nWindows\n\n### App Version\n\n4.2.1\n\n### Describe the bug\n\nThe export dialog closes.\nNothing is saved.",
                       author: "kim", createdAt: UITest.date("2025-04-14T09:00:00Z"),
                       comments: [Comment(author: "sam", createdAt: UITest.date("2025-04-14T11:00:00Z"), body: "Which format?")])
        var s = UITest.state([t], width: 80, height: 30)
        s = UITest.press(s, .enter)
        let lines = RootView.render(s).trimmedLines
        XCTAssertEqual(lines[1], " #7 Export fails")
        let expectedTail = [
            " ── Fields ────────────────────────────────────────────────────────────────────",
            "  Operating System  Windows",
            "  App Version       4.2.1",
            "",
            " ── Describe the bug ──────────────────────────────────────────────────────────",
            "  The export dialog closes.",
            "  Nothing is saved.",
            "",
            " ── Comments (1) ──────────────────────────────────────────────────────────────",
            "  sam · 2025-04-14 11:00:00",
            "    Which format?",
        ]
        guard let start = lines.firstIndex(of: expectedTail[0]) else { return XCTFail("no Fields section:\n" + lines.joined(separator: "\n")) }
        XCTAssertEqual(Array(lines[start..<(start + expectedTail.count)]), expectedTail)
        XCTAssertTrue(lines.contains { $0.hasPrefix(" ── Activity ") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("comments in period") && $0.contains("1.00 × 1.00 =   1.00") })
    }

    /// A huge body is shown up to `TicketDetailView.shownBytes`, then a note
    /// says how much more there is and where it is: each frame lays out a
    /// bounded text (a 50 MB body took 17 s to open and seconds a key).
    func testAHugeBodyIsShownUpToABoundWithANote() {
        let line = "The sync bar stops at 99 percent and the journal never uploads.\n"
        let body = String(repeating: line, count: 3 * TicketDetailView.shownBytes / line.utf8.count)
        let t = Ticket(source: "acme/help", number: 8, title: "Huge", body: body, author: "kim", createdAt: UITest.date("2025-04-14T09:00:00Z"))
        var s = UITest.state([t], width: 100, height: 30)
        s = UITest.press(s, .enter, .end)
        let lines = RootView.render(s).trimmedLines
        XCTAssertTrue(lines.contains { $0.contains("… about 524 KB more not shown here") }, lines.joined(separator: "\n"))
        // The status bar counts the laid-out lines: the bound's whole lines and the rest of the screen, not 3 times as many.
        let status = lines.last ?? ""
        let total = status.split(separator: "/").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let shownLines = TicketDetailView.shownBytes / line.utf8.count
        XCTAssertNotNil(total, status)
        XCTAssertTrue((shownLines..<(shownLines + 40)).contains(total ?? 0), status)
    }

    func testHelpOverlayIsGeneratedFromTheKeymap() {
        // Tall enough for the list's 27 entries without scrolling (27 + 3 rows of box, tab and status bars).
        var s = UITest.state(UITest.tickets(2), width: 90, height: 34)
        s = UITest.press(s, .char("?"))
        let text = RootView.render(s).trimmedLines.joined(separator: "\n")
        for entry in Keymap.helpEntries(for: .list) {
            XCTAssertTrue(text.contains(entry.1), "help lacks \(entry.1)")
        }
        XCTAssertTrue(text.contains("Enter, →, l"))
        s = UITest.press(s, .char("x"))
        XCTAssertFalse(s.showHelp)
    }

    func testHelpThatDoesNotFitScrollsAndSaysWhatIsShown() {
        // The Report screen's keys and the global ones are more than 24 rows hold.
        var s = UITest.press(UITest.state(UITest.tickets(2), width: 80, height: 24), .char("6"))
        s = UITest.press(s, .char("?"))
        let entries = Keymap.helpEntries(for: .report)
        let rows = 24 - 2 - 3
        XCTAssertGreaterThan(entries.count, rows)
        var lines = RootView.render(s).trimmedLines
        XCTAssertTrue(lines[3].contains(entries[0].1), lines[3])
        XCTAssertTrue(lines[22].contains("1-\(rows) of \(entries.count) · ↑/↓ scroll"), lines[22])
        XCTAssertFalse(lines.joined().contains(entries[entries.count - 1].1))
        // ↓ scrolls no further than the last entry, and does not close help.
        for _ in 0..<30 { s = UITest.press(s, .down) }
        XCTAssertTrue(s.showHelp)
        XCTAssertEqual(s.helpScroll, entries.count - rows)
        lines = RootView.render(s).trimmedLines
        XCTAssertTrue(lines[21].contains(entries[entries.count - 1].1), lines[21])
        XCTAssertTrue(lines[22].contains("\(entries.count - rows + 1)-\(entries.count) of \(entries.count)"), lines[22])
        s = UITest.press(s, .pageUp)
        XCTAssertEqual(s.helpScroll, 0)
        // Any other key closes it; opened again, it starts at the top.
        s = UITest.press(s, .char("x"))
        XCTAssertFalse(s.showHelp)
        XCTAssertEqual(s.tab, .report)
        s = UITest.press(s, .char("?"))
        XCTAssertEqual(s.helpScroll, 0)
        // Where everything fits, ↓ closes help as any key does.
        var big = UITest.press(UITest.state(UITest.tickets(2), width: 100, height: 40), .char("?"))
        XCTAssertFalse(RootView.render(big).trimmedLines.joined().contains("scroll ·"))
        big = UITest.press(big, .down)
        XCTAssertFalse(big.showHelp)
    }

    func testResizeAndTooSmallTerminal() {
        var s = UITest.state(UITest.tickets(2), width: 80, height: 24)
        s = App.update(s, .resize(width: 30, height: 5)).0
        XCTAssertEqual(RootView.render(s).trimmedLines[0], "Terminal too small:")
        s = App.update(s, .resize(width: 79, height: 24)).0
        XCTAssertEqual(RootView.render(s).trimmedLines[0...3], ["Terminal too small:", "79x24;", "need 80x24", "(q quits)"])
        s = App.update(s, .resize(width: 80, height: 23)).0
        XCTAssertEqual(RootView.render(s).trimmedLines[1], "80x23;")
        s = App.update(s, .resize(width: 80, height: 24)).0
        XCTAssertTrue(RootView.render(s).trimmedLines[0].hasPrefix(" Docket"))
        s = App.update(s, .resize(width: 100, height: 30)).0
        XCTAssertEqual(RootView.render(s).width, 100)
    }

    func testWideTitlesAreClippedByDisplayWidth() {
        let t = Ticket(source: "a/b", number: 1, title: "同步失败 😀 после обновления and a long tail of words that goes on",
                       createdAt: UITest.date("2025-04-14T09:00:00Z"))
        let s = UITest.state([t], width: 80, height: 24)
        let row = RootView.render(s).lines[2]
        XCTAssertEqual(DisplayWidth.of(row), 80)
        XCTAssertTrue(row.contains("同步失败 😀"), row)
        XCTAssertTrue(row.contains("…"), row)
    }
}

extension ViewTests {
    func testEmptyStoreSaysHowToGetTickets() {
        let s = UITest.state([], width: 90, height: 24)
        XCTAssertEqual(RootView.render(s).trimmedLines[3],
                       " The store is empty: import tickets with `docket import FILE`, or try `docket demo`.")
    }
}
