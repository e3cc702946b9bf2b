
/// Turns prose into normalised tokens: lower-cased words and numbers-with-
/// letters, version numbers kept whole, URLs reduced to their host, file
/// paths to their last component, CJK text to character bigrams, English
/// stop words and plain numbers dropped.
///
/// Works on UTF-8 bytes with an ASCII fast path; non-ASCII scalars are
/// decoded only to classify them. Reuse one tokenizer for many lines: its
/// scratch buffers are kept between calls.
struct TextTokenizer {
    /// Tokens longer than this are ids, hashes or base64, not words.
    static let maxTokenBytes = 40

    private var scratch: [UInt8] = []
    private var run: [Unicode.Scalar] = []
    private let stopWords = StopWords.english
    private let packedStopWords = StopWords.packed

    init() {
        scratch.reserveCapacity(64)
    }

    /// Appends the tokens of `p[range]` to `out`.
    /// - Complexity: O(n) in the length of the range.
    mutating func tokenize(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: inout [String]) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = p[i]
            if c < 0x80 {
                guard isChunkByte(c) else { i += 1; continue }
                if isASCIILetter(c), let urlEnd = urlEnd(p, i, end) {
                    emitHost(p, i..<urlEnd, into: &out)
                    i = urlEnd
                    continue
                }
            } else {
                let (s, len) = decode(p, i)
                if isCJK(s) { i = cjkRun(p, i, end, into: &out); continue }
                guard isWordScalar(s) else { i += len; continue }
            }
            // A chunk: letters, digits and the joiners that hold paths, versions and file names together.
            var j = i
            while j < end {
                let b = p[j]
                if b < 0x80 {
                    if !isChunkByte(b) { break }
                    j += 1
                } else {
                    let (s, len) = decode(p, j)
                    if isCJK(s) || !isWordScalar(s) { break }
                    j += len
                }
            }
            chunk(p, i..<j, into: &out)
            i = j
        }
    }

    // MARK: - Chunks

    private mutating func chunk(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, into out: inout [String]) {
        var slashes = 0, backslash = false
        for k in r {
            if p[k] == 0x2F { slashes += 1 } else if p[k] == 0x5C { backslash = true }
        }
        guard slashes > 0 || backslash else { word(p, r, into: &out); return }
        let first = p[r.lowerBound]
        let drive = r.count >= 2 && isASCIILetter(first) && p[r.lowerBound + 1] == 0x3A
        if backslash || slashes >= 2 || first == 0x2F || first == 0x2E || drive {
            // A path: only the last component says which file it was.
            var e = r.upperBound
            while e > r.lowerBound, p[e - 1] == 0x2F || p[e - 1] == 0x5C { e -= 1 }
            var s = e
            while s > r.lowerBound, p[s - 1] != 0x2F && p[s - 1] != 0x5C { s -= 1 }
            word(p, s..<e, into: &out)
        } else {
            // One slash is usually "and/or", "Windows/macOS".
            var s = r.lowerBound
            for k in r where p[k] == 0x2F {
                word(p, s..<k, into: &out)
                s = k + 1
            }
            word(p, s..<r.upperBound, into: &out)
        }
    }

    /// Splits at `:` and `-`, which join words but not versions or file names.
    private mutating func word(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, into out: inout [String]) {
        var s = r.lowerBound
        for k in r where p[k] == 0x3A || p[k] == 0x2D {
            piece(p, s..<k, into: &out)
            s = k + 1
        }
        piece(p, s..<r.upperBound, into: &out)
    }

    private mutating func piece(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, into out: inout [String]) {
        var s = r.lowerBound, e = r.upperBound
        while s < e, p[s] == 0x2E || p[s] == 0x5F { s += 1 }
        while e > s, p[e - 1] == 0x2E || p[e - 1] == 0x5F { e -= 1 }
        guard e - s >= 2, e - s <= Self.maxTokenBytes else { return }
        var letters = 0
        for k in s..<e where p[k] >= 0x80 || isASCIILetter(p[k]) { letters += 1 }
        if letters == 0 {
            if isVersion(p, s..<e) { emit(p, s..<e, into: &out) }
            return
        }
        if letters == 1, p[s] | 0x20 == 0x76, isVersion(p, (s + 1)..<e) {  // v1.2.3
            emit(p, (s + 1)..<e, into: &out)
            return
        }
        emit(p, s..<e, into: &out)
    }

    /// Digits separated by single dots, at least one dot: `5.8.3`, `22.04`.
    private func isVersion(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        guard let f = r.first, isASCIIDigit(p[f]), isASCIIDigit(p[r.upperBound - 1]) else { return false }
        var dots = 0
        var previousDot = false
        for k in r {
            if p[k] == 0x2E {
                if previousDot { return false }
                dots += 1
                previousDot = true
            } else if isASCIIDigit(p[k]) {
                previousDot = false
            } else {
                return false
            }
        }
        return dots > 0
    }

    private mutating func emit(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, into out: inout [String]) {
        // Most stop words are rejected here, before a String is made.
        if r.count <= 8 {
            var packed: UInt64 = 0
            for k in r {
                let b = p[k]
                packed = packed << 8 | UInt64(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
            }
            if packedStopWords.contains(packed) { return }
        }
        scratch.removeAll(keepingCapacity: true)
        var nonASCII = false
        for k in r {
            let b = p[k]
            if b >= 0x41 && b <= 0x5A { scratch.append(b | 0x20) } else { scratch.append(b); nonASCII = nonASCII || b >= 0x80 }
        }
        var token = String(decoding: scratch, as: UTF8.self)
        if nonASCII { token = token.lowercased() }
        if !stopWords.contains(token) { out.append(token) }
    }

    // MARK: - URLs

    /// The end of a URL starting at `i` (`scheme://...` or `www.`), or nil.
    private func urlEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        var j = i
        while j < end, j - i <= 10, isASCIILetter(p[j]) { j += 1 }
        let scheme = j + 2 < end && p[j] == 0x3A && p[j + 1] == 0x2F && p[j + 2] == 0x2F
        let www = end - i > 4 && p[i] | 0x20 == 0x77 && p[i + 1] | 0x20 == 0x77 && p[i + 2] | 0x20 == 0x77 && p[i + 3] == 0x2E
        guard scheme || www else { return nil }
        var k = scheme ? j + 3 : i
        while k < end {
            let b = p[k]
            if b <= 0x20 || b == 0x22 || b == 0x27 || b == 0x3C || b == 0x3E || b == 0x28 || b == 0x29 || b == 0x5B
                || b == 0x5D || b == 0x60 || b == 0x7C || b == 0x7B || b == 0x7D { break }
            k += 1
        }
        return k
    }

    /// Emits the host of a URL, lower-cased and without `www.`.
    private mutating func emitHost(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, into out: inout [String]) {
        var s = r.lowerBound
        var k = r.lowerBound
        while k + 2 < r.upperBound {
            if p[k] == 0x3A && p[k + 1] == 0x2F && p[k + 2] == 0x2F { s = k + 3; break }
            k += 1
        }
        var e = s
        while e < r.upperBound, p[e] != 0x2F, p[e] != 0x3F, p[e] != 0x23, p[e] != 0x3A { e += 1 }
        if let at = (s..<e).last(where: { p[$0] == 0x40 }) { s = at + 1 }  // user:pass@host
        if e - s > 4, p[s] | 0x20 == 0x77, p[s + 1] | 0x20 == 0x77, p[s + 2] | 0x20 == 0x77, p[s + 3] == 0x2E { s += 4 }
        while e > s, p[e - 1] == 0x2E || p[e - 1] == 0x2C { e -= 1 }
        guard e - s >= 2 else { return }
        scratch.removeAll(keepingCapacity: true)
        for i in s..<e { scratch.append(p[i] >= 0x41 && p[i] <= 0x5A ? p[i] | 0x20 : p[i]) }
        out.append(String(decoding: scratch, as: UTF8.self))
    }

    // MARK: - CJK

    /// Emits the bigrams of a run of CJK characters starting at `i`; returns the index after it.
    private mutating func cjkRun(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, into out: inout [String]) -> Int {
        run.removeAll(keepingCapacity: true)
        var j = i
        while j < end, p[j] >= 0x80 {
            let (s, len) = decode(p, j)
            guard isCJK(s) else { break }
            run.append(s)
            j += len
        }
        if run.count == 1 {
            out.append(String(Character(run[0])))
        } else {
            for k in 0..<(run.count - 1) {
                var v = String.UnicodeScalarView()
                v.append(run[k])
                v.append(run[k + 1])
                out.append(String(v))
            }
        }
        return j
    }
}

