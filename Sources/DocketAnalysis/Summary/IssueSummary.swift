import DocketModel
import Foundation

/// The summary of one common issue in a report: two to four sentences, in
/// the third person, made of what the issue's own tickets show.
///
/// 1. How many: the reports in the period and how many are open; for a
///    problem with earlier tickets, how many since its first and how many of
///    those are open ("3 reports this period, 2 open; 9 since 2025-07-01, 4
///    open.").
/// 2. What users see, in one reporter's words, quoted and attributed: the
///    sentence of a listed ticket that carries most of the issue's keywords,
///    never one in the first person, a question, a request, a form-field
///    list or a fragment.
/// 3. Where: the platforms and versions the listed tickets' forms or app
///    reports name, with counts.
/// 4. The errors at least a third of them quote, with counts.
/// 5. What is known: a workaround or fix from the threads of the issue's
///    tickets, quoted and naming its ticket: a reply by the team (GitHub's
///    author association OWNER, MEMBER or COLLABORATOR, or a login in
///    `staff`), else the last reply before a ticket was closed as done, else
///    the reporter's own "fixed it by...". When every listed thread is known
///    and nobody but the reporters wrote in them, it says so instead.
///
/// At most four: when all five have something to say, the reporter's words
/// go first, then the platforms. Only the issue's tickets are read, so no
/// fact comes from a ticket outside it.
public enum IssueSummary {
    /// GitHub author associations of the team.
    public static let teamAssociations: Set<String> = ["OWNER", "MEMBER", "COLLABORATOR"]
    /// Values named per facet, the rest counted as "N others".
    static let maxValues = 3
    /// Sentences longer than this are not quoted.
    static let maxQuote = 220

    /// - Parameters:
    ///   - listed: the issue's tickets in the period, most active first.
    ///   - members: all the issue's tickets the store holds (the listed ones
    ///     among them); the history and the threads are read from these.
    ///   - keywords: the cluster's keywords (`sig:` ones are skipped).
    ///   - period: the report's period; open means not resolved by its end.
    ///   - staff: logins of the team, lower-cased or not.
    /// - Complexity: O(text of the listed tickets and the members' comments).
    public static func write(listed: [Ticket], members: [Ticket], keywords: [String] = [], period: Period,
                             staff: Set<String> = []) -> String {
        guard !listed.isEmpty else { return "" }
        let staffLogins = Set(staff.map { $0.lowercased() })
        let texts = listed.map { TicketText.analyze($0) }
        let counts = self.counts(listed: listed, members: members, period: period)

        let said = reporterSentence(listed, keywords: keywords)
        let whereSentence = platforms(texts, listed)
        let errors = quotedErrors(texts.map(\.signatures))
        let known = knownFix(listed: listed, members: members, staff: staffLogins, end: period.end)

        var parts = [counts]
        var optional: [(rank: Int, text: String)] = []
        if let s = said { optional.append((1, s)) }
        if let s = whereSentence { optional.append((2, s)) }
        if let s = errors { optional.append((3, s)) }
        if let s = known { optional.append((4, s)) }
        // Four at most: drop the reporter's words first, then the platforms.
        while optional.count > 3 { optional.removeFirst() }
        parts += optional.sorted { $0.rank < $1.rank }.map(\.text)
        // Nothing but counts (bodies empty or all logs): the reporters' own
        // titles say what they see; the labels, for a lone ticket.
        if parts.count < 2 {
            var titles: [String] = []
            for t in listed {
                let title = "“" + TextSanitizer.singleLine(t.title) + "”"
                if !titles.contains(title) { titles.append(title) }
            }
            if titles.count >= 2 {
                parts.append("Reports such as " + ListFormat.join(Array(titles.prefix(3))) + ".")
            } else if case let labels = Set(listed.flatMap(\.labels)).sorted(), !labels.isEmpty {
                parts.append((labels.count == 1 ? "Label " : "Labels ") + ListFormat.join(labels.map { "`\(TextSanitizer.singleLine($0))`" }) + ".")
            }
        }
        return parts.joined(separator: " ")
    }

