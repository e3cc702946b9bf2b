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

    func testEachThemeColourHasItsOwnForeground() {
        let roles: [Role] = [.themeRed, .themeGreen, .themeYellow, .themeBlue, .themeMagenta, .themeCyan]
        let colors: [RoleAppearance.Color] = [.red, .green, .yellow, .blue, .magenta, .cyan]
        XCTAssertEqual(roles.map { RoleAppearance.colored($0).foreground }, colors)
        // In monochrome they are plain text: the colour's name is printed beside them.
        for r in roles { XCTAssertEqual(RoleAppearance.monochrome(r), RoleAppearance()) }
    }

    func testNoColorIsHonouredOnlyWhenNonEmpty() {
        XCTAssertTrue(ColorMode.noColorRequested(environment: ["NO_COLOR": "1"]))
        XCTAssertFalse(ColorMode.noColorRequested(environment: ["NO_COLOR": ""]))
        XCTAssertFalse(ColorMode.noColorRequested(environment: [:]))
    }
}
