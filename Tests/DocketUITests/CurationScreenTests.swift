import DocketModel
import DocketReport
@testable import DocketUI
import XCTest

/// The Recommendations and Report screens, driven by keys and by the events
/// that answer their effects, through the pure update.
final class CurationScreenTests: XCTestCase {
    private let week = "2025-04-14..2025-04-20"
    private let k1 = TicketKey(source: "acme/help", number: 101)
    private let k2 = TicketKey(source: "acme/help", number: 102)

    private func generated() -> [Recommendation] {
        [Recommendation(id: "r-c101", title: "Fix sync first", text: "Three tickets this week report lost notes after sync; reproduce with #101.",
                        clusterIDs: ["c101"], tickets: [k1, k2]),
         Recommendation(id: "r-c103", title: "Answer \u{1B}]0;pwned\u{7}login", text: "Reply to #103.", clusterIDs: ["c103", "c104"],
                        tickets: [k1])]
    }

    private func run(_ s: AppState, _ events: [InputEvent]) -> (AppState, [Effect]) { UITest.feed(s, events) }

    private func keys(_ s: AppState, _ keys: Key...) -> (AppState, [Effect]) { run(s, keys.map { .key($0) }) }

    private func typed(_ text: String) -> [InputEvent] { text.map { .key(.char($0)) } }

    /// The Recommendations tab with the generated list loaded, as the runtime answers.
    private func onRecommendations(width: Int = 80, height: Int = 24) -> AppState {
        var (s, effects) = keys(UITest.state(UITest.tickets(4), width: width, height: height), .char("5"))
        XCTAssertEqual(s.tab, .recommendations)
        XCTAssertEqual(effects, [.loadRecommendations(Period.week(of: CivilDate(year: 2025, month: 4, day: 15)))])
        (s, _) = run(s, [.recommendationsLoaded(period: week, generated())])
        return s
    }

    func testRecommendationsScreenShowsTheWeekItsListAndWhatEachCites() {
        let s = onRecommendations()
        UITest.assertLines(RootView.render(s), UITest.screen([
            " Docket  1 Tickets  2 Triage  3 Clusters  4 Themes  5 Recs  6 Report     ?:help",
            " Week 2025-04-14 to 2025-04-20 · [ ]: previous/next week · e: $EDITOR",
            " 1. Fix sync first                                                     generated",
            "    Three tickets this week report lost notes after sync; reproduce with #101.",
            "    cites cluster c101 · 2 tickets",
            "",
            " 2. Answer login                                                       generated",
            "    Reply to #103.",
            "    cites clusters c103, c104 · 1 ticket",
        ], status: " 2 recommendations · week 2025-04-14 to 2025-04-20                          1/2"))
        // Until the runtime answers, the screen says it is loading.
        let loading = keys(UITest.state(UITest.tickets(4), width: 80, height: 24), .char("5")).0
        XCTAssertEqual(RootView.render(loading).trimmedLines[3], " Loading…")
    }

    func testBracketsMoveToTheNeighbouringWeeksAndLoadThem() {
        var (s, effects) = keys(onRecommendations(), .char("]"))
        XCTAssertEqual(effects, [.loadRecommendations(Period(first: CivilDate(year: 2025, month: 4, day: 21),
                                                             last: CivilDate(year: 2025, month: 4, day: 27)))])
        XCTAssertEqual(RootView.render(s).trimmedLines[1], " Week 2025-04-21 to 2025-04-27 · [ ]: previous/next week · e: $EDITOR")
        (s, effects) = keys(s, .char("["), .char("["))
        XCTAssertEqual(s.recommendationsPeriod.first, CivilDate(year: 2025, month: 4, day: 7))
        XCTAssertEqual(effects.count, 2)
    }

    func testAddAsksTitleThenTextAndIsOneUndoableEdit() {
        var (s, effects) = run(onRecommendations(), [.key(.char("a"))] + typed("Ship 5.8.4"))
        XCTAssertEqual(effects, [])
        XCTAssertEqual(RootView.render(s).trimmedLines.last, " New title: Ship 5.8.4                                    Enter:save Esc:cancel")
        // Keys go to the editor while it is open: d is a letter, not delete.
        (s, effects) = run(s, [.key(.enter)] + typed("today, d") + [.key(.backspace), .key(.backspace), .key(.backspace), .key(.enter)])
        let added = Recommendation(id: "a-1", title: "Ship 5.8.4", text: "today", origin: .added)
        XCTAssertEqual(effects, [.persist([.setRecommendation(period: week, added)])])
        XCTAssertNil(s.editor)
        XCTAssertEqual(s.shownRecommendations?.map(\.id), ["r-c101", "r-c103", "a-1"])
        XCTAssertEqual(s.recs.cursor.selected, 2)
        XCTAssertEqual(s.message, "Recommendation added “Ship 5.8.4” · u: undo")
        (s, effects) = keys(s, .char("u"))
        XCTAssertEqual(effects, [.persist([.removeRecommendation(period: week, id: "a-1")])])
        XCTAssertEqual(s.shownRecommendations?.map(\.id), ["r-c101", "r-c103"])
        (s, effects) = keys(s, .char("U"))
        XCTAssertEqual(effects, [.persist([.setRecommendation(period: week, added)])])
        XCTAssertEqual(s.shownRecommendations?.last, added)
    }

