import DocketModel
/// Terminal display width of text, in cells.
///
/// Never measure columns with `String.count`: a CJK ideograph or an emoji
/// takes two cells, a combining mark none. Widths follow Unicode's East Asian
/// Width (W and F are 2) and emoji presentation, like `wcwidth` in glibc.
public enum DisplayWidth {
    /// Width of one grapheme cluster: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        var w = of(first)
        if w == 1, scalars.count > 1, scalars.contains(where: { $0.value == 0xFE0F }),
           first.properties.isEmoji {
            w = 2  // text-default emoji made emoji-presentation by VS16
        }
        if w == 0, scalars.count > 1 {
            // A cluster led by a zero-width scalar: take the widest part.
            w = scalars.dropFirst().map(of).max() ?? 0
        }
        return w
    }

    /// Width of one scalar: 0 for combining marks and format characters,
    /// 2 for wide and full-width ones, 1 otherwise. Control characters are 0:
    /// they must have been sanitized away before drawing.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        if TextSanitizer.isUnsafe(scalar) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return 0
        default:
            break
        }
        if v == 0x200B || (v >= 0x1160 && v <= 0x11FF) { return 0 }
        if isWide(v) { return 2 }
        if scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Width of a string: the sum of its grapheme clusters' widths.
    /// - Complexity: O(n) in the number of characters.
    public static func of(_ string: some StringProtocol) -> Int {
        var total = 0
        for ch in string {
            if ch.isASCII { total += (ch.asciiValue.map { $0 >= 0x20 && $0 < 0x7F } ?? false) ? 1 : 0 } else { total += of(ch) }
        }
        return total
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC,
             0x23F0, 0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653,
             0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
             0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705,
             0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
             0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251,
             0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393,
             0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4,
             0x1F3F8...0x1F43E, 0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D,
             0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A, 0x1F595...0x1F596, 0x1F5A4,
             0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC, 0x1F6D0...0x1F6D2,
             0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC,
             0x1F7E0...0x1F7EB, 0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945,
             0x1F947...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The longest prefix of `string` that fits in `width` cells.
    public static func prefix(_ string: some StringProtocol, fitting width: Int) -> Substring {
        let s = Substring(string)
        var used = 0
        var end = s.startIndex
        for idx in s.indices {
            let w = of(s[idx])
            if used + w > width { break }
            used += w
            end = s.index(after: idx)
        }
        return s[s.startIndex..<end]
    }

    /// `string` clipped to `width` cells, ending in `…` when it was cut.
    public static func truncate(_ string: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(string) <= width { return string }
        return String(prefix(string, fitting: width - 1)) + "…"
    }

    /// `string` clipped or padded with spaces to exactly `width` cells.
    public static func pad(_ string: String, to width: Int, truncating: Bool = true) -> String {
        let t = truncating ? truncate(string, to: width) : string
        let w = of(t)
        return w >= width ? t : t + String(repeating: " ", count: width - w)
    }

    /// Right-aligns `string` in `width` cells.
    public static func padLeft(_ string: String, to width: Int) -> String {
        let t = truncate(string, to: width)
        let w = of(t)
        return w >= width ? t : String(repeating: " ", count: width - w) + t
    }
}
