import DocketModel

/// The week's recommendations: each one's number, title and origin, its
/// text wrapped, and the clusters and tickets it cites.
public struct RecommendationsView {
    public var header: String
    /// nil while the generated ones are loading.
    public var items: [Recommendation]?
    public var cursor: ListCursor

    /// The lines of one recommendation at `width`: title line, text, what
    /// it cites, and a blank line to separate it from the next.
    /// - Complexity: O(n) in the length of its text.
    public static func lines(for r: Recommendation, number: Int, width: Int) -> [String] {
        let originWidth = 9
        let title = DisplayWidth.pad(" \(number). " + TextSanitizer.singleLine(r.title), to: max(1, width - originWidth - 2))
        var out = [title + "  " + DisplayWidth.padLeft(r.origin.rawValue, to: originWidth)]
        for piece in TextWrap.wrap(TextSanitizer.singleLine(r.text), width: max(1, width - 5)) { out.append("    " + piece) }
        let clusters = r.clusterIDs.isEmpty ? "no cluster" : (r.clusterIDs.count == 1 ? "cluster " : "clusters ")
            + r.clusterIDs.map(TextSanitizer.singleLine).joined(separator: ", ")
        let n = r.tickets.count
        out.append("    cites \(clusters) · \(n) ticket\(n == 1 ? "" : "s")")
        out.append("")
        return out
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        buffer.fill(area)
        guard area.height > 0 else { return }
        buffer.headerRow(header, in: area)
        guard let items else {
            buffer.put("Loading…", x: area.x + 1, y: area.y + 2, style: Style(.dim), maxWidth: area.width - 1)
            return
        }
        if items.isEmpty {
            buffer.put("No recommendations for this week: a adds one; [ and ] change the week.", x: area.x + 1,
                       y: area.y + 2, style: Style(.dim), maxWidth: area.width - 1)
            return
        }
        var y = area.y + 1
        var i = cursor.scroll
        while y < area.maxY, items.indices.contains(i) {
            let selected = i == cursor.selected
            let lines = Self.lines(for: items[i], number: i + 1, width: area.width)
            for (n, line) in lines.enumerated() where y < area.maxY {
                let style: Style
                switch n {
                case 0: style = selected ? Style(.selection, bold: true) : Style(.title, bold: true)
                case lines.count - 2: style = Style(.dim)
                default: style = .normal
                }
                if n == 0, selected { buffer.fill(area.row(y - area.y), with: Cell(" ", style: style)) }
                buffer.put(line, x: area.x, y: y, style: style, maxWidth: area.width)
                y += 1
            }
            i += 1
        }
    }
}

/// The report preview: the Markdown that `x` would write, as plain text.
public struct ReportView {
    public var header: String
    /// Sanitized lines; nil while the report is being built.
    public var lines: [String]?
    public var scroll: Int

    /// `lines` wrapped to the screen, one cell of margin on the left.
    public static func wrappedLines(_ lines: [String], width: Int) -> [String] {
        lines.flatMap { TextWrap.wrap($0, width: max(1, width - 1)) }
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        buffer.fill(area)
        guard area.height > 0 else { return }
        buffer.headerRow(header, in: area)
        guard let lines else {
            buffer.put("Building the report…", x: area.x + 1, y: area.y + 2, style: Style(.dim), maxWidth: area.width - 1)
            return
        }
        let wrapped = Self.wrappedLines(lines, width: area.width)
        for row in 1..<area.height {
            let i = scroll + row - 1
            guard wrapped.indices.contains(i) else { break }
            let line = wrapped[i]
            let style = line.hasPrefix("#") ? Style(.title, bold: true) : Style.normal
            buffer.put(line, x: area.x + 1, y: area.y + row, style: style, maxWidth: area.width - 1)
        }
    }
}
