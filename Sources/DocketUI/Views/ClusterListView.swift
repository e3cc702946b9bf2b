import DocketAnalysis
import DocketModel
import Foundation

/// The Clusters list: each cluster of the period with its tickets in the
/// period, how many are open, their summed activity, and P (pinned) or
/// H (hidden) marks.
public struct ClusterListView {
    public var clusters: [ClusterListing]
    public var cursor: ListCursor
    public var emptyMessage: String

    public init(clusters: [ClusterListing], cursor: ListCursor, emptyMessage: String) {
        self.clusters = clusters
        self.cursor = cursor
        self.emptyMessage = emptyMessage
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        buffer.fill(area)
        guard area.height > 0 else { return }
        let titleWidth = max(4, area.width - 2 - 1 - 7 - 1 - 1 - 7 - 1 - 5 - 1 - 8)
        let header = "   " + DisplayWidth.pad("Id", to: 7) + " " + DisplayWidth.pad("Title", to: titleWidth) + " "
            + DisplayWidth.padLeft("Tickets", to: 7) + " " + DisplayWidth.padLeft("Open", to: 5) + " " + DisplayWidth.padLeft("Activity", to: 8)
        buffer.headerRow(header, in: area)
        if clusters.isEmpty {
            buffer.emptyListMessage(emptyMessage, in: area)
            return
        }
        for line in 0..<(area.height - 1) {
            let i = cursor.scroll + line
            guard clusters.indices.contains(i) else { break }
            let l = clusters[i]
            let c = l.cluster
            let y = area.y + 1 + line
            let isSel = i == cursor.selected
            let base = isSel ? Style(.selection, bold: true) : (c.hidden ? Style(.dim) : Style.normal)
            if isSel { buffer.fill(area.row(1 + line), with: Cell(" ", style: base)) }
            var x = area.x
            let flags = (c.pinned ? "P" : " ") + (c.hidden ? "H" : " ")
            x += buffer.put(flags + " ", x: x, y: y, style: isSel ? base : Style(.accent, bold: true))
            x += buffer.put(DisplayWidth.pad(c.id, to: 7), x: x, y: y, style: isSel ? base : Style(.accent), maxWidth: 7) + 1
            x += buffer.put(DisplayWidth.pad(TextSanitizer.singleLine(c.title), to: titleWidth), x: x, y: y, style: base, maxWidth: titleWidth) + 1
            x += buffer.put(DisplayWidth.padLeft(String(c.members.count), to: 7), x: x, y: y, style: base, maxWidth: 7) + 1
            x += buffer.put(DisplayWidth.padLeft(String(l.open), to: 5), x: x, y: y, style: isSel ? base : Style(.open), maxWidth: 5) + 1
            buffer.put(DisplayWidth.padLeft(formatFixed(l.activity, decimals: 2), to: 8), x: x, y: y,
                       style: isSel ? base : Style(.activity), maxWidth: 8)
        }
    }
}
