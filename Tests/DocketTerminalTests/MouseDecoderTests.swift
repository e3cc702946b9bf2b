import DocketTerminal
import DocketUI
import XCTest

/// Masks follow curses.h (mouse version 2): button b's event e is e << ((b-1)*5),
/// with RELEASED 1, PRESSED 2, CLICKED 4.
final class MouseDecoderTests: XCTestCase {
    private func mask(button: Int, event: UInt32) -> UInt32 { event << UInt32((button - 1) * 5) }

    func testLeftButtonPressReleaseAndClick() {
        XCTAssertEqual(MouseDecoder.decode(buttonState: mask(button: 1, event: 2), x: 3, y: 4),
                       MouseEvent(kind: .press, x: 3, y: 4))
        XCTAssertEqual(MouseDecoder.decode(buttonState: mask(button: 1, event: 1), x: 0, y: 0),
                       MouseEvent(kind: .release, x: 0, y: 0))
        XCTAssertEqual(MouseDecoder.decode(buttonState: mask(button: 1, event: 4), x: 7, y: 1),
                       MouseEvent(kind: .press, x: 7, y: 1))
    }

    func testWheelIsButtonsFourAndFive() {
        XCTAssertEqual(MouseDecoder.decode(buttonState: mask(button: 4, event: 2), x: 1, y: 2),
                       MouseEvent(kind: .wheelUp, x: 1, y: 2))
        XCTAssertEqual(MouseDecoder.decode(buttonState: mask(button: 5, event: 2), x: 1, y: 2),
                       MouseEvent(kind: .wheelDown, x: 1, y: 2))
    }

    func testOtherButtonsAreIgnored() {
        XCTAssertNil(MouseDecoder.decode(buttonState: mask(button: 2, event: 2), x: 0, y: 0))
        XCTAssertNil(MouseDecoder.decode(buttonState: mask(button: 3, event: 2), x: 0, y: 0))
        XCTAssertNil(MouseDecoder.decode(buttonState: 0, x: 0, y: 0))
    }
}
