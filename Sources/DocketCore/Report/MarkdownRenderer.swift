import Foundation

/// Renders a report as Markdown in the seeds' format, line for line.
public enum MarkdownRenderer {
    public static func render(_ r: Report) -> String {
        var out = "# Support Ticket Report\n"
        out += "- Generated: \(Timestamp.reportFormat(r.generatedAt, in: r.period.zone))\n"
        out += "- Period: \(r.period.first) to \(r.period.last)\n"
        out += "\n## Summary\n"
        out += "- **Total Tickets:** \(r.totalTickets)\n"
        out += "- **Resolved:** \(r.resolved)\n"
        out += "- **Open:** \(r.open)\n"
        out += "\n## 5 Most Active Tickets\n"
        out += "| Issue # | Title | Activity Level |\n"
        out += "|---------|-------|----------------|\n"
        for row in r.mostActive {
            out += "| \(link(row.number, row.url)) | \(MarkdownEscape.tableCell(row.title)) | \(formatFixed(row.activity, decimals: 2)) |\n"
        }
        return out
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

    /// One line of inert inline text.
    public static func inline(_ text: String) -> String {
        let line = TextSanitizer.singleLine(text).trimmedWS()
        var out = ""
        out.reserveCapacity(line.utf8.count + 8)
        for ch in line {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#":
                out.append("\\")
                out.append(ch)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default: out.append(ch)
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
