import Foundation

/// Renders a report as Markdown in the seeds' format, line for line, then
/// (unless `plain`) Docket's own sections after the seeds' ones.
public enum MarkdownRenderer {
    public static func render(_ r: Report, plain: Bool = false) -> String {
        var out = "# Support Ticket Report\n"
        out += "- Generated: \(Timestamp.reportFormat(r.generatedAt, in: r.period.zone))\n"
        out += "- Period: \(r.period.first) to \(r.period.last)\n"
        out += "\n## Summary\n"
        out += "- **Total Tickets:** \(r.totalTickets)\n"
        out += "- **Resolved:** \(r.resolved)\n"
        out += "- **Open:** \(r.open)\n"
        out += "\n## 5 Most Active Tickets\n"
        // A seeds' section stays when empty, but never as a header-only table.
        if r.mostActive.isEmpty { out += "No tickets were active in this period.\n" } else {
            out += "| Issue # | Title | Activity Level |\n"
            out += "|---------|-------|----------------|\n"
        }
        for row in r.mostActive {
            out += "| \(link(row.number, row.url)) | \(MarkdownEscape.tableCell(row.title)) | \(formatFixed(row.activity, decimals: 2)) |\n"
        }
        out += "\n## Common Issues\n"
        if r.commonIssues.isEmpty { out += "No common issues in this period.\n\n" }
        for (n, issue) in r.commonIssues.enumerated() {
            out += "### \(n + 1). \(MarkdownEscape.inline(issue.title))\n"
            let summary = MarkdownEscape.paragraph(issue.summary)
            out += (summary.isEmpty ? "\(issue.frequency) tickets in this period." : summary) + "\n"
            out += "\n**Related Issues:**\n"
            for row in issue.related.prefix(ReportBuilder.maxRelated) {
                out += "- \(link(row.number, row.url)): \(MarkdownEscape.inline(row.title))\n"
            }
            if issue.related.count > ReportBuilder.maxRelated {
                out += "- and \(issue.related.count - ReportBuilder.maxRelated) more\n"
            }
            out += "\n"
        }
        out += "\n## Recommendations\n"
        if r.recommendations.isEmpty { out += "No recommendations for this period.\n" }
        for rec in r.recommendations {
            let title = MarkdownEscape.inline(rec.title), text = MarkdownEscape.inline(rec.text)
            out += title.isEmpty ? "- \(text)\n" : "- **\(title):** \(text)\n"
        }
        if r.kind == .weekly {
            out += "\n## Daily Reports\n"
            if !r.dailyReports.isEmpty { out += "Here are the daily reports for this week:\n\n" }
            for path in r.dailyReports {
                let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                // Docket names these files itself (report_HHMMSS): written as the seeds write them.
                let plainName = name.hasPrefix("report_") && name.dropFirst(7).allSatisfy(\.isNumber)
                out += "- [\(plainName ? name : MarkdownEscape.inline(name))](\(MarkdownEscape.relativeLink(path)))\n"
            }
            if r.dailyReports.isEmpty { out += "No daily reports were written for this week.\n" }
        }
        if !plain { out += extras(r) }
        return out
    }

    /// Docket's sections beyond the seeds'. Each is left out when it has
    /// nothing to show: no table without rows, no line without a figure.
    static func extras(_ r: Report) -> String {
        var out = ""
        let tables = [table("Label", r.byLabel), table("Theme", r.byTheme)].compactMap { $0 }
        if !tables.isEmpty { out += "\n## Breakdown\n" + tables.joined(separator: "\n") }
        let times = [
            duration("Median first response", r.medianFirstResponse, over: r.firstResponseCount, "new tickets answered"),
            duration("Median time to close", r.medianTimeToClose, over: r.closedCount, "tickets closed"),
        ].compactMap { $0 }
        if !times.isEmpty { out += "\n## Response Times\n" + times.joined() }
        if r.flow != .none || r.previousFlow != .none {
            out += "\n## Compared With the Previous Period\n"
            out += "| | \(r.period.first) to \(r.period.last) | \(r.period.previous.first) to \(r.period.previous.last) |\n"
            out += "|-|-|-|\n"
            // Closed and Resolved differ (a ticket closed before the period and
            // commented in it is resolved, not closed in it): each says what it counts.
            out += "| New (opened in the period) | \(r.flow.new) | \(r.previousFlow.new) |\n"
            out += "| Closed in the period | \(r.flow.closed) | \(r.previousFlow.closed) |\n"
            out += "| Resolved (closed by the period's end, any time) | \(r.flow.resolved) | \(r.previousFlow.resolved) |\n"
            out += "| Open (not resolved by the period's end) | \(r.flow.stillOpen) | \(r.previousFlow.stillOpen) |\n"
        }
        if r.kind == .weekly, r.dailyVolume.contains(where: { $0.tickets > 0 }) {
            out += "\n## Daily Volume\n"
            out += "`\(sparkline(r.dailyVolume.map(\.tickets)))` "
            out += r.dailyVolume.map { "\(weekdayName($0.day)) \($0.tickets)" }.joined(separator: ", ") + "\n"
        }
        return out
    }

    /// A breakdown table, or nil when no ticket has such a category.
    static func table(_ name: String, _ rows: [Report.Breakdown]) -> String? {
        guard !rows.isEmpty else { return nil }
        var out = "| \(name) | Received | Resolved | Pending |\n|---|---|---|---|\n"
        for b in rows { out += "| \(MarkdownEscape.tableCell(b.category)) | \(b.received) | \(b.resolved) | \(b.pending) |\n" }
        return out
    }