    func testEscCancelsAndAnEmptyFieldStaysOpen() {
        var (s, effects) = run(onRecommendations(), [.key(.char("a")), .key(.enter)])
        XCTAssertNotNil(s.editor)
        XCTAssertEqual(s.message, "Empty: type something, or Esc to cancel")
        (s, effects) = run(s, typed("x") + [.key(.escape)])
        XCTAssertNil(s.editor)
        XCTAssertEqual(effects, [])
        XCTAssertEqual(s.curation.recommendations[week], nil)
        XCTAssertEqual(s.tab, .recommendations)  // Esc closed the editor, it did not quit
    }

    func testEditingTitleThenTextInPlaceAndUndoingIt() {
        var (s, effects) = keys(onRecommendations(), .enter)
        XCTAssertEqual(s.editor?.field.text, "Fix sync first")
        (s, effects) = run(s, [.key(.ctrl("w")), .key(.ctrl("w"))] + typed("now") + [.key(.enter)])
        XCTAssertEqual(s.editor?.field.text, generated()[0].text)
        (s, effects) = run(s, [.key(.ctrl("a")), .key(.ctrl("k"))] + typed("Reproduce with #101") + [.key(.enter)])
        var edited = generated()[0]
        edited.title = "Fix now"
        edited.text = "Reproduce with #101"
        edited.origin = .edited
        XCTAssertEqual(effects, [.persist([.setRecommendation(period: week, edited)])])
        XCTAssertEqual(s.shownRecommendations?.first, edited)
        // Undo brings the generated words back (as stored words, so the edit is undone durably).
        (s, effects) = keys(s, .char("u"))
        XCTAssertEqual(effects, [.persist([.setRecommendation(period: week, generated()[0])])])
        XCTAssertEqual(s.shownRecommendations?.first, generated()[0])
        // Accepting unchanged words stores nothing.
        (s, effects) = keys(s, .enter, .enter, .enter)
        XCTAssertEqual(effects, [])
        XCTAssertEqual(s.message, "Unchanged")
    }

    func testDeleteAndReorderAreUndoable() {
        var (s, effects) = keys(onRecommendations(), .char("J"))
        XCTAssertEqual(effects, [.persist([.orderRecommendations(period: week, ids: ["r-c103", "r-c101"])])])
        XCTAssertEqual(s.shownRecommendations?.map(\.id), ["r-c103", "r-c101"])
        XCTAssertEqual(s.recs.cursor.selected, 1)
        (s, effects) = keys(s, .char("J"))  // already last
        XCTAssertEqual(effects, [])
        (s, effects) = keys(s, .char("K"))
        XCTAssertEqual(s.shownRecommendations?.map(\.id), ["r-c101", "r-c103"])
        (s, effects) = keys(s, .char("u"))
        XCTAssertEqual(effects, [.persist([.orderRecommendations(period: week, ids: ["r-c103", "r-c101"])])])
        (s, effects) = keys(s, .char("u"))
        XCTAssertEqual(effects, [.persist([.orderRecommendations(period: week, ids: [])])])
        XCTAssertEqual(s.shownRecommendations?.map(\.id), ["r-c101", "r-c103"])

        (s, effects) = keys(s, .end, .delete)
        XCTAssertEqual(effects, [.persist([.removeRecommendation(period: week, id: "r-c103")])])
        XCTAssertEqual(s.shownRecommendations?.map(\.id), ["r-c101"])
        XCTAssertEqual(s.recs.cursor.selected, 0)
        (s, effects) = keys(s, .char("d"))
        XCTAssertEqual(s.shownRecommendations ?? [], [])
        XCTAssertEqual(RootView.render(s).trimmedLines[3],
                       " No recommendations for this week: a adds one; [ and ] change the week.")
        (s, _) = keys(s, .char("u"), .char("u"))
        XCTAssertEqual(s.shownRecommendations?.map(\.id), ["r-c101", "r-c103"])
        XCTAssertEqual(s.shownRecommendations?.map(\.text), generated().map(\.text))
    }

    func testExternalEditorAsksTheRuntimeAndSavesWhatComesBack() {
        var (s, effects) = keys(onRecommendations(), .down, .char("e"))
        let purpose = EditPurpose.externalText(period: week, id: "r-c103")
        XCTAssertEqual(effects, [.editExternally(text: "Reply to #103.", purpose: purpose)])
        // Unchanged (the editor adds a final newline) and empty texts store nothing.
        (s, effects) = run(s, [.edited(purpose, "Reply to #103.\n")])
        XCTAssertEqual(effects, [])
        XCTAssertEqual(s.message, "Unchanged")
        (s, effects) = run(s, [.edited(purpose, " \n\n")])
        XCTAssertEqual(effects, [])
        XCTAssertEqual(s.message, "Empty text; nothing saved")
        // Lines join with spaces; escapes are dropped.
        (s, effects) = run(s, [.edited(purpose, "Ship the\n\u{1B}[2Jhotfix today\n")])
        var edited = generated()[1]
        edited.text = "Ship the hotfix today"
        edited.origin = .edited
        XCTAssertEqual(effects, [.persist([.setRecommendation(period: week, edited)])])
        (s, effects) = run(s, [.failed("vi exited with status 1; nothing saved")])
        XCTAssertEqual(RootView.render(s).trimmedLines.last, " vi exited with status 1; nothing saved             a:add Enter:edit d:del  2/2")
    }

