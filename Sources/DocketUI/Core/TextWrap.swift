/// Word wrapping by display width.
public enum TextWrap {
    /// Splits `line` into pieces of at most `width` cells, breaking at the
    /// last space when there is one in the second half of the piece, else
    /// mid-word (long log lines and CJK text have no spaces).
    /// - Complexity: O(n) in the line's characters.
    public static func wrap(_ line: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        if line.isEmpty { return [""] }
        var out: [String] = []
        var current: [Character] = []
        var currentWidth = 0
        var lastSpace: Int?  // index in `current` after which we may break
        var widthAtSpace = 0
        for ch in line {
            let w = ch.isASCII ? 1 : DisplayWidth.of(ch)
            if currentWidth + w > width {
                if let s = lastSpace, s > 0, widthAtSpace * 2 >= width {
                    out.append(String(current[..<s]))
                    let rest = Array(current[(s + 1)...])
                    current = rest
                    currentWidth = DisplayWidth.of(String(rest))
                } else {
                    out.append(String(current))
                    current = []
                    currentWidth = 0
                }
                lastSpace = nil
            }
            if ch == " " {
                lastSpace = current.count
                widthAtSpace = currentWidth
            }
            current.append(ch)
            currentWidth += w
        }
        out.append(String(current))
        return out
    }
}
