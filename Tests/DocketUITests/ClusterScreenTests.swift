import DocketModel
import DocketReport
@testable import DocketUI
import XCTest

/// The Clusters screen, driven by keys through the pure update: every edit
/// is one saved, undoable step.
final class ClusterScreenTests: XCTestCase {
    static func key(_ n: Int) -> TicketKey { TicketKey(source: "acme/help", number: n) }

    /// Six tickets in three clusters: c101 (101-103, 104 related), c104 (104, 105), c106 (106).
    static func state(width: Int = 80, height: Int = 24) -> AppState {
        let k = key
        let snapshot = ClusterSnapshot(
            analyzedAt: UITest.date("2025-04-15T00:00:00Z"), analyzed: Set((101...106).map(k)), fullAnalysisSize: 6,
            clusters: [
                Cluster(id: "c101", title: "Login loops", summary: "Users are sent back to the login page after signing in.",
                        keywords: ["login", "loop", "redirect"], members: [k(101), k(102), k(103)], related: [k(104)],
                        facets: [FacetCount(field: "platform", value: "Windows", count: 2), FacetCount(field: "platform", value: "macOS", count: 1),
                                 FacetCount(field: "version", value: "4.2.1", count: 3)]),
                Cluster(id: "c104", title: "Export fails", summary: "Exports stop half way.", keywords: ["export"], members: [k(104), k(105)]),
                Cluster(id: "c106", title: "Crash on start", members: [k(106)]),
            ], model: ClusterSnapshot.Model())
        var tickets = UITest.tickets(6)
        // Issue forms: the period's facets are counted from them.
        for (i, os) in ["Windows", "Windows", "macOS"].enumerated() {
            tickets[i].body = "### Operating System\n\n\(os)\n\n### App Version\n\n4.2.1\n\n### Describe the bug\n\nIt loops."
        }
        return AppState(tickets: tickets, period: UITest.day, reference: UITest.date("2025-04-15T00:00:00Z"),
                        width: width, height: height, clusters: snapshot)
    }

    private func run(_ s: AppState, _ keys: [Key]) -> (AppState, [Effect]) { UITest.feed(s, keys.map { .key($0) }) }

    private func chars(_ s: String) -> [Key] { s.map { Key.char($0) } }

    func testTheListShowsTicketsOpenActivityAndMarks() {
        var (s, _) = run(Self.state(), [.char("3")])
        UITest.assertLines(RootView.render(s), UITest.screen([
            " Docket  1 Tickets  2 Triage  3 Clusters  4 Themes  5 Recs  6 Report     ?:help",
            "   Id      Title                                          Tickets  Open Activity",
            "   c101    Login loops                                          3     2    43.50",
            "   c104    Export fails                                         2     2    18.00",
            "   c106    Crash on start                                       1     0     7.50",
        ], status: " 3 clusters · 2025-04-14                               Enter:open r:rename  1/3"))
        // p pins the last one to the top; x hides it (H, shown only with a).
        (s, _) = run(s, [.end, .char("p")])
        XCTAssertEqual(s.listedClusters.map(\.cluster.id), ["c106", "c101", "c104"])
        XCTAssertEqual(s.clusterList.selected, 0)
        (s, _) = run(s, [.char("x")])
        XCTAssertEqual(s.listedClusters.map(\.cluster.id), ["c101", "c104"])
        XCTAssertEqual(RootView.render(s).trimmedLines[23], " Hid c106 · a: show hidden · u: undo" + String(repeating: " ", count: 19) + "Enter:open r:rename  1/2")
        (s, _) = run(s, [.char("a")])
        let lines = RootView.render(s).trimmedLines
        XCTAssertEqual(lines[2], "PH c106    Crash on start                                       1     0     7.50")
        XCTAssertEqual(s.curation.clusters.hidden, ["c106"])
        XCTAssertEqual(s.curation.clusters.pinned, ["c106"])
    }

