import DocketModel
import DocketReport
@testable import DocketUI
import XCTest

/// The Tickets screen: `/` filter, state filter, sort, period and the
/// preview pane, driven by keys through the pure update.
final class TicketsScreenTests: XCTestCase {
    static func fixture() -> [Ticket] {
        let d = UITest.date
        return [
            Ticket(source: "acme/help", number: 11, title: "Login loop after update", body: "Steps:\n1. Sign in\n2. \u{1B}[31mIt loops\u{1B}[0m forever",
                   labels: ["auth"], author: "ana", createdAt: d("2025-04-10T09:00:00Z"), updatedAt: d("2025-04-14T10:00:00Z")),
            Ticket(source: "acme/help", number: 12, title: "Export to CSV fails", body: "The CSV export crashes with a stack trace",
                   state: .closed, labels: ["bug", "export"], author: "bo", createdAt: d("2025-04-12T09:00:00Z"),
                   updatedAt: d("2025-04-13T09:00:00Z"), closedAt: d("2025-04-13T09:00:00Z")),
            Ticket(source: "acme/help", number: 13, title: "Dark theme flickers", body: "Flickers when waking from sleep",
                   author: "cy", createdAt: d("2025-04-14T07:00:00Z"), updatedAt: d("2025-04-14T08:00:00Z")),
            Ticket(source: "acme/help", number: 14, title: "Sync stalls on large vaults", labels: ["sync"], author: "di",
                   createdAt: d("2025-04-13T09:00:00Z"), updatedAt: d("2025-04-14T12:00:00Z"),
                   comments: [Comment(author: "ed", createdAt: d("2025-04-14T11:00:00Z"), body: "same here"),
                              Comment(author: "fi", createdAt: d("2025-04-14T12:00:00Z"), body: "+1")]),
        ]
    }

    static func state(width: Int = 80, height: Int = 24) -> AppState {
        AppState(tickets: fixture(), period: .all(), reference: UITest.date("2025-04-15T00:00:00Z"), width: width, height: height,
                 today: CivilDate(year: 2025, month: 4, day: 14))
    }

    static func type(_ s: AppState, _ text: String) -> AppState {
        text.reduce(s) { App.update($0, .key(.char($1))).0 }
    }

    func numbers(_ s: AppState) -> [Int] { s.shown.map { s.rows[$0].number } }

    /// fzf's way: a match stays within one field, contiguous and word-start
    /// matches score more, and the list is ranked by score while a query is typed.
    func testTheFilterMatchesWithinAFieldAndRanksByScore() {
        var s = UITest.press(Self.state(), .char("/"))
        s = Self.type(s, "dateauth")
        XCTAssertEqual(numbers(s), [], "'date' in #11's title and 'auth' in its label are two fields")
        s = UITest.press(Self.state(), .char("/"))
        s = Self.type(s, "loop auth")
        XCTAssertEqual(numbers(s), [11], "each term within its own field")
        // "st": the word start of "stalls" (#14) beats the spread s…t of "Export to CSV fails" (#12)
        // and the body-only matches, whatever their activity.
        s = UITest.press(Self.state(), .char("/"))
        s = Self.type(s, "st")
        XCTAssertEqual(numbers(s).first, 14, "\(numbers(s))")
        let t = TicketSearch.terms("st")[0]
        func score(_ text: String) -> Int? { Array(text.utf8).withUnsafeBufferPointer { TicketSearch.fuzzyScore(t, in: $0) } }
        XCTAssertGreaterThan(score("sync stalls") ?? 0, score("export to csv fails") ?? 0)
        XCTAssertNil(score("ts"))
        let auth = TicketSearch.terms("auth")[0]
        func a(_ text: String) -> Int? { Array(text.utf8).withUnsafeBufferPointer { TicketSearch.fuzzyScore(auth, in: $0) } }
        XCTAssertGreaterThan(a("authentication loop") ?? 0, a("a useful thing") ?? 0, "contiguous at a word start beats spread")
    }

