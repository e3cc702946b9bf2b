
/// Words too common in support tickets to tell two problems apart.
enum StopWords {
    /// A small English list, lower-case. Contractions appear without their
    /// apostrophe tail ("doesn" from "doesn't") because the tokenizer splits
    /// at apostrophes.
    static let english: Set<String> = [
        "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "aren", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
        "can", "cannot", "could", "couldn", "did", "didn", "do", "does", "doesn", "doing", "don", "down", "during",
        "each", "eg", "e.g", "etc", "even", "ever", "every", "few", "for", "from", "further",
        "get", "got", "had", "hadn", "has", "hasn", "have", "haven", "having", "he", "her", "here", "hers", "him", "his",
        "how", "however", "i", "ie", "i.e", "if", "im", "in", "into", "is", "isn", "it", "its", "itself", "just",
        "let", "ll", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only",
        "or", "other", "our", "ours", "out", "over", "own", "please", "re", "same", "she", "should", "shouldn", "so",
        "some", "still", "such", "than", "thank", "thanks", "that", "the", "their", "theirs", "them", "then", "there",
        "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "ve", "very",
        "was", "wasn", "we", "were", "weren", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
        "with", "won", "would", "wouldn", "you", "your", "yours", "yourself",
    ]

    /// Stems (`WordStem`) of the words every support ticket uses to say that
    /// something is wrong without saying what: "not working", "broken",
    /// "weird behaviour", "please help", "urgent". They join a vague report to
    /// every other vague report instead of to its problem, so clustering
    /// leaves them out; search still sees them. Generic complaint vocabulary,
    /// not any product's or theme's words.
    static let complaintStems: Set<String> = [
        "anymor", "anyth", "behavior", "behaviour", "break", "broken", "bug", "error", "fix", "happen", "help",
        "issu", "noth", "problem", "question", "someth", "strang", "urgent", "weird", "work", "wrong",
    ]

    /// The stop words of up to 8 ASCII bytes packed big-endian into an
    /// integer, so that a token can be checked before it becomes a String.
    static let packed: Set<UInt64> = Set(english.compactMap { w in
        w.utf8.count <= 8 ? w.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } : nil
    })
}
