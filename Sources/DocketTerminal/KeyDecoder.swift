@preconcurrency import CNcursesw
import DocketUI

/// Turns what `wget_wch` returns into a `Key`. Pure, so the whole table is
/// tested without a terminal.
public enum KeyDecoder {
    /// `wget_wch`'s status when `value` is a character (curses `OK`).
    public static var characterStatus: Int32 { docket_ok() }
    /// `wget_wch`'s status when `value` is a `KEY_*` code (`KEY_CODE_YES`).
    public static var keyCodeStatus: Int32 { docket_key_code_yes() }

    /// The key for one `wget_wch` result, or nil for anything that is not a
    /// key Docket understands (including curses' `ERR`, resize and mouse
    /// codes, which the terminal handles before asking).
    public static func decode(status: Int32, value: UInt32) -> Key? {
        switch status {
        case characterStatus: decodeCharacter(value)
        case keyCodeStatus: decodeKeyCode(Int32(truncatingIfNeeded: value))
        default: nil
        }
    }

    static func decodeCharacter(_ value: UInt32) -> Key? {
        switch value {
        case 8, 127: return .backspace
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 1...26:
            guard let letter = Unicode.Scalar(UInt32(0x60) + value) else { return nil }
            return .ctrl(Character(letter))
        case 0..<0x20, 0x80..<0xA0:
            // Ctrl-@ and Ctrl-\ ... Ctrl-_ and C1 controls: nothing binds them,
            // and they must never be echoed into a text field.
            return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    static func decodeKeyCode(_ code: Int32) -> Key? {
        let f0 = docket_key_f(0)
        // ncurses reserves 64 function keys; F13 and up are shifted F1...
        if code > f0, code <= f0 + 63 { return .function(Int(code - f0)) }
        switch code {
        case docket_key_up(): return .up
        case docket_key_down(): return .down
        case docket_key_left(): return .left
        case docket_key_right(): return .right
        // A1/C1/A3/C3 are the keypad's corners, which some terminals send
        // for Home/End/PageUp/PageDown.
        case docket_key_home(), docket_key_a1(): return .home
        case docket_key_end(), docket_key_c1(): return .end
        case docket_key_ppage(), docket_key_a3(): return .pageUp
        case docket_key_npage(), docket_key_c3(): return .pageDown
        case docket_key_enter(): return .enter
        case docket_key_backspace(): return .backspace
        case docket_key_btab(): return .backTab
        case docket_key_dc(): return .delete
        case docket_key_ic(): return .insert
        default: return nil
        }
    }
}