    /// "3 reports this period, 2 open; 9 since 2025-07-01, 4 open.", or for
    /// a lone ticket "One report, opened 2025-07-01, open, 3 comments.".
    public static func counts(listed: [Ticket], members: [Ticket], period: Period) -> String {
        let end = period.end
        let open = listed.filter { !$0.isResolved(by: end) }.count
        if listed.count == 1, members.count <= 1 {
            let t = listed[0]
            let n = t.knownCommentCount
            return "One report, opened \(CivilDate(t.createdAt, in: period.zone)), " + (open == 1 ? "open" : "resolved")
                + (n == 0 || !t.commentCountKnown ? "." : ", \(plural(n, "comment")).")
        }
        var out = "\(plural(listed.count, "report")) this period, \(open) open"
        if members.count > listed.count, let first = members.map(\.createdAt).min() {
            out += "; \(members.count) since \(CivilDate(first, in: period.zone)), "
                + "\(members.filter { !$0.isResolved(by: end) }.count) open"
        }
        return out + "."
    }

    // MARK: - What users see

    /// "#823 describes it: “The extension keeps saying the engine is not
    /// detected.”": the best quotable sentence of the listed tickets.
    static func reporterSentence(_ listed: [Ticket], keywords: [String]) -> String? {
        let stems = Set(keywords.filter { !$0.hasPrefix("sig:") }.flatMap { TicketText.tokens(of: $0) }.map(WordStem.of))
        var best: (score: Float, text: String, number: Int)?
        for (n, t) in listed.prefix(8).enumerated() {
            for (s, isStep) in ClusterSummarizer.sentences(of: TextBound.read(t.body), boilerplate: .empty)
            where !isStep && quotable(s) && statesProblem(s) {
                let tokens = Set(TicketText.tokens(of: s).map(WordStem.of))
                let hits = stems.isEmpty ? 1 : tokens.intersection(stems).count
                guard hits > 0 else { continue }
                let score = Float(hits) / Float(tokens.count + 3).squareRoot() * (1 - Float(n) * 0.02)
                if score > (best?.score ?? 0) { best = (score, s, t.number) }
            }
        }
        guard let b = best else { return nil }
        return "#\(b.number) describes it: “\(b.text)”"
    }

    /// A sentence that can stand in a summary: complete (capitalised, ending
    /// with its own punctuation, brackets and quotes closed), not in the
    /// first person, not a question or a request, not too long.
    static func quotable(_ s: String, allowFirstPerson: Bool = false) -> Bool {
        guard s.count <= maxQuote, let first = s.first, first.isUppercase || first.isNumber,
              let last = s.last, ".!".contains(last) else { return false }
        if s.filter({ $0 == "(" }).count != s.filter({ $0 == ")" }).count { return false }
        if s.filter({ $0 == "\"" }).count % 2 == 1 || s.filter({ $0 == "`" }).count % 2 == 1 { return false }
        // Prose, not a pasted line: no column gaps, file names or a
        // "Label:" the sentence splitter closed with a full stop.
        if s.contains("  ") || s.hasSuffix(":.") || s.contains("> ") || s.contains("...") || s.contains("…") || s.split(separator: " ").count < 5 { return false }
        if s.split(separator: " ").contains(where: looksLikeFileOrCode) || ClusterSummarizer.isAnswerList(s) { return false }
        if s.contains("?") || s.hasSuffix("etc.") || s.hasSuffix("e.g.") || s.hasSuffix("eg.") || s.hasSuffix("i.e.") { return false }
        let lower = s.lowercased()
        for opener in ["please", "can ", "could ", "would ", "is there", "how ", "why ", "any ", "hope", "thank", "let me",
                       "same here", "+1", "me too"] where lower.hasPrefix(opener) { return false }
        return allowFirstPerson || !isFirstPerson(s)
    }

