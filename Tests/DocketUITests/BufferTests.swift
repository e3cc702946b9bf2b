import XCTest
@testable import DocketUI

final class BufferTests: XCTestCase {
    func testDisplayWidthOfCJKEmojiAndCombiningMarks() {
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        XCTAssertEqual(DisplayWidth.of("日本語"), 6)
        XCTAssertEqual(DisplayWidth.of("😀"), 2)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)  // e + combining acute
        XCTAssertEqual(DisplayWidth.of("👩‍👩‍👧"), 2)
        XCTAssertEqual(DisplayWidth.of("🇯🇵"), 1 * 2)
        XCTAssertEqual(DisplayWidth.of("ｶﾀｶﾅ"), 4)  // half-width katakana are narrow
        XCTAssertEqual(DisplayWidth.of("ＡＢ"), 4)  // full-width Latin is wide
    }

    func testTruncateAndPadByDisplayWidth() {
        XCTAssertEqual(DisplayWidth.truncate("日本語のテキスト", to: 7), "日本語…")
        XCTAssertEqual(DisplayWidth.pad("日本", to: 6), "日本  ")
        XCTAssertEqual(DisplayWidth.padLeft("42", to: 5), "   42")
        XCTAssertEqual(DisplayWidth.truncate("short", to: 10), "short")
    }

    func testPutClipsWideCharactersAtTheEdge() {
        var b = Buffer(width: 5, height: 1)
        let used = b.put("ab日本", x: 0, y: 0)
        XCTAssertEqual(used, 5)
        XCTAssertEqual(b.lines, ["ab日…"])  // cut: the last cell says so
        XCTAssertTrue(b[3, 0].isContinuation)
        var c = Buffer(width: 4, height: 1)
        c.put("日本語", x: 0, y: 0)
        XCTAssertEqual(c.lines, ["日 …"])  // 本 would straddle the cell before `…`: a space instead
    }

    /// Issue 17: zero-width characters (a zero-width space, a joiner, a
    /// combining accent) take no cell of their own: what follows them stays
    /// in its column.
    func testZeroWidthCharactersTakeNoCell() {
        var b = Buffer(width: 8, height: 1)
        let used = b.put("a\u{200B}b\u{200D}c e\u{301}|", x: 0, y: 0)
        XCTAssertEqual(used, 6)
        XCTAssertEqual(b[1, 0].symbol.unicodeScalars.first, "b")  // the joiner joins its cluster
        XCTAssertEqual(b[2, 0].symbol, "c")
        XCTAssertEqual(b[4, 0].symbol, "e\u{301}")
        XCTAssertEqual(b[5, 0].symbol, "|")
    }

    /// Issue 15: a cut never reads as whole text ("#66" for #669).
    func testEveryCutEndsInAnEllipsisAndWholeTextDoesNot() {
        var b = Buffer(width: 10, height: 2)
        b.put("see #669 now", x: 0, y: 0, maxWidth: 7)
        XCTAssertEqual(b.lines[0], "see #6…   ")
        b.put("#669", x: 0, y: 1, maxWidth: 4)
        XCTAssertEqual(b.lines[1], "#669      ", "text that fits is not marked")
        var edge = Buffer(width: 6, height: 1)
        edge.put("abcdefgh", x: 2, y: 0)
        XCTAssertEqual(edge.lines, ["  abc…"], "the buffer's edge cuts too")
    }

    func testPutNeverLetsControlCharactersThrough() {
        var b = Buffer(width: 12, height: 1)
        b.put("a\u{1B}[2Jb\u{7}c", x: 0, y: 0)
        XCTAssertFalse(b.lines[0].unicodeScalars.contains { $0.value < 0x20 })
        XCTAssertTrue(b.lines[0].hasPrefix("a\u{FFFD}[2Jb\u{FFFD}c"))
    }

    func testDiffListsOnlyChangedCells() {
        var a = Buffer(width: 4, height: 2)
        a.put("abcd", x: 0, y: 0)
        var b = a
        b.put("X", x: 2, y: 1)
        XCTAssertEqual(b.diff(from: a), [6])
        XCTAssertEqual(Buffer(width: 3, height: 1).diff(from: a).count, 3)
    }

    func testWrapBreaksAtSpacesAndInsideLongWords() {
        XCTAssertEqual(TextWrap.wrap("the quick brown fox", width: 10), ["the quick", "brown fox"])
        XCTAssertEqual(TextWrap.wrap("abcdefghij", width: 4), ["abcd", "efgh", "ij"])
        XCTAssertEqual(TextWrap.wrap("日本語日本語", width: 5), ["日本", "語日", "本語"])
    }
}
