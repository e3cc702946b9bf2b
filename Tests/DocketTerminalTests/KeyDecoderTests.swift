import DocketTerminal
import DocketUI
import XCTest

/// Codes are written out as numbers from ncurses' curses.h, so a mapping that
/// drifts from what `wget_wch` really returns fails here.
final class KeyDecoderTests: XCTestCase {
    private let ok: Int32 = 0
    private let keyCodeYes: Int32 = 0o400

    private func char(_ value: UInt32) -> Key? { KeyDecoder.decode(status: ok, value: value) }
    private func code(_ value: UInt32) -> Key? { KeyDecoder.decode(status: keyCodeYes, value: value) }

    func testStatusConstantsMatchCursesHeader() {
        XCTAssertEqual(KeyDecoder.characterStatus, ok)
        XCTAssertEqual(KeyDecoder.keyCodeStatus, keyCodeYes)
    }

    func testPrintableCharactersIncludingWideAndEmojiAreChars() {
        XCTAssertEqual(char(0x61), .char("a"))
        XCTAssertEqual(char(0x20), .char(" "))
        XCTAssertEqual(char(0x7E), .char("~"))
        XCTAssertEqual(char(0xE9), .char("é"))
        XCTAssertEqual(char(0x65E5), .char("日"))
        XCTAssertEqual(char(0x1F389), .char("🎉"))
    }

    func testControlLettersAreCtrlExceptTabEnterAndBackspace() {
        XCTAssertEqual(char(1), .ctrl("a"))
        XCTAssertEqual(char(3), .ctrl("c"))
        XCTAssertEqual(char(12), .ctrl("l"))
        XCTAssertEqual(char(26), .ctrl("z"))
        XCTAssertEqual(char(8), .backspace)
        XCTAssertEqual(char(127), .backspace)
        XCTAssertEqual(char(9), .tab)
        XCTAssertEqual(char(10), .enter)
        XCTAssertEqual(char(13), .enter)
        XCTAssertEqual(char(27), .escape)
    }

    func testOtherControlCharactersAreDropped() {
        XCTAssertNil(char(0))
        XCTAssertNil(char(28))
        XCTAssertNil(char(31))
        XCTAssertNil(char(0x85))
        XCTAssertNil(char(0x9B))
        XCTAssertNil(char(0xD800), "a lone surrogate is not a scalar")
    }

    func testCursorAndEditingKeys() {
        XCTAssertEqual(code(0o402), .down)
        XCTAssertEqual(code(0o403), .up)
        XCTAssertEqual(code(0o404), .left)
        XCTAssertEqual(code(0o405), .right)
        XCTAssertEqual(code(0o406), .home)
        XCTAssertEqual(code(0o550), .end)
        XCTAssertEqual(code(0o523), .pageUp)
        XCTAssertEqual(code(0o522), .pageDown)
        XCTAssertEqual(code(0o407), .backspace)
        XCTAssertEqual(code(0o527), .enter)
        XCTAssertEqual(code(0o541), .backTab)
        XCTAssertEqual(code(0o512), .delete)
        XCTAssertEqual(code(0o513), .insert)
    }

    func testKeypadCornersActAsHomeEndAndPaging() {
        XCTAssertEqual(code(0o534), .home, "KEY_A1")
        XCTAssertEqual(code(0o535), .pageUp, "KEY_A3")
        XCTAssertEqual(code(0o537), .end, "KEY_C1")
        XCTAssertEqual(code(0o540), .pageDown, "KEY_C3")
    }

    func testFunctionKeysAreNumberedFromKeyF0() {
        XCTAssertEqual(code(0o410 + 1), .function(1))
        XCTAssertEqual(code(0o410 + 5), .function(5))
        XCTAssertEqual(code(0o410 + 12), .function(12))
        XCTAssertEqual(code(0o410 + 63), .function(63))
        XCTAssertNil(code(0o410), "KEY_F0 is no key")
    }

    func testResizeMouseUnknownCodesAndErrAreNotKeys() {
        XCTAssertNil(code(0o632), "KEY_RESIZE is an event, not a key")
        XCTAssertNil(code(0o631), "KEY_MOUSE is an event, not a key")
        XCTAssertNil(code(0o777))
        XCTAssertNil(KeyDecoder.decode(status: -1, value: 0x61), "ERR: timeout")
    }

    func testKeyCodeAndCharacterWithSameNumberDiffer() {
        // 0o403 is KEY_UP as a key code but U+0103 'ă' as a character.
        XCTAssertEqual(char(0o403), .char("ă"))
        XCTAssertEqual(code(0o403), .up)
    }
}
