@testable import DocketAnalysis
@testable import DocketJSON
@testable import DocketModel
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
