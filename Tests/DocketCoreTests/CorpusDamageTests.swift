@testable import DocketImport
@testable import DocketModel
@testable import DocketStore
import Foundation
import XCTest

/// A damaged corpus is an error that names the file, never an empty or
/// thinner store that the next write would make permanent (one changed byte
/// once showed 0 tickets, and the next import replaced 257 with 3).
final class CorpusDamageTests: StoreDirTestCase {

    private var corpus: String { dir + "/corpus.json" }

    /// A store of three tickets, one with a comment, then `edit` applied to corpus.json's text.
    private func damaged(_ edit: (String) -> String) throws -> Data {
        let s = try Store.open(dir)
        try s.importBatch(try Fixtures.parse("[\(Fixtures.issue(1)),\(Fixtures.issue(2)),\(Fixtures.issue(3)),"
            + "\(Fixtures.comment(10, issue: 2))]"))
        let text = try String(contentsOfFile: corpus, encoding: .utf8)
        let changed = edit(text)
        XCTAssertNotEqual(changed, text, "the damage was applied")
        try changed.write(toFile: corpus, atomically: true, encoding: .utf8)
        return try Data(contentsOf: URL(fileURLWithPath: corpus))
    }

    private func assertRefused(_ edit: @escaping (String) -> String, mentioning word: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try damaged(edit)
        for lazy in [false, true] {
            XCTAssertThrowsError(try Store.open(dir, lazyText: lazy), "lazy: \(lazy)", file: file, line: line) { e in
                let m = "\(e)"
                XCTAssertTrue(m.contains("corpus.json is damaged") && m.contains(word), m, file: file, line: line)
                XCTAssertTrue(m.contains("Docket will not overwrite it"), m, file: file, line: line)
            }
        }
        // An import into the damaged store fails too, and writes nothing.
        XCTAssertThrowsError(try Store.open(dir).importBatch(try Fixtures.parse("[\(Fixtures.issue(9))]")), file: file, line: line)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: corpus)), before, file: file, line: line)
        let others = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("corpus-") }
        XCTAssertEqual(others, [], file: file, line: line)
    }

    func testARenamedTopLevelKeyIsDamageNotAnEmptyCorpus() throws {
        try assertRefused({ $0.replacingOccurrences(of: "\"tickets\"", with: "\"tickeTs\"") }, mentioning: "tickeTs")
    }

    func testAMissingSchemaOrAForeignKindIsRefused() throws {
        try assertRefused({ $0.replacingOccurrences(of: "\"kind\":\"docket-corpus\"", with: "\"kind\":\"other\"") }, mentioning: "kind")
    }

    func testAnUnknownTicketFieldIsRefusedRatherThanDropped() throws {
        try assertRefused({ $0.replacingOccurrences(of: "\"labels\"", with: "\"labelS\"") }, mentioning: "malformed")
    }

    func testACommentWithoutItsDateIsRefusedRatherThanDropped() throws {
        try assertRefused({ $0.replacingOccurrences(of: "\"created_at\":\"2025-04-14T11:00:00Z\"", with: "\"created_At\":\"2025-04-14T11:00:00Z\"") },
                          mentioning: "malformed")
    }

    func testAnIntactCorpusStillOpens() throws {
        _ = try damaged { $0 + "\n" }
        XCTAssertEqual(try Store.open(dir).tickets.count, 3)
        XCTAssertEqual(try Store.open(dir, lazyText: true).tickets.first { $0.number == 2 }?.comments.count, 1)
    }

    // MARK: - annotations.json

    /// A store whose annotations snapshot holds a tag, a theme and a cluster
    /// title, then `edit` applied to that file's text.
    private func damagedAnnotations(_ edit: (String) -> String) throws -> Data {
        let s = try Store.open(dir)
        try s.importBatch(try Fixtures.parse("[\(Fixtures.issue(1)),\(Fixtures.issue(2))]"))
        try s.apply(.defineTheme(Theme(name: "sync", description: "Sync stalls")))
        try s.apply(.tag(TicketKey(source: "acme/help", number: 1), theme: "sync"))
        try s.apply(.cluster(.rename("c1", "Sync stalls")))
        try s.compact()
        let path = dir + "/annotations.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let changed = edit(text)
        XCTAssertNotEqual(changed, text, "the damage was applied")
        try changed.write(toFile: path, atomically: true, encoding: .utf8)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    func testDamagedAnnotationsAreRefusedAndNeverRewritten() throws {
        for (from, to, word) in [("\"tickets\"", "\"tickeTs\"", "tickeTs"), ("\"themes\":[\"sync\"]", "\"themeS\":[\"sync\"]", "themeS"),
                                 ("\"titles\"", "\"titleS\"", "titleS"), ("\"description\"", "\"descriptioN\"", "descriptioN")] {
            try? FileManager.default.removeItem(atPath: dir)
            dir = Fixtures.tempDir()
            let before = try damagedAnnotations { $0.replacingOccurrences(of: from, with: to) }
            XCTAssertThrowsError(try Store.open(dir)) { e in
                let m = "\(e)"
                XCTAssertTrue(m.contains("annotations.json is damaged") && m.contains(word), m)
            }
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/annotations.json")), before, from)
        }
    }
}
