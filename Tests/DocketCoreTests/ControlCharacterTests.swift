@testable import DocketAnalysis
@testable import DocketGenerator
@testable import DocketImport
@testable import DocketJSON
@testable import DocketModel
@testable import DocketStore
import Foundation
import XCTest

/// One set of control characters (`TextSanitizer.isUnsafe`) for every place
/// that keeps them from a terminal: the byte-level check that spares clean
/// bodies the sanitizer, theme names, and the JSON Docket writes.
final class ControlCharacterTests: XCTestCase {
    /// Every scalar of the BMP outside the surrogates, and some beyond.
    private var scalars: [Unicode.Scalar] {
        (Array(0..<0xD800) + Array(0xE000..<0x10000) + [0x1F600, 0xE0001, 0x10FFFF]).compactMap { Unicode.Scalar(UInt32($0)) }
    }

    func testTheBodyPrecheckAgreesWithTheSanitizerOnEveryScalar() {
        for s in scalars {
            let bytes = Array("a\(Character(s))b".utf8)
            let expected = TextSanitizer.isUnsafe(s) && ![0x09, 0x0A, 0x0D].contains(s.value)
            XCTAssertEqual(BodyLayout.needsSanitizing(bytes, 0..<bytes.count), expected, "U+\(String(s.value, radix: 16))")
        }
    }

    func testJSONEscapesEveryUnsafeScalarAndReadsBackTheSameText() throws {
        var unsafe = String.UnicodeScalarView()
        for s in scalars where TextSanitizer.isUnsafe(s) { unsafe.append(s) }
        let text = "é" + String(unsafe) + "ü\u{202F}\u{2030}\u{2065}\u{206A}\u{FEFE}"
        var w = JSONWriter()
        w.string(text)
        let out = w.bytes
        // No unsafe scalar is left in what was written...
        let written = String(decoding: out, as: UTF8.self)
        XCTAssertFalse(written.unicodeScalars.contains(where: TextSanitizer.isUnsafe), written.debugDescription)
        XCTAssertTrue(written.contains("\\u007f") && written.contains("\\u0085") && written.contains("\\u202e") && written.contains("\\ufeff"))
        // ...and the neighbours of the escaped ranges are written as they are.
        XCTAssertTrue(written.hasSuffix("ü\u{202F}\u{2030}\u{2065}\u{206A}\u{FEFE}\""))
        let back = try out.withUnsafeBufferPointer { p -> String? in
            var reader = JSONReader(p)
            return try reader.parseValue().string
        }
        XCTAssertEqual(back, text)
    }

    func testThemeNamesRefuseBidiControlsAsWellAsC0() {
        XCTAssertNil(Theme.normalizedName("sync\u{202E}gol"))
        XCTAssertNil(Theme.normalizedName("a\u{7}b"))
        XCTAssertNil(Theme.normalizedName("a\u{85}b"))
        XCTAssertEqual(Theme.normalizedName("  Sync ☁︎  "), "Sync ☁︎")
    }
}

/// One rule for an issue form's answers: the facets the analysis reads from
/// a body (`TicketText.facets`) are the answers `IssueForm` gives, on
/// generated forms with multi-line answers and on hand-written edge cases.
/// Escape strings are removed only when they end: an unterminated `ESC ]`
/// does not hide the text after it.
final class EscapeStringTests: XCTestCase {
    func testTerminatedStringsGoUnterminatedOnesDoNotSwallowTheRest() {
        XCTAssertEqual(TextSanitizer.singleLine("a\u{1B}]0;title\u{07}b"), "ab")
        XCTAssertEqual(TextSanitizer.singleLine("a\u{1B}]8;;https://x\u{1B}\\link\u{1B}]8;;\u{1B}\\ end"), "alink end")
        XCTAssertEqual(TextSanitizer.singleLine("a\u{1B}]0;never ends and the rest"), "a0;never ends and the rest")
        XCTAssertEqual(TextSanitizer.lines("x\u{1B}]0;open\nsecond line"), ["x0;open", "second line"])
    }
}

/// A store nobody can write is still read: a shared lock needs no write access.
final class ReadOnlyLockTests: XCTestCase {
    func testASharedLockWhereNothingCanBeWrittenIsGrantedAndAnExclusiveOneIsNot() throws {
        // /sys refuses new files even to root (EACCES), as a read-only medium would.
        guard FileManager.default.fileExists(atPath: "/sys/kernel") else { throw XCTSkip("no /sys here") }
        let fd = try Platform.tryLock("/sys/docket-test-lock", .shared)
        XCTAssertEqual(fd, Platform.readOnlyNoLock)
        Platform.unlock(fd ?? -1)
        XCTAssertThrowsError(try Platform.tryLock("/sys/docket-test-lock", .exclusive))
    }
}

final class IssueFormRuleTests: XCTestCase {
    private func formFacets(_ body: String) -> [String: String] {
        let form = IssueForm(body: body)
        var out: [String: String] = [:]
        if let p = form.platform { out[TicketFacets.platform] = TicketFacets.normalizedPlatform(p) }
        if let v = form.version { out[TicketFacets.version] = v }
        if let s = form.software { out[TicketFacets.software] = s }
        return out
    }

    private func ticket(_ body: String) throws -> Ticket {
        try XCTUnwrap(Fixtures.parse("[\(Fixtures.issue(1, body: body))]").tickets.first)
    }

    func testTheAnalysisAndTheFormAgreeOnEveryAnswer() throws {
        let bodies = [
            "### Operating System\n\nWindows 11\nand also on my laptop\n\n### Version\n\n4.2.1\n\nIt started after the update.",
            "### Version\n\n_No response_\n\n### Platform\n\nmacOS",
            "### Software\n\n\nDesktop App  \n\n### Version\n\n  2.0 ",
            "### Version\n\n### Platform\n\nLinux",
        ]
        for b in bodies {
            XCTAssertEqual(TicketText.analyze(try ticket(b)).facets, formFacets(b), b)
        }
        XCTAssertEqual(IssueForm(body: bodies[0]).version, "4.2.1")
        XCTAssertEqual(IssueForm(body: bodies[0]).platform, "Windows 11")
    }

    func testTheyAgreeOnGeneratedTickets() throws {
        let tickets = try GeneratedCorpus.tickets(GeneratorOptions(tickets: 400, seed: 5))
        var compared = 0
        for t in tickets {
            let facets = formFacets(t.body)
            compared += facets.count
            XCTAssertEqual(TicketText.analyze(t).facets, facets, "#\(t.number)")
        }
        XCTAssertGreaterThan(compared, 100, "the generated tickets have issue forms")
    }
}