    /// `]` and `[` on a ticket walk the list it was opened from, the
    /// selection following, so a triager need not go back between tickets.
    func testBracketsOpenTheNextAndPreviousTicketOfTheList() {
        var s = UITest.press(Self.state(), .enter)
        let order = numbers(s)
        func open(_ s: AppState) -> Int? { if case let .ticket(i, _) = s.screen { return s.tickets[i].number }; return nil }
        XCTAssertEqual(open(s), order[0])
        s = UITest.press(s, .char("]"))
        XCTAssertEqual(open(s), order[1])
        XCTAssertEqual(s.selected, 1, "the list's selection follows")
        s = UITest.press(s, .char("["))
        XCTAssertEqual(open(s), order[0])
        s = UITest.press(s, .char("["))
        XCTAssertEqual(open(s), order[0], "stays at the first")
        XCTAssertEqual(s.message, "First ticket of the list")
        // On a filtered list, the filtered rows.
        var f = UITest.press(Self.state(), .char("/"))
        f = Self.type(f, "csv")
        f = UITest.press(UITest.press(f, .enter), .enter)
        XCTAssertEqual(open(f), 12)
        f = UITest.press(f, .char("]"))
        XCTAssertEqual(open(f), numbers(f)[1])
        s = UITest.press(s, .escape)
        XCTAssertEqual(s.screen, .list)
    }

    func testSlashFilterNarrowsOnEveryKeystrokeAndShowsTheQuery() {
        var s = UITest.press(Self.state(), .char("/"))
        XCTAssertEqual(App.context(of: s), .filter)
        s = Self.type(s, "c")
        XCTAssertEqual(Set(numbers(s)), [12, 13, 14], "#11 has no c anywhere")
        s = Self.type(s, "sv")
        XCTAssertEqual(numbers(s), [12, 14], "ranked: CSV as written first, then fuzzy in a title (Sync stalls on large Vaults)")
        s = Self.type(s, " expo")
        XCTAssertEqual(numbers(s), [12], "literally in the body")
        UITest.assertLines(RootView.render(s), UITest.screen([
            " Docket  1 Tickets  2 Triage  3 Clusters  4 Themes  5 Recs  6 Report     ?:help",
            "     # Title                             State  Labels      Activity Updated",
            "    12 Export to CSV fails               closed bug, export     6.56 2025-04-13",
        ], status: " 1 of 4 tickets · all time · by activity · /csv expo▏                       1/1"))
        // Enter keeps the filter; q then quits rather than typing.
        s = UITest.press(s, .enter)
        XCTAssertEqual(App.context(of: s), .list)
        XCTAssertEqual(numbers(s), [12])
        XCTAssertEqual(s.query, "csv expo")
        // Esc on the list clears a kept filter before it would quit.
        s = UITest.press(s, .escape)
        XCTAssertFalse(s.quitting)
        XCTAssertEqual(s.query, "")
        XCTAssertEqual(s.shown.count, 4)
    }

    func testTheQueryStaysInSightWhenTheStatusBarIsTooNarrow() {
        // A dated period fills most of 80 columns: the query moves up to the counts.
        var s = UITest.press(Self.state(), .char("p"), .char("p"), .char("p"), .char("/"))
        s = Self.type(s, "csv expo")
        XCTAssertEqual(RootView.render(s).trimmedLines[23],
                       " 1 of 4 tickets · /csv expo▏ · last 7 days (2025-04-08..2025-04-14) · by a… 1/1")
        s = UITest.press(s, .enter)
        XCTAssertEqual(RootView.render(s).trimmedLines[23],
                       " 1 of 4 tickets · /csv expo · last 7 days (2025-04-08..2025-04-14) · by ac… 1/1")
    }

    func testEscWhileTypingClearsAndBackspaceWidens() {
        var s = Self.type(UITest.press(Self.state(), .char("/")), "sleep")
        XCTAssertEqual(numbers(s), [13], "the body is searched")
        s = UITest.press(s, .backspace, .backspace, .backspace, .backspace)
        XCTAssertEqual(s.query, "s")
        XCTAssertEqual(s.shown.count, 4, "every ticket has an s")
        s = UITest.press(s, .escape)
        XCTAssertEqual(App.context(of: s), .list)
        XCTAssertEqual(s.query, "")
        XCTAssertEqual(s.shown.count, 4)
        XCTAssertFalse(s.quitting)
    }