    func testOpeningAClusterShowsSummaryKeywordsFacetsAndMembers() {
        let (s, _) = run(Self.state(), [.char("3"), .enter])
        XCTAssertEqual(s.screen, .cluster(id: "c101"))
        UITest.assertLines(RootView.render(s), UITest.screen([
            " Docket · Cluster c101                  Space:mark s:split m:move q:back ?:help",
            " c101 · Login loops",
            " 3 tickets in 2025-04-14 · 2 open · activity 43.50 · 1 related",
            " Summary: Users are sent back to the login page after signing in.",
            " Keywords: login, loop, redirect",
            " Platform: Windows 2, macOS 1 · Version: 4.2.1 3",
            "         # Title                                                         State",
            "[ ]    101 Ticket number 1                                               open",
            "[ ]    102 Ticket number 2                                               open",
            "[ ]    103 Ticket number 3                                               closed",
            " ~     104 Ticket number 4                                               open",
        ], status: " c101 · 2025-04-14                                                          1/4"))
    }

    func testEnterOnAMemberOpensTheTicketAndBackReturnsToTheCluster() {
        var (s, _) = run(Self.state(), [.char("3"), .enter, .down, .enter])
        guard case let .ticket(i, _) = s.screen else { return XCTFail("not on the ticket screen") }
        XCTAssertEqual(s.tickets[i].number, 102)
        (s, _) = run(s, [.escape])
        XCTAssertEqual(s.screen, .cluster(id: "c101"))
        XCTAssertEqual(s.clusterMembersCursor.selected, 1)
        (s, _) = run(s, [.char("q")])
        XCTAssertEqual(s.screen, .list)
        XCTAssertEqual(s.tab, .clusters)
    }

    func testRenameAndSummaryAreInlineEditsThatUndo() {
        var (s, effects) = run(Self.state(), [.char("3"), .char("r")])
        XCTAssertEqual(RootView.render(s).trimmedLines.last, " Rename c101: Login loops")
        (s, effects) = run(s, [.ctrl("w")] + chars("after update") + [.enter])
        XCTAssertEqual(effects, [.persist([.cluster(.rename("c101", "Login after update"))])])
        XCTAssertEqual(s.listedClusters[0].cluster.title, "Login after update")
        XCTAssertEqual(s.message, "Renamed c101: Login after update · u: undo")
        (s, effects) = run(s, [.char("u")])
        XCTAssertEqual(effects, [.persist([.cluster(.rename("c101", nil))])])
        XCTAssertEqual(s.listedClusters[0].cluster.title, "Login loops")
        // Esc leaves everything as it was.
        (s, effects) = run(s, [.enter, .char("e"), .ctrl("u")] + chars("Loops after SSO.") + [.escape])
        XCTAssertEqual(effects, [])
        XCTAssertNil(s.modal)
        (s, effects) = run(s, [.char("e"), .ctrl("u")] + chars("Loops after SSO.") + [.enter])
        XCTAssertEqual(effects, [.persist([.cluster(.summarize("c101", "Loops after SSO."))])])
        XCTAssertTrue(RootView.render(s).trimmedLines[3].hasPrefix(" Summary: Loops after SSO."))
    }

    /// Issue 15: undo must not throw away a change it did not make. The
    /// browser renames, another process renames again (the reload shows
    /// it), and `u` then says why it does not undo instead of bringing back
    /// the title from before both.
    func testUndoRefusesWhenAnotherProcessChangedTheValueSince() {
        var (s, effects) = run(Self.state(), [.char("3"), .char("r"), .ctrl("u")] + chars("Mine") + [.enter])
        XCTAssertEqual(effects, [.persist([.cluster(.rename("c101", "Mine"))])])
        var theirs = s.curation, annotations = s.annotations
        EditHistory.apply(.cluster(.rename("c101", "Theirs")), annotations: &annotations, curation: &theirs)
        s.replaceData(tickets: s.tickets, annotations: annotations, curation: theirs, clusters: nil)
        (s, effects) = run(s, [.char("u")])
        XCTAssertEqual(effects, [], "nothing written")
        XCTAssertEqual(s.listedClusters[0].cluster.title, "Theirs")
        XCTAssertEqual(s.message, "Cannot undo rename c101: changed since, elsewhere (undoing would lose that change)")
        // Once the value is back to what the edit wrote, the older steps still undo.
        (s, effects) = run(s, [.char("r"), .ctrl("u")] + chars("Again") + [.enter, .char("u")])
        XCTAssertEqual(effects.last, .persist([.cluster(.rename("c101", "Theirs"))]))
        XCTAssertEqual(s.listedClusters[0].cluster.title, "Theirs")
    }

