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
