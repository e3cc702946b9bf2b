import DocketModel
import Foundation

/// The title of a common issue, made from its tickets' titles.
///
/// An editor keeps a title that names the problem the tickets share, so the
/// phrase most of them use wins: the words that at least half the titles
/// hold in the same order ("Unable to reach the sync service" over
/// five reports that all begin so). Without such a phrase, the title of the most
/// central ticket stands. Either way the title is cleaned: no "[Bug]" or
/// "Bug:" prefix, no trailing ticket number or full stop, one line, at most
/// `maxLength` characters, cut at a word with "…".
public enum ClusterTitle {
    public static let maxLength = 80
    /// A shared phrase needs this many words, so a product name alone is not a title.
    static let minPhraseWords = 3

    /// `titles`: the tickets' titles, most central first.
    public static func make(_ titles: [String]) -> String {
        let cleaned = titles.map(clean).filter { !$0.isEmpty }
        guard let first = cleaned.first else { return "" }
        guard cleaned.count >= 2 else { return cut(first) }
        // Half of them, and never one title alone: a pair's title is what both say.
        let need = max(2, (cleaned.count + 1) / 2)
        // The most central title that half the titles repeat, word for word.
        var count: [String: Int] = [:]
        for t in cleaned { count[t.lowercased(), default: 0] += 1 }
        if let t = cleaned.first(where: { (count[$0.lowercased()] ?? 0) >= need }) { return cut(t) }
        if let phrase = sharedPhrase(cleaned, need: need) { return cut(phrase) }
        if let symptom = symptomTitle(cleaned, need: need) { return cut(symptom) }
        return cut(first)
    }

    /// "Harbor does not start" when at least `need` titles say, each in its
    /// own words, that something does not start ("will not open", "fails to
    /// launch", "quits right at startup"): the subject is the word most of
    /// those titles name, spelt as the most central of them spells it.
    /// Without a word that half of them share, none.
    static func symptomTitle(_ titles: [String], need: Int) -> String? {
        let stating = titles.filter(Symptoms.saysDoesNotStart)
        guard stating.count >= need, stating.count >= 2 else { return nil }
        var count: [String: Int] = [:]
        var spelling: [String: String] = [:]
        var order: [String] = []
        for t in stating {
            var seen = Set<String>()
            for raw in t.split(separator: " ") {
                let w = trimmedWord(String(raw))
                let key = w.lowercased()
                guard key.count >= 3, key.first?.isLetter == true, !StopWords.english.contains(key),
                      !Symptoms.isSymptomWord(key), seen.insert(key).inserted else { continue }
                count[key, default: 0] += 1
                if spelling[key] == nil { spelling[key] = w; order.append(key) }
            }
        }
        let shared = (stating.count + 1) / 2
        let most = order.compactMap { count[$0] }.max() ?? 0
        // The most common word, first seen in the most central title among equals.
        guard most >= max(2, shared), let word = order.first(where: { count[$0] == most }), let spelt = spelling[word] else {
            return nil  // no subject they share: the central ticket's own title says more
        }
        return spelt.prefix(1).uppercased() + spelt.dropFirst() + " does not start"
    }

    /// The longest run of words, taken from the most central title that holds
    /// one, that at least `need` titles contain (case-insensitive).
    /// - Complexity: O(T × L × maxPhraseWords) for T titles of L words: each
    ///   title's runs are counted once (a cluster of thousands of tickets is
    ///   titled in milliseconds; comparing every run with every title took
    ///   half a minute at 20,000 tickets).
    static func sharedPhrase(_ titles: [String], need: Int) -> String? {
        let words = titles.map { $0.split(separator: " ").map(String.init) }
        let lower = words.map { $0.map { trimmedWord($0).lowercased() } }
        func key(_ run: ArraySlice<String>) -> String { run.joined(separator: "\u{1}") }
        // How many titles hold each run (each title counted once per run).
        var holders: [String: Int] = [:]
        for l in lower where l.count >= minPhraseWords {
            var seen = Set<String>()
            for start in 0...(l.count - minPhraseWords) {
                for len in minPhraseWords...min(maxPhraseWords, l.count - start) {
                    let k = key(l[start..<(start + len)])
                    if seen.insert(k).inserted { holders[k, default: 0] += 1 }
                }
            }
        }
        var best: (Int, String)?
        for (t, w) in words.enumerated() {
            let l = lower[t]
            guard l.count >= minPhraseWords else { continue }
            for len in stride(from: min(maxPhraseWords, l.count), through: minPhraseWords, by: -1) {
                if let b = best, b.0 >= len { break }
                for start in 0...(l.count - len) {
                    let needle = l[start..<(start + len)]
                    guard namesSomething(needle), holders[key(needle), default: 0] >= need else { continue }
                    let phrase = w[start..<(start + len)].joined(separator: " ")
                    best = (len, phrase.prefix(1).uppercased() + phrase.dropFirst())
                    break
                }
                if let b = best, b.0 == len { break }
            }
        }
        return best.map { trimmedPhrase($0.1) }
    }