    func testFilterIsFuzzyOverNumberLabelsAndThemesAndTermsAllMatch() {
        var s = Self.type(UITest.press(Self.state(), .char("/")), "#14")
        XCTAssertEqual(numbers(s), [14])
        s = Self.type(UITest.press(Self.state(), .char("/")), "lgnlp")
        XCTAssertEqual(numbers(s), [11], "a subsequence of 'login loop'")
        s = Self.type(UITest.press(Self.state(), .char("/")), "export bug")
        XCTAssertEqual(numbers(s), [12])
        s = Self.type(UITest.press(Self.state(), .char("/")), "export zzz")
        XCTAssertEqual(numbers(s), [])
        XCTAssertTrue(RootView.render(s).trimmedLines[3].contains("No tickets match; Esc clears the filter."))
        var themed = Self.state()
        themed.applyLocally([.tag(TicketKey(source: "acme/help", number: 13), theme: "Display glitches")])
        s = Self.type(UITest.press(themed, .char("/")), "glitch")
        XCTAssertEqual(numbers(s), [13], "themes are matched")
    }

    func testNarrowingGivesTheSameRowsAsFilteringFromScratch() {
        let base = UITest.state(UITest.tickets(40))
        var typed = UITest.press(base, .char("/"))
        for c in "ticket 1 bug" {
            typed = App.update(typed, .key(.char(c))).0
            var scratch = base
            scratch.query = typed.query
            scratch.refilter()
            XCTAssertEqual(typed.shown, scratch.shown, "after '\(typed.query)'")
        }
    }

    func testStateFilterSortAndPeriodCycle() {
        var s = Self.state()
        let byActivity = numbers(s)
        s = UITest.press(s, .char("o"))
        XCTAssertEqual(s.stateFilter, .open)
        XCTAssertEqual(Set(numbers(s)), [11, 13, 14])
        s = UITest.press(s, .char("o"))
        XCTAssertEqual(numbers(s), [12])
        s = UITest.press(s, .char("o"))
        XCTAssertEqual(numbers(s), byActivity)
        s = UITest.press(s, .char("s"))
        XCTAssertEqual(s.sort, .updated)
        XCTAssertEqual(numbers(s), [14, 11, 13, 12])
        UITest.assertLines(RootView.render(s), UITest.screen([
            " Docket  1 Tickets  2 Triage  3 Clusters  4 Themes  5 Recs  6 Report     ?:help",
            "     # Title                             State  Labels      Activity Updated",
            "    14 Sync stalls on large vaults       open   sync            9.67 2025-04-14",
            "    11 Login loop after update           open   auth            5.62 2025-04-14",
            "    13 Dark theme flickers               open                   5.57 2025-04-14",
            "    12 Export to CSV fails               closed bug, export     6.56 2025-04-13",
        ], status: " 4 of 4 tickets · all time · by updated   /:filter p:period o:state s:sort  1/4"))
        s = UITest.press(s, .char("s"))
        XCTAssertEqual(numbers(s), [13, 14, 12, 11])
        s = UITest.press(s, .char("s"))
        XCTAssertEqual(numbers(s), [14, 13, 12, 11])
        s = UITest.press(s, .char("s"))
        XCTAssertEqual(s.sort, .activity)
        // p: today, this week, last 7 days, all (today is 2025-04-14, a Monday).
        s = UITest.press(s, .char("p"))
        XCTAssertEqual(s.period, Period(first: CivilDate(year: 2025, month: 4, day: 14), last: CivilDate(year: 2025, month: 4, day: 14)))
        XCTAssertEqual(Set(numbers(s)), [11, 13, 14])
        XCTAssertTrue(RootView.render(s).trimmedLines[23].hasPrefix(" Period: today (2025-04-14)"))
        s = UITest.press(s, .char("p"))
        XCTAssertEqual(s.period.label, "2025-04-14..2025-04-20")
        s = UITest.press(s, .char("p"))
        XCTAssertEqual(s.period.label, "2025-04-08..2025-04-14")
        XCTAssertEqual(s.shown.count, 4)
        XCTAssertTrue(RootView.render(s).trimmedLines[23].hasPrefix(" Period: last 7 days (2025-04-08..2025-04-14)"))
        s = UITest.press(s, .char("j"))
        XCTAssertTrue(RootView.render(s).trimmedLines[23].hasPrefix(" 4 of 4 tickets · last 7 days (2025-04-08..2025-04-14) · by activity"))
        s = UITest.press(s, .char("p"))
        XCTAssertTrue(s.period.isAll)
    }

