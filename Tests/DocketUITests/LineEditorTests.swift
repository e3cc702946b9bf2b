import XCTest
@testable import DocketUI

/// The line editor's readline keys, driven one key at a time.
final class LineEditorTests: XCTestCase {
    private func type(_ e: inout LineEditor, _ text: String) {
        for c in text { XCTAssertEqual(e.handle(.char(c)), .editing) }
    }

    func testTypingMovingAndDeletingAroundTheCursor() {
        var e = LineEditor()
        type(&e, "ship hotfix")
        XCTAssertEqual(e.cursor, 11)
        _ = e.handle(.home)
        type(&e, "Do: ")
        XCTAssertEqual(e.text, "Do: ship hotfix")
        _ = e.handle(.ctrl("e"))
        _ = e.handle(.left)
        _ = e.handle(.left)
        _ = e.handle(.backspace)
        XCTAssertEqual(e.text, "Do: ship hotix")
        _ = e.handle(.delete)
        XCTAssertEqual(e.text, "Do: ship hotx")
        _ = e.handle(.ctrl("a"))
        _ = e.handle(.right)
        _ = e.handle(.backspace)
        XCTAssertEqual(e.text, "o: ship hotx")
        _ = e.handle(.backspace)  // at the start: nothing
        XCTAssertEqual(e.text, "o: ship hotx")
        XCTAssertEqual(e.cursor, 0)
        _ = e.handle(.end)
        _ = e.handle(.right)  // at the end: stays
        XCTAssertEqual(e.cursor, 12)
    }

    func testKillKeysAndWordDelete() {
        var e = LineEditor("ship the hotfix  ")
        _ = e.handle(.ctrl("w"))
        XCTAssertEqual(e.text, "ship the ")
        _ = e.handle(.ctrl("w"))
        XCTAssertEqual(e.text, "ship ")
        e = LineEditor("ship the hotfix")
        for _ in 0..<7 { _ = e.handle(.left) }
        _ = e.handle(.ctrl("k"))
        XCTAssertEqual(e.text, "ship the")
        _ = e.handle(.left)
        _ = e.handle(.ctrl("u"))
        XCTAssertEqual(e.text, "e")
        XCTAssertEqual(e.cursor, 0)
    }

    func testEnterAcceptsEscCancelsAndControlsNeverGetIn() {
        var e = LineEditor("a\u{1B}[31mb\tc\n")
        XCTAssertEqual(e.text, "ab c")
        _ = e.handle(.char("\u{7}"))
        _ = e.handle(.tab)
        XCTAssertEqual(e.text, "ab c")
        XCTAssertEqual(e.handle(.enter), .accepted("ab c"))
        XCTAssertEqual(e.handle(.escape), .cancelled)
    }

    func testVisibleWindowFollowsTheCursorByDisplayWidth() {
        var e = LineEditor("日本語のテキスト")  // 8 wide characters, 16 cells
        XCTAssertEqual(e.visible(width: 7).text, "キスト")
        XCTAssertEqual(e.visible(width: 7).cursorColumn, 6)
        _ = e.handle(.home)
        XCTAssertEqual(e.visible(width: 7).text, "日本語")
        XCTAssertEqual(e.visible(width: 7).cursorColumn, 0)
        _ = e.handle(.right)
        _ = e.handle(.right)
        _ = e.handle(.right)  // on の: columns 6-7 do not fit in 7
        XCTAssertEqual(e.visible(width: 7).text, "本語の")
        XCTAssertEqual(e.visible(width: 7).cursorColumn, 4)
    }
}
