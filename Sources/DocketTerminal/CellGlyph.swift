/// What the backend writes for one buffer cell so that the terminal's idea
/// of character widths (libc `wcwidth`, which ncurses uses) never moves the
/// grid away from the buffer's (`DisplayWidth`).
struct CellGlyph: Equatable {
    /// A spacing scalar followed by at most four zero-width ones: what fits
    /// in one `cchar_t`.
    var scalars: [Unicode.Scalar]
    /// Blank columns to write after the glyph, when it is narrower than the
    /// columns the buffer gave it.
    var padding: Int

    /// Combining characters a `cchar_t` holds after its spacing character
    /// (ncurses' `CCHARW_MAX` is 5).
    static let maxCombining = 4

    /// Plans `symbol` into `columns` (1, or 2 for a cell followed by its
    /// continuation) given the terminal's width function.
    ///
    /// The symbol is drawn as is when the terminal agrees on its width. One
    /// narrower than its columns (a text-default emoji made wide by U+FE0F,
    /// which `wcwidth` counts as 1) is drawn without the selector and padded.
    /// Anything else (wider than its columns, or unprintable to libc) becomes
    /// `replacement` plus padding, so the following cells stay aligned.
    static func plan(
        _ symbol: String,
        columns: Int,
        replacement: Unicode.Scalar,
        terminalWidth: (Unicode.Scalar) -> Int
    ) -> CellGlyph {
        let columns = max(1, columns)
        let all = symbol.unicodeScalars
        guard let base = all.first else {
            return CellGlyph(scalars: [" "], padding: columns - 1)
        }
        let width = terminalWidth(base)
        guard width >= 1, width <= columns else {
            return CellGlyph(scalars: [replacement], padding: columns - 1)
        }
        var scalars = [base]
        for scalar in all.dropFirst() {
            // ncurses would stop at a second spacing character anyway (a ZWJ
            // sequence's next emoji); stop here so widths stay predictable.
            if scalars.count > maxCombining || terminalWidth(scalar) != 0 { break }
            // A ZWJ with nothing joined after it only confuses terminals.
            if scalar.value == 0x200D { continue }
            if width < columns, scalar.value == 0xFE0F { continue }
            scalars.append(scalar)
        }
        return CellGlyph(scalars: scalars, padding: columns - width)
    }
}