    /// The longest shared phrase looked for: a longer one is cut at
    /// `maxLength` characters anyway, and titles that share more words than
    /// this are the same title, found before phrases are.
    static let maxPhraseWords = 12

    /// Words a phrase may start with although they are stop words: a
    /// negation starts a statement ("Cannot sign in", "Not syncing").
    static let leadingNegations: Set<String> = ["not", "cannot", "can't", "no", "don't", "doesn't", "won't", "unable"]

    /// Whether a run of (lower-cased, trimmed) title words can be a title:
    /// it neither starts nor ends with a stop word ("on Fedora 40", "top
    /// and bottom of" are pieces of sentences), except a negation at its
    /// start, and holds two words that are neither stop words, nor numbers
    /// or versions, nor platform names: a phrase that says only where
    /// ("Fedora 40") names no problem.
    static func namesSomething(_ words: ArraySlice<String>) -> Bool {
        guard let first = words.first, let last = words.last, !first.isEmpty, !last.isEmpty,
              !StopWords.english.contains(last), !StopWords.english.contains(first) || leadingNegations.contains(first) else { return false }
        var content = 0
        for w in words where !w.isEmpty && !StopWords.english.contains(w) && TicketFacets.platforms[w] == nil
            && !(w.first?.isNumber ?? true) {
            content += 1
            if content >= 2 { return true }
        }
        return false
    }

    /// One line, no tag prefix, no trailing ticket number or full stop.
    public static func clean(_ title: String) -> String {
        var t = TextSanitizer.singleLine(title).trimmedWS()
        // Leading tags: "[Bug]", "[Linux] ", "Bug:", "bug -".
        while true {
            if t.hasPrefix("["), let close = t.firstIndex(of: "]"), t.distance(from: t.startIndex, to: close) <= 24 {
                t = String(t[t.index(after: close)...]).trimmedWS()
                continue
            }
            let lower = t.lowercased()
            var stripped = false
            for tag in ["bug", "feature request", "feature", "issue", "question", "help"] {
                for sep in [":", " -", " –"] where lower.hasPrefix(tag + sep) {
                    t = String(t.dropFirst(tag.count + sep.count)).trimmedWS()
                    stripped = true
                    break
                }
                if stripped { break }
            }
            if !stripped { break }
        }
        // Trailing "(#123)", "#123".
        if let r = t.range(of: #"\s*\(?#[0-9]+\)?$"#, options: .regularExpression) { t.removeSubrange(r) }
        while let last = t.last, ".,;:".contains(last) { t.removeLast() }
        return t.trimmedWS()
    }

    /// At most `maxLength` characters, cut at a word boundary with "…".
    public static func cut(_ title: String) -> String {
        guard title.count > maxLength else { return title }
        var s = String(title.prefix(maxLength - 1))
        if let space = s.lastIndex(of: " "), s.distance(from: s.startIndex, to: space) >= maxLength / 2 {
            s = String(s[..<space])
        }
        while let last = s.last, " ,;:-–(".contains(last) { s.removeLast() }
        return s + "…"
    }

    private static func trimmedWord(_ w: String) -> String {
        w.trimmingCharacters(in: .init(charactersIn: ".,;:!?()[]\"'`“”"))
    }

    private static func trimmedPhrase(_ p: String) -> String {
        var s = p
        while let last = s.last, ".,;:-–(".contains(last) { s.removeLast() }
        return s.trimmedWS()
    }
}
