import DocketModel

/// The weighted terms clustering reads from tickets, from the text pipeline.
///
/// Field weights (`ClusterAnalysis.Parameters`): a title token counts more
/// than a body token (a title is the reporter's own summary), an error
/// signature more still (a shared exception or module name is the strongest
/// sign of the same problem), and a comment token less (replies are
/// conversation around the problem, and a long thread must not outweigh the
/// report itself). The words of code and log blocks count once each, like
/// body words (`TicketText.logTokens`). Lines that recur across many tickets (templates an app or
/// a form fills in, canned replies) are learned as boilerplate first and left
/// out.
///
/// Words are counted by stem, so "launch", "launched" and "launching" are one
/// term; the term is spelled as the stem's commonest word in the corpus, so
/// that keywords stay readable.
public enum ClusterTerms {
    /// Documents for `tickets`, in order.
    /// - Complexity: O(total text), the text analysis on both cores.
    public static func documents(for tickets: [Ticket],
                                 parameters p: ClusterAnalysis.Parameters = .init()) -> [[(String, Float)]] {
        var texts = TicketText.analyze(tickets, boilerplate: boilerplate(for: tickets))
        joinCompounds(&texts, known: sharedWords(texts))
        let spelling = commonestSpelling(texts)
        return texts.map { terms($0, spelling: spelling, parameters: p) }
    }

    /// Two adjacent tokens whose concatenation is itself a word of the corpus
    /// are that word: "Lumen Engine" is "LumenEngine", "Data Grid" is
    /// "DataGrid", "Web Socket" is "WebSocket". Reporters split and join product and
    /// component names at will; the joined spelling, when someone wrote it,
    /// is the name. `known` holds the words that count: in a full analysis
    /// those written at least twice, in an incremental one the saved
    /// model's terms.
    /// - Complexity: O(total tokens).
    public static func joinCompounds(_ texts: inout [TicketText], known: Set<String>) {
        guard !known.isEmpty else { return }
        // Most adjacent pairs are no word: they are ruled out by a hash of
        // their bytes, taken without building the joined string.
        var hashes = Set<UInt64>(minimumCapacity: known.count)
        for w in known where w.utf8.count >= 5 { hashes.insert(fnv(w.utf8, fnv1aBasis)) }
        func join(_ words: inout [String]) {
            guard words.count >= 2 else { return }
            var out: [String] = []
            var i = 0
            var changed = false
            while i < words.count {
                if i + 1 < words.count {
                    let a = words[i].utf8, b = words[i + 1].utf8
                    if a.count >= 2, b.count >= 2, a.count + b.count >= 5, hashes.contains(fnv(b, fnv(a, fnv1aBasis))) {
                        let joined = words[i] + words[i + 1]
                        if known.contains(joined) {
                            if !changed { out = Array(words[..<i]); out.reserveCapacity(words.count); changed = true }
                            out.append(joined)
                            i += 2
                            continue
                        }
                    }
                }
                if changed { out.append(words[i]) }
                i += 1
            }
            if changed { words = out }
        }
        for i in texts.indices {
            join(&texts[i].titleTokens)
            join(&texts[i].bodyTokens)
            join(&texts[i].commentTokens)
        }
    }

    private static let fnv1aBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static func fnv(_ bytes: String.UTF8View, _ seed: UInt64) -> UInt64 {
        var h = seed
        for c in bytes { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
        return h
    }

    /// The words written at least twice in `texts` (title, body or comments).
    public static func sharedWords(_ texts: [TicketText]) -> Set<String> {
        var count: [String: Int] = [:]
        for t in texts {
            for w in t.titleTokens { count[w, default: 0] += 1 }
            for w in t.bodyTokens { count[w, default: 0] += 1 }
            for w in t.commentTokens { count[w, default: 0] += 1 }
        }
        return Set(count.lazy.filter { $0.value >= 2 }.map(\.key))
    }

    /// The template lines of this corpus, left out of every document.
    public static func boilerplate(for tickets: [Ticket]) -> Boilerplate {
        Boilerplate.learn(from: tickets, minShare: 0.05, minCount: 5)
    }

    /// The spelling map for new tickets under a fitted vocabulary: a token
    /// whose stem the vocabulary holds maps to the vocabulary's spelling of
    /// it (the map `commonestSpelling` made when it was fitted), so new
    /// tickets map onto a saved model without the corpus it was fitted on;
    /// a stem the vocabulary lacks takes its commonest spelling in `texts`,
    /// as a full analysis would.
    public static func spelling(of vocabulary: [String], for texts: [TicketText]) -> [String: String] {
        var byStem: [String: String] = [:]
        for t in vocabulary where !t.hasPrefix("sig:") { byStem[WordStem.of(t)] = t }
        return commonestSpelling(texts, fixed: byStem)
    }

    public static func terms(_ text: TicketText, spelling: [String: String] = [:],
                      parameters p: ClusterAnalysis.Parameters = .init()) -> [(String, Float)] {
        var out: [(String, Float)] = []
        out.reserveCapacity(text.titleTokens.count + text.bodyTokens.count + text.commentTokens.count + text.logTokens.count
                            + text.signatures.count)
        func add(_ words: [String], _ weight: Float) {
            guard weight > 0 else { return }
            for w in words {
                let term = spelling[w] ?? w
                if !term.isEmpty { out.append((term, weight)) }
            }
        }
        add(text.titleTokens, p.titleWeight)
        add(text.bodyTokens, 1)
        add(text.commentTokens, p.commentWeight)
        add(text.logTokens, p.logWeight)
        for s in text.signatures { out.append(("sig:" + s, p.signatureWeight)) }
        return out
    }

    /// Maps every token whose stem is shared with another spelling to the
    /// commonest spelling of that stem (ties: the alphabetically first), and
    /// complaint words (`StopWords.complaintStems`) to "" (dropped). A stem
    /// in `fixed` maps to the spelling given there instead.
    /// Tokens that are their stem's only spelling are left out of the map.
    /// - Complexity: O(total tokens); each distinct token is stemmed once.
    public static func commonestSpelling(_ texts: [TicketText], fixed: [String: String] = [:]) -> [String: String] {
        var count: [String: Int] = [:]
        for t in texts {
            for w in t.titleTokens { count[w, default: 0] += 1 }
            for w in t.bodyTokens { count[w, default: 0] += 1 }
            for w in t.commentTokens { count[w, default: 0] += 1 }
            for w in t.logTokens { count[w, default: 0] += 1 }
        }
        var best: [String: (word: String, count: Int)] = [:]
        var stemOf: [String: String] = [:]
        for (w, n) in count {
            let s = WordStem.of(w)
            if StopWords.complaintStems.contains(s) { stemOf[w] = ""; continue }
            stemOf[w] = s
            if let b = best[s], b.count > n || (b.count == n && b.word < w) { continue }
            best[s] = (w, n)
        }
        var out: [String: String] = [:]
        for (w, s) in stemOf {
            if s.isEmpty { out[w] = ""; continue }
            if let f = fixed[s] {
                if f != w { out[w] = f }
            } else if let b = best[s], b.word != w {
                out[w] = b.word
            }
        }
        return out
    }
}