    func testPreviewPaneOnWideTerminalsShowsTheSelectedTicketSanitized() {
        var s = Self.state(width: 120, height: 24)
        s = Self.type(UITest.press(s, .char("/")), "loop")
        s = UITest.press(s, .enter)
        // The body's colour escapes are gone; the pane's border runs to the status bar.
        UITest.assertLines(RootView.render(s), [
            " Docket  1 Tickets  2 Triage  3 Clusters  4 Themes  5 Recommendations  6 Report                                  ?:help",
            "     # Title                                 State  Activity Updated    │ #11 Login loop after update",
            "    11 Login loop after update               open       5.62 2025-04-14 │ open · by ana",
            "                                                                        │ opened 2025-04-10 · updated 2025-04-14 · 0",
            "                                                                        │ comments",
            "                                                                        │ Labels: auth",
            "                                                                        │",
            "                                                                        │ Steps:",
            "                                                                        │ 1. Sign in",
            "                                                                        │ 2. It loops forever",
            "                                                                        │",
            "                                                                        │",
            "                                                                        │",
            "                                                                        │",
            "                                                                        │",
            "                                                                        │",
            "                                                                        │",
            "                                                                        │",
            "                                                                        │",
            "                                                                        │",
            "                                                                        │",
            "                                                                        │",
            "                                                                        │",
            " 1 of 4 tickets · all time · by activity · /loop                                                                    1/1",
        ])
        XCTAssertFalse(RootView.render(s).lines.joined().contains("\u{1B}"))
        // Narrower than 120 columns: no pane.
        s = App.update(s, .resize(width: 119, height: 24)).0
        XCTAssertFalse(RootView.render(s).lines[1].contains("│"))
    }

    func testHelpAtTheMinimumSizeListsEveryKeyOfTheList() {
        // With six tabs the list's keys and the global ones (27) are more than
        // the 19 rows help has at 80x24: the list's own keys come first and
        // show at once; ↓ scrolls to the rest, so every key is listed.
        var s = UITest.press(Self.state(), .char("?"))
        let first = RootView.render(s).trimmedLines.joined(separator: "\n")
        for b in Keymap.bindings where b.context == .list {
            XCTAssertTrue(first.contains(b.action.summary), "help at 80x24 lacks \(b.action.summary) without scrolling")
        }
        var text = first
        for _ in 0..<Keymap.helpEntries(for: .list).count {
            s = UITest.press(s, .down)
            XCTAssertTrue(s.showHelp)
            text += "\n" + RootView.render(s).trimmedLines.joined(separator: "\n")
        }
        for entry in Keymap.helpEntries(for: .list) {
            XCTAssertTrue(text.contains(entry.1), "help at 80x24 lacks \(entry.1)")
        }
    }

    func testMouseClickSelectsARowAndTheWheelScrolls() {
        var s = UITest.state(UITest.tickets(30))
        s = App.update(s, .mouse(MouseEvent(kind: .press, x: 10, y: 4))).0
        XCTAssertEqual(s.selected, 2)
        s = App.update(s, .mouse(MouseEvent(kind: .wheelDown, x: 10, y: 4))).0
        XCTAssertEqual(s.selected, 5)
        s = App.update(s, .mouse(MouseEvent(kind: .wheelUp, x: 10, y: 4))).0
        XCTAssertEqual(s.selected, 2)
        // Below the last row, or on the preview pane: nothing changes.
        var wide = Self.state(width: 130, height: 24)
        wide = App.update(wide, .mouse(MouseEvent(kind: .press, x: 10, y: 20))).0
        XCTAssertEqual(wide.selected, 0)
        wide = App.update(wide, .mouse(MouseEvent(kind: .press, x: 100, y: 3))).0
        XCTAssertEqual(wide.selected, 0)
        wide = App.update(wide, .mouse(MouseEvent(kind: .press, x: 10, y: 3))).0
        XCTAssertEqual(wide.selected, 1)
    }

