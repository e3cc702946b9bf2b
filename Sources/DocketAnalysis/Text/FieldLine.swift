
/// A `Key: value` line, the shape of the machine details that apps and
/// scripts paste into a report ("Operating System: Windows", "Engine Port:
/// 4100", "Error: SyncSocketException ...").
///
/// Once a key is seen at the start of lines in many tickets
/// (`Boilerplate.fieldKeys`), its lines are fields, not prose: the key's
/// words say nothing about the problem, and most values are facts about the
/// machine (versions, ids, ports) that every report of that app shares,
/// whatever went wrong. Two kinds of value are kept: the value of a field
/// that names the problem (an error, an exception, a message, a
/// description), and a value that is itself a sentence (four words or more,
/// no `{`/`[` data dump).
enum FieldLine {
    /// Keys longer than this (bytes) are not keys: a sentence with a colon.
    static let maxKeyLength = 40
    /// Keys of more words than this are not keys.
    static let maxKeyWords = 4
    /// Key words that name the problem rather than the machine.
    static let problemWords: Set<String> = ["error", "exception", "message", "problem", "issue", "description",
                                            "summary", "reason", "cause", "note", "expected", "actual", "steps",
                                            "failure", "fault", "stderr", "stdout"]
    /// A value of at least this many words is a sentence and is kept.
    static let sentenceWords = 4

    struct Parsed {
        /// Lower-cased, single spaces.
        var key: String
        var value: Range<Int>
    }

    /// `b[r]` as a field line: an optional bullet (`-`, `*`) or bold marks,
    /// a key that starts with a letter (letters, digits, spaces, `/()_.-`),
    /// a colon, a space and a value. Nil for anything else ("https://...",
    /// "10:30", a sentence).
    static func parse(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Parsed? {
        var i = r.lowerBound
        func skipSpaces() { while i < r.upperBound, b[i] == 0x20 || b[i] == 0x09 { i += 1 } }
        skipSpaces()
        if i + 1 < r.upperBound, b[i] == 0x2D || b[i] == 0x2A, b[i + 1] == 0x20 { i += 2; skipSpaces() }  // "- ", "* "
        if i + 1 < r.upperBound, b[i] == 0x2A, b[i + 1] == 0x2A { i += 2 }  // "**"
        guard i < r.upperBound, isLetter(b[i]) else { return nil }
        var key: [UInt8] = []
        var words = 1
        while i < r.upperBound, b[i] != 0x3A {
            let c = b[i]
            guard isLetter(c) || (c >= 0x30 && c <= 0x39) || c == 0x20 || c == 0x2F || c == 0x28 || c == 0x29
                    || c == 0x5F || c == 0x2E || c == 0x2D || c == 0x2A else { return nil }
            if c == 0x20 {
                if key.last != 0x20 { key.append(0x20); words += 1 }
            } else if c != 0x2A {
                key.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
            }
            guard key.count <= maxKeyLength, words <= maxKeyWords else { return nil }
            i += 1
        }
        guard i < r.upperBound else { return nil }  // no colon
        i += 1
        if i + 1 < r.upperBound, b[i] == 0x2A, b[i + 1] == 0x2A { i += 2 }  // "Key:** value"
        guard i < r.upperBound, b[i] == 0x20 || b[i] == 0x09 else { return nil }
        skipSpaces()
        guard i < r.upperBound else { return nil }  // no value
        while key.last == 0x20 { key.removeLast() }
        guard !key.isEmpty else { return nil }
        return Parsed(key: String(decoding: key, as: UTF8.self), value: i..<r.upperBound)
    }

    /// True for a `Key: value` line, or a `Key:` line whose value is empty
    /// (an app's blank field, "Path: ").
    static func isFieldShaped(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        if parse(b, r) != nil { return true }
        var hi = r.upperBound
        while hi > r.lowerBound, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 || b[hi - 1] == 0x0D { hi -= 1 }
        guard hi > r.lowerBound, b[hi - 1] == 0x3A else { return false }
        let probe = Array(b[r.lowerBound..<hi]) + [0x20, 0x78]  // "Key: x"
        return probe.withUnsafeBufferPointer { parse($0, 0..<$0.count) != nil }
    }

    /// True for a line that is only bold text ("**Device Information**"): a
    /// template's section heading, not prose.
    static func isBoldHeading(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
        while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 || b[hi - 1] == 0x0D { hi -= 1 }
        guard hi - lo > 4, b[lo] == 0x2A, b[lo + 1] == 0x2A, b[hi - 1] == 0x2A, b[hi - 2] == 0x2A else { return false }
        return !b[(lo + 2)..<(hi - 2)].contains(0x2A)
    }

    /// True when a field of this key carries the problem.
    static func namesProblem(_ key: String) -> Bool {
        key.split(separator: " ").contains { w in
            problemWords.contains(String(w)) || w.hasSuffix("error") || w.hasSuffix("exception")
        }
    }

    /// True when `value` reads as a sentence: enough words, no data dump.
    static func isSentence(_ b: UnsafeBufferPointer<UInt8>, _ value: Range<Int>) -> Bool {
        var words = 0, inWord = false, letters = 0
        for i in value {
            let c = b[i]
            if c == 0x7B || c == 0x5B { return false }  // { [
            if isLetter(c) || c >= 0x80 {
                letters += 1
                if !inWord, letters >= 1 { inWord = true }
            } else {
                if inWord, letters >= 2 { words += 1 }
                inWord = false
                letters = 0
            }
        }
        if inWord, letters >= 2 { words += 1 }
        return words >= sentenceWords
    }

    /// What of a line counts as text.
    struct Text {
        var range: Range<Int>
        /// The value of a problem field ("Error: ...").
        var isProblem = false
    }

    /// An app that files a report fills in a template of several fields;
    /// a body with at least this many field lines is such a report.
    static let appReportFields = 3
    /// ... and at most this many lines of prose besides (lines not shaped
    /// `Key: value`, nor a bold section heading): the line a person
    /// may type into the dialog. A person's report that lists a few machine
    /// facts ("- RAM: 16 GB") is mostly prose.
    static let appReportProse = 1

    /// The part of `b[r]` that counts as text, given the learned field keys:
    /// all of it when it is not a field line, the value of a problem field or
    /// of a sentence value, nil when the line is a machine fact.
    static func text(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, keys: Set<String>) -> Text? {
        guard !keys.isEmpty, let f = parse(b, r), keys.contains(f.key) else { return Text(range: r) }
        if namesProblem(f.key) { return Text(range: f.value, isProblem: true) }
        return isSentence(b, f.value) ? Text(range: f.value) : nil
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
}
