import DocketModel
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
            out += "| \(link(row.label, row.url)) | \(MarkdownEscape.tableCell(row.title)) | \(formatFixed(row.activity, decimals: 2)) |\n"
        }
        out += "\n## Common Issues\n"
        if r.commonIssues.isEmpty { out += "No common issues in this period.\n\n" }
        for (n, issue) in r.commonIssues.enumerated() {
            out += "### \(n + 1). \(MarkdownEscape.inline(issue.title))\n"
            let summary = MarkdownEscape.paragraph(issue.summary)
            out += (summary.isEmpty ? "\(issue.frequency) tickets in this period." : summary) + "\n"
            out += "\n**Related Issues:**\n"
            for row in issue.related {
                out += "- \(link(row.label, row.url)): \(MarkdownEscape.inline(row.title))\n"
            }
            out += "\n"
        }
        out += "\n## Recommendations\n"
        if r.recommendations.isEmpty { out += "No recommendations for this period.\n" }
        for rec in r.recommendations {
            let title = MarkdownEscape.inlineKeepingCode(rec.title)
            // Without a title the text starts the list item's paragraph.
            out += title.isEmpty ? "- \(MarkdownEscape.paragraph(rec.text))\n" : "- **\(title):** \(MarkdownEscape.inlineKeepingCode(rec.text))\n"
        }
        if r.kind == .weekly {
            out += "\n## Daily Reports\n"
            if !r.dailyReports.isEmpty { out += "Here are the daily reports for this week:\n\n" }
            for path in r.dailyReports {
                let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                // Docket names these files itself (report_HHMMSS): written as the seeds write them.
                let plainName = name.hasPrefix("report_") && name.dropFirst(7).allSatisfy(\.isNumber)
                out += "- [\(plainName ? name : MarkdownEscape.linkText(name))](\(MarkdownEscape.relativeLink(path)))\n"
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
    static func link(_ label: String, _ url: String) -> String {
        let text = MarkdownEscape.inline(label)
        guard let u = MarkdownEscape.safeURL(url) else { return text }
        return "[\(text)](\(u))"
    }
}

/// Escaping of untrusted text (ticket titles) for Markdown.
public enum MarkdownEscape {
    /// Text safe inside a GFM table cell: one line, control characters and
    /// escape sequences removed, Markdown and HTML syntax neutralised.
    public static func tableCell(_ text: String) -> String {
        inline(text)
    }

    /// One line of inert inline text, escaped only where GitHub's parser
    /// (cmark-gfm) would read syntax, so the raw Markdown reads as written
    /// (`sign_in`, `C:\Users`, `#686`, `R&D`, `a > b`):
    ///
    /// - `*`, `~`, `` ` ``, `|` always, except `*` and `~` between spaces (a
    ///   run with whitespace on both sides neither opens nor closes emphasis);
    /// - `_` except between letters or digits (intraword, never emphasis);
    /// - `]` before `(` or `[` (a link, image or reference could follow);
    /// - `<` unless a space follows (raw HTML, autolinks); `&` only where it
    ///   starts an entity; `\` only before punctuation or at the end;
    /// - `#` only as a heading's closing run (`Crash #`);
    /// - what GFM would autolink whatever is escaped (`http(s)://`, `ftp://`,
    ///   `www.`, e-mail addresses) goes in a code span, where it does not look.
    ///
    /// What only a line's start can make (lists, quotes, headings, task
    /// items, link definitions) is `paragraph`'s job.
    public static func inline(_ text: String) -> String {
        inline(text, allBrackets: false)
    }

    /// Inline text whose paired backticks are code spans, as a writer of
    /// Markdown means them (a generated recommendation quotes errors that
    /// way: `DatabaseException`); the text between them is `inline`'s. A
    /// backtick with no partner is escaped. A span is taken as written, on
    /// one line: inside a code span GFM reads no markup and links nothing.
    public static func inlineKeepingCode(_ text: String) -> String {
        let chars = Array(TextSanitizer.singleLine(text).trimmedWS())
        var out = "", plain = "", i = 0
        // inline() trims what it is given: the spaces around a span are kept here.
        func flush() {
            let body = inline(plain)
            if !body.isEmpty {
                if plain.first?.isWhitespace == true, !out.isEmpty { out += " " }
                out += body
                if plain.last?.isWhitespace == true { out += " " }
            } else if !plain.isEmpty, !out.isEmpty {
                out += " "
            }
            plain = ""
        }
        // A run of n backticks opens a span that the next run of exactly n closes (CommonMark's rule).
        func run(at j: Int) -> Int { var k = j; while k < chars.count, chars[k] == "`" { k += 1 }; return k - j }
        while i < chars.count {
            guard chars[i] == "`" else { plain.append(chars[i]); i += 1; continue }
            let n = run(at: i)
            var j = i + n, close: Int?
            while j < chars.count {
                if chars[j] == "`" { let m = run(at: j); if m == n { close = j; break }; j += m } else { j += 1 }
            }
            if let c = close, !chars[(i + n)..<c].allSatisfy(\.isWhitespace) {
                flush()
                out += String(chars[i..<(c + n)])
                i = c + n
            } else {
                plain += String(repeating: "`", count: n)
                i += n
            }
        }
        flush()
        return out
    }

    /// Inline text inside a link's brackets: every bracket escaped too, so
    /// none can end the link text or nest another link.
    public static func linkText(_ text: String) -> String {
        inline(text, allBrackets: true)
    }

    static func inline(_ text: String, allBrackets: Bool) -> String {
        let chars = Array(TextSanitizer.singleLine(text).trimmedWS())
        let runs = emailRuns(chars).merging(autolinkRuns(chars)) { a, b in max(a, b) }
        func isWordChar(_ c: Character) -> Bool { c.isLetter || c.isNumber }
        func isPunctuation(_ c: Character) -> Bool { c.isASCII && (c.isPunctuation || c.isSymbol) }
        func spaceAt(_ j: Int) -> Bool { j >= 0 && j < chars.count && chars[j].isWhitespace }
        var out = ""
        out.reserveCapacity(chars.count + 8)
        var i = 0
        while i < chars.count {
            if let end = runs[i] {
                // GFM links these in text whatever is escaped; a code span
                // is the one place it does not look. Runs hold no backtick or `|`.
                out += "`" + String(chars[i..<end]) + "`"
                i = end
                continue
            }
            let ch = chars[i]
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            switch ch {
            case "\\":
                // Before punctuation (or a code span's backtick, or whatever
                // Docket writes after the text) it would escape; elsewhere it is literal.
                if next.map({ isPunctuation($0) || runs[i + 1] != nil }) ?? true { out += "\\\\" } else { out.append(ch) }
            case "`", "|":
                out += "\\" + String(ch)
            case "*", "~":
                if spaceAt(i - 1) && spaceAt(i + 1) { out.append(ch) } else { out += "\\" + String(ch) }
            case "_":
                let intraword = out.last.map(isWordChar) == true && next.map(isWordChar) == true && runs[i + 1] == nil
                out += intraword ? "_" : "\\_"
            case "[":
                out += allBrackets ? "\\[" : "["
            case "]":
                out += allBrackets || next == "(" || next == "[" ? "\\]" : "]"
            case "<":
                out += next.map(\.isWhitespace) == true ? "<" : "\\<"
            case "&":
                out += startsEntity(chars, at: i) ? "\\&" : "&"
            case "#" where chars[i...].allSatisfy({ $0 == "#" }) && (i == 0 || chars[i - 1] == " " || chars[i - 1] == "#"):
                out += "\\#"  // an ATX heading's closing sequence would vanish
            default:
                out.append(ch)
            }
            i += 1
        }
        return out
    }

    /// Whether `&` at `i` starts what HTML reads as an entity (`&amp;`, `&#60;`, `&#x3C;`).
    static func startsEntity(_ chars: [Character], at i: Int) -> Bool {
        var j = i + 1
        if j < chars.count, chars[j] == "#" { j += 1 }
        let start = j
        while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber { j += 1 }
        return j > start && j < chars.count && chars[j] == ";"
    }

    /// Inline text that starts a paragraph (or a list item's): also escapes
    /// what would make the line a list item, a heading or its underline, a
    /// thematic break, a quote, a task item or a link reference definition.
    public static func paragraph(_ text: String) -> String {
        var s = inline(text)
        if let f = s.first, "-+=#>[".contains(f) { s = "\\" + s }
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

    /// Ranges of text cmark-gfm's autolink extension would link: a URL
    /// starting `http://`, `https://` or `ftp://` (any case) after anything
    /// but an ASCII letter, and a `www.` name after anything but a letter or
    /// digit. Keyed by their start, valued by their end: up to a space, `<`,
    /// `>`, a backtick or `|`, less trailing punctuation (as GFM trims it).
    static func autolinkRuns(_ chars: [Character]) -> [Int: Int] {
        func lower(_ a: Int, _ n: Int) -> String { String(chars[a..<min(chars.count, a + n)]).lowercased() }
        var out: [Int: Int] = [:]
        var i = 0
        while i < chars.count {
            // Only an h, f or w can start one: the rest is not looked at twice.
            guard "hHfFwW".contains(chars[i]) else { i += 1; continue }
            let prev: Character? = i > 0 ? chars[i - 1] : nil
            let url = ["http://", "https://", "ftp://"].contains { lower(i, $0.count) == $0 }
                && !(prev.map { $0.isASCII && $0.isLetter } ?? false)
            let www = lower(i, 4) == "www." && !(prev.map { $0.isLetter || $0.isNumber } ?? false)
            guard url || www else { i += 1; continue }
            var end = i
            while end < chars.count, !chars[end].isWhitespace, !"<>`|".contains(chars[end]) { end += 1 }
            while end > i + 4 {
                let last = chars[end - 1]
                let unbalanced = last == ")" && chars[i..<end].filter({ $0 == ")" }).count > chars[i..<end].filter({ $0 == "(" }).count
                guard "?!.,:;*_~\"'”’»".contains(last) || unbalanced else { break }
                end -= 1
            }
            out[i] = end
            i = end
        }
        return out
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
    /// An http(s) URL as a link destination: every byte outside the URL
    /// characters that Markdown leaves alone is percent-encoded (`|` would
    /// end a table cell, `\\` escape the next character, `)` end the link,
    /// spaces and controls break it), so the link goes where the data says
    /// and nowhere else. Nil for any other scheme or no host.
    public static func safeURL(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        let rest = url.drop { $0 != ":" }.dropFirst(3)
        guard let hostChar = rest.first, hostChar != "/" && hostChar != "?" && hostChar != "#" else { return nil }
        let safe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!$&'+,;=%".utf8)
        var out = ""
        for b in url.utf8 {
            if safe.contains(b) { out.unicodeScalars.append(Unicode.Scalar(b)) } else { out += String(format: "%%%02X", b) }
        }
        return out
    }
}
