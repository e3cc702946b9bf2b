import DocketAnalysis
import DocketModel
import Foundation

/// One ticket: title, facts, activity breakdown, issue-form fields, body and
/// comments, as scrollable lines. All ticket text is sanitized here.
public struct TicketDetailView {
    public struct Line: Equatable {
        public var text: String
        public var style: Style
        public var indent: Int
    }

    public var ticket: Ticket
    public var annotation: TicketAnnotation
    /// The cluster the ticket is in, and those it is related to.
    public var primaryCluster: CuratedCluster?
    public var relatedClusters: [CuratedCluster]
    /// Its activity in the period, term by term.
    public var activity: ActivityBreakdown
    public var periodLabel: String

    public init(ticket: Ticket, annotation: TicketAnnotation, primaryCluster: CuratedCluster?, relatedClusters: [CuratedCluster],
                activity: ActivityBreakdown, periodLabel: String) {
        self.ticket = ticket
        self.annotation = annotation
        self.primaryCluster = primaryCluster
        self.relatedClusters = relatedClusters
        self.activity = activity
        self.periodLabel = periodLabel
    }

    /// The ticket's content wrapped to `width`.
    public func lines(width: Int) -> [Line] {
        let t = ticket
        let ann = annotation
        let w = max(10, width - 2)
        var out: [Line] = []
        func add(_ text: String, _ style: Style = .normal, indent: Int = 0) {
            for piece in TextWrap.wrap(text, width: max(1, w - indent)) {
                out.append(Line(text: piece, style: style, indent: indent))
            }
        }
        func section(_ title: String) {
            out.append(Line(text: "", style: .normal, indent: 0))
            let bar = "── " + title + " "
            out.append(Line(text: bar + String(repeating: "─", count: max(0, w - DisplayWidth.of(bar))), style: Style(.header, bold: true), indent: 0))
        }
        add(t.key.label + " " + TextSanitizer.singleLine(t.title), Style(.title, bold: true))
        var facts = "\(t.state.rawValue)"
        if let r = t.stateReason { facts += " (\(TextSanitizer.singleLine(r)))" }
        facts += " · by \(t.author.isEmpty ? "unknown" : TextSanitizer.singleLine(t.author))"
        facts += " · opened \(Timestamp.reportFormat(t.createdAt, in: .utc))"
        facts += " · updated \(Timestamp.reportFormat(t.updatedAt, in: .utc))"
        if let c = t.closedAt { facts += " · closed \(Timestamp.reportFormat(c, in: .utc))" }
        add(facts, Style(t.state == .open ? .open : .closed))
        if !t.labels.isEmpty { add("Labels: " + TextSanitizer.singleLine(t.labels.joined(separator: ", ")), Style(.label)) }
        if !t.assignees.isEmpty { add("Assignees: " + TextSanitizer.singleLine(t.assignees.joined(separator: ", "))) }
        if !ann.themes.isEmpty { add("Themes: " + TextSanitizer.singleLine(ann.themes.joined(separator: ", ")), Style(.accent)) }
        let (primary, related) = (primaryCluster, relatedClusters)
        if let c = primary {
            var line = "Cluster: \(c.id) " + TextSanitizer.singleLine(c.title) + (c.hidden ? " (hidden)" : "")
            if !related.isEmpty { line += " · related to " + related.map(\.id).joined(separator: ", ") }
            add(line, Style(.accent))
        } else if !related.isEmpty {
            add("Related to clusters: " + related.map(\.id).joined(separator: ", "), Style(.accent))
        }
        add("Comments: \(t.knownCommentCount) · Reactions: \(t.reactions) · \(TextSanitizer.singleLine(t.url))", Style(.dim))

        let b = activity
        section("Activity \(formatFixed(b.score, decimals: 2)) for \(periodLabel)")
        for term in b.terms where abs(term.points) >= 0.005 {
            add("\(DisplayWidth.pad(term.name, to: 30)) \(DisplayWidth.padLeft(formatFixed(term.count, decimals: 2), to: 6)) × \(formatFixed(term.weight, decimals: 2)) = \(DisplayWidth.padLeft(formatFixed(term.points, decimals: 2), to: 6))", indent: 1)
        }

        // A body or comment past `shownBytes` is shown up to there, with a
        // note: every frame lays the text out again, and a 50 MB body took
        // seconds a key.
        let body = Self.shown(t.bodyText)
        func more(_ full: LazyText, _ shown: String) {
            guard full.byteCount > Self.shownBytes else { return }
            let rest = max(0, full.byteCount - shown.utf8.count)
            add("… about \(Self.byteCount(rest)) more not shown here; the whole text is at the ticket's URL and in `docket tickets --json`",
                Style(.dim), indent: 1)
        }
        let form = IssueForm(body: body)
        let short = form.fields.filter { !$0.value.contains("\n") && DisplayWidth.of($0.value) <= 60 }
        let long = form.fields.filter { $0.value.contains("\n") || DisplayWidth.of($0.value) > 60 }
        if !short.isEmpty {
            section("Fields")
            let labelWidth = min(28, short.map { DisplayWidth.of(TextSanitizer.singleLine($0.heading)) }.max() ?? 0)
            for f in short {
                add(DisplayWidth.pad(TextSanitizer.singleLine(f.heading), to: labelWidth) + "  " + TextSanitizer.singleLine(f.value), indent: 1)
            }
        }
        if !form.preamble.isEmpty || form.fields.isEmpty {
            section("Description")
            let text = form.fields.isEmpty ? body : form.preamble
            if text.isEmpty { add("(no description)", Style(.dim), indent: 1) }
            for l in TextSanitizer.lines(text) { add(l, indent: 1) }
            if form.fields.isEmpty { more(t.bodyText, body) }
        }
        for f in long {
            section(TextSanitizer.singleLine(f.heading))
            for l in TextSanitizer.lines(f.value) { add(l, indent: 1) }
        }
        if !form.fields.isEmpty { more(t.bodyText, body) }
        section("Comments (\(t.knownCommentCount))")
        if t.comments.isEmpty {
            add(t.commentCount > 0 ? "\(t.commentCount) comments on the tracker; import the comments endpoint to see them here." : "No comments.", Style(.dim), indent: 1)
        }
        for c in t.comments {
            add("\(TextSanitizer.singleLine(c.author))\(c.authorIsBot ? " (bot)" : "") · \(Timestamp.reportFormat(c.createdAt, in: .utc))", Style(.accent, bold: true), indent: 1)
            let shown = Self.shown(c.bodyText)
            for l in TextSanitizer.lines(shown) { add(l, indent: 3) }
            more(c.bodyText, shown)
            out.append(Line(text: "", style: .normal, indent: 0))
        }
        return out
    }

