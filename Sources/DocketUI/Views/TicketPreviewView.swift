import DocketModel
import Foundation

/// The selected ticket beside the list on wide terminals: title, facts,
/// labels and themes, then as much of the body as fits. Sanitized here,
/// like every view that shows ticket text.
public struct TicketPreviewView {
    public var ticket: Ticket?
    public var themes: [String]

    public init(ticket: Ticket?, themes: [String] = []) {
        self.ticket = ticket
        self.themes = themes
    }

    /// The lines for a pane of `width` columns (border excluded), at most `limit`.
    /// - Complexity: O(limit × width): only the start of the body is wrapped.
    public func lines(width: Int, limit: Int) -> [TicketDetailView.Line] {
        guard let t = ticket, width > 0, limit > 0 else { return [] }
        var out: [TicketDetailView.Line] = []
        func add(_ text: String, _ style: Style = .normal) {
            for piece in TextWrap.wrap(text, width: width) where out.count < limit {
                out.append(TicketDetailView.Line(text: piece, style: style, indent: 0))
            }
        }
        add(t.key.label + " " + TextSanitizer.singleLine(t.title), Style(.title, bold: true))
        var facts = t.state.rawValue
        if let r = t.stateReason { facts += " (\(TextSanitizer.singleLine(r)))" }
        facts += " · by \(t.author.isEmpty ? "unknown" : TextSanitizer.singleLine(t.author))"
        add(facts, Style(t.state == .open ? .open : .closed))
        add("opened \(CivilDate(t.createdAt, in: .utc)) · updated \(CivilDate(t.updatedAt, in: .utc)) · \(t.knownCommentCount) comments",
            Style(.dim))
        if !t.labels.isEmpty { add("Labels: " + TextSanitizer.singleLine(t.labels.joined(separator: ", ")), Style(.label)) }
        if !themes.isEmpty { add("Themes: " + TextSanitizer.singleLine(themes.joined(separator: ", ")), Style(.accent)) }
        out.append(TicketDetailView.Line(text: "", style: .normal, indent: 0))
        // Enough of the body for the pane; a huge body is not wrapped whole.
        let body = String(t.body.prefix(limit * width * 2))
        let lines = TextSanitizer.lines(body).drop { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        if lines.isEmpty { add("(no description)", Style(.dim)) }
        for l in lines where out.count < limit { add(l) }
        return Array(out.prefix(limit))
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        buffer.fill(area)
        guard area.width > 2, area.height > 0 else { return }
        let border = Style(.dim)
        for y in area.y..<area.maxY { buffer.put("│", x: area.x, y: y, style: border) }
        let inner = Rect(x: area.x + 2, y: area.y, width: area.width - 3, height: area.height)
        guard ticket != nil else {
            buffer.put("No ticket selected.", x: inner.x, y: inner.y + 1, style: Style(.dim), maxWidth: inner.width)
            return
        }
        for (i, l) in lines(width: inner.width, limit: inner.height).enumerated() {
            buffer.put(l.text, x: inner.x, y: inner.y + i, style: l.style, maxWidth: inner.width)
        }
    }
}
