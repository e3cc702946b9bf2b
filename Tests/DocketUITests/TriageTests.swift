import DocketModel
import DocketReport
@testable import DocketUI
import XCTest

/// The triage inbox and undo/redo, driven by keys through the pure update.
final class TriageTests: XCTestCase {
    private func run(_ s: AppState, _ keys: Key...) -> (AppState, [Effect]) { UITest.feed(s, keys.map { .key($0) }) }

    func testMarkingDoneMovesToTheNextUntriagedAndIsSaved() {
        let s0 = UITest.state(UITest.tickets(4), width: 80, height: 24)
        let key = { (s: AppState, row: Int) in s.tickets[s.rows[row].index].key }
        var (s, effects) = run(s0, .char("2"), .char("d"))
        XCTAssertEqual(s.tab, .triage)
        XCTAssertEqual(effects, [.persist([.setTriage(key(s, 0), .done)])])
        XCTAssertEqual(s.annotations[key(s, 0)]?.triage, .done)
        XCTAssertEqual(s.triage.selected, 1)
        XCTAssertEqual(s.untriagedCount, 3)
        (s, effects) = run(s, .char("d"), .char("d"))
        XCTAssertEqual(s.untriagedCount, 1)
        XCTAssertEqual(s.triage.selected, 3)
        UITest.assertLines(RootView.render(s), UITest.screen([
            " Docket  1 Tickets  2 Triage  3 Clusters  4 Themes  5 Recs  6 Report     ?:help",
            "         # Title                                             State  Activity",
            "[x]    101 Ticket number 1                                   open      11.62",
            "[x]    102 Ticket number 2                                   open       9.62",
            "[x]    103 Ticket number 3                                   closed     9.12",
            "[ ]    104 Ticket number 4                                   open       5.62",
        ], status: " Marked #103 done · u: undo                           d:done n:next u:undo  4/4"))
        // n wraps to the only untriaged one; d there leaves none, and n says so.
        (s, _) = run(s, .home, .char("n"))
        XCTAssertEqual(s.triage.selected, 3)
        (s, _) = run(s, .char("d"), .char("n"))
        XCTAssertEqual(s.message, "Every ticket of 2025-04-14 is triaged")
    }

    func testUndoAndRedoAreEditsToo() {
        let s0 = UITest.state(UITest.tickets(3), width: 80, height: 24)
        var (s, _) = run(s0, .char("2"), .char("d"))
        let k = s.tickets[s.rows[0].index].key
        var effects: [Effect]
        (s, effects) = run(s, .char("u"))
        XCTAssertEqual(effects, [.persist([.setTriage(k, .untriaged)])])
        XCTAssertEqual(s.annotations[k]?.triage ?? .untriaged, .untriaged)
        XCTAssertEqual(s.message, "Undid: #101 done · U: redo")
        (s, effects) = run(s, .char("U"))
        XCTAssertEqual(effects, [.persist([.setTriage(k, .done)])])
        XCTAssertEqual(s.annotations[k]?.triage, .done)
        (s, effects) = run(s, .char("U"))
        XCTAssertEqual(effects, [])
        XCTAssertEqual(s.message, "Nothing to redo")
        // A new edit clears what could be redone.
        (s, _) = run(s, .char("u"), .char("d"))
        XCTAssertTrue(s.redoStack.isEmpty)
    }

    func testTabKeysAndOpeningFromTheInbox() {
        var (s, _) = run(UITest.state(UITest.tickets(3), width: 80, height: 24), .tab)
        XCTAssertEqual(s.tab, .triage)
        (s, _) = run(s, .tab)
        XCTAssertEqual(s.tab, .clusters)
        (s, _) = run(s, .tab, .tab, .tab, .tab)
        XCTAssertEqual(s.tab, .tickets)
        (s, _) = run(s, .backTab)
        XCTAssertEqual(s.tab, .report)
        (s, _) = run(s, .backTab, .backTab, .backTab, .backTab, .down, .enter)
        XCTAssertEqual(s.tab, .triage)
        guard case let .ticket(i, _) = s.screen else { return XCTFail("not on the ticket screen") }
        XCTAssertEqual(s.tickets[i].number, 102)
        var effects: [Effect]
        (s, effects) = run(s, .char("d"))
        XCTAssertEqual(effects, [.persist([.setTriage(s.tickets[i].key, .done)])])
        XCTAssertTrue(RootView.render(s).trimmedLines.last?.contains("Marked #102 done") ?? false)
        (s, _) = run(s, .escape)
        XCTAssertEqual(s.screen, .list)
        XCTAssertEqual(s.tab, .triage)
    }
}

/// Esc is back or cancel, never quit; keys do nothing unseen.
final class QuitAndSizeTests: XCTestCase {
    private func run(_ s: AppState, _ keys: Key...) -> (AppState, [Effect]) { UITest.feed(s, keys.map { .key($0) }) }

    func testEscNeverQuitsFromAnyScreen() {
        let s0 = UITest.state(UITest.tickets(4), width: 80, height: 24)
        for tab in ["1", "2", "3", "4", "5", "6"] {
            let (s, effects) = run(s0, .char(Character(tab)), .escape, .escape)
            XCTAssertFalse(s.quitting, "tab \(tab)")
            XCTAssertFalse(effects.contains(.quit), "tab \(tab)")
        }
        let (s, _) = run(s0, .escape)
        XCTAssertEqual(s.message, "Nothing to go back to · q quits")
        let (q, effects) = run(s0, .char("2"), .char("q"))
        XCTAssertTrue(q.quitting)
        XCTAssertEqual(effects, [.quit])
    }