    /// How much of one body or comment the ticket screen lays out.
    public static let shownBytes = 256 * 1024

    /// `text` up to `shownBytes`, cut at a line break; a longer undecoded
    /// text is decoded only a little past that (escapes make the encoded
    /// form longer than the text).
    static func shown(_ text: LazyText) -> String {
        guard text.byteCount > shownBytes else { return text.value }
        return TextBound.read(text.prefix(shownBytes + 4096), limit: shownBytes)
    }

    /// "1.2 MB", "340 KB", "900 bytes".
    static func byteCount(_ n: Int) -> String {
        if n >= 1_000_000 { return formatFixed(Double(n) / 1_000_000, decimals: 1) + " MB" }
        if n >= 1_000 { return "\(n / 1_000) KB" }
        return "\(n) bytes"
    }

    /// Draws already wrapped `lines` from `scroll` on.
    public static func render(_ lines: [Line], scroll: Int, in area: Rect, buffer: inout Buffer) {
        buffer.fill(area)
        for row in 0..<area.height {
            let i = scroll + row
            guard lines.indices.contains(i) else { break }
            let l = lines[i]
            buffer.put(l.text, x: area.x + 1 + l.indent, y: area.y + row, style: l.style, maxWidth: area.width - 1 - l.indent)
        }
    }
}
