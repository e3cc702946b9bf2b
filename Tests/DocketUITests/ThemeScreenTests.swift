import DocketModel
import DocketReport
@testable import DocketUI
import XCTest

/// Tagging from the Tickets list and the ticket screen, and the Themes
/// screen, driven by keys: every edit is one saved, undoable step.
final class ThemeScreenTests: XCTestCase {
    private func run(_ s: AppState, _ keys: [Key]) -> (AppState, [Effect]) { UITest.feed(s, keys.map { .key($0) }) }

    private func chars(_ s: String) -> [Key] { s.map { Key.char($0) } }
    private func key(_ n: Int) -> TicketKey { TicketKey(source: "acme/help", number: n) }

    func testMarkedTicketsAreTaggedWithANewThemeInOneUndoableStep() {
        var (s, effects) = run(UITest.state(UITest.tickets(4), width: 80, height: 24), [.char(" "), .down, .char(" ")])
        XCTAssertEqual(s.marked, [key(101), key(103)])
        UITest.assertLines(RootView.render(s), UITest.screen([
            " Docket  1 Tickets  2 Triage  3 Clusters  4 Themes  5 Recs  6 Report     ?:help",
            "     # Title                             State  Labels      Activity Updated",
            "*  101 Ticket number 1                   open                  11.62 2025-04-14",
            "   102 Ticket number 2                   open   bug             9.62 2025-04-14",
            "*  103 Ticket number 3                   closed                 9.12 2025-04-14",
            "   104 Ticket number 4                   open   bug             5.62 2025-04-14",
        ], status: " 2 marked · t: tag · T: untag             /:filter p:period o:state s:sort  4/4"))
        (s, effects) = run(s, [.char("t")] + chars("login"))
        guard case let .picker(p)? = s.modal else { return XCTFail("no picker") }
        XCTAssertEqual(p.visible.map(\.label), ["new theme: login"])
        (s, effects) = run(s, [.enter])
        XCTAssertEqual(effects, [.persist([.defineTheme(Theme(name: "login")), .tag(key(101), theme: "login"), .tag(key(103), theme: "login")])])
        XCTAssertEqual(s.undoStack.count, 1)
        XCTAssertEqual(s.marked, [])
        XCTAssertEqual(s.message, "Tagged 2 tickets with login (new theme) · u: undo")
        XCTAssertEqual(s.themes.map(\.tickets), [2])
        // One u undoes the whole step, the definition included.
        (s, effects) = run(s, [.char("u")])
        XCTAssertEqual(effects, [.persist([.untag(key(103), theme: "login"), .untag(key(101), theme: "login"), .deleteTheme("login")])])
        XCTAssertEqual(s.themes, [])
        (s, _) = run(s, [.char("U")])
        XCTAssertEqual(s.annotations[key(103)]?.themes, ["login"])
    }

    func testTheTicketScreenTagsAndUntagsTheOpenTicket() {
        var s = UITest.state(UITest.tickets(3), width: 80, height: 24)
        s.curation.themes = ["sync": Theme(name: "sync"), "export": Theme(name: "export")]
        var effects: [Effect]
        (s, effects) = run(s, [.down, .enter, .char("t")] + chars("sy") + [.enter])
        XCTAssertEqual(effects, [.persist([.tag(key(102), theme: "sync")])])
        XCTAssertTrue(RootView.render(s).trimmedLines.contains(" Themes: sync"))
        (s, effects) = run(s, [.char("T"), .enter])
        XCTAssertEqual(effects, [.persist([.untag(key(102), theme: "sync")])])
        // Nothing to untag: says so, opens nothing.
        (s, effects) = run(s, [.char("T")])
        XCTAssertNil(s.modal)
        XCTAssertEqual(s.message, "#102 carries no theme")
    }

    private func themed() -> AppState {
        var s = UITest.state(UITest.tickets(4), width: 80, height: 24)
        s.curation.themes = ["export": Theme(name: "export", description: "Exports fail", color: .red)]
        s.annotations[key(101)] = TicketAnnotation(themes: ["export"])
        s.annotations[key(102)] = TicketAnnotation(themes: ["export", "legacy"])
        return s
    }

    func testTheThemesScreenListsColourCountDescriptionAndUndefinedNames() {
        let (s, _) = run(themed(), [.char("4")])
        // The suggestions pane is the body's last five rows.
        UITest.assertLines(RootView.render(s), UITest.screen([
            " Docket  1 Tickets  2 Triage  3 Clusters  4 Themes  5 Recs  6 Report     ?:help",
            " Theme              Colour   Tickets Description",
            " export             red            2 Exports fail",
            " legacy             default        1 (only on tickets; e defines it)",
        ] + Array(repeating: "", count: 14) + [
            "── Suggested for export (a: accept, r: reject) ─────────────────────────────────",
            // In a store of four, a word three tickets share ("comment") is
            // not too common to count (TFIDFModel's small-store rule).
            "    #103 Ticket number 3                               1.00 like #101, #102",
        ], status: " 2 themes · 2 in use                                        n:new d:delete  1/2"))
        let buffer = RootView.render(s)
        XCTAssertEqual(buffer[20, 2].style.role, .selection)
        XCTAssertEqual(buffer[20, 3].style.role, .normal)
        XCTAssertEqual(buffer[1, 3].style.role, .normal)  // default colour: plain
        let red = UITest.press(s, .down)
        XCTAssertEqual(RootView.render(red)[20, 2].style.role, .themeRed)
    }

