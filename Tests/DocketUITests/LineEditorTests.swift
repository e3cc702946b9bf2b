import XCTest
@testable import DocketUI

final class LineEditorTests: XCTestCase {
    private func type(_ e: inout LineEditor, _ keys: [Key]) -> LineEditor.Outcome {
        var last = LineEditor.Outcome.editing
        for k in keys { last = e.handle(k) }
        return last
    }

    private func chars(_ s: String) -> [Key] { s.map { Key.char($0) } }

    func testReadlineKeysMoveAndEdit() {
        var e = LineEditor("hello world")
        XCTAssertEqual(e.cursor, 11)
        _ = type(&e, [.ctrl("a"), .right, .delete])  // h|llo world
        XCTAssertEqual(e.text, "hllo world")
        _ = type(&e, chars("e"))
        XCTAssertEqual(e.text, "hello world")
        _ = type(&e, [.ctrl("e"), .backspace, .backspace])
        XCTAssertEqual(e.text, "hello wor")
        _ = type(&e, [.ctrl("w")])
        XCTAssertEqual(e.text, "hello ")
        _ = type(&e, [.home] + chars(">> ") + [.end] + chars("there"))
        XCTAssertEqual(e.text, ">> hello there")
        _ = type(&e, [.left, .left, .left, .left, .left, .ctrl("k")])
        XCTAssertEqual(e.text, ">> hello ")
        _ = type(&e, [.left, .ctrl("u")])
        XCTAssertEqual(e.text, " ")
        XCTAssertEqual(e.cursor, 0)
        // Keys that mean nothing to a field are ignored, and control characters never get in.
        _ = type(&e, [.up, .pageDown, .tab, .function(3), .char("\u{1B}"), .char("\u{7}")])
        XCTAssertEqual(e.text, " ")
    }

    func testEnterAcceptsAndEscapeCancels() {
        var e = LineEditor("x")
        XCTAssertEqual(type(&e, chars("yz") + [.enter]), .accepted("xyz"))
        var f = LineEditor("x")
        XCTAssertEqual(f.handle(.escape), .cancelled)
        XCTAssertEqual(f.handle(.char("a")), .editing)
    }

    func testCtrlWDeletesTheWordBeforeTheCursorAndItsSpaces() {
        var e = LineEditor("move to  c12")
        _ = type(&e, [.left, .left, .left, .ctrl("w")])
        XCTAssertEqual(e.text, "move c12")
        XCTAssertEqual(e.cursor, 5)
    }

    func testWideCharactersScrollByDisplayWidth() {
        // Six CJK ideographs are twelve cells; in eight cells the text
        // scrolls so the cursor (at the end) has its own cell.
        var e = LineEditor("深色模式下代")
        var v = e.viewport(width: 8)
        XCTAssertEqual(v.text, "式下代")
        XCTAssertEqual(v.cursorColumn, 6)
        _ = type(&e, [.home])
        v = e.viewport(width: 8)
        XCTAssertEqual(v.text, "深色模式")
        XCTAssertEqual(v.cursorColumn, 0)
        _ = type(&e, [.right, .right])
        XCTAssertEqual(e.viewport(width: 8).cursorColumn, 4)
    }

    func testTheViewDrawsLabelTextAndAReversedCursor() {
        var buffer = Buffer(width: 20, height: 1)
        var e = LineEditor("abc")
        _ = e.handle(.left)
        LineEditorView(label: "Name: ", editor: e).render(in: buffer.area, buffer: &buffer)
        XCTAssertEqual(buffer.trimmedLines, ["Name: abc"])
        XCTAssertEqual(buffer[8, 0].style.role, .selection)  // the cursor is on "c"
        XCTAssertEqual(buffer[7, 0].style.role, .normal)
        var wide = Buffer(width: 12, height: 1)
        var w = LineEditor("日本")
        _ = w.handle(.home)
        LineEditorView(label: "> ", editor: w).render(in: wide.area, buffer: &wide)
        XCTAssertEqual(wide.trimmedLines, ["> 日本"])
        XCTAssertEqual(wide[2, 0].style.role, .selection)
        XCTAssertEqual(wide[3, 0].style.role, .selection)  // both cells of the wide character
    }

    func testMovesAndDeletesStopAtTheEnds() {
        var e = LineEditor("ab")
        XCTAssertEqual(e.handle(.right), .editing)  // at the end: stays
        XCTAssertEqual(e.cursor, 2)
        _ = type(&e, [.delete])  // nothing after the cursor
        XCTAssertEqual(e.text, "ab")
        _ = type(&e, [.home, .backspace, .left])  // nothing before it
        XCTAssertEqual(e.text, "ab")
        XCTAssertEqual(e.cursor, 0)
    }

    func testCtrlWOverTrailingSpacesTakesOneWordAtATime() {
        var e = LineEditor("ship the hotfix  ")
        _ = type(&e, [.ctrl("w")])
        XCTAssertEqual(e.text, "ship the ")
        _ = type(&e, [.ctrl("w")])
        XCTAssertEqual(e.text, "ship ")
    }

    func testStartingTextIsCleanedOfEscapesTabsAndNewlines() {
        // What a field starts with (a title from the store) is what could be typed.
        var e = LineEditor("a\u{1B}[31mb\tc\n")
        XCTAssertEqual(e.text, "ab c")
        _ = type(&e, [.char("\u{7}"), .tab, .char("\u{202E}")])
        XCTAssertEqual(e.text, "ab c")
        XCTAssertEqual(e.handle(.enter), .accepted("ab c"))
    }

    func testCtrlCIsLeftToTheCaller() {
        // Ctrl-C quits Docket everywhere; the field neither cancels nor types it.
        var e = LineEditor("x")
        XCTAssertEqual(e.handle(.ctrl("c")), .editing)
        XCTAssertEqual(e.text, "x")
    }

    func testAWideCharacterUnderTheCursorIsShownWhole() {
        var e = LineEditor("日本語のテキスト")  // 8 wide characters, 16 cells
        XCTAssertEqual(e.viewport(width: 7).text, "キスト")
        XCTAssertEqual(e.viewport(width: 7).cursorColumn, 6)
        _ = type(&e, [.home])
        XCTAssertEqual(e.viewport(width: 7).text, "日本語")
        _ = type(&e, [.right, .right, .right])  // on の: its cells 6-7 do not fit in 7
        XCTAssertEqual(e.viewport(width: 7).text, "本語の")
        XCTAssertEqual(e.viewport(width: 7).cursorColumn, 4)
    }

    func testTheViewShowsItsHintOnlyWhenTheFieldKeepsRoom() {
        let e = LineEditor("Ship it")
        var wide = Buffer(width: 60, height: 1)
        LineEditorView(label: " Title: ", editor: e, hint: "Enter:save Esc:cancel").render(in: wide.area, buffer: &wide)
        UITest.assertLines(wide, [" Title: Ship it                       Enter:save Esc:cancel"])
        XCTAssertEqual(wide[15, 0].style.role, .selection)  // the cell after the text
        var narrow = Buffer(width: 40, height: 1)
        LineEditorView(label: " Title: ", editor: e, hint: "Enter:save Esc:cancel").render(in: narrow.area, buffer: &narrow)
        XCTAssertEqual(narrow.trimmedLines, [" Title: Ship it"])
    }
}