    /// "- **Median time to close:** 3h 20m (over 5 tickets closed)", or nil
    /// when there is no such time in the period.
    static func duration(_ label: String, _ t: TimeInterval?, over n: Int, _ what: String) -> String? {
        guard let t else { return nil }
        return "- **\(label):** " + humanDuration(t) + " (over \(n) \(what))\n"
    }

    /// 45s, 12m, 3h 20m, 2d 4h.
    public static func humanDuration(_ t: TimeInterval) -> String {
        let s = Int(t.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86400 { return "\(s / 3600)h \(s % 3600 / 60)m" }
        return "\(s / 86400)d \(s % 86400 / 3600)h"
    }

    static func sparkline(_ xs: [Int]) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        let top = max(1, xs.max() ?? 1)
        return String(xs.map { $0 == 0 ? " " : bars[min(7, ($0 * 8 - 1) / top)] })
    }

    static func weekdayName(_ d: CivilDate) -> String {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.weekday - 1]
    }

    /// `[#685](https://github.com/owner/repo/issues/685)`; a bare `#685`
    /// when the ticket has no usable URL.
    static func link(_ number: Int, _ url: String) -> String {
        guard let u = MarkdownEscape.safeURL(url) else { return "#\(number)" }
        return "[#\(number)](\(u))"
    }
}

/// Escaping of untrusted text (ticket titles) for Markdown.
public enum MarkdownEscape {
    /// Text safe inside a GFM table cell: one line, control characters and
    /// escape sequences removed, Markdown and HTML syntax neutralised.
    public static func tableCell(_ text: String) -> String {
        inline(text)
    }

    /// One line of inert inline text: Markdown and HTML syntax escaped, and
    /// nothing a GFM renderer would turn into a link (bare URLs, `www.`
    /// names and e-mail addresses are defused; only Docket's own links remain).
    public static func inline(_ text: String) -> String {
        let chars = Array(TextSanitizer.singleLine(text).trimmedWS())
        let emails = emailRuns(chars)
        var out = ""
        out.reserveCapacity(chars.count + 8)
        var i = 0
        while i < chars.count {
            if let end = emails[i] {
                // GFM links e-mail addresses found in text whatever is escaped;
                // a code span is the one place it does not look.
                out += "`" + String(chars[i..<end]) + "`"
                i = end
                continue
            }
            let ch = chars[i]
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#":
                out.append("\\")
                out.append(ch)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case ":" where i + 2 < chars.count && chars[i + 1] == "/" && chars[i + 2] == "/":
                out += "\\:"  // http://... is not autolinked once the colon is escaped
            case "." where i >= 3 && String(chars[(i - 3)..<i]).lowercased() == "www"
                && (i == 3 || !(chars[i - 4].isLetter || chars[i - 4].isNumber)):
                out += "\\."  // nor www.example.com once its dot is
            default: out.append(ch)
            }
            i += 1
        }
        return out
    }

    /// Inline text that starts a paragraph: also escapes what would make the
    /// line a list item, a heading underline or a thematic break.
    public static func paragraph(_ text: String) -> String {
        var s = inline(text)
        if let f = s.first, "-+=".contains(f) { s = "\\" + s }
        var digits = s.prefix { $0.isNumber }
        if !digits.isEmpty, digits.count <= 9 {
            let rest = s.dropFirst(digits.count)
            if let d = rest.first, d == "." || d == ")" {
                digits.append("\\")
                s = String(digits) + rest
            }
        }
        return s
    }

    /// Ranges of text GFM would read as an e-mail address (`a.b@c.d`), keyed
    /// by their start, valued by their end.
    static func emailRuns(_ chars: [Character]) -> [Int: Int] {
        func local(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || ".+-_".contains(c)) }
        func domain(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || ".-_".contains(c)) }
        var out: [Int: Int] = [:]
        for (i, c) in chars.enumerated() where c == "@" {
            var a = i
            while a > 0, local(chars[a - 1]) || chars[a - 1] == ":" { a -= 1 }
            var b = i + 1
            while b < chars.count, domain(chars[b]) { b += 1 }
            guard a < i, b > i + 1, chars[(i + 1)..<b].contains(".") else { continue }
            if let prev = out.first(where: { $0.key <= a && $0.value > a }) { out[prev.key] = max(prev.value, b) } else { out[a] = b }
        }
        return out
    }

    /// A relative link target Docket made itself (`daily/2025-04-15/report_210637.md`),
    /// with anything that could end the link percent-encoded.
    public static func relativeLink(_ path: String) -> String {
        var out = ""
        for ch in path {
            if ch.isLetter || ch.isNumber || "/._-".contains(ch) { out.append(ch) } else {
                for b in String(ch).utf8 { out += String(format: "%%%02X", b) }
            }
        }
        return out
    }

    /// The URL if it is an http(s) URL without characters that would end a
    /// Markdown link early; nil otherwise.
    public static func safeURL(_ url: String) -> String? {
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else { return nil }
        guard !url.contains(where: { $0 == " " || $0 == ")" || $0 == "(" || $0 == "<" || $0 == ">" || $0.isNewline || $0 == "\"" }) else { return nil }
        return url
    }
}
