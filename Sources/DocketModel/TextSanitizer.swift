/// Cleans untrusted ticket text before it reaches a terminal or a report.
///
/// Removes ANSI/VT escape sequences (CSI, OSC, and lone ESC pairs), C0/C1
/// control characters and bidirectional overrides, which could otherwise
/// move the cursor, retitle the terminal or reorder what the reader sees.
public enum TextSanitizer {
    /// One line of display text: escapes stripped, tabs and newlines become
    /// spaces, other controls are dropped.
    public static func singleLine(_ text: String) -> String {
        // Most titles and labels are printable ASCII, which needs no cleaning.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = String.UnicodeScalarView()
        var it = text.unicodeScalars.makeIterator()
        var pendingSpace = false
        while let s = it.next() {
            if s.value == 0x1B { skipEscape(&it); continue }
            if s.value == 0x09 || s.value == 0x0A || s.value == 0x0D || s.value == 0x2028 || s.value == 0x2029 {
                pendingSpace = true
                continue
            }
            if isUnsafe(s) { continue }
            if pendingSpace { if !out.isEmpty, out.last != " " { out.append(" ") }; pendingSpace = false }
            out.append(s)
        }
        return String(out)
    }

    /// Multi-line text: escapes stripped, `\r\n` and `\r` become `\n`, tabs
    /// expand to spaces, other controls are dropped. Returns the lines.
    public static func lines(_ text: String, tabWidth: Int = 4) -> [String] {
        var lines: [String] = []
        var cur = String.UnicodeScalarView()
        var it = text.unicodeScalars.makeIterator()
        var lastWasCR = false
        while let s = it.next() {
            if s.value == 0x1B { skipEscape(&it); lastWasCR = false; continue }
            if s.value == 0x0A {
                if !lastWasCR { lines.append(String(cur)); cur = String.UnicodeScalarView() }
                lastWasCR = false
                continue
            }
            lastWasCR = false
            if s.value == 0x0D || s.value == 0x2028 || s.value == 0x2029 {
                lines.append(String(cur)); cur = String.UnicodeScalarView()
                lastWasCR = s.value == 0x0D
                continue
            }
            if s.value == 0x09 {
                for _ in 0..<tabWidth { cur.append(" ") }
                continue
            }
            if isUnsafe(s) { continue }
            cur.append(s)
        }
        lines.append(String(cur))
        return lines
    }

    /// The one set of scalars that must never reach a terminal or a file
    /// as they are: C0 and C1 controls, DEL, the line and paragraph
    /// separators, bidi embeddings, overrides and isolates, and the byte
    /// order mark. The browser's cells, the line editor, display widths,
    /// theme names and the JSON writer all use this set; `BodyLayout`'s
    /// byte-level check is tested against it.
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (v >= 0x7F && v < 0xA0) || (v >= 0x2028 && v <= 0x202E)
            || (v >= 0x2066 && v <= 0x2069) || v == 0xFEFF
    }

    /// The longest OSC/DCS string skipped (terminal titles and hyperlinks are far shorter).
    static let maxControlString = 4_096

    /// Skips the rest of an escape sequence whose ESC was just read.
    private static func skipEscape(_ it: inout String.UnicodeScalarView.Iterator) {
        guard let next = it.next() else { return }
        switch next {
        case "[":  // CSI: parameters then one final byte 0x40-0x7E
            while let c = it.next() { if c.value >= 0x40 && c.value <= 0x7E { return } }
        case "]", "P", "X", "^", "_":  // OSC/DCS/SOS/PM/APC: until BEL or ST
            // Only a terminated string is skipped, within a line and a bound:
            // an unterminated `ESC ]` must not hide the rest of the text.
            var ahead = it
            var prevEsc = false
            var n = 0
            while let c = ahead.next(), n < maxControlString {
                n += 1
                if c.value == 0x07 || (prevEsc && c == "\\") { it = ahead; return }
                if c.value == 0x0A || c.value == 0x0D { return }
                prevEsc = c.value == 0x1B
            }
        default:
            return  // two-byte escape such as ESC c
        }
    }
}
