@testable import DocketModel
@testable import DocketStore
import Foundation
import XCTest

/// Themes and recommendation edits in the store: durable, replayable, and
/// safe to replay twice (compaction relies on it).
final class CurationStoreTests: StoreDirTestCase {

    private func key(_ n: Int) -> TicketKey { TicketKey(source: "acme/help", number: n) }

    private func storeWithTickets(_ numbers: ClosedRange<Int> = 1...4) throws -> Store {
        let s = try Store.open(dir)
        try s.importBatch(try Fixtures.parse("[" + numbers.map { Fixtures.issue($0) }.joined(separator: ",") + "]"))
        return s
    }

    private let week = Period(first: CivilDate(year: 2025, month: 4, day: 14), last: CivilDate(year: 2025, month: 4, day: 20))

    func testThemesPersistThroughJournalAndCompaction() throws {
        let s = try storeWithTickets()
        try s.addTheme(Theme(name: "sync", description: "Sync conflicts", color: .red))
        XCTAssertTrue(try s.tag(key(1), theme: "login"), "an unknown theme is created by tagging")
        XCTAssertFalse(try s.tag(key(2), theme: "sync"))
        try s.editTheme("login", color: .cyan)
        let expected = [
            ThemeUsage(theme: Theme(name: "login", color: .cyan), tickets: 1, isDefined: true),
            ThemeUsage(theme: Theme(name: "sync", description: "Sync conflicts", color: .red), tickets: 1, isDefined: true),
        ]
        XCTAssertEqual(s.themes, expected)
        XCTAssertEqual(try Store.open(dir).themes, expected, "replayed from the journal")
        try s.compact()
        XCTAssertEqual(try Store.open(dir).themes, expected, "read from the snapshot")
        let snapshot = String(decoding: FileManager.default.contents(atPath: dir + "/annotations.json") ?? Data(), as: UTF8.self)
        XCTAssertTrue(snapshot.contains("\"themes\":["), snapshot)
        XCTAssertTrue(snapshot.hasPrefix("{\"schema\":1,"), "the schema number is unchanged")
    }

    func testOldSnapshotWithoutSectionsLoadsAndUsedNamesAreListed() throws {
        let old = "{\"schema\":1,\"kind\":\"docket-annotations\",\"tickets\":[\n{\"ticket\":\"acme/help#1\",\"themes\":[\"legacy\"],\"triage\":\"done\",\"note\":\"\"}\n]}\n"
        try Platform.makePrivateDirectory(dir)
        try Platform.writeAtomically(Array(old.utf8), to: dir + "/annotations.json")
        let s = try Store.open(dir)
        XCTAssertEqual(s.themes, [ThemeUsage(theme: Theme(name: "legacy"), tickets: 1, isDefined: false)])
        XCTAssertEqual(s.curation, Curation())
        // Compacting a store without curation writes the old layout.
        try s.compact()
        XCTAssertEqual(String(decoding: FileManager.default.contents(atPath: dir + "/annotations.json") ?? Data(), as: UTF8.self), old)
    }

    func testRenameMovesTicketsAndKeepsDescriptionAndColour() throws {
        let s = try storeWithTickets()
        try s.addTheme(Theme(name: "sync", description: "d", color: .green))
        try s.tag(key(1), theme: "sync")
        try s.tag(key(2), theme: "sync")
        try s.tag(key(2), theme: "crash")
        XCTAssertEqual(try s.renameTheme("sync", to: "syncing"), 2)
        XCTAssertEqual(s.annotation(key(1)).themes, ["syncing"])
        XCTAssertEqual(s.annotation(key(2)).themes, ["crash", "syncing"])
        XCTAssertEqual(s.theme(named: "syncing"), Theme(name: "syncing", description: "d", color: .green))
        XCTAssertNil(s.theme(named: "sync"))
        XCTAssertThrowsError(try s.renameTheme("syncing", to: "crash")) { XCTAssertEqual($0 as? CurationError, .themeExists("crash")) }
        XCTAssertThrowsError(try s.renameTheme("nope", to: "x")) { XCTAssertEqual($0 as? CurationError, .unknownTheme("nope")) }
        XCTAssertEqual(try Store.open(dir).annotations, s.annotations)
    }

    func testDeleteInUseNeedsForceAndRemovesFromTickets() throws {
        let s = try storeWithTickets()
        try s.tag(key(1), theme: "sync")
        try s.addTheme(Theme(name: "unused"))
        XCTAssertThrowsError(try s.deleteTheme("sync")) { XCTAssertEqual($0 as? CurationError, .themeInUse("sync", tickets: 1)) }
        XCTAssertEqual(try s.deleteTheme("unused"), 0)
        XCTAssertEqual(try s.deleteTheme("sync", force: true), 1)
        XCTAssertEqual(s.annotation(key(1)).themes, [])
        XCTAssertEqual(s.themes, [])
        XCTAssertEqual(try Store.open(dir).themes, [])
    }

