@testable import DocketImport
@testable import DocketJSON
@testable import DocketModel
import Foundation
import XCTest

final class JSONReaderTests: XCTestCase {
    private func parse(_ s: String) throws -> JSONValue {
        try Data(s.utf8).withUnsafeBytes { raw in
            var r = JSONReader(raw.bindMemory(to: UInt8.self))
            let v = try r.parseValue()
            XCTAssertTrue(r.atEnd())
            return v
        }
    }

    func testParsesScalarsArraysAndObjectsInOrder() throws {
        let v = try parse(#"{"b":1,"a":[true,false,null,-2.5,"x"],"c":{}}"#)
        guard case let .object(pairs) = v else { return XCTFail("not an object") }
        XCTAssertEqual(pairs.map(\.0), ["b", "a", "c"])
        XCTAssertEqual(v["b"]?.int, 1)
        XCTAssertEqual(v["a"], .array([.bool(true), .bool(false), .null, .number(-2.5), .string("x")]))
    }

    func testDecodesEscapesAndSurrogatePairs() throws {
        XCTAssertEqual(try parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00\u001b""#), .string("a\"b\\c/d\n\té😀\u{1B}"))
        // A lone surrogate is repaired, not fatal: real exports contain them.
        XCTAssertEqual(try parse(#""x\ud800y""#), .string("x\u{FFFD}y"))
    }

    func testAcceptsRawControlBytesAndRepairsInvalidUTF8() throws {
        var bytes = Array("\"a".utf8)
        bytes += [0x1B, 0x5B, 0x33, 0x31, 0x6D, 0xFF]
        bytes += Array("b\"".utf8)
        let v = try bytes.withUnsafeBufferPointer { buf -> JSONValue in
            var r = JSONReader(buf)
            return try r.parseValue()
        }
        XCTAssertEqual(v, .string("a\u{1B}[31m\u{FFFD}b"))
    }

    func testReportsLineAndColumnOfSyntaxErrors() {
        XCTAssertThrowsError(try parse("[1,\n 2,\n  x]")) { error in
            guard let e = error as? JSONSyntaxError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.position.line, 3)
            XCTAssertEqual(e.position.column, 3)
        }
        XCTAssertThrowsError(try parse(#"{"a":"unterminated"#))
        XCTAssertThrowsError(try parse("[1 2]"))
        XCTAssertThrowsError(try parse("tru"))
    }

    func testLargeIntegersKeepTheirValue() throws {
        XCTAssertEqual(try parse("3123456789").int, 3_123_456_789)
        XCTAssertEqual(try parse("1e3").double, 1000)
    }

    func testWriterRoundTripsStrings() throws {
        let samples = ["plain", "quote \" backslash \\", "ctl \u{1}\u{1B}[0m", "日本語 😀 👩‍👩‍👧", "\r\n\t"]
        for s in samples {
            var w = JSONWriter()
            w.string(s)
            XCTAssertEqual(try parse(String(decoding: w.bytes, as: UTF8.self)), .string(s))
        }
    }

    func testFormatFixedRoundsToTwoDecimals() {
        XCTAssertEqual(formatFixed(15.944, decimals: 2), "15.94")
        XCTAssertEqual(formatFixed(9.255, decimals: 2), "9.26")
        XCTAssertEqual(formatFixed(4, decimals: 2), "4.00")
        XCTAssertEqual(formatFixed(0.005, decimals: 2), "0.01")
    }
}

extension JSONReaderTests {
    func testFilteredParseKeepsOnlyListedKeysAndSkipsTrickyValues() throws {
        let doc = #"{"skip":"a\\\"b\\","keep":{"skip":[1,{"x":"]}"}],"id":7},"n":null,"arr":[{"id":1,"no":"\u0022"}]}"#
        let v = try Data(doc.utf8).withUnsafeBytes { raw -> JSONValue in
            var r = JSONReader(raw.bindMemory(to: UInt8.self))
            let v = try r.parseValue(keeping: KeyFilter(["keep", "id", "arr"]))
            XCTAssertTrue(r.atEnd())
            return v
        }
        XCTAssertEqual(v, .object([("keep", .object([("id", .number(7))])), ("arr", .array([.object([("id", .number(1))])]))]))
    }

    func testSkipValueStopsAtTheRightPlace() throws {
        let doc = #"["x\\", {"a": [1, 2, {"b": "}\""}]}, true] 42"#
        try Data(doc.utf8).withUnsafeBytes { raw in
            var r = JSONReader(raw.bindMemory(to: UInt8.self))
            try r.skipValue()
            XCTAssertEqual(try r.parseValue(), .number(42))
        }
    }
}

extension JSONReaderTests {
    func testTimestampWriterMatchesTheFormatter() throws {
        for s in ["2025-04-14T21:07:02Z", "1999-12-31T23:59:59Z", "2026-03-02T04:05:09Z", "1970-01-01T00:00:00Z"] {
            var w = JSONWriter()
            w.timestamp(Fixtures.date(s))
            XCTAssertEqual(String(decoding: w.bytes, as: UTF8.self), "\"\(s)\"")
        }
    }

    func testRepositoryFromURLs() {
        XCTAssertEqual(GitHubImporter.repository(fromURL: "https://api.github.com/repos/acme/help/issues/12"), "acme/help")
        XCTAssertEqual(GitHubImporter.repository(fromURL: "https://api.github.com/repos/acme/help"), "acme/help")
        XCTAssertEqual(GitHubImporter.repository(fromURL: "https://github.com/acme/help/issues/12"), "acme/help")
        XCTAssertEqual(GitHubImporter.repository(fromURL: "https://ghe.example.com/api/v3/repos/o/r/issues/1"), "o/r")
        XCTAssertNil(GitHubImporter.repository(fromURL: "not a url"))
        XCTAssertNil(GitHubImporter.repository(fromURL: "https://github.com/"))
    }
}