    /// Issue 15: `m` in a cluster moves the marked tickets, as `s` splits
    /// them, and the selected one only when none is marked; one undo step.
    func testMovingMovesTheMarkedTickets() {
        var (s, effects) = run(Self.state(), [.char("3"), .enter, .down, .char(" "), .char(" "), .char("m")])
        guard case let .picker(p)? = s.modal else { return XCTFail("no picker") }
        XCTAssertEqual(p.title, "Move 2 marked tickets to")
        (s, effects) = run(s, chars("crash") + [.enter])
        XCTAssertEqual(effects, [.persist([.cluster(.assign(Self.key(102), "c106")), .cluster(.assign(Self.key(103), "c106"))])])
        XCTAssertEqual(s.clusterMembers.map(\.key.number), [101, 104])
        XCTAssertEqual(s.message, "Moved 2 tickets to c106 · u: undo")
        XCTAssertTrue(s.clusterMarked.isEmpty)
        (s, _) = run(s, [.char("u")])
        XCTAssertEqual(s.clusterMembers.map(\.key.number), [101, 102, 103, 104])
    }

    func testMovingATicketUsesAFilteredPicker() {
        var (s, effects) = run(Self.state(), [.char("3"), .enter, .down, .char("m")])
        guard case let .picker(p)? = s.modal else { return XCTFail("no picker") }
        XCTAssertEqual(p.visible.map(\.id), ["c104", "c106"])
        (s, _) = run(s, chars("crash"))
        let box = RootView.render(s).trimmedLines
        XCTAssertTrue(box.contains { $0.contains("│ > crash") }, box.joined(separator: "\n"))
        XCTAssertTrue(box.contains { $0.contains("│ c106  Crash on start (1)") }, box.joined(separator: "\n"))
        (s, effects) = run(s, [.enter])
        XCTAssertEqual(effects, [.persist([.cluster(.assign(Self.key(102), "c106"))])])
        XCTAssertEqual(s.clusterMembers.map(\.key.number), [101, 103, 104])
        XCTAssertEqual(s.curatedClusters.first { $0.id == "c106" }?.members.map(\.number), [106, 102])
        (s, effects) = run(s, [.char("u")])
        XCTAssertEqual(effects, [.persist([.cluster(.assign(Self.key(102), nil))])])
        XCTAssertEqual(s.clusterMembers.map(\.key.number), [101, 102, 103, 104])
    }

    func testMergeIntoAnotherClusterOpensIt() {
        var (s, effects) = run(Self.state(), [.char("3"), .down, .char("M"), .down, .enter])
        // From c104, the second choice is c106.
        XCTAssertEqual(effects, [.persist([.cluster(.merge("c104", into: "c106"))])])
        XCTAssertEqual(s.listedClusters.map(\.cluster.id), ["c101", "c106"])
        XCTAssertEqual(s.listedClusters[1].cluster.members.count, 3)
        (s, effects) = run(s, [.char("u")])
        XCTAssertEqual(effects, [.persist([.cluster(.merge("c104", into: nil))])])
        XCTAssertEqual(s.listedClusters.count, 3)
        // From the open cluster, the merged-into one opens.
        (s, _) = run(s, [.home, .enter, .char("M")] + chars("c106") + [.enter])
        XCTAssertEqual(s.screen, .cluster(id: "c106"))
        XCTAssertEqual(s.clusterMembers.map(\.key.number), [106, 101, 102, 103, 104])
    }

