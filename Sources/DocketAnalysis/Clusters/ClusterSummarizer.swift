import DocketModel
import Foundation

/// Writes a cluster's summary from its own tickets, as the clusters screen
/// shows it (a report writes its own, `IssueSummary`): two or three
/// sentences in the third person taken verbatim from the prose of its most
/// central members, chosen for
/// how much of the cluster's vocabulary they carry. Extractive on purpose:
/// every word was written by a reporter, so a summary cannot claim what no
/// ticket says.
public enum ClusterSummarizer {
    /// At most this many sentences, from different tickets.
    public static let maxSentences = 3
    /// Stop adding sentences once the summary is this long (characters).
    public static let targetLength = 320

    /// When the members' prose gives fewer than two sentences (reports an
    /// app filled in, logs with a line of text), a sentence of counts
    /// follows: the errors many members quote, as `SignatureScanner` found
    /// them ("The reports quote local port 41837 (26 of 26) and
    /// WebSocketException (24 of 26).").
    /// - Parameters:
    ///   - tickets: members, most central first (only the first eight are read).
    ///   - weights: the cluster centre's term weights.
    ///   - signatures: each member's error signatures, in the order of `tickets`.
    /// - Complexity: O(text of the first eight tickets + signatures).
    public static func summary(of tickets: [Ticket], weights: [String: Float], boilerplate: Boilerplate,
                               signatures: [[String]] = []) -> String {
        struct Candidate {
            var text: String
            var tokens: Set<String>
            var score: Float
            var ticket: Int
        }
        var candidates: [Candidate] = []
        for (n, t) in tickets.prefix(8).enumerated() {
            var best: Candidate?
            for (s, isStep) in sentences(of: TextBound.read(t.body), boilerplate: boilerplate) {
                let tokens = Set(TicketText.tokens(of: s))
                // A reporter's "I" or "we" read as the summary's own voice.
                guard tokens.count >= 4, !IssueSummary.isFirstPerson(s) else { continue }
                var w: Float = 0
                for k in tokens { w += weights[k] ?? 0 }
                // Longer sentences carry more terms; the square root keeps a
                // rambling paragraph from winning on length alone. Central
                // tickets come first, so a small bonus keeps ties in order.
                // A list item is usually a step to reproduce: it says what was
                // done, less often what went wrong.
                let score = w / Float(tokens.count + 3).squareRoot() * (1 - Float(n) * 0.02) * (isStep ? 0.5 : 1)
                if score > (best?.score ?? 0) { best = Candidate(text: s, tokens: tokens, score: score, ticket: n) }
            }
            if let b = best { candidates.append(b) }
        }
        candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.ticket < $1.ticket }
        var chosen: [Candidate] = []
        var length = 0
        for c in candidates {
            if chosen.count >= maxSentences || (chosen.count >= 2 && length >= targetLength) { break }
            let repeats = chosen.contains { d in
                Float(c.tokens.intersection(d.tokens).count) / Float(max(1, c.tokens.union(d.tokens).count)) > 0.5
            }
            if repeats { continue }
            chosen.append(c)
            length += c.text.count
        }
        var parts = chosen.map(\.text)
        if parts.isEmpty {
            var titles: [String] = []
            for t in tickets.prefix(8) {
                let title = "“" + TextSanitizer.singleLine(t.title) + "”"
                if !titles.contains(title) { titles.append(title) }
                if titles.count == 3 { break }
            }
            if !titles.isEmpty { parts.append((titles.count == 1 ? "Reports titled " : "Reports such as ") + ListFormat.join(titles) + ".") }
        }
        if parts.count < 2, let quoted = quotedErrors(signatures) { parts.append(quoted) }
        return parts.joined(separator: " ")
    }

    /// "The reports quote local port 41837 (26 of 26) and HTTP 404 (20 of
    /// 26).": the (at most three) signatures that at least a third of the
    /// members, and two at least, quote; nil when none does.
    static func quotedErrors(_ signatures: [[String]]) -> String? {
        IssueSummary.sharedErrors(signatures, subject: "The reports")
    }

    /// The prose sentences of a body, cleaned: form headings, code, logs and
    /// template lines left out, list markers and emphasis removed, each
    /// sentence on one line and ending with punctuation.
    static func sentences(of body: String, boilerplate: Boilerplate) -> [(String, isListItem: Bool)] {
        let layout = BodyLayout(body: body)
        var paragraphs: [(String, Bool)] = []
        var current: [UInt8] = []
        var currentIsList = false
        var lastEnd = -10
        func flush() {
            if !current.isEmpty { paragraphs.append((String(decoding: current, as: UTF8.self), currentIsList)) }
            current = []
        }
        for block in layout.blocks {
            guard case let .prose(r) = block else { flush(); lastEnd = -10; continue }
            if boilerplate.contains(layout.bytes, r) { flush(); lastEnd = -10; continue }
            // A field line ("Operating System: MacOS") is a fact, not a sentence.
            if !boilerplate.fieldKeys.isEmpty,
               let f = layout.bytes.withUnsafeBufferPointer({ FieldLine.parse($0, r) }), boilerplate.fieldKeys.contains(f.key) {
                flush(); lastEnd = -10; continue
            }
            // A line that starts right after the previous one is the same
            // paragraph; a blank line between them is not, and a list item
            // (a step, a bullet) stands alone.
            let item = isListItem(layout.bytes, r)
            if r.lowerBound - lastEnd > 2 || item { flush(); currentIsList = item }
            if !current.isEmpty { current.append(0x20) }
            current.append(contentsOf: layout.bytes[r])
            lastEnd = r.upperBound
        }
        flush()
        var out: [(String, isListItem: Bool)] = []
        for (p, isList) in paragraphs {
            for var s in split(TextSanitizer.singleLine(p)) {
                s = clean(s)
                guard s.count >= 25, s.count <= 300, letterShare(s) >= 0.6, !looksLikeField(s), !isCourtesy(s),
                      !isAnswerList(s) else { continue }
                if let last = s.last, !".!?…".contains(last) { s += "." }
                out.append((s, isList))
            }
        }
        return out
    }

    /// Splits at `.`, `!` or `?` followed by a space.
    static func split(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var previous: Character = " "
        for ch in text {
            if ch == " ", ".!?".contains(previous) {
                out.append(current)
                current = ""
            } else {
                current.append(ch)
            }
            previous = ch
        }
        out.append(current)
        return out.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func clean(_ sentence: String) -> String {
        var s = Substring(sentence)
        for marker in ["- [ ] ", "- [x] ", "- ", "* ", "+ ", "> "] where s.hasPrefix(marker) { s = s.dropFirst(marker.count) }
        if let dot = s.firstIndex(of: "."), s[..<dot].allSatisfy(\.isNumber), !s[..<dot].isEmpty {
            s = s[s.index(after: dot)...]
        }
        var out = String(s).replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
        out = out.trimmingCharacters(in: .whitespaces)
        return out
    }

    /// "Current Version: 10.0 (Build 26100)" or "Path: C:\\x": a field an app
    /// or a form filled in, not a person describing the problem.
    static func looksLikeField(_ s: String) -> Bool {
        if s.filter({ $0 == ":" }).count >= 2 { return true }
        guard let colon = s.firstIndex(of: ":") else { return false }
        let label = s[..<colon]
        let rest = s[s.index(after: colon)...]
        let labelWords = label.split(separator: " ").count
        let restWords = rest.split(separator: " ").count
        let digits = rest.filter(\.isNumber).count
        return labelWords <= 4 && (restWords < 8 || digits >= 3) && !label.contains(",")
    }

    /// "- x", "* x", "+ x", "3. x", "3) x" after indentation.
    static func isListItem(_ b: [UInt8], _ r: Range<Int>) -> Bool {
        var i = r.lowerBound
        while i < r.upperBound, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        guard i + 1 < r.upperBound else { return false }
        if b[i] == 0x2D || b[i] == 0x2A || b[i] == 0x2B { return b[i + 1] == 0x20 }
        var j = i
        while j < r.upperBound, b[j] >= 0x30, b[j] <= 0x39 { j += 1 }
        return j > i && j + 1 < r.upperBound && (b[j] == 0x2E || b[j] == 0x29) && b[j + 1] == 0x20
    }

    /// "Desktop App, Web Extension, VS Code": the options a reporter ticked
    /// on a form (three or more, every word capitalised), not a sentence.
    static func isAnswerList(_ s: String) -> Bool {
        let items = s.split(separator: ",")
        guard items.count >= 3 else { return false }
        return s.split(whereSeparator: { $0 == " " || $0 == "," }).allSatisfy { word in
            guard let first = word.first(where: { $0.isLetter || $0.isNumber }) else { return true }
            return first.isUppercase || first.isNumber
        }
    }

    /// Greetings and thanks carry nothing about the problem.
    static func isCourtesy(_ s: String) -> Bool {
        let lower = s.lowercased()
        return ["thanks", "thank you", "hi ", "hi,", "hello", "hey ", "please help", "any help", "regards", "cheers"]
            .contains { lower.hasPrefix($0) }
    }

    static func letterShare(_ s: String) -> Double {
        var letters = 0, total = 0
        for ch in s where ch != " " {
            total += 1
            if ch.isLetter { letters += 1 }
        }
        return total == 0 ? 0 : Double(letters) / Double(total)
    }
}

/// "a", "a and b", "a, b and c".
enum ListFormat {
    static func join(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }
}
