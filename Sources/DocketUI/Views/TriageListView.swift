import DocketModel
import Foundation

/// The triage inbox: the period's tickets by activity, each with its
/// triage mark; done ones dimmed, so what is left stands out.
public struct TriageListView {
    public var rows: [TicketRow]
    public var done: [Bool]
    public var cursor: ListCursor
    public var emptyMessage: String

    public func render(in area: Rect, buffer: inout Buffer) {
        buffer.fill(area)
        guard area.height > 0 else { return }
        let titleWidth = max(4, area.width - 4 - 7 - 7 - 9 - 4)
        let header = "    " + DisplayWidth.padLeft("#", to: 6) + " " + DisplayWidth.pad("Title", to: titleWidth) + " "
            + DisplayWidth.pad("State", to: 6) + " " + DisplayWidth.padLeft("Activity", to: 8)
        buffer.headerRow(header, in: area)
        if rows.isEmpty {
            buffer.emptyListMessage(emptyMessage, in: area)
            return
        }
        for line in 0..<(area.height - 1) {
            let i = cursor.scroll + line
            guard rows.indices.contains(i) else { break }
            let r = rows[i]
            let y = area.y + 1 + line
            let isSel = i == cursor.selected
            let isDone = done.indices.contains(i) && done[i]
            let base = isSel ? Style(.selection, bold: true) : (isDone ? Style(.dim) : Style.normal)
            if isSel { buffer.fill(area.row(1 + line), with: Cell(" ", style: base)) }
            var x = area.x
            x += buffer.put(isDone ? "[x] " : "[ ] ", x: x, y: y, style: isSel ? base : (isDone ? Style(.dim) : Style(.accent)))
            x += buffer.put(DisplayWidth.padLeft(String(r.number), to: 6), x: x, y: y, style: base, maxWidth: 6) + 1
            x += buffer.put(DisplayWidth.pad(r.title, to: titleWidth), x: x, y: y, style: base, maxWidth: titleWidth) + 1
            x += buffer.put(DisplayWidth.pad(r.state.rawValue, to: 6), x: x, y: y, style: isSel || isDone ? base : Style(r.state == .open ? .open : .closed), maxWidth: 6) + 1
            buffer.put(DisplayWidth.padLeft(formatFixed(r.activity, decimals: 2), to: 8), x: x, y: y, style: base, maxWidth: 8)
        }
    }
}