    func testCreateRenameDescribeRecolourAndDelete() {
        var (s, effects) = run(themed(), [.char("4"), .char("n")] + chars("sync") + [.enter])
        XCTAssertEqual(effects, [.persist([.defineTheme(Theme(name: "sync"))])])
        XCTAssertEqual(s.themes[s.themeList.selected].theme.name, "sync")
        (s, effects) = run(s, [.char("n")] + chars("export") + [.enter])
        XCTAssertEqual(effects, [])
        XCTAssertTrue(s.message?.hasPrefix("a theme 'export' already exists") ?? false, s.message ?? "")
        (s, effects) = run(s, [.char("e")] + chars("Sync stalls") + [.enter, .char("c")])
        XCTAssertEqual(s.curation.themes["sync"], Theme(name: "sync", description: "Sync stalls", color: .red))
        (s, effects) = run(s, [.home, .char("R"), .ctrl("u")] + chars("exports") + [.enter])
        XCTAssertEqual(effects, [.persist([.renameTheme(from: "export", to: Theme(name: "exports", description: "Exports fail", color: .red),
                                                        tickets: [key(101), key(102)])])])
        XCTAssertEqual(s.annotations[key(102)]?.themes, ["exports", "legacy"])
        // Deleting a theme in use asks first; n keeps it.
        (s, effects) = run(s, [.home, .char("d")])
        XCTAssertEqual(RootView.render(s).trimmedLines.last, " delete theme exports used by 2 tickets? y/n")
        (s, effects) = run(s, [.char("n")])
        XCTAssertEqual(effects, [])
        XCTAssertNotNil(s.curation.themes["exports"])
        (s, effects) = run(s, [.char("d"), .char("y")])
        XCTAssertEqual(effects, [.persist([.deleteTheme("exports")])])
        XCTAssertEqual(s.annotations[key(101)]?.themes, [])
        (s, effects) = run(s, [.char("u")])
        XCTAssertEqual(s.annotations[key(101)]?.themes, ["exports"])
        XCTAssertEqual(s.curation.themes["exports"]?.description, "Exports fail")
        // An unused theme goes without a question.
        (s, effects) = run(s, [.end, .char("d")])
        XCTAssertEqual(effects, [.persist([.deleteTheme("sync")])])
    }

    func testSuggestionsAreAcceptedOrRejectedForTheSession() {
        let t = { (n: Int, title: String) in
            Ticket(source: "acme/help", number: n, title: title, body: title, createdAt: UITest.date("2025-04-14T09:00:00Z"))
        }
        var s = AppState(tickets: [t(1, "spreadsheet converter crashes exporting invoices"), t(2, "calendar reminders arrive twice"),
                                   t(3, "spreadsheet converter crashes exporting invoices again"), t(4, "login loop after password reset"),
                                   t(5, "dark mode colours wrong in sidebar"), t(6, "converter crashes on large spreadsheet"),
                                   t(7, "keyboard shortcuts ignored on linux"), t(8, "sync stalls behind proxy")],
                         period: UITest.day, reference: UITest.date("2025-04-15T00:00:00Z"), width: 80, height: 24)
        s.annotations[TicketKey(source: "acme/help", number: 1)] = TicketAnnotation(themes: ["export"])
        var effects: [Effect]
        (s, _) = run(s, [.char("4")])
        let shown = s.suggestions(for: "export").map(\.ticket.number)
        XCTAssertEqual(Array(shown.prefix(2)), [3, 6])
        guard shown.count >= 2 else { return }
        XCTAssertEqual(Array(RootView.render(s).trimmedLines[18...20]), [
            "── Suggested for export (a: accept, r: reject) ─────────────────────────────────",
            "      #3 spreadsheet converter crashes exporting invo… 1.00 like #1",
            "      #6 converter crashes on large spreadsheet        0.57 like #1",
        ])
        (s, effects) = run(s, [.char("r")])
        XCTAssertEqual(effects, [])
        XCTAssertEqual(s.suggestions(for: "export").map(\.ticket.number), Array(shown.dropFirst()))
        (s, effects) = run(s, [.char("a")])
        XCTAssertEqual(effects, [.persist([.tag(TicketKey(source: "acme/help", number: shown[1]), theme: "export")])])
        XCTAssertEqual(s.themes.first?.tickets, 2)
    }
}
