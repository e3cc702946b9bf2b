@testable import DocketModel
@testable import DocketStore
import Foundation
import XCTest

/// Two writers on one store, each editing from the state it loaded before
/// the other wrote: the interleavings that lost acknowledged edits (issue
/// 16), made deterministic with two `Store` instances on one directory.
final class ConcurrentEditTests: StoreDirTestCase {

    private func key(_ n: Int) -> TicketKey { TicketKey(source: "acme/help", number: n) }

    /// A store with four tickets and the theme "sync" (#1 carries it), and a
    /// second store opened on it: both hold the same state.
    private func twoWriters() throws -> (Store, Store) {
        let a = try Store.open(dir)
        try a.importBatch(try Fixtures.parse("[" + (1...4).map { Fixtures.issue($0) }.joined(separator: ",") + "]"))
        try a.addTheme(Theme(name: "sync", description: "Sync conflicts", color: .red))
        try a.tag(key(1), theme: "sync")
        return (a, try Store.open(dir))
    }

    func testADescriptionAndAColourChangedAtOnceAreBothKept() throws {
        let (a, b) = try twoWriters()
        try a.editTheme("sync", description: "Edits lost while syncing")
        try b.editTheme("sync", color: .cyan)  // b never saw a's description
        let want = Theme(name: "sync", description: "Edits lost while syncing", color: .cyan)
        XCTAssertEqual(b.theme(named: "sync"), want, "b's memory caught up")
        XCTAssertEqual(try Store.open(dir).theme(named: "sync"), want)
    }

    func testATagMadeUnderANameRenamedMeanwhileFollowsTheRename() throws {
        let (a, b) = try twoWriters()
        XCTAssertEqual(try a.renameTheme("sync", to: "syncing"), 1)
        XCTAssertFalse(try b.tag(key(3), theme: "sync"), "b knew the theme, so it defines nothing")
        let s = try Store.open(dir)
        XCTAssertEqual(s.annotation(key(3)).themes, ["syncing"])
        XCTAssertEqual(s.annotation(key(1)).themes, ["syncing"])
        XCTAssertEqual(s.themes.map(\.theme.name), ["syncing"], "no zombie theme under the old name")
        XCTAssertEqual(s.theme(named: "syncing")?.description, "Sync conflicts")
    }

    func testARenameTakesTheTicketsTaggedMeanwhile() throws {
        let (a, b) = try twoWriters()
        try a.tag(key(2), theme: "sync")
        try b.renameTheme("sync", to: "syncing")  // b saw only #1 carrying it
        let s = try Store.open(dir)
        XCTAssertEqual(s.annotation(key(1)).themes, ["syncing"])
        XCTAssertEqual(s.annotation(key(2)).themes, ["syncing"])
        XCTAssertEqual(s.themes.map(\.theme.name), ["syncing"])
    }

    func testARenameKeepsADescriptionChangedMeanwhile() throws {
        let (a, b) = try twoWriters()
        try a.editTheme("sync", description: "New words")
        try b.renameTheme("sync", to: "syncing")
        XCTAssertEqual(try Store.open(dir).theme(named: "syncing"),
                       Theme(name: "syncing", description: "New words", color: .red))
    }

    func testTitleAndTextOfOneRecommendationEditedAtOnceAreBothKept() throws {
        let week = Period(first: CivilDate(year: 2025, month: 4, day: 14), last: CivilDate(year: 2025, month: 4, day: 20))
        let (a, _) = try twoWriters()
        let generated = [Recommendation(id: "r-c1", title: "Fix sync", text: "12 tickets", clusterIDs: ["c1"])]
        try a.editRecommendation("r-c1", text: "12 tickets, 3 open", in: a.recommendations(for: week, generated: generated), for: week)
        let b = try Store.open(dir)
        try a.editRecommendation("r-c1", title: "Fix sync first", in: a.recommendations(for: week, generated: generated), for: week)
        try b.editRecommendation("r-c1", text: "12 tickets, 2 open", in: b.recommendations(for: week, generated: generated), for: week)
        let r = try Store.open(dir).recommendations(for: week, generated: generated)[0]
        XCTAssertEqual(r.title, "Fix sync first")
        XCTAssertEqual(r.text, "12 tickets, 2 open")
    }

    func testAnEditAfterAnotherProcessCompactedKeepsWhatItCompacted() throws {
        let (a, b) = try twoWriters()
        try a.setNoteForTest(key(2), "call them")
        try a.compact()
        try a.apply(.setTriage(key(3), .done))
        try b.apply(.setTriage(key(4), .done))
        XCTAssertEqual(b.annotation(key(2)).note, "call them", "b read the new snapshot")
        let s = try Store.open(dir)
        XCTAssertEqual(s.annotation(key(2)).note, "call them")
        XCTAssertEqual(s.annotation(key(3)).triage, .done)
        XCTAssertEqual(s.annotation(key(4)).triage, .done)
        XCTAssertEqual(s.annotation(key(1)).themes, ["sync"])
    }

    func testEditsOfOneWriterAloneAreWrittenAsMade() throws {
        let (a, _) = try twoWriters()
        try a.editTheme("sync", color: .cyan)
        let journal = String(decoding: FileManager.default.contents(atPath: dir + "/journal.jsonl") ?? Data(), as: UTF8.self)
        XCTAssertTrue(journal.split(separator: "\n").last?.contains("\"color\":\"cyan\"") == true, journal)
        XCTAssertEqual(try Store.open(dir).theme(named: "sync"), Theme(name: "sync", description: "Sync conflicts", color: .cyan))
    }
}

private extension Store {
    func setNoteForTest(_ key: TicketKey, _ text: String) throws { try apply(.setNote(key, text)) }
}