    func testSplitMakesANewClusterOfTheMarkedTickets() {
        var (s, effects) = run(Self.state(), [.char("3"), .enter, .char("s")])
        XCTAssertEqual(effects, [])
        XCTAssertEqual(s.message, "Mark tickets with Space first; s moves them into a new cluster")
        (s, _) = run(s, [.down, .char(" "), .char(" ")])
        XCTAssertEqual(s.clusterMarked, [Self.key(102), Self.key(103)])
        XCTAssertTrue(RootView.render(s).trimmedLines[8].hasPrefix("[*]    102"), RootView.render(s).trimmedLines.joined(separator: "\n"))
        // A related ticket belongs elsewhere: it cannot be marked.
        (s, _) = run(s, [.char(" ")])
        XCTAssertEqual(s.clusterMarked.count, 2)
        (s, effects) = run(s, [.char("s")])
        XCTAssertEqual(effects, [.persist([.cluster(.split(from: "c101", newID: "c102", title: "Ticket number 2",
                                                             tickets: [Self.key(102), Self.key(103)]))])])
        XCTAssertEqual(s.clusterMembers.map(\.key.number), [101, 104])
        XCTAssertEqual(s.listedClusters.first { $0.cluster.id == "c102" }?.cluster.members.count, 2)
        (s, _) = run(s, [.char("u")])
        XCTAssertEqual(s.clusterMembers.map(\.key.number), [101, 102, 103, 104])
        XCTAssertNil(s.listedClusters.first { $0.cluster.id == "c102" })
        // Marking every ticket of the cluster is refused.
        (s, effects) = run(s, [.home, .char(" "), .char(" "), .char(" "), .char("s")])
        XCTAssertEqual(effects, [])
        XCTAssertEqual(s.message, "That is every ticket of c101; leave at least one behind")
    }

    func testWithoutAnAnalysisTheScreenSaysWhatToRun() {
        let s = UITest.press(UITest.state(UITest.tickets(2), width: 80, height: 24), .char("3"))
        XCTAssertEqual(RootView.render(s).trimmedLines[3], " No clusters yet: run `docket analyze`, then open Docket again.")
        XCTAssertEqual(UITest.press(s, .enter, .char("r")).modal, nil)
    }

    func testTheListIsNotRecomputedByAKeyThatChangesNoEdit() {
        let (s, _) = run(Self.state(), [.char("3")])
        let before = s.cache.clusterKey
        let (t, _) = run(s, [.down, .up, .char("?"), .escape])
        XCTAssertEqual(t.cache.clusterKey, before)
        XCTAssertNotNil(before)
    }

    func testTheTicketScreenNamesItsClusterAndRelatedOnes() {
        var s = Self.state(width: 100, height: 30)
        s.refreshDerived()
        // #104 is a member of c104 and related to c101.
        guard let i = s.tickets.firstIndex(where: { $0.number == 104 }) else { return XCTFail("no #104") }
        s.screen = .ticket(index: i, scroll: 0)
        let lines = RootView.render(s).trimmedLines
        XCTAssertTrue(lines.contains(" Cluster: c104 Export fails · related to c101"), lines.joined(separator: "\n"))
        guard let j = s.tickets.firstIndex(where: { $0.number == 101 }) else { return XCTFail("no #101") }
        s.screen = .ticket(index: j, scroll: 0)
        XCTAssertTrue(RootView.render(s).trimmedLines.contains(" Cluster: c101 Login loops"))
    }

    func testAClickOnAMemberOfAnOpenClusterSelectsIt() {
        var s = Self.state(width: 80, height: 24)
        s.refreshDerived()
        s = UITest.press(s, .char("3"), .enter)
        guard case .cluster = s.screen else { return XCTFail("no cluster open") }
        let lines = RootView.render(s).trimmedLines
        guard let y = lines.firstIndex(where: { $0.contains("   103 ") }) else { return XCTFail(lines.joined(separator: "\n")) }
        s = App.update(s, .mouse(MouseEvent(kind: .press, x: 10, y: y))).0
        XCTAssertEqual(s.clusterMembers[s.clusterMembersCursor.selected].key.number, 103)
        s = App.update(s, .mouse(MouseEvent(kind: .press, x: 10, y: 0))).0  // the title bar: nothing
        XCTAssertEqual(s.clusterMembers[s.clusterMembersCursor.selected].key.number, 103)
    }
}
