import DocketModel
import Foundation

/// The ranked ticket list: number, title, state, labels, activity, updated.
public struct TicketListView {
    public var rows: [TicketRow]
    public var selected: Int
    public var scroll: Int
    /// What to say when there are no rows.
    public var emptyMessage: String
    /// Indexes (into the state's tickets) of marked tickets, drawn with `*`.
    public var marked: Set<Int> = []

    public init(rows: [TicketRow], selected: Int, scroll: Int, emptyMessage: String = "No tickets in this period.") {
        self.rows = rows
        self.selected = selected
        self.scroll = scroll
        self.emptyMessage = emptyMessage
    }

    struct Columns {
        var number = 6, title = 0, state = 6, labels = 0, activity = 8, updated = 10
    }

    /// Column widths for a total width: the title takes what is left; labels
    /// appear only when there is room for a useful title beside them.
    static func columns(width: Int, numberWidth: Int = 6) -> Columns {
        var c = Columns()
        // Jira keys (PROJ-123) are wider than numbers; at most a fifth of the line.
        c.number = max(6, min(numberWidth, width / 5))
        let fixed = c.number + c.state + c.activity + c.updated + 5  // separators
        var rest = width - fixed
        if rest >= 40 {
            c.labels = min(18, max(10, rest / 4))
            rest -= c.labels + 1
        }
        c.title = max(4, rest)
        return c
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        buffer.fill(area)
        guard area.height > 0 else { return }
        let c = Self.columns(width: area.width, numberWidth: rows.map { DisplayWidth.of($0.numberLabel) }.max() ?? 6)
        var header = DisplayWidth.padLeft("#", to: c.number) + " " + DisplayWidth.pad("Title", to: c.title) + " "
            + DisplayWidth.pad("State", to: c.state) + " "
        if c.labels > 0 { header += DisplayWidth.pad("Labels", to: c.labels) + " " }
        header += DisplayWidth.padLeft("Activity", to: c.activity) + " " + DisplayWidth.pad("Updated", to: c.updated)
        buffer.headerRow(header, in: area)
        if rows.isEmpty {
            buffer.emptyListMessage(emptyMessage, in: area)
            return
        }
        for line in 0..<(area.height - 1) {
            let i = scroll + line
            guard rows.indices.contains(i) else { break }
            let r = rows[i]
            let y = area.y + 1 + line
            let isSel = i == selected
            let base = isSel ? Style(.selection, bold: true) : Style.normal
            if isSel { buffer.fill(area.row(1 + line), with: Cell(" ", style: base)) }
            var x = area.x
            x += buffer.put(DisplayWidth.padLeft(r.numberLabel, to: c.number), x: x, y: y, style: isSel ? base : Style(.accent), maxWidth: c.number) + 1
            // The number column is right-aligned, so its first cell is free for the mark.
            if marked.contains(r.index) { buffer.put("*", x: area.x, y: y, style: isSel ? base : Style(.accent, bold: true)) }
            x += buffer.put(DisplayWidth.pad(r.title, to: c.title), x: x, y: y, style: base, maxWidth: c.title) + 1
            let stateStyle = isSel ? base : Style(r.state == .open ? .open : .closed)
            x += buffer.put(DisplayWidth.pad(r.state.rawValue, to: c.state), x: x, y: y, style: stateStyle, maxWidth: c.state) + 1
            if c.labels > 0 {
                x += buffer.put(DisplayWidth.pad(r.labels, to: c.labels), x: x, y: y, style: isSel ? base : Style(.label), maxWidth: c.labels) + 1
            }
            x += buffer.put(DisplayWidth.padLeft(formatFixed(r.activity, decimals: 2), to: c.activity), x: x, y: y, style: isSel ? base : Style(.activity), maxWidth: c.activity) + 1
            buffer.put(CivilDate(r.updated, in: .utc).description, x: x, y: y, style: isSel ? base : Style(.dim), maxWidth: c.updated)
        }
    }
}
