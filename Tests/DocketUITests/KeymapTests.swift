import Foundation
import XCTest
@testable import DocketUI

final class KeymapTests: XCTestCase {
    func testScreenBindingsWinOverGlobalOnes() {
        XCTAssertEqual(Keymap.action(for: .char("q"), in: .ticket), .back)
        XCTAssertEqual(Keymap.action(for: .char("q"), in: .list), .quit)
        XCTAssertEqual(Keymap.action(for: .escape, in: .list), .back)
        XCTAssertEqual(Keymap.action(for: .escape, in: .filter), .clearFilter)
        XCTAssertEqual(Keymap.action(for: .enter, in: .filter), .acceptFilter)
        XCTAssertEqual(Keymap.action(for: .escape, in: .ticket), .back)
        XCTAssertEqual(Keymap.action(for: .char("j"), in: .ticket), .moveDown)
        XCTAssertNil(Keymap.action(for: .char("z"), in: .list))
    }

    /// The bars' key hints come from the keymap: each key a hint shows does
    /// what the hint says on that screen, and rebinding an action moves its hint.
    func testEveryHintNamesKeysBoundToItsActionsOnItsScreen() {
        for (ctx, hints) in Keymap.hints {
            for h in hints {
                let keys = Keymap.keys(of: h, in: ctx)
                XCTAssertFalse(keys.isEmpty, "\(ctx): \(h.label) has no key")
                for k in keys {
                    let a = Keymap.action(for: k, in: ctx)
                    XCTAssertTrue(a.map(h.actions.contains) ?? false, "\(ctx): \(Keymap.name(k)) does \(String(describing: a)), not \(h.label)")
                }
            }
        }
        XCTAssertEqual(Keymap.hintLine(for: .list), "/:filter p:period o:state s:sort ?:help")
        XCTAssertEqual(Keymap.hintLine(for: .triage), "d:done n:next u:undo ?:help")
        XCTAssertEqual(Keymap.hintLine(for: .cluster), "Space:mark s:split m:move q:back ?:help")
        XCTAssertEqual(Keymap.hintLine(for: .report), "w/d:week/day x:export ?:help")
        XCTAssertEqual(Keymap.hintLine(for: .ticket), "↑↓:scroll [/]:prev/next d:done q/Esc:back ?:help")
        XCTAssertEqual(Keymap.hintLine(for: .recommendations), "a:add Enter:edit d:del ?:help")
    }

    /// One cursor type moves every list: clamped at both ends, scrolled into view.
    func testListCursorMovesClampsAndScrolls() {
        var c = ListCursor()
        XCTAssertTrue(c.perform(.moveUp, count: 10, height: 4))
        XCTAssertEqual(c, ListCursor(selected: 0, scroll: 0))
        c.perform(.pageDown, count: 10, height: 4)
        XCTAssertEqual(c, ListCursor(selected: 4, scroll: 1))
        c.perform(.end, count: 10, height: 4)
        XCTAssertEqual(c, ListCursor(selected: 9, scroll: 6))
        c.perform(.moveDown, count: 10, height: 4)
        XCTAssertEqual(c.selected, 9)
        c.perform(.home, count: 10, height: 4)
        XCTAssertEqual(c, ListCursor(selected: 0, scroll: 0))
        XCTAssertFalse(c.perform(.open, count: 10, height: 4))
        c.perform(.end, count: 0, height: 4)
        XCTAssertEqual(c, ListCursor(selected: 0, scroll: 0), "an empty list keeps the cursor at the top")
    }

    func testNoKeyIsBoundTwiceOnOneScreen() {
        for ctx in [KeyContext.global, .list, .triage, .ticket, .clusters, .cluster, .themes, .recommendations, .report, .filter] {
            let keys = Keymap.bindings.filter { $0.context == ctx }.flatMap(\.keys)
            XCTAssertEqual(keys.count, Set(keys).count, "duplicate key in \(ctx)")
        }
    }

    /// The README's key table is generated from the keymap (`docket keys`);
    /// this fails when someone changes one without the other.
    func testReadmeKeyTableMatchesTheKeymap() throws {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let a = readme.range(of: "<!-- keys:begin -->\n"), let b = readme.range(of: "<!-- keys:end -->") else {
            return XCTFail("README has no keys:begin/keys:end block")
        }
        XCTAssertEqual(String(readme[a.upperBound..<b.lowerBound]), KeyReference.markdown(),
                       "README key table is stale: replace it with the output of `docket keys`")
    }
}