    /// A click on a tab's label on the tab bar shows that tab, at every
    /// width the bar lays out differently (full, short, numbers only).
    func testAClickOnATabShowsIt() {
        for width in [200, 100, 80, RootView.minimumWidth] {
            var s = UITest.state(UITest.tickets(8), width: width, height: 24)
            let bar = Array(RootView.render(s).trimmedLines[0])
            for tab in Tab.allCases.reversed() + [.tickets] {
                // The tab's number on the bar: " N " or " N Title ".
                let digit = Character(String(tab.rawValue))
                guard let x = bar.indices.first(where: { i in
                    bar[i] == digit && i > 0 && bar[i - 1] == " " && (i + 1 == bar.count || bar[i + 1] == " ")
                }) else { XCTFail("width \(width): no tab \(tab.rawValue) on \(String(bar))"); continue }
                let (next, effects) = App.update(s, .mouse(MouseEvent(kind: .press, x: x, y: 0)))
                XCTAssertEqual(next.tab, tab, "width \(width): click at \(x) on \(String(bar))")
                if tab == .recommendations, s.tab != tab {
                    XCTAssertEqual(effects, [.loadRecommendations(next.recommendationsPeriod)])
                }
                s = next
            }
            // "Docket" and the keys at the right are not tabs.
            XCTAssertEqual(App.update(s, .mouse(MouseEvent(kind: .press, x: 2, y: 0))).0.tab, .tickets)
            XCTAssertEqual(App.update(s, .mouse(MouseEvent(kind: .press, x: width - 2, y: 0))).0.tab, .tickets)
        }
        // Too small to draw anything but the message: a click hits nothing.
        let small = UITest.state(UITest.tickets(8), width: RootView.minimumWidth - 1, height: 24)
        XCTAssertEqual(App.update(small, .mouse(MouseEvent(kind: .press, x: 30, y: 0))).0.tab, .tickets)
        XCTAssertEqual(App.update(small, .mouse(MouseEvent(kind: .press, x: 10, y: 4))).0.selected, 0)
    }

    func testAPeriodCanBeTypedWithCustomDates() {
        var s = UITest.state(UITest.tickets(4))
        s = UITest.press(s, .char("P"), .ctrl("u"))
        for c in "2025-04-10..2025-04-14" { s = UITest.press(s, .char(c)) }
        s = UITest.press(s, .enter)
        XCTAssertNil(s.modal)
        XCTAssertEqual(s.period.label, "2025-04-10..2025-04-14")
        XCTAssertEqual(s.shown.count, 4)
        XCTAssertEqual(s.message, "Period: 2025-04-10..2025-04-14")
        s = UITest.press(s, .char("P"), .ctrl("u"))
        for c in "last tuesday" { s = UITest.press(s, .char(c)) }
        s = UITest.press(s, .enter)
        XCTAssertEqual(s.period.label, "2025-04-10..2025-04-14", "a bad period changes nothing")
        XCTAssertTrue(s.message?.hasPrefix("Not a period: 'last tuesday'") ?? false, s.message ?? "")
        s = UITest.press(s, .char("P"), .ctrl("u"), .char("a"), .char("l"), .char("l"), .enter)
        XCTAssertTrue(s.period.isAll)
    }
}

