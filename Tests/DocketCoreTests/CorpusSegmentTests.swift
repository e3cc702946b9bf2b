@testable import DocketModel
@testable import DocketStore
import Foundation
import XCTest

/// An import writes what it changed as a segment; loading lays segments over
/// the base; segments fold together and into the base by the rules in
/// `Store.importBatch`. Every test checks the store read back from disk
/// against the same merges done in memory.
final class CorpusSegmentTests: StoreDirTestCase {

    private func files() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasPrefix("corpus") }.sorted()
    }

    private func bytes(_ name: String) -> Data? { FileManager.default.contents(atPath: dir + "/" + name) }

    private let body = String(repeating: "The sync stops at 99% and the log says nothing useful. ", count: 20)

    /// A base big enough that small imports stay segments: `count` tickets with long bodies.
    private func seed(_ s: Store, count: Int = 200) throws {
        try s.importBatch(try Fixtures.parse("[" + (1...count).map { Fixtures.issue($0, body: body) }.joined(separator: ",") + "]"))
    }

    private func issue(_ n: Int, title: String, updated: String) throws -> ImportBatch {
        try Fixtures.parse("[\(Fixtures.issue(n, title: title, updated: updated))]")
    }

    private func assertReadsBack(_ s: Store, file: StaticString = #filePath, line: UInt = #line) throws {
        for lazy in [false, true] {
            let again = try Store.open(dir, lazyText: lazy)
            XCTAssertEqual(again.tickets, s.tickets, "lazy: \(lazy)", file: file, line: line)
            XCTAssertEqual(again.tickets.map(\.key), s.tickets.map(\.key).sorted(), file: file, line: line)
        }
    }

    func testASmallImportWritesOnlyASegmentAndTheStoreReadsBackTheSame() throws {
        let s = try Store.open(dir)
        try seed(s)
        let base = bytes("corpus.json")
        XCTAssertEqual(files(), ["corpus.json"])

        let r = try s.importBatch(try Fixtures.parse("[\(Fixtures.issue(7, title: "Renamed", updated: "2025-04-15T10:00:00Z")),\(Fixtures.issue(500, title: "New one"))]"))
        XCTAssertEqual(r.added, 1)
        XCTAssertEqual(r.updated, 1)
        XCTAssertEqual(files(), ["corpus-000001.json", "corpus.json"])
        XCTAssertEqual(bytes("corpus.json"), base, "the base is not rewritten")
        let segment = try XCTUnwrap(bytes("corpus-000001.json"))
        XCTAssertLessThan(segment.count, 3_000, "the segment holds the two changed tickets only")
        XCTAssertEqual(s.ticket(TicketKey(source: "acme/help", number: 7))?.title, "Renamed")
        try assertReadsBack(s)
        XCTAssertEqual(try Store.open(dir).ticket(TicketKey(source: "acme/help", number: 7))?.title, "Renamed")
    }

    func testReimportingWhatTheStoreHoldsWritesNothing() throws {
        let s = try Store.open(dir)
        try seed(s)
        try s.importBatch(try issue(3, title: "Changed", updated: "2025-04-16T10:00:00Z"))
        let before = files().map { bytes($0) }
        let r = try s.importBatch(try issue(3, title: "Changed", updated: "2025-04-16T10:00:00Z"))
        XCTAssertEqual(r.unchanged, 1)
        XCTAssertEqual(files().count, 2)
        XCTAssertEqual(files().map { bytes($0) }, before)
    }

    func testManySmallImportsFoldIntoOneSegmentAndTheLastCopyOfATicketWins() throws {
        let s = try Store.open(dir)
        try seed(s)
        // The same ticket changed by every import, and one new ticket each time.
        for i in 1...(Store.maxSegments + 3) {
            let updated = String(format: "2025-05-%02dT10:00:00Z", i)
            try s.importBatch(try Fixtures.parse("[\(Fixtures.issue(1, title: "Version \(i)", updated: updated)),\(Fixtures.issue(1000 + i, updated: updated))]"))
            let segments = files().filter { $0 != "corpus.json" }
            XCTAssertLessThanOrEqual(segments.count, Store.maxSegments, "after import \(i)")
        }
        // The fold happened once: import maxSegments + 1 wrote one segment
        // holding all before it; two more followed.
        XCTAssertEqual(files().filter { $0 != "corpus.json" }, ["corpus-000017.json", "corpus-000018.json", "corpus-000019.json"])
        XCTAssertEqual(s.ticket(TicketKey(source: "acme/help", number: 1))?.title, "Version \(Store.maxSegments + 3)")
        XCTAssertEqual(s.tickets.count, 200 + Store.maxSegments + 3)
        try assertReadsBack(s)
    }

    func testSegmentsPassingAQuarterOfTheBaseAreFoldedIntoTheBase() throws {
        let s = try Store.open(dir)
        try seed(s, count: 40)
        // A batch that changes half of the tickets is more than a quarter of the corpus.
        let big = try Fixtures.parse("[" + (1...20).map { Fixtures.issue($0, title: "Changed", updated: "2025-06-01T10:00:00Z", body: body) }.joined(separator: ",") + "]")
        try s.importBatch(try issue(1, title: "First", updated: "2025-05-01T10:00:00Z"))
        XCTAssertEqual(files(), ["corpus-000001.json", "corpus.json"])
        let r = try s.importBatch(big)
        XCTAssertEqual(r.updated, 20)
        XCTAssertEqual(files(), ["corpus.json"], "the base was rewritten and the segment removed")
        let base = String(decoding: try XCTUnwrap(bytes("corpus.json")), as: UTF8.self)
        XCTAssertTrue(base.hasPrefix(#"{"schema":2,"kind":"docket-corpus","segments_through":1,"#), String(base.prefix(80)))
        try assertReadsBack(s)
        // Numbers go on after the fold: a segment written now is 2, not 1 again.
        try s.importBatch(try issue(2, title: "Later", updated: "2025-07-01T10:00:00Z"))
        XCTAssertEqual(files(), ["corpus-000002.json", "corpus.json"])
        try assertReadsBack(s)
    }

    func testASegmentLeftBehindByACrashAfterTheBaseWasWrittenIsSkippedAndRemoved() throws {
        let s = try Store.open(dir)
        try seed(s, count: 40)
        try s.importBatch(try issue(1, title: "In the segment", updated: "2025-05-01T10:00:00Z"))
        let stale = try XCTUnwrap(bytes("corpus-000001.json"))
        // Fold it into the base with a big change, then put the old segment back,
        // as a crash between the base's rename and the segment's deletion would.
        try s.importBatch(try Fixtures.parse("[" + (1...20).map { Fixtures.issue($0, title: "Newer", updated: "2025-06-01T10:00:00Z", body: body) }.joined(separator: ",") + "]"))
        try stale.write(to: URL(fileURLWithPath: dir + "/corpus-000001.json"))
        let again = try Store.open(dir)
        XCTAssertEqual(again.ticket(TicketKey(source: "acme/help", number: 1))?.title, "Newer", "the folded segment does not replay")
        XCTAssertEqual(again.tickets, s.tickets)
        try again.importBatch(try issue(5, title: "After", updated: "2025-08-01T10:00:00Z"))
        XCTAssertFalse(files().contains("corpus-000001.json"), "the next write removes it")
        try assertReadsBack(again)
    }

    func testAnotherProcessesImportIsSeenAndNotUndone() throws {
        let a = try Store.open(dir)
        try seed(a)
        let b = try Store.open(dir)
        try b.importBatch(try issue(9, title: "From b", updated: "2025-05-01T10:00:00Z"))
        XCTAssertTrue(a.changedOnDisk(), "a new segment is a change")
        // `a` has not reloaded: its import re-reads what `b` wrote before merging.
        try a.importBatch(try issue(10, title: "From a", updated: "2025-05-01T10:00:00Z"))
        XCTAssertEqual(a.ticket(TicketKey(source: "acme/help", number: 9))?.title, "From b")
        XCTAssertFalse(a.changedOnDisk())
        XCTAssertTrue(b.changedOnDisk())
        try b.reload()
        XCTAssertEqual(b.tickets, a.tickets)
        try assertReadsBack(a)
    }

    func testADamagedSegmentIsAnErrorNamingItAndNothingIsWritten() throws {
        let s = try Store.open(dir)
        try seed(s)
        try s.importBatch(try issue(4, title: "Changed", updated: "2025-05-01T10:00:00Z"))
        try Data("{\"schema\":2,\"kind\":\"docket-corpus-segment\",\"tickets\":[{".utf8)
            .write(to: URL(fileURLWithPath: dir + "/corpus-000001.json"))
        XCTAssertThrowsError(try Store.open(dir)) { e in
            XCTAssertTrue("\(e)".contains("corpus-000001.json"), "\(e)")
        }
        let base = bytes("corpus.json")
        // The store in memory still holds the good copy, but it sees the file
        // changed and re-reads it before writing: the import fails, nothing is written.
        XCTAssertThrowsError(try s.importBatch(try issue(5, title: "Another", updated: "2025-05-02T10:00:00Z")))
        XCTAssertEqual(bytes("corpus.json"), base)
        XCTAssertEqual(files(), ["corpus-000001.json", "corpus.json"])
    }

    func testALazilyLoadedStoreFoldsWithoutChangingAnyText() throws {
        let tricky = "emoji 😀 CJK 日本 quote \" backslash \\ \r\n tab\t \u{2028}"
        let eager = try Store.open(dir)
        try eager.importBatch(try Fixtures.parse("[\(Fixtures.issue(1, body: tricky)),\(Fixtures.issue(2))][\(Fixtures.comment(5, issue: 1, body: tricky))]"))
        let lazy = try Store.open(dir, lazyText: true)
        // Rewriting the whole base (the store is small) copies undecoded bodies as they were read.
        try lazy.importBatch(try issue(2, title: "Changed", updated: "2025-05-01T10:00:00Z"))
        let again = try Store.open(dir)
        XCTAssertEqual(again.ticket(TicketKey(source: "acme/help", number: 1))?.body, tricky)
        XCTAssertEqual(again.ticket(TicketKey(source: "acme/help", number: 1))?.comments.first?.body, tricky)
        XCTAssertEqual(again.tickets, lazy.tickets)
    }

    // MARK: - Laying and merging into a sorted list without indexing all of it

    private func ticket(_ n: Int, _ title: String = "t", source: String = "acme/help") throws -> Ticket {
        var t = try XCTUnwrap(try Fixtures.parse("[\(Fixtures.issue(n, title: title))]").tickets.first)
        t.source = source
        return t
    }

    func testLayingSegmentsKeepsKeyOrderWhetherNewKeysInterleaveOrComeLast() throws {
        var base = try [11, 13, 15, 17].map { try ticket($0) }
        Store.lay([TicketKey(source: "acme/help", number: 13): try ticket(13, "new 13"),
                   TicketKey(source: "acme/help", number: 14): try ticket(14),
                   TicketKey(source: "acme/help", number: 10): try ticket(10),
                   TicketKey(source: "acme/help", number: 19): try ticket(19)], over: &base)
        XCTAssertEqual(base.map(\.key.number), [10, 11, 13, 14, 15, 17, 19])
        XCTAssertEqual(base[2].title, "new 13")

        var tail = try [1, 2].map { try ticket($0) }
        Store.lay([TicketKey(source: "acme/help", number: 8): try ticket(8), TicketKey(source: "acme/help", number: 6): try ticket(6)], over: &tail)
        XCTAssertEqual(tail.map(\.key.number), [1, 2, 6, 8])

        // A list not in key order (a file written elsewhere) is sorted first.
        var unsorted = try [5, 1, 3].map { try ticket($0) }
        Store.lay([TicketKey(source: "acme/help", number: 1): try ticket(1, "new 1")], over: &unsorted)
        XCTAssertEqual(unsorted.map(\.key.number), [1, 3, 5])
        XCTAssertEqual(unsorted[0].title, "new 1")
    }

    func testMergeFindsExistingTicketsAcrossSourcesAndSortsOnlyWhatItAdded() throws {
        var list = try [ticket(2, source: "a/x"), ticket(9, source: "a/x"), ticket(1, source: "b/y")]
        let batch = try Fixtures.parse("[\(Fixtures.issue(9, title: "Newer", updated: "2030-01-01T00:00:00Z")),\(Fixtures.issue(5))]")
        var incoming = batch
        incoming.tickets = incoming.tickets.map { var t = $0; t.source = "a/x"; return t }
        var changed = Set<TicketKey>()
        let r = Store.merge(incoming, into: &list, changed: &changed)
        XCTAssertEqual(r.added, 1)
        XCTAssertEqual(r.updated, 1)
        XCTAssertEqual(list.map(\.key.description), ["a/x#2", "a/x#5", "a/x#9", "b/y#1"])
        XCTAssertEqual(list[2].title, "Newer")
        XCTAssertEqual(changed, [TicketKey(source: "a/x", number: 5), TicketKey(source: "a/x", number: 9)])
    }
}
