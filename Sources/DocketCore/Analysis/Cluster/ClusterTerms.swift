/// The weighted terms clustering reads from a ticket.
public enum ClusterTerms {
    static let stopWords: Set<String> = [
        "the", "and", "for", "with", "this", "that", "but", "not", "are", "was", "were", "have", "has", "had",
        "you", "your", "our", "they", "them", "their", "there", "then", "than", "when", "what", "which", "who",
        "will", "would", "could", "should", "can", "cannot", "can't", "from", "into", "onto", "about", "after",
        "before", "again", "also", "just", "only", "very", "some", "any", "all", "each", "other", "more", "most",
        "been", "being", "does", "did", "doing", "done", "its", "it's", "i'm", "i've", "don't", "doesn't",
        "didn't", "isn't", "wasn't", "how", "why", "where", "here", "get", "got", "getting", "one", "two",
        "still", "even", "like", "using", "use", "used", "able", "please", "thanks", "thank", "hello", "hi",
        "issue", "problem", "bug", "error", "help", "app", "application", "version", "describe", "steps",
        "expected", "behavior", "behaviour", "actual", "reproduce", "screenshots", "logs", "additional",
        "context", "response", "yes", "no", "now", "same", "every", "time", "try", "tried", "work", "working",
        "works", "see", "also", "out", "off", "over", "under", "while", "because", "since", "until",
    ]

    /// Title words (weight 2) and body words (weight 1): lower-cased runs of
    /// letters and digits of three or more characters, stop words left out.
    public static let extract: ClusterAnalysis.Extractor = { t in
        var out: [(String, Float)] = []
        for w in words(t.title) { out.append((w, 2)) }
        for w in words(t.body) { out.append((w, 1)) }
        return out
    }

    static func words(_ text: String) -> [String] {
        var out: [String] = []
        var cur = ""
        func flush() {
            if cur.count >= 3, !stopWords.contains(cur), !cur.allSatisfy(\.isNumber) { out.append(cur) }
            cur = ""
        }
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber || ch == "_" || (ch == "." && !cur.isEmpty) { cur.append(ch) } else { flush() }
        }
        flush()
        return out.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
    }
}