    /// `d` marks done and never undoes a mark: a quick sweep over done
    /// tickets leaves them done; `D` marks not done.
    func testDMarksDoneAndShiftDMarksNotDone() {
        let s0 = UITest.state(UITest.tickets(3), width: 80, height: 24)
        let key = { (s: AppState, row: Int) in s.tickets[s.rows[row].index].key }
        var (s, effects) = run(s0, .char("2"), .char("d"), .char("g"), .char("d"))
        XCTAssertEqual(s.annotations[key(s, 0)]?.triage, .done, "d on a done ticket keeps it done")
        XCTAssertEqual(effects.count, 1, "only the first d saved anything")
        XCTAssertTrue(s.message?.contains("is already done") ?? false, s.message ?? "")
        (s, effects) = run(s, .char("g"), .char("D"))
        XCTAssertEqual(s.annotations[key(s, 0)]?.triage, .untriaged)
        XCTAssertEqual(effects, [.persist([.setTriage(key(s, 0), .untriaged)])])
        (s, effects) = run(s, .char("D"))
        XCTAssertEqual(effects, [], "D on an untriaged ticket changes nothing")
    }

    func testWhileTheTerminalIsTooSmallOnlyQuittingActs() {
        let s0 = UITest.state(UITest.tickets(4), width: 70, height: 20)
        let (s, effects) = run(s0, .char("2"), .char("d"), .char("j"), .enter)
        XCTAssertEqual(effects, [], "nothing is saved behind the message")
        XCTAssertEqual(s.tab, .tickets)
        XCTAssertEqual(s.untriagedCount, 4)
        XCTAssertEqual(s.screen, .list)
        XCTAssertTrue(RootView.render(s).trimmedLines.contains { $0.contains("need 80x24") })
        // A resize brings the screen back as it was; q quits even while too small.
        let (big, _) = UITest.feed(s, [.resize(width: 80, height: 24)])
        XCTAssertEqual(big.width, 80)
        XCTAssertEqual(run(s0, .char("q")).1, [.quit])
    }
}

final class ReloadTests: XCTestCase {
    func testReloadKeepsTheSelectedAndOpenTicketsByKey() {
        var s = UITest.state(UITest.tickets(4), width: 80, height: 24)
        s = UITest.press(s, .down, .down)  // #103
        let selectedKey = s.tickets[s.rows[s.selected].index].key
        s = UITest.press(s, .enter)
        // Another process imported a new, very active ticket and tagged #103.
        var tickets = s.tickets
        var busy = UITest.tickets(1)[0]
        busy.number = 999
        busy.comments = (0..<20).map { Comment(author: "x\($0)", createdAt: UITest.date("2025-04-14T10:00:00Z"), body: "me too") }
        tickets.insert(busy, at: 0)
        var ann = s.annotations
        ann[selectedKey] = TicketAnnotation(themes: ["sync"])
        s = App.update(s, .loaded(StoreData(tickets: tickets, annotations: ann,
                                            message: "The store changed on disk: reloaded"))).0
        XCTAssertEqual(s.message, "The store changed on disk: reloaded")
        guard case let .ticket(i, _) = s.screen else { return XCTFail("the open ticket was closed") }
        XCTAssertEqual(s.tickets[i].key, selectedKey)
        XCTAssertTrue(RootView.render(s).trimmedLines.contains { $0.contains("Themes: sync") })
        s = UITest.press(s, .escape)
        XCTAssertEqual(s.tickets[s.rows[s.selected].index].key, selectedKey)  // moved down a row, still selected
        XCTAssertEqual(s.tickets[s.rows[0].index].number, 999)
    }

    func testReloadUnderAFilterAndSortKeepsTheSelectedTicketAndMatchesTheNewTickets() {
        var s = UITest.state(UITest.tickets(6))
        s = UITest.press(s, .char("s"), .char("s"), .char("s"))  // by number: 106 … 101
        s = UITest.press(s, .char("/"))
        s = "bug".reduce(s) { App.update($0, .key(.char($1))).0 }  // 106, 104, 102
        s = UITest.press(s, .enter, .down)
        let number = { (s: AppState) in s.rows[s.shown[s.selected]].number }
        XCTAssertEqual(s.shown.map { s.rows[$0].number }, [106, 104, 102])
        XCTAssertEqual(number(s), 104)
        // Another process imported two tickets; one is a bug, put first in the store.
        var tickets = s.tickets
        var newBug = UITest.tickets(1)[0]
        newBug.number = 998
        newBug.title = "Crash on save"
        newBug.labels = ["bug"]
        var other = newBug
        other.number = 999
        other.labels = []
        tickets.insert(contentsOf: [newBug, other], at: 0)
        s.replaceData(tickets: tickets, annotations: s.annotations, curation: s.curation, clusters: nil)
        XCTAssertEqual(s.query, "bug")
        XCTAssertEqual(s.shown.map { s.rows[$0].number }, [998, 106, 104, 102])
        XCTAssertEqual(number(s), 104, "the selected ticket is found again by key in the filtered list")
        XCTAssertEqual(s.ticket(TicketKey(source: "acme/help", number: 104))?.number, 104)
        s = UITest.press(s, .enter)
        guard case let .ticket(i, _) = s.screen else { return XCTFail("not on the ticket screen") }
        XCTAssertEqual(s.tickets[i].number, 104)
    }
}
