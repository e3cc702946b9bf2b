import DocketModel
import Foundation

/// What a single report says that a support lead acts on by itself: that it
/// began with an update, that it lost someone's data, money or secrets,
/// that it repeats another ticket, that it asks rather than reports. Each
/// rule reads the reporter's title and body (never comments: a reply
/// quoting another ticket is not this report) and returns the words it
/// found, so a recommendation can quote them and a reader can check them.
///
/// The rules are generic support vocabulary, not one product's, and err
/// towards saying nothing: a phrase counts only inside one sentence, with a
/// few words at most between its parts, and a concern not after a negation
/// ("I haven't lost any notes").
extension TicketEvidence {
    /// One word of a text: lower-cased, where it sits, and its sentence.
    struct Word {
        var lower: String
        var range: Range<String.Index>
        var sentence: Int
    }

    /// The words of `text` outside fenced code blocks. A sentence ends at
    /// `.`, `!`, `?`, `;` or a line break; apostrophes and dots between
    /// letters or digits stay inside a word ("today's", "4.2.0").
    static func words(_ text: String) -> [Word] {
        var out: [Word] = []
        var sentence = 0
        var fence = false
        var lineStart = true
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if lineStart, text[i...].hasPrefix("```") {
                fence.toggle()
                while i < text.endIndex, text[i] != "\n" { i = text.index(after: i) }
                continue
            }
            lineStart = false
            if c == "\n" { sentence += 1; lineStart = true; i = text.index(after: i); continue }
            if fence { i = text.index(after: i); continue }
            if c.isLetter || c.isNumber {
                var j = i
                while j < text.endIndex {
                    let d = text[j]
                    if d.isLetter || d.isNumber { j = text.index(after: j); continue }
                    if d == "'" || d == "\u{2019}" {
                        let k = text.index(after: j)
                        if k < text.endIndex, text[k].isLetter { j = k; continue }
                    }
                    // "4.2.0", "e.g": a dot inside a word is not a sentence's end.
                    if d == "." {
                        let k = text.index(after: j)
                        if k < text.endIndex, text[k].isLetter || text[k].isNumber { j = k; continue }
                    }
                    break
                }
                out.append(Word(lower: text[i..<j].lowercased().replacingOccurrences(of: "\u{2019}", with: "'"), range: i..<j, sentence: sentence))
                i = j
                continue
            }
            if ".!?;".contains(c) { sentence += 1 }
            i = text.index(after: i)
        }
        return out
    }

    /// The reporter's own text: title and body, bounded.
    static func reportText(_ t: Ticket) -> String {
        t.title + "\n" + TextBound.read(t.body)
    }

    /// The words of `text` from `a` to `b`, as written, on one line.
    static func quote(_ text: String, _ words: [Word], _ a: Int, _ b: Int) -> String {
        TextSanitizer.singleLine(String(text[words[a].range.lowerBound..<words[b].range.upperBound]))
    }

    static let negations: Set<String> = ["not", "no", "never", "without", "didn't", "don't", "doesn't", "haven't", "hasn't", "wasn't",
                                         "isn't", "won't", "can't", "cannot", "nothing"]

    /// A negation among the three words before word `k`, in its sentence.
    static func negated(_ w: [Word], _ k: Int) -> Bool {
        var j = k - 1
        while j >= 0, j >= k - 3, w[j].sentence == w[k].sentence {
            if negations.contains(w[j].lower) { return true }
            j -= 1
        }
        return false
    }

    // MARK: - Began with an update

    static let updateNouns: Set<String> = ["update", "updates", "updated", "updating", "upgrade", "upgraded", "upgrading"]
    /// Words that may stand between "after"/"since" and the update: who,
    /// which one, and what was updated ("after the latest macOS beta
    /// update"). A verb of its own ("after clicking update") is not one.
    static let updateFiller: Set<String> = [
        "the", "a", "an", "my", "our", "its", "their", "last", "latest", "recent", "most", "newest", "new", "this", "that", "i", "we", "it",
        "had", "have", "has", "was", "were", "got", "did", "auto", "automatic", "automatically", "recently", "just", "today's",
        "yesterday's", "installed", "installing", "applied", "applying", "system", "os", "windows", "macos", "linux", "app", "beta",
        "software", "version", "major", "minor", "big",
    ]
    /// Words between the two parts, at most.
    static let updateGap = 4

    /// "after the last update", "since updating", "after I upgraded": the
    /// reporter says the problem began with an update. The phrase as written.
    static func afterUpdate(_ t: Ticket) -> String? {
        let text = reportText(t)
        let w = words(text)
        for k in w.indices where w[k].lower == "after" || w[k].lower == "since" {
            var j = k + 1
            while j < w.count, j <= k + updateGap + 1, w[j].sentence == w[k].sentence {
                // No negation test: "does not start after the update" is the report itself.
                if updateNouns.contains(w[j].lower) { return quote(text, w, k, j) }
                guard updateFiller.contains(w[j].lower) || w[j].lower.first?.isNumber == true else { break }
                j += 1
            }
        }
        return nil
    }

    // MARK: - Lost data, security, money

    enum Concern: String, Sendable, Equatable, CaseIterable {
        /// Notes, files or history gone; a backup that does not restore.
        case dataLoss
        /// A vulnerability, or a secret exposed.
        case security
        /// Money taken: charged, refund, billing.
        case billing
    }

    static let lossVerbs: Set<String> = ["lost", "lose", "losing", "deleted", "wiped", "erased", "disappeared", "vanished", "gone"]
    static let lossObjects: Set<String> = ["data", "snippet", "snippets", "note", "notes", "work", "file", "files", "history", "everything",
                                           "memories", "conversations", "conversation", "chats", "materials", "backup", "backups",
                                           "database", "projects", "documents", "attachments"]
    static let failWords: Set<String> = ["fail", "fails", "failed", "failing", "failure"]
    static let secretWords: Set<String> = ["token", "tokens", "key", "keys", "password", "passwords", "credentials", "secret", "secrets"]
    static let exposeWords: Set<String> = ["leak", "leaks", "leaked", "leaking", "exposed", "exposes", "exposing", "plaintext"]
    static let securityWords: Set<String> = ["vulnerability", "vulnerabilities", "vulnerable", "exploit", "exploitable"]
    static let billingWords: Set<String> = ["charged", "overcharged", "refund", "refunded", "billing", "billed", "invoice"]
    /// Words apart, at most, for two words to be one statement.
    static let concernGap = 3

    /// The first concern the report states, and its words as written.
    static func concern(_ t: Ticket) -> (concern: Concern, quote: String)? {
        let text = reportText(t)
        let w = words(text)
        /// Word `k` and a word of `set` within `concernGap` of it, same sentence, either side (or only after it).
        func near(_ k: Int, _ set: Set<String>, after: Bool = false) -> Int? {
            for j in (after ? k : max(0, k - concernGap - 1))...min(w.count - 1, k + concernGap + 1) where j != k && w[j].sentence == w[k].sentence {
                if set.contains(w[j].lower) { return j }
            }
            return nil
        }
        for k in w.indices where !negated(w, k) {
            let x = w[k].lower
            // "lost my notes" (what is lost follows), "notes disappeared" or "deleted my notes" (either side);
            // "you lose the ability to..." loses nothing of the user's.
            if lossVerbs.contains(x), let j = near(k, lossObjects, after: ["lost", "lose", "losing"].contains(x)) {
                return (.dataLoss, quote(text, w, min(j, k), max(j, k)))
            }
            if x == "data", k + 1 < w.count, w[k + 1].lower == "loss", w[k + 1].sentence == w[k].sentence { return (.dataLoss, quote(text, w, k, k + 1)) }
            // "backup restoration fails", "failed to restore": a backup that does not come back.
            if x.hasPrefix("restor"), let j = near(k, failWords) { return (.dataLoss, quote(text, w, min(j, k), max(j, k))) }
            if securityWords.contains(x) { return (.security, quote(text, w, k, k)) }
            if x == "security", k + 1 < w.count, ["issue", "hole", "flaw", "bug", "risk", "problem"].contains(w[k + 1].lower),
               w[k + 1].sentence == w[k].sentence { return (.security, quote(text, w, k, k + 1)) }
            if exposeWords.contains(x), let j = near(k, secretWords) { return (.security, quote(text, w, min(j, k), max(j, k))) }
            if billingWords.contains(x) { return (.billing, quote(text, w, k, k)) }
        }
        return nil
    }

    // MARK: - Same title

    /// A title as compared for repeats: lower-cased words, a leading
    /// "[Bug]"/"Bug:" tag dropped. Nil under three words: "Error" twice is
    /// no repeat.
    static func comparableTitle(_ title: String) -> String? {
        var s = TextSanitizer.singleLine(title).lowercased()
        if s.hasPrefix("["), let close = s.firstIndex(of: "]") { s = String(s[s.index(after: close)...]) }
        let w = words(s).map(\.lower)
        var body = w
        if let first = body.first, ["bug", "issue", "problem", "question"].contains(first), s.contains(first + ":") { body.removeFirst() }
        return body.count >= 3 ? body.joined(separator: " ") : nil
    }

    // MARK: - Requests

    static let requestLabels = ["enhancement", "feature", "question", "documentation", "discussion"]

    /// Why a ticket is a request or a question: the label that says so, or
    /// "feature request" in its title. Nil for a problem report.
    static func requestReason(_ t: Ticket) -> String? {
        for l in t.labels {
            let lower = l.lowercased()
            if requestLabels.contains(where: { lower.contains($0) }) { return "labelled " + TextSanitizer.singleLine(l) }
        }
        let title = t.title.lowercased()
        return title.contains("feature request") || title.contains("[feature") ? "titled as a feature request" : nil
    }
}