    func testReportPreviewIsSanitizedScrollableAndExportIsAnEffect() {
        var (s, effects) = keys(UITest.state(UITest.tickets(4), width: 80, height: 24), .char("6"))
        let day = CivilDate(year: 2025, month: 4, day: 15)
        XCTAssertEqual(effects, [.loadReport(.weekly, day)])
        XCTAssertEqual(RootView.render(s).trimmedLines[3], " Building the report…")
        // Longer than the 21 preview rows of 80x24, with one line that wraps at 80 columns.
        let markdown = "# Support Ticket Report\n- Period: 2025-04-14 to 2025-04-20\n\n## Summary\n"
            + "- **Total Tickets:** 4\n" + (1...14).map { "- note \($0)\n" }.joined()
            + "- #101 \u{1B}]0;pwned\u{7}Sync \u{1B}[31mlost\u{1B}[0m notes after the update to 5.8.3 on Windows 11 when the laptop wakes\n- last\n"
        (s, _) = run(s, [.reportLoaded(.weekly, day, markdown: markdown)])
        UITest.assertLines(RootView.render(s), [
            " Docket  1 Tickets  2 Triage  3 Clusters  4 Themes  5 Recs  6 Report     ?:help",
            " Weekly report, 2025-04-14 to 2025-04-20 · x writes it to reports/",
            " # Support Ticket Report",
            " - Period: 2025-04-14 to 2025-04-20",
            "",
            " ## Summary",
            " - **Total Tickets:** 4",
        ] + (1...14).map { " - note \($0)" } + [
            " - #101 Sync lost notes after the update to 5.8.3 on Windows 11 when the laptop",
            " wakes",
            " Preview: Weekly report, 2025-04-14 to 2025-04-20                     line 1/23",
        ])
        (s, _) = keys(s, .end)
        UITest.assertLines(RootView.render(s), [
            " Docket  1 Tickets  2 Triage  3 Clusters  4 Themes  5 Recs  6 Report     ?:help",
            " Weekly report, 2025-04-14 to 2025-04-20 · x writes it to reports/",
            "",
            " ## Summary",
            " - **Total Tickets:** 4",
        ] + (1...14).map { " - note \($0)" } + [
            " - #101 Sync lost notes after the update to 5.8.3 on Windows 11 when the laptop",
            " wakes",
            " - last",
            "",
            " Preview: Weekly report, 2025-04-14 to 2025-04-20                     line 3/23",
        ])
        (s, effects) = keys(s, .char("x"))
        XCTAssertEqual(effects, [.export(.weekly, day)])
        (s, _) = run(s, [.exported(["reports/week/2025-04-14/week_summary.md", "reports/week/2025-04-14/week_summary.json"])])
        XCTAssertEqual(s.message, "Exported to reports/week/2025-04-14/: week_summary.md, week_summary.json")
        // d: the daily report of the day; [ goes back a day, and a week when weekly.
        (s, effects) = keys(s, .char("d"), .char("["))
        XCTAssertEqual(effects, [.loadReport(.daily, day), .loadReport(.daily, CivilDate(year: 2025, month: 4, day: 14))])
        XCTAssertEqual(RootView.render(s).trimmedLines[3], " Building the report…")
        (s, effects) = keys(s, .char("w"), .char("["))
        XCTAssertEqual(effects, [.loadReport(.weekly, CivilDate(year: 2025, month: 4, day: 14)),
                                 .loadReport(.weekly, CivilDate(year: 2025, month: 4, day: 7))])
    }

    func testTabCyclesThroughEveryScreenAndUndoOnTheReportRebuildsIt() {
        var s = UITest.state(UITest.tickets(3), width: 80, height: 24)
        var seen: [Tab] = []
        for _ in 0..<6 {
            s = App.update(s, .key(.tab)).0
            seen.append(s.tab)
        }
        XCTAssertEqual(seen, [.triage, .clusters, .themes, .recommendations, .report, .tickets])
        s = App.update(s, .key(.backTab)).0
        XCTAssertEqual(s.tab, .report)
        var (t, _) = run(onRecommendations(), [.key(.char("d")), .key(.char("6"))])
        var effects: [Effect]
        (t, effects) = keys(t, .char("u"))
        XCTAssertEqual(effects, [.persist([.setRecommendation(period: week, generated()[0])]),
                                 .loadReport(.weekly, CivilDate(year: 2025, month: 4, day: 15))])
        XCTAssertEqual(t.tab, .report)
    }
}