final class PaletteTests: XCTestCase {
    func testTheCommandPaletteFindsAnActionByFuzzyNameAndPerformsIt() {
        var s = UITest.state(UITest.tickets(4))
        s = UITest.press(s, .char(":"))
        guard case let .picker(p)? = s.modal else { return XCTFail("no palette") }
        XCTAssertTrue(p.items.contains { $0.label.hasPrefix("Sort by activity") }, p.items.map(\.label).joined(separator: "\n"))
        XCTAssertFalse(p.items.contains { $0.id == Action.palette.rawValue })
        for c in "srt upd" { s = UITest.press(s, .char(c)) }  // fuzzy: "Sort by activity, updated, ..."
        guard case let .picker(q)? = s.modal else { return XCTFail("palette closed") }
        XCTAssertEqual(q.visible.first?.id, Action.cycleSort.rawValue)
        s = UITest.press(s, .enter)
        XCTAssertNil(s.modal)
        XCTAssertEqual(s.sort, .updated)
        // On the Triage screen it offers that screen's actions.
        s = UITest.press(s, .char("2"), .char(":"))
        guard case let .picker(r)? = s.modal else { return XCTFail("no palette on triage") }
        XCTAssertTrue(r.items.contains { $0.id == Action.markDone.rawValue })
        s = UITest.press(s, .escape)
        XCTAssertNil(s.modal)
    }
}

final class PickerMouseTests: XCTestCase {
    func testTheWheelMovesThePickersChoiceAndAClickTakesIt() {
        var s = UITest.state(UITest.tickets(4))
        s = UITest.press(s, .char(":"))
        s = App.update(s, .mouse(MouseEvent(kind: .wheelDown, x: 40, y: 12))).0
        guard case let .picker(p)? = s.modal else { return XCTFail("no palette") }
        XCTAssertEqual(p.selected, 1)
        // Find the line of the sort action on screen and click it twice: select, then take.
        let lines = RootView.render(s).trimmedLines
        guard let y = lines.firstIndex(where: { $0.contains("Sort by activity") }) else { return XCTFail(lines.joined(separator: "\n")) }
        s = App.update(s, .mouse(MouseEvent(kind: .press, x: 40, y: y))).0
        guard case let .picker(q)? = s.modal else { return XCTFail("the first click closed the palette") }
        XCTAssertEqual(q.visible[q.selected].id, Action.cycleSort.rawValue)
        s = App.update(s, .mouse(MouseEvent(kind: .press, x: 40, y: y))).0
        XCTAssertNil(s.modal)
        XCTAssertEqual(s.sort, .updated)
    }
}

/// The `/` field edits as every text field does.
final class FilterFieldTests: XCTestCase {
    func testReadlineKeysEditTheQueryAndTheListFollows() {
        var s = UITest.state(UITest.tickets(4), width: 80, height: 24)
        s = UITest.press(s, .char("/"), .char("t"), .char("i"), .char("c"), .char("k"), .char("x"))
        XCTAssertEqual(s.query, "tickx")
        s = UITest.press(s, .ctrl("w"))
        XCTAssertEqual(s.query, "", "Ctrl-W deletes the word before the cursor")
        XCTAssertEqual(s.shown.count, 4)
        s = UITest.press(s, .char("n"), .char("u"), .char("m"), .home, .char("T"), .char("i"), .char("c"), .char("k"), .char("e"), .char("t"), .char(" "))
        XCTAssertEqual(s.query, "Ticket num", "Home moves to the start; typing inserts there")
        XCTAssertEqual(s.filterCursor, 7)
        XCTAssertTrue(RootView.render(s).trimmedLines.last?.contains("/Ticket ▏num") ?? false, RootView.render(s).trimmedLines.last ?? "")
        s = UITest.press(s, .end, .left, .left, .left, .backspace)
        XCTAssertEqual(s.query, "Ticketnum")
        s = UITest.press(s, .ctrl("u"))
        XCTAssertEqual(s.query, "num", "Ctrl-U deletes to the start")
        s = UITest.press(s, .ctrl("k"))
        XCTAssertEqual(s.query, "", "Ctrl-K at the start deletes everything after it")
        XCTAssertTrue(s.editingFilter)
        s = UITest.press(s, .backspace)
        XCTAssertFalse(s.editingFilter, "Backspace in an empty field closes it")
    }
}
