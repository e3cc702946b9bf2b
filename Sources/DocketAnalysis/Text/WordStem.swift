
/// A light English stemmer: the key under which inflections of one word
/// ("launch", "launches", "launched", "launching"; "connect", "connection")
/// are counted as one term, so that two reporters who word the same problem
/// in different tenses still share it.
///
/// Deliberately conservative: it strips only plural, past, progressive and
/// -ion endings, and only from plain ASCII words of four letters or more, so
/// short words, versions, file names, hosts and non-English text pass through
/// unchanged. A stem is a key, not a word ("clos" for "close", "closing"): to
/// show terms to people, map each stem back to its commonest spelling
/// (`ClusterTerms` does).
enum WordStem {
    /// The stem of `word`, a lower-cased token; `word` itself when no rule applies.
    static func of(_ word: String) -> String {
        var u = Array(word.utf8)
        guard u.count >= 4, u.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        stripSuffix(&u)
        return String(decoding: u, as: UTF8.self)
    }

    /// Endings tried longest first; the stem that remains must keep at least
    /// three letters and a vowel, so "thing" and "need" are left alone.
    private static let suffixes: [[UInt8]] = ["ations", "ation", "ions", "ion", "ings", "ing", "ies", "es", "ed", "s"]
        .map { Array($0.utf8) }

    private static func stripSuffix(_ u: inout [UInt8]) {
        for suffix in suffixes where u.count - suffix.count >= 3 && u.suffix(suffix.count).elementsEqual(suffix) {
            let stem = u.prefix(u.count - suffix.count)
            guard stem.contains(where: isVowel) else { continue }
            if suffix == [0x65, 0x64], stem.last == 0x65 { continue }  // "speed", "need": not a past tense
            if suffix == [0x73] {  // "s": not "ss" (access), "us" (status), "is" (analysis)
                let last = u[u.count - 2]
                if last == 0x73 || last == 0x75 || last == 0x69 { return }
            }
            u.removeLast(suffix.count)
            if suffix == Array("ies".utf8) { u.append(0x79) }  // dependencies -> dependency
            break
        }
        // "close"/"closing", "freeze"/"freezes": a final e is not part of the key.
        if u.count >= 4, u.last == 0x65 { u.removeLast() }
        // "running"/"run", "stopped"/"stop": an undoubled final consonant.
        if u.count >= 4, u[u.count - 1] == u[u.count - 2], !isVowel(u[u.count - 1]),
           u[u.count - 1] != 0x6C, u[u.count - 1] != 0x73, u[u.count - 1] != 0x7A { u.removeLast() }
    }

    private static func isVowel(_ b: UInt8) -> Bool {
        b == 0x61 || b == 0x65 || b == 0x69 || b == 0x6F || b == 0x75 || b == 0x79
    }
}
