import DocketTerminal
import DocketUI
import XCTest

final class RoleAppearanceTests: XCTestCase {
    func testMonochromeKeepsSelectionAndStatusBarVisibleByReverse() {
        XCTAssertTrue(RoleAppearance.monochrome(.selection).attributes.contains(.reverse))
        XCTAssertTrue(RoleAppearance.monochrome(.statusBar).attributes.contains(.reverse))
        XCTAssertTrue(RoleAppearance.monochrome(.header).attributes.contains(.bold))
        XCTAssertTrue(RoleAppearance.monochrome(.title).attributes.contains(.bold))
        XCTAssertTrue(RoleAppearance.monochrome(.dim).attributes.contains(.dim))
    }

    func testMonochromeUsesNoColourAtAll() {
        for role in Role.allCases {
            XCTAssertFalse(RoleAppearance.monochrome(role).usesColor, "\(role)")
        }
    }

    func testNormalIsTheTerminalsOwnColours() {
        XCTAssertEqual(RoleAppearance.colored(.normal), RoleAppearance())
    }

    func testSelectionStandsOutFromNormalTextInColour() {
        let selection = RoleAppearance.colored(.selection)
        XCTAssertTrue(selection.background != .terminalDefault || selection.attributes.contains(.reverse))
    }

    func testNoColorIsHonouredOnlyWhenNonEmpty() {
        XCTAssertTrue(ColorMode.noColorRequested(environment: ["NO_COLOR": "1"]))
        XCTAssertFalse(ColorMode.noColorRequested(environment: ["NO_COLOR": ""]))
        XCTAssertFalse(ColorMode.noColorRequested(environment: [:]))
    }
}
