import DocketAnalysis
import DocketModel
import Foundation

/// One cluster: its title, counts, summary, keywords and facets above,
/// then its members in the period (primary first, then related ones,
/// marked `~`), with `[*]` on those marked for a split.
public struct ClusterDetailView {
    /// The cluster as listed for the period; nil when it has no tickets in it any more.
    public var listing: ClusterListing?
    public var periodLabel: String
    public var members: [(key: TicketKey, related: Bool)]
    public var cursor: ListCursor
    /// Members marked for a split.
    public var marked: Set<TicketKey>
    /// A member's ticket (for its title and state).
    public var ticket: (TicketKey) -> Ticket?

    public init(listing: ClusterListing?, periodLabel: String, members: [(key: TicketKey, related: Bool)], cursor: ListCursor,
                marked: Set<TicketKey>, ticket: @escaping (TicketKey) -> Ticket?) {
        self.listing = listing
        self.periodLabel = periodLabel
        self.members = members
        self.cursor = cursor
        self.marked = marked
        self.ticket = ticket
    }

    /// The lines above the member list, wrapped to `width`.
    public func header(width: Int) -> [(String, Style)] {
        guard let l = listing else { return [] }
        let c = l.cluster
        let w = max(10, width - 2)
        var out: [(String, Style)] = []
        out.append((DisplayWidth.truncate("\(c.id) · " + TextSanitizer.singleLine(c.title), to: w), Style(.title, bold: true)))
        var facts = "\(c.members.count) ticket\(c.members.count == 1 ? "" : "s") in \(periodLabel) · \(l.open) open"
        facts += " · activity \(formatFixed(l.activity, decimals: 2))"
        if !c.related.isEmpty { facts += " · \(c.related.count) related" }
        if c.pinned { facts += " · pinned" }
        if c.hidden { facts += " · hidden" }
        out.append((DisplayWidth.truncate(facts, to: w), Style(.dim)))
        let summary = TextSanitizer.singleLine(c.summary)
        var wrapped = TextWrap.wrap("Summary: " + (summary.isEmpty ? "(none; e writes one)" : summary), width: w)
        if wrapped.count > 3 {
            wrapped = Array(wrapped.prefix(3))
            wrapped[2] = DisplayWidth.truncate(wrapped[2] + " …", to: w)
        }
        out += wrapped.map { ($0, Style.normal) }
        if !c.keywords.isEmpty {
            out.append((DisplayWidth.truncate("Keywords: " + c.keywords.map(TextSanitizer.singleLine).joined(separator: ", "), to: w), Style(.label)))
        }
        let facets = Self.facetLine(c.facets)
        if !facets.isEmpty { out.append((DisplayWidth.truncate(facets, to: w), Style(.accent))) }
        return out
    }

    /// "Platform: Windows 5, macOS 2 · Version: 4.2.1 3".
    static func facetLine(_ facets: [FacetCount]) -> String {
        var fields: [String] = []
        var parts: [String: [String]] = [:]
        for f in facets {
            if parts[f.field] == nil { fields.append(f.field) }
            parts[f.field, default: []].append("\(TextSanitizer.singleLine(f.value)) \(f.count)")
        }
        return fields.map { $0.prefix(1).uppercased() + $0.dropFirst() + ": " + (parts[$0] ?? []).joined(separator: ", ") }
            .joined(separator: " · ")
    }

    /// Rows of members that fit below the header (and the column header)
    /// on a screen of `width` x `height`.
    public func listHeight(width: Int, height: Int) -> Int {
        max(1, height - 2 - min(header(width: width).count, max(0, (height - 2) / 2)) - 1)
    }

    /// The member row drawn at screen line `y` (the body starts below the
    /// title bar), or nil when `y` is not on a member.
    public func memberRow(atY y: Int, width: Int, height: Int) -> Int? {
        let bodyHeight = height - 2
        let shown = min(header(width: width).count, max(0, bodyHeight / 2))
        let first = 1 + shown + 1
        let row = y - first + cursor.scroll
        guard y >= first, y < 1 + bodyHeight, members.indices.contains(row) else { return nil }
        return row
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        buffer.fill(area)
        guard listing != nil else {
            buffer.put("This cluster has no tickets in \(periodLabel) any more; Esc goes back.", x: area.x + 1, y: area.y + 1,
                       style: Style(.dim), maxWidth: area.width - 1)
            return
        }
        let head = header(width: area.width)
        let shown = min(head.count, max(0, area.height / 2))
        for (i, h) in head.prefix(shown).enumerated() {
            buffer.put(h.0, x: area.x + 1, y: area.y + i, style: h.1, maxWidth: area.width - 1)
        }
        let top = area.y + shown
        let titleWidth = max(4, area.width - 4 - 7 - 7 - 1)
        let columns = "    " + DisplayWidth.padLeft("#", to: 6) + " " + DisplayWidth.pad("Title", to: titleWidth) + " " + "State"
        let hstyle = Style(.header, bold: true)
        buffer.fill(Rect(x: area.x, y: top, width: area.width, height: 1), with: Cell(" ", style: hstyle))
        buffer.put(columns, x: area.x, y: top, style: hstyle, maxWidth: area.width)
        let cur = cursor
        for line in 0..<max(0, area.maxY - top - 1) {
            let i = cur.scroll + line
            guard members.indices.contains(i) else { break }
            let m = members[i]
            let y = top + 1 + line
            let isSel = i == cur.selected
            let t = ticket(m.key)
            let base = isSel ? Style(.selection, bold: true) : (m.related ? Style(.dim) : Style.normal)
            if isSel { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), with: Cell(" ", style: base)) }
            var x = area.x
            let mark = m.related ? " ~  " : (marked.contains(m.key) ? "[*] " : "[ ] ")
            x += buffer.put(mark, x: x, y: y, style: isSel ? base : Style(.accent))
            x += buffer.put(DisplayWidth.padLeft(String(m.key.number), to: 6), x: x, y: y, style: base, maxWidth: 6) + 1
            x += buffer.put(DisplayWidth.pad(t.map { TextSanitizer.singleLine($0.title) } ?? "", to: titleWidth), x: x, y: y,
                            style: base, maxWidth: titleWidth) + 1
            let state = t?.state ?? .open
            buffer.put(state.rawValue, x: x, y: y, style: isSel || m.related ? base : Style(state == .open ? .open : .closed),
                       maxWidth: max(0, area.maxX - x))
        }
    }
}
