import DocketModel
/// One terminal cell: a grapheme cluster and its style.
///
/// A wide character occupies its own cell plus a *continuation* cell to its
/// right, whose `symbol` is empty; backends skip continuation cells.
public struct Cell: Hashable, Sendable {
    public var symbol: String
    public var style: Style

    public init(_ symbol: String = " ", style: Style = .normal) {
        self.symbol = symbol
        self.style = style
    }

    public static let blank = Cell()
    public var isContinuation: Bool { symbol.isEmpty }
}

/// An in-memory grid of cells that views render into. Nothing here touches a
/// terminal: the backend diffs two buffers and draws the difference, and tests
/// compare a buffer's `lines` with literal text.
public struct Buffer: Equatable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Fills `rect` (clipped to the buffer) with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { cells[y * width + x] = cell }
        }
    }

    /// Sets the style of every cell in `rect`, keeping the symbols.
    public mutating func setStyle(_ rect: Rect, _ style: Style) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { cells[y * width + x].style = style }
        }
    }

    /// Writes `text` at (`x`, `y`), clipped to `maxWidth` cells and to the
    /// buffer. A wide character that would straddle the clip edge is replaced
    /// by a space. Control characters, which must never reach a terminal, are
    /// drawn as `�`.
    /// - Returns: the number of cells written.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, x + (maxWidth ?? width))
        var col = x
        var cut = false
        for ch in text {
            var symbol = String(ch)
            var w: Int
            if ch.isASCII, let a = ch.asciiValue, a >= 0x20, a < 0x7F {
                w = 1
            } else if ch.unicodeScalars.contains(where: { Self.isControl($0) }) {
                symbol = "\u{FFFD}"
                w = 1
            } else {
                w = DisplayWidth.of(ch)
                if w == 0 {
                    // A lone zero-width cluster: attach it to the previous cell.
                    if col > x, col - 1 >= 0, col - 1 < end {
                        var p = col - 1
                        while p > 0, cells[y * width + p].isContinuation { p -= 1 }
                        cells[y * width + p].symbol += symbol
                    }
                    continue
                }
            }
            if col < 0 { col += w; continue }
            if col + w > end { cut = true; break }
            cells[y * width + col] = Cell(symbol, style: style)
            if w == 2 { cells[y * width + col + 1] = Cell("", style: style) }
            col += w
        }
        guard cut else { return col - x }
        // Text cut at the edge ends in `…`, so a cut never reads as whole
        // ("#66" for #669); a wide character the `…` would halve, and the
        // cells left before the edge, become spaces.
        while col < end { cells[y * width + col] = Cell(" ", style: style); col += 1 }
        let last = end - 1
        guard last >= max(0, x) else { return end - x }
        if cells[y * width + last].isContinuation, last > 0 { cells[y * width + last - 1] = Cell(" ", style: style) }
        cells[y * width + last] = Cell("…", style: style)
        return end - x
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool { TextSanitizer.isUnsafe(s) }

    /// The text of each row, continuation cells skipped, trailing spaces kept.
    public var lines: [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width {
                let c = cells[y * width + x]
                if !c.isContinuation { s += c.symbol }
            }
            return s
        }
    }

    /// Rows as text with trailing spaces removed: what tests compare.
    public var trimmedLines: [String] {
        lines.map { line in
            var l = Substring(line)
            while l.last == " " { l = l.dropLast() }
            return String(l)
        }
    }

    /// Indexes (y * width + x) of cells that differ from `other`; all cells
    /// when the sizes differ. The backend draws only these.
    public func diff(from other: Buffer) -> [Int] {
        guard other.width == width, other.height == height else { return Array(cells.indices) }
        var changed: [Int] = []
        for i in cells.indices where cells[i] != other.cells[i] { changed.append(i) }
        return changed
    }

    /// Clears `box` and draws a single-line border around its edge: the
    /// frame of the popups (help, pickers).
    public mutating func drawBox(_ box: Rect, style: Style) {
        guard box.width >= 2, box.height >= 2 else { return }
        fill(box)
        let bar = String(repeating: "─", count: box.width - 2)
        put("┌" + bar + "┐", x: box.x, y: box.y, style: style)
        for y in (box.y + 1)..<(box.maxY - 1) {
            put("│", x: box.x, y: y, style: style)
            put("│", x: box.maxX - 1, y: y, style: style)
        }
        put("└" + bar + "┘", x: box.x, y: box.maxY - 1, style: style)
    }

    /// A list's column header: the row `y` of `area` in the header style.
    public mutating func headerRow(_ text: String, in area: Rect, y: Int? = nil) {
        let row = y ?? area.y
        let style = Style(.header, bold: true)
        fill(Rect(x: area.x, y: row, width: area.width, height: 1), with: Cell(" ", style: style))
        put(text, x: area.x, y: row, style: style, maxWidth: area.width)
    }

    /// What an empty list says, dimmed, under its header.
    public mutating func emptyListMessage(_ text: String, in area: Rect) {
        put(text, x: area.x + 1, y: area.y + 2, style: Style(.dim), maxWidth: area.width - 1)
    }
}