    /// The crash case of compaction: the snapshot already holds the journal
    /// and the journal is replayed over it. Each sequence mixes a rename or
    /// delete with later tags of the old name, where a "rename whatever
    /// carries it now" edit would give a different state the second time.
    func testReplayingTheJournalOverItsOwnResultChangesNothing() throws {
        let t = Theme(name: "B", description: "moved", color: .blue)
        let sequences: [[Edit]] = [
            [.tag(key(2), theme: "A"), .renameTheme(from: "A", to: t, tickets: [key(2)]), .tag(key(1), theme: "A")],
            [.defineTheme(Theme(name: "A")), .tag(key(1), theme: "A"), .deleteTheme("A"), .tag(key(3), theme: "A")],
            [.renameTheme(from: "A", to: t, tickets: [key(1)]), .defineTheme(Theme(name: "A", color: .red)), .untag(key(1), theme: "B")],
            [.setRecommendation(period: "p", Recommendation(id: "a-1", title: "T", text: "x", origin: .added)),
             .removeRecommendation(period: "p", id: "a-1"), .orderRecommendations(period: "p", ids: ["r-c1", "a-1"]),
             .setRecommendation(period: "p", Recommendation(id: "r-c1", title: "T2", text: "y", origin: .edited))],
        ]
        for edits in sequences {
            var ann: [TicketKey: TicketAnnotation] = [key(2): TicketAnnotation(themes: ["A"])]
            var cur = Curation()
            for e in edits { Store.apply(e, to: &ann, &cur) }
            let once = (ann, cur)
            for e in edits { Store.apply(e, to: &ann, &cur) }
            XCTAssertEqual(ann, once.0, "\(edits)")
            XCTAssertEqual(cur, once.1, "\(edits)")
        }
    }

    func testEveryCurationEditSurvivesTheJournalCodec() throws {
        let edits: [Edit] = [
            .defineTheme(Theme(name: "sync \"quoted\"", description: "多 line\nnote", color: .magenta)),
            .deleteTheme("old"),
            .renameTheme(from: "a", to: Theme(name: "b", description: "", color: .yellow), tickets: [key(1), TicketKey(source: "x/y", number: 9)]),
            .setRecommendation(period: "2025-04-14..2025-04-20", Recommendation(id: "r-c1", title: "Fix", text: "Do it", clusterIDs: ["c1"], tickets: [key(3)], origin: .edited)),
            .removeRecommendation(period: "all", id: "r-c2"),
            .orderRecommendations(period: "all", ids: ["a-1", "r-c1"]),
        ]
        var bytes: [UInt8] = []
        for e in edits { bytes += AnnotationCodec.encodeEdit(e, at: Date(timeIntervalSince1970: 0)) }
        XCTAssertEqual(try AnnotationCodec.decodeJournal(Data(bytes), path: "j"), edits)
    }

    func testRecommendationEditsArePerPeriodAndDurable() throws {
        let s = try storeWithTickets()
        let generated = [
            Recommendation(id: "r-c1", title: "Fix sync", text: "12 tickets", clusterIDs: ["c1"]),
            Recommendation(id: "r-c2", title: "FAQ for login", text: "5 tickets", clusterIDs: ["c2"]),
            Recommendation(id: "r-c3", title: "Answer crashes", text: "3 tickets", clusterIDs: ["c3"]),
        ]
        var shown = s.recommendations(for: week, generated: generated)
        XCTAssertEqual(shown, generated)
        try s.editRecommendation("r-c2", text: "Write the FAQ entry from #4's answer", in: shown, for: week)
        let added = try s.addRecommendation(title: "Call Acme", text: "They reported 3 of these", for: week)
        XCTAssertEqual(added.id, "a-1")
        shown = s.recommendations(for: week, generated: generated)
        shown = try s.moveRecommendation("a-1", to: 0, in: shown, for: week)
        try s.removeRecommendation("r-c1", for: week)
        let expectedIDs = ["a-1", "r-c2", "r-c3"]
        XCTAssertEqual(s.recommendations(for: week, generated: generated).map(\.id), expectedIDs)
        let reopened = try Store.open(dir)
        let merged = reopened.recommendations(for: week, generated: generated)
        XCTAssertEqual(merged.map(\.id), expectedIDs)
        XCTAssertEqual(merged[1].text, "Write the FAQ entry from #4's answer")
        XCTAssertEqual(merged[1].origin, .edited)
        XCTAssertEqual(merged[0].origin, .added)
        XCTAssertEqual(reopened.recommendations(for: week.previous, generated: generated), generated, "other periods are untouched")
        try reopened.compact()
        XCTAssertEqual(try Store.open(dir).recommendations(for: week, generated: generated), merged)
        XCTAssertEqual(try Store.open(dir).curation, s.curation)
        XCTAssertThrowsError(try s.editRecommendation("r-c9", title: "x", in: merged, for: week)) {
            XCTAssertEqual($0 as? CurationError, .unknownRecommendation("r-c9"))
        }
        XCTAssertThrowsError(try s.addRecommendation(title: " ", text: "x", for: week)) {
            XCTAssertEqual($0 as? CurationError, .emptyRecommendation)
        }
    }
}