// MARK: - Classification

/// ASCII bytes that can be part of a token chunk: letters, digits and `._-/\:`.
@inline(__always) private func isChunkByte(_ b: UInt8) -> Bool {
    isASCIILetter(b) || isASCIIDigit(b) || b == 0x2E || b == 0x5F || b == 0x2D || b == 0x2F || b == 0x5C || b == 0x3A
}

/// Decodes the scalar whose first byte is at `i` of valid UTF-8.
@inline(__always) func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Unicode.Scalar, Int) {
    let b0 = UInt32(p[i])
    var v: UInt32
    var len: Int
    if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
    if b0 < 0xE0 { v = b0 & 0x1F; len = 2 } else if b0 < 0xF0 { v = b0 & 0x0F; len = 3 } else { v = b0 & 0x07; len = 4 }
    var k = 1
    while k < len, i + k < p.count {
        v = (v << 6) | (UInt32(p[i + k]) & 0x3F)
        k += 1
    }
    return (Unicode.Scalar(v) ?? "\u{FFFD}", k)
}

/// Han, Hiragana, Katakana and Hangul: scripts written without spaces
/// between words (Korean has them, but its words inflect heavily, so
/// bigrams match better than whole words there too).
@inline(__always) func isCJK(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    return (v >= 0x3041 && v <= 0x30FA) || v == 0x30FC || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x4E00 && v <= 0x9FFF)
        || (v >= 0xAC00 && v <= 0xD7AF) || (v >= 0x1100 && v <= 0x11FF) || (v >= 0x3131 && v <= 0x318E)
        || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0x31F0 && v <= 0x31FF) || (v >= 0xFF66 && v <= 0xFF9F)
        || (v >= 0x20000 && v <= 0x2FFFF)
}

@inline(__always) private func isWordScalar(_ s: Unicode.Scalar) -> Bool {
    let p = s.properties
    if p.isAlphabetic { return true }
    switch p.generalCategory {
    case .decimalNumber, .nonspacingMark, .spacingMark: return true
    default: return false
    }
}