    /// "log-0810.txt", "app_config", "0x1F": a token that is not a word.
    static func looksLikeFileOrCode(_ token: Substring) -> Bool {
        let t = token.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!()\"'“”"))
        if t.contains("_") || t.contains("/") || t.contains("\\") || t.contains("=") { return true }
        if let dot = t.lastIndex(of: "."), dot != t.startIndex {
            let ext = t[t.index(after: dot)...]
            if (2...4).contains(ext.count), ext.allSatisfy(\.isLetter), t[..<dot].contains(where: { $0.isLetter || $0.isNumber }) {
                return !t.contains(where: \.isUppercase) || ext.allSatisfy(\.isLowercase)
            }
        }
        return false
    }

    /// Words that say something is wrong: a sentence about the problem, not
    /// the setting ("The sidebar is, however, fine.").
    static let problemCues = ["not ", "n't", "fail", "error", "unable", "cannot", "crash", "stuck", "missing", "no longer",
                              "keeps", "broken", "slow", "freez", "hang", "lost", "wrong", "never", "only ", "instead",
                              "stopped", "stops", "empty", "blank", "nothing", "loop", "exception", "refus", "timeout",
                              "timed out", "disappear", "greyed", "grayed", "won’t", "can’t", "doesn’t", "isn’t"]

    static func statesProblem(_ s: String) -> Bool {
        let lower = s.lowercased()
        return problemCues.contains { lower.contains($0) }
    }

    static let firstPerson: Set<String> = ["i", "i'm", "i've", "i'd", "i'll", "im", "ive", "me", "my", "mine", "myself",
                                           "we", "we're", "we've", "we'd", "we'll", "our", "ours", "us", "ourselves"]

    static func isFirstPerson(_ s: String) -> Bool {
        s.lowercased().replacingOccurrences(of: "’", with: "'")
            .split(whereSeparator: { !($0.isLetter || $0 == "'") })
            .contains { firstPerson.contains(String($0)) }
    }

    // MARK: - Where

    /// "Reported on Windows (2) and macOS (1), versions 2.4.1 (2) and 2.5.0 (1).":
    /// from issue-form answers, or an app report's operating-system line.
    static func platforms(_ texts: [TicketText], _ tickets: [Ticket]) -> String? {
        var platforms: [String] = [], versions: [String] = []
        for (t, ticket) in zip(texts, tickets) {
            if let p = t.facets[TicketFacets.platform] ?? TicketEvidence.fieldPlatform(TextBound.read(ticket.body)) { platforms.append(p) }
            if let v = t.facets[TicketFacets.version], let clean = version(v) { versions.append(clean) }
        }
        let single = tickets.count == 1
        var out: [String] = []
        if !platforms.isEmpty { out.append("on " + tally(platforms, counts: !single)) }
        if !versions.isEmpty { out.append((versions.count == 1 ? "version " : "versions ") + tally(versions, counts: !single)) }
        guard !out.isEmpty else { return nil }
        return "Reported " + out.joined(separator: ", ") + "."
    }

    /// "Windows (2), macOS (1) and 2 others"; without counts for one ticket.
    static func tally(_ values: [String], counts: Bool) -> String {
        var n: [String: Int] = [:]
        for v in values { n[v, default: 0] += 1 }
        let ranked = n.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var items = ranked.prefix(maxValues).map { counts ? "\($0.key) (\($0.value))" : $0.key }
        let rest = ranked.dropFirst(maxValues).reduce(0) { $0 + $1.value }
        if rest > 0 { items.append("\(rest) other\(rest == 1 ? "" : "s")") }
        return ListFormat.join(items)
    }

    /// A version answer as a version ("12.0.0", "v2.4"), nil for "latest" or a sentence.
    static func version(_ value: String) -> String? {
        let v = TextSanitizer.singleLine(value).trimmingCharacters(in: .whitespaces)
        guard let first = v.split(separator: " ").first, first.contains(where: \.isNumber),
              first.allSatisfy({ $0.isNumber || $0 == "." || $0 == "v" || $0 == "V" || $0 == "-" }), first.count <= 20
        else { return nil }
        return String(first)
    }

    // MARK: - Errors

    /// "They quote WebSocketException (9 of 9) and HTTP 404 (9 of 9).", or
    /// for one ticket "It quotes WebSocketException.".
    static func quotedErrors(_ signatures: [[String]]) -> String? {
        if signatures.count == 1 {
            let sigs = Array(signatures[0].prefix(2))
            return sigs.isEmpty ? nil : "It quotes " + ListFormat.join(sigs.map(spoken)) + "."
        }
        return sharedErrors(signatures, subject: "They")
    }

    /// "<subject> quote HTTP 404 (20 of 26) and local port 41837 (26 of 26).":
    /// the (at most three) signatures that a third of the tickets, and two
    /// at least, quote; nil when none does.
    static func sharedErrors(_ signatures: [[String]], subject: String) -> String? {
        let n = signatures.count
        var count: [String: Int] = [:]
        for sigs in signatures { for s in Set(sigs) { count[s, default: 0] += 1 } }
        let common = count.filter { $0.value >= 2 && $0.value * 3 >= n }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
        guard !common.isEmpty else { return nil }
        return subject + " quote " + ListFormat.join(common.map { "\(spoken($0.key)) (\($0.value) of \(n))" }) + "."
    }

    static func spoken(_ s: String) -> String {
        if s.hasPrefix("http:") { return "HTTP " + s.dropFirst(5) }
        if s.hasPrefix("port:") { return "local port " + s.dropFirst(5) }
        return TextSanitizer.singleLine(s)
    }

    // MARK: - What is known

    /// Words of a reply that gives a fix or a workaround.
    static let fixCues = ["try ", "reinstall", "re-install", "update to", "upgrade to", "downgrade", "fixed in", "fix is",
                          "released", "workaround", "work around", "resolved", "restart", "delete ", "remove ", "disable",
                          "enable", "turn off", "turn on", "clear ", "install ", "fixed", "solved", "works now",
                          "working now", "set the", "change the", "switch to", "roll back", "rollback"]
    /// Words of a reply that asks for more instead.
    static let askCues = ["could you", "can you", "please share", "please send", "please provide", "please attach",
                          "send us", "share your", "logs", "more details", "more information", "screenshot"]

    static func isTeam(_ c: Comment, staff: Set<String>) -> Bool {
        !c.authorIsBot && (teamAssociations.contains(c.association.uppercased()) || staff.contains(c.author.lowercased()))
    }

    /// The sentence of `body` that gives a fix, if one does.
    static func fixSentence(_ body: String) -> String? {
        var fallback: String?
        for (s, _) in ClusterSummarizer.sentences(of: body, boilerplate: .empty) {
            let lower = s.lowercased()
            guard fixCues.contains(where: { lower.contains($0) }), !askCues.contains(where: { lower.contains($0) }),
                  quotable(s, allowFirstPerson: true) else { continue }
            if !isFirstPerson(s) { return s }
            if fallback == nil { fallback = s }
        }
        return fallback
    }

    static func knownFix(listed: [Ticket], members: [Ticket], staff: Set<String>, end: Date) -> String? {
        // The listed tickets first (the period's), then the rest, newest first.
        var seen = Set<TicketKey>()
        var order: [Ticket] = []
        for t in listed + members.sorted(by: { $0.updatedAt > $1.updatedAt }) where seen.insert(t.key).inserted { order.append(t) }
        for t in order {
            for c in t.comments.reversed() where isTeam(c, staff: staff) {
                if let s = fixSentence(TextBound.read(c.body)) { return "On #\(t.number) the team (@\(c.author)) answered: “\(s)”" }
            }
        }
        for t in order where t.state == .closed && t.stateReason != "not_planned" {
            let closed = t.closedAt ?? t.updatedAt
            if let c = t.comments.last(where: { !$0.authorIsBot && $0.createdAt <= closed }), let s = fixSentence(TextBound.read(c.body)) {
                let who = c.author == t.author ? "its reporter" : "@\(c.author)"
                return "#\(t.number) was closed after \(who) wrote: “\(s)”"
            }
        }
        for t in order {
            for c in t.comments.reversed() where c.author == t.author && !c.authorIsBot {
                if let s = fixSentence(TextBound.read(c.body)) { return "The reporter of #\(t.number) found: “\(s)”" }
            }
        }
        // Nobody but the reporters wrote in the open ones, and their threads are all known.
        let open = listed.filter { !$0.isResolved(by: end) }
        guard !open.isEmpty, open.allSatisfy(\.threadKnown),
              !open.contains(where: { t in t.comments.contains { !$0.authorIsBot && $0.author != t.author } })
        else { return nil }
        if listed.count == 1 { return open[0].comments.isEmpty ? "Nobody has replied yet." : "Nobody but the reporter has replied yet." }
        if open.count == listed.count { return "Nobody but the reporters has replied yet." }
        return open.count == 1 ? "The open one has no reply but its reporter's yet."
            : "The \(open.count) open ones have no reply but their reporters' yet."
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
