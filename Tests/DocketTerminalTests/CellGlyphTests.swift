@testable import DocketTerminal
import XCTest

/// Widths here stand in for libc's `wcwidth`, so each disagreement between it
/// and the buffer's grid can be staged.
final class CellGlyphTests: XCTestCase {
    private func width(_ table: [UInt32: Int]) -> (Unicode.Scalar) -> Int {
        { scalar in
            if let w = table[scalar.value] { return w }
            if scalar.value < 0x20 { return -1 }
            return [0x300, 0x301, 0x200D, 0xFE0F].contains(scalar.value) ? 0 : 1
        }
    }

    private func plan(_ symbol: String, _ columns: Int, _ table: [UInt32: Int] = [:]) -> CellGlyph {
        CellGlyph.plan(symbol, columns: columns, replacement: "\u{FFFD}", terminalWidth: width(table))
    }

    func testAgreeingWidthsDrawTheSymbolUnchanged() {
        XCTAssertEqual(plan("é", 1), CellGlyph(scalars: ["é"], padding: 0))
        XCTAssertEqual(plan("日", 2, [0x65E5: 2]), CellGlyph(scalars: ["日"], padding: 0))
    }

    func testCombiningMarksStayInTheSameCell() {
        XCTAssertEqual(plan("e\u{301}", 1), CellGlyph(scalars: ["e", "\u{301}"], padding: 0))
    }

    func testAtMostFourCombiningMarksFitInACell() {
        let glyph = plan("e" + String(repeating: "\u{300}", count: 7), 1)
        XCTAssertEqual(glyph.scalars.count, 5)
    }

    func testTerminalNarrowerThanGridIsPaddedSoNextCellStaysPut() {
        // Buffer thinks the character is wide; libc says one column.
        XCTAssertEqual(plan("\u{1F1EF}", 2, [0x1F1EF: 1]), CellGlyph(scalars: ["\u{1F1EF}"], padding: 1))
    }

    func testVariationSelectorIsDroppedWhenPadding() {
        // "⚠️": the grid gives it two columns, wcwidth one. Keeping U+FE0F
        // would let the terminal draw it two wide and push the padding on.
        XCTAssertEqual(plan("\u{26A0}\u{FE0F}", 2), CellGlyph(scalars: ["\u{26A0}"], padding: 1))
    }

    func testTerminalWiderThanGridIsReplacedByOneColumn() {
        XCTAssertEqual(plan("\u{3000}", 1, [0x3000: 2]), CellGlyph(scalars: ["\u{FFFD}"], padding: 0))
    }

    func testWideCharacterClippedToOneColumnIsReplaced() {
        XCTAssertEqual(plan("日", 1, [0x65E5: 2]), CellGlyph(scalars: ["\u{FFFD}"], padding: 0))
    }

    func testUnprintableOrZeroWidthBaseIsReplacedAtFullWidth() {
        XCTAssertEqual(plan("\u{7}", 1), CellGlyph(scalars: ["\u{FFFD}"], padding: 0))
        XCTAssertEqual(plan("\u{301}", 1), CellGlyph(scalars: ["\u{FFFD}"], padding: 0))
        XCTAssertEqual(plan("x", 2, [0x78: -1]), CellGlyph(scalars: ["\u{FFFD}"], padding: 1))
    }

    func testZeroWidthJoinerSequenceKeepsOnlyTheFirstEmoji() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"
        XCTAssertEqual(plan(family, 2, [0x1F468: 2, 0x1F469: 2, 0x1F467: 2]),
                       CellGlyph(scalars: ["\u{1F468}"], padding: 0))
    }
}
