@preconcurrency import CNcursesw
import DocketUI

/// Turns a curses mouse report into a `MouseEvent`. Pure, like `KeyDecoder`.
public enum MouseDecoder {
    /// The event for curses' button-state mask `buttonState` at cell (`x`,
    /// `y`), or nil for reports Docket ignores (other buttons, motion).
    public static func decode(buttonState: UInt32, x: Int, y: Int) -> MouseEvent? {
        let state = mmask_t(buttonState)
        let kind: MouseEvent.Kind
        if state & docket_button4_pressed() != 0 {
            kind = .wheelUp
        } else if state & docket_button5_pressed() != 0 {
            kind = .wheelDown
        } else if state & (docket_button1_pressed() | docket_button1_clicked()) != 0 {
            kind = .press
        } else if state & docket_button1_released() != 0 {
            kind = .release
        } else {
            return nil
        }
        return MouseEvent(kind: kind, x: x, y: y)
    }

    /// The reports `Terminal` asks curses for.
    static var wantedEvents: mmask_t {
        docket_button1_pressed() | docket_button1_released() | docket_button1_clicked()
            | docket_button4_pressed() | docket_button5_pressed()
    }
}
