@testable import DocketModel
@testable import DocketStore
import Foundation
import XCTest

/// The browser's load (`lazyText`): bodies stay in the mapped corpus until
/// read, the file is read in parallel parts, and the tickets are the same.
final class LazyCorpusTests: XCTestCase {
    func testLazyLoadGivesTheSameTicketsAsTheEagerOne() throws {
        let dir = Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tricky = "emoji 😀 CJK 日本 ctl \u{1B}[31m quote \" \\ \r\n tab\t \u{1}"
        let issues = (1...60).map { n in Fixtures.issue(n, body: n == 7 ? tricky : "body of \(n)\nsecond line") }
        let comments = (1...30).map { n in Fixtures.comment(100 + n, issue: n) }
        let s = try Store.open(dir)
        try s.importBatch(try Fixtures.parse("[\(issues.joined(separator: ","))][\(comments.joined(separator: ","))]"))
        let eager = try Store.open(dir)
        let lazy = try Store.open(dir, lazyText: true)
        XCTAssertEqual(lazy.tickets.count, 60)
        XCTAssertEqual(lazy.tickets, eager.tickets)
        let seven = try XCTUnwrap(lazy.tickets.first { $0.number == 7 })
        XCTAssertEqual(seven.body, tricky)
        XCTAssertEqual(lazy.tickets.flatMap(\.comments).map(\.body), eager.tickets.flatMap(\.comments).map(\.body))
        // What is written back from a lazy load is byte for byte the same corpus.
        XCTAssertEqual(CorpusCodec.encode(lazy.tickets), CorpusCodec.encode(eager.tickets))
    }

    /// The ticket screen shows the start of a huge body without decoding
    /// all of it: every prefix, wherever it is cut (inside an escape, a
    /// surrogate pair, a multi-byte character), is a prefix of the text.
    func testAPrefixOfAnUndecodedBodyIsAPrefixOfItsText() throws {
        let dir = Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let unit = "quote \" back\\slash é 😀 tab\t ctl \u{1} line\n"
        let body = String(repeating: unit, count: 40)
        let s = try Store.open(dir)
        try s.importBatch(try Fixtures.parse("[\(Fixtures.issue(1, body: body))]"))
        let lazy = try XCTUnwrap(Store.open(dir, lazyText: true).tickets.first)
        XCTAssertEqual(lazy.bodyText.prefix(1 << 20), body)
        var lengths: [Int] = []
        for n in 0..<200 {
            let p = lazy.bodyText.prefix(n)
            XCTAssertTrue(body.hasPrefix(p), "prefix \(n): \(p.debugDescription)")
            XCTAssertLessThanOrEqual(p.utf8.count, n, "prefix \(n) is longer than asked")
            lengths.append(p.utf8.count)
        }
        XCTAssertEqual(lengths, lengths.sorted(), "a longer bound never gives less text")
        XCTAssertGreaterThan(lengths.last ?? 0, 150)
    }

    func testDamagedCorpusIsReportedByTheLazyLoadToo() throws {
        let dir = Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try Store.open(dir)
        try s.importBatch(try Fixtures.parse("[\(Fixtures.issue(1)),\(Fixtures.issue(2))]"))
        let path = dir + "/corpus.json"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"number\":2", with: "\"number\":")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Store.open(dir, lazyText: true)) { error in
            XCTAssertTrue("\(error)".contains("corpus.json"), "\(error)")
        }
    }

    func testTimestampFastPathAgreesWithTheGeneralParser() {
        XCTAssertEqual(Timestamp.parse("2025-04-14T21:07:02Z"), Date(timeIntervalSince1970: 1_744_664_822))
        XCTAssertEqual(Timestamp.parse("2024-02-29T00:00:00Z"), Timestamp.parse("2024-02-29T00:00:00+00:00"))
        XCTAssertNil(Timestamp.parse("2025-02-29T00:00:00Z"))
        XCTAssertNil(Timestamp.parse("2025-04-14T24:00:00Z"))
        XCTAssertEqual(Timestamp.parse("2025-04-14T21:07:02+02:00"), Date(timeIntervalSince1970: 1_744_664_822 - 7200))
    }
}
