import DocketModel
import Foundation

/// The text the `/` filter matches, one lowercased line per ticket: a head
/// (number and title, then each label, fields apart) and the first
/// `bodyPrefix` bytes of the body. A query's terms must all match; a term
/// matches fuzzily (as a subsequence, like fzf) within one field of the
/// head or one theme, and literally (as a substring) in the body, where a
/// subsequence of a short term would match nearly every ticket. Matches
/// are scored as fzf scores them (`score`), and the list is ranked by the
/// sum while a query is typed. Built once
/// (in the background by the runtime, or on first use), then shared by
/// every state: tickets do not change while the browser runs.
///
/// Themes are not in it: they are edits, matched from the current
/// annotations on each filter.
public final class TicketSearch: @unchecked Sendable {
    /// How much of a body is searched: enough for the symptom a reporter
    /// leads with, bounded so that 100k tickets stay ~60 MB and a keystroke
    /// stays within a frame.
    public static let bodyPrefix = 512

    private let tickets: [Ticket]
    private let lock = NSLock()
    private var built: Built?

    struct Built {
        var bytes: [UInt8]
        /// Ticket i's text is `bytes[offsets[i]..<offsets[i + 1]]`, its body
        /// from `bodies[i]` on.
        var offsets: [Int]
        var bodies: [Int]
        var keyIndex: [TicketKey: Int]
    }

    public init(_ tickets: [Ticket]) {
        self.tickets = tickets
    }

    /// Builds the text now if nobody has yet (the runtime calls it on a
    /// background queue after the first frame).
    public func prepare() {
        _ = withBuilt { _ in 0 }
    }

    func withBuilt<R>(_ body: (Built) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        if built == nil { built = Self.build(tickets) }
        guard let b = built else { return body(Built(bytes: [], offsets: [0], bodies: [], keyIndex: [:])) }
        return body(b)
    }

    /// - Complexity: O(n) in tickets; reads at most `bodyPrefix` bytes of each body.
    static func build(_ tickets: [Ticket]) -> Built {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(tickets.count * (bodyPrefix + 96))
        var offsets: [Int] = [0]
        offsets.reserveCapacity(tickets.count + 1)
        var bodies: [Int] = []
        bodies.reserveCapacity(tickets.count)
        var keyIndex: [TicketKey: Int] = [:]
        keyIndex.reserveCapacity(tickets.count)
        for (i, t) in tickets.enumerated() {
            keyIndex[t.key] = i
            appendLowered("#\(t.number) ".utf8, to: &bytes)
            appendLowered(t.title.utf8, to: &bytes)
            for l in t.labels {
                bytes.append(fieldSeparator)
                appendLowered(l.utf8, to: &bytes)
            }
            bytes.append(fieldSeparator)
            bodies.append(bytes.count)
            let undecoded: Bool = t.bodyText.withUndecodedBytes { raw in
                appendUnescaped(UnsafeBufferPointer(rebasing: raw[0..<min(raw.count, bodyPrefix)]), to: &bytes)
                return true
            } ?? false
            if !undecoded { appendLowered(t.body.utf8.prefix(bodyPrefix), to: &bytes) }
            offsets.append(bytes.count)
        }
        return Built(bytes: bytes, offsets: offsets, bodies: bodies, keyIndex: keyIndex)
    }

    /// Between two fields of the head (title, labels) and two themes: a
    /// byte `lower` never yields, so no match spans two fields.
    static let fieldSeparator: UInt8 = 0

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 {
        b >= 0x41 && b <= 0x5A ? b + 0x20 : (b < 0x20 ? 0x20 : b)
    }

    static func appendLowered<S: Sequence>(_ s: S, to out: inout [UInt8]) where S.Element == UInt8 {
        for b in s { out.append(lower(b)) }
    }

    /// A JSON string's raw bytes, near enough for matching: `\n` and the
    /// like become spaces, `\"` a quote, `\uXXXX` a space.
    static func appendUnescaped(_ raw: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var i = 0
        while i < raw.count {
            let b = raw[i]
            if b == UInt8(ascii: "\\"), i + 1 < raw.count {
                let e = raw[i + 1]
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e); i += 2
                case UInt8(ascii: "u"): out.append(0x20); i += 6
                default: out.append(0x20); i += 2
                }
                continue
            }
            out.append(lower(b))
            i += 1
        }
    }

    /// The query's terms: split on spaces, lowercased (ASCII) like the text.
    public static func terms(_ query: String) -> [[UInt8]] {
        query.split(separator: " ").map { Array($0.utf8).map(lower) }
    }

    // MARK: - Scoring (fzf's constants)

    static let scoreMatch = 16
    static let scoreGapStart = -3
    static let scoreGapExtension = -1
    /// A match at the start of a word ("auth" in "auth loop", "l" of "Long").
    static let bonusBoundary = 8
    /// A match right after the previous one.
    static let bonusConsecutive = 4
    /// The first character's bonus counts this many times.
    static let firstCharMultiplier = 2
    /// A literal body match counts this share of the same match in a title:
    /// a ticket that names it in its title comes first.
    static let bodyDivisor = 2

    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b >= 0x80
    }

    /// The score of `term` matched in `field` from `start` to `end`
    /// (inclusive), the characters taken greedily from `start`.
    static func scoreWindow(_ term: [UInt8], _ field: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var score = 0, t = 0, inGap = false, chunkBonus = 0
        var previous = false
        for i in start...end {
            if t < term.count, field[i] == term[t] {
                let boundary = i == 0 || !isWordByte(field[i - 1])
                var bonus = boundary ? bonusBoundary : 0
                // A run of consecutive matches keeps the bonus of its first character.
                if previous { bonus = max(bonus, chunkBonus, bonusConsecutive) } else { chunkBonus = bonus }
                if t == 0 { bonus *= firstCharMultiplier }
                score += scoreMatch + bonus
                previous = true
                inGap = false
                t += 1
            } else {
                score += inGap ? scoreGapExtension : scoreGapStart
                inGap = true
                previous = false
            }
        }
        return score
    }

    /// fzf's first algorithm, within one field: the first window that ends
    /// the subsequence, shrunk from its end; or the term as it is, where it
    /// scores more (a word start later in the title beats a spread match
    /// early). Nil when `term` is not a subsequence of `field`.
    static func fuzzyScore(_ term: [UInt8], in field: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !term.isEmpty else { return 0 }
        var t = 0, end = -1
        for i in 0..<field.count where field[i] == term[t] {
            t += 1
            if t == term.count { end = i; break }
        }
        guard end >= 0 else { return nil }
        t = term.count - 1
        var start = end, i = end
        while i >= 0 {
            if field[i] == term[t] {
                if t == 0 { start = i; break }
                t -= 1
            }
            i -= 1
        }
        var best = scoreWindow(term, field, start, end)
        // The term as it is: its first occurrence, and its first at a word
        // start (a contiguous window scores by whether it starts a word, so
        // no later occurrence scores more).
        var from = 0
        while from + term.count <= field.count, let at = literal(term, in: UnsafeBufferPointer(rebasing: field[from...])) {
            let s = from + at
            best = max(best, scoreWindow(term, field, s, s + term.count - 1))
            if s == 0 || !isWordByte(field[s - 1]) { break }
            from = s + 1
        }
        return best
    }

    /// Where `term` first occurs in `text` as it is.
    static func literal(_ term: [UInt8], in text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = term.first, let base = text.baseAddress, text.count >= term.count else { return nil }
        var p = base
        let last = base + (text.count - term.count)
        return term.withUnsafeBufferPointer { t in
            guard let tp = t.baseAddress else { return nil }
            while p <= last, let q = memchr(p, Int32(first), last - p + 1) {
                let at = UnsafePointer(q.assumingMemoryBound(to: UInt8.self))
                if memcmp(at, tp, t.count) == 0 { return at - base }
                p = at + 1
            }
            return nil
        }
    }

    /// The best score of `term` in any one field of `text` (fields apart by `fieldSeparator`).
    static func bestField(_ term: [UInt8], in text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = text.baseAddress, let first = term.first else { return nil }
        var best: Int?
        var s = 0
        while s < text.count {
            let e = memchr(base + s, Int32(fieldSeparator), text.count - s).map { $0.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base) } ?? text.count
            // A field without the term's first byte cannot match: memchr says so before any scoring.
            if e > s, memchr(base + s, Int32(first), e - s) != nil,
               let v = fuzzyScore(term, in: UnsafeBufferPointer(rebasing: text[s..<e])) { best = max(best ?? v, v) }
            s = e + 1
        }
        return best
    }

    /// The sum of each term's best score, or nil when a term matches nowhere:
    /// fuzzily within a field of `head` or a theme, literally in `body`.
    /// A query term and the most a body match of it can score (a perfect
    /// match's share), worked out once per query.
    struct Term {
        var bytes: [UInt8]
        var bodyBest: Int

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            bodyBest = bytes.isEmpty ? 0 : bytes.withUnsafeBufferPointer { scoreWindow(bytes, $0, 0, bytes.count - 1) } / bodyDivisor
        }
    }

    static func score(_ terms: [Term], head: UnsafeBufferPointer<UInt8>, body: UnsafeBufferPointer<UInt8>,
                      themes: [UInt8]?) -> Int? {
        var total = 0
        for t in terms {
            let term = t.bytes
            var best = bestField(term, in: head)
            if let th = themes, let v = th.withUnsafeBufferPointer({ bestField(term, in: $0) }) { best = max(best ?? v, v) }
            // Once the head holds a match no body match can beat, the body is not read.
            if (best ?? Int.min) < t.bodyBest, let at = literal(term, in: body) {
                let v = scoreWindow(term, body, at, at + term.count - 1) / bodyDivisor
                best = max(best ?? v, v)
            }
            guard let b = best else { return nil }
            total += b
        }
        return total
    }

    /// The positions in `candidates` (indices into `rows`) whose ticket
    /// matches `query`, best score first; equal scores keep `candidates`' order.
    /// Themes come from `annotations`.
    /// - Complexity: O(candidates × text) in the worst case; memchr per
    ///   query byte in practice.
    public func filter(_ candidates: [Int], rows: [TicketRow], query: String,
                       annotations: [TicketKey: TicketAnnotation]) -> [Int] {
        scored(candidates, rows: rows, query: query, annotations: annotations).map(\.0)
    }

    /// `filter` with each match's score.
    public func scored(_ candidates: [Int], rows: [TicketRow], query: String,
                       annotations: [TicketKey: TicketAnnotation]) -> [(Int, Int)] {
        let terms = Self.terms(query).map(Term.init)
        if terms.isEmpty { return candidates.map { ($0, 0) } }
        return withBuilt { b in
            // Lowercased theme names of the few tickets that have any, one field each.
            var themes: [Int: [UInt8]] = [:]
            for (k, a) in annotations where !a.themes.isEmpty {
                if let i = b.keyIndex[k] {
                    themes[i] = Array(a.themes.joined(separator: "\u{0}").utf8).map { $0 == 0 ? Self.fieldSeparator : Self.lower($0) }
                }
            }
            let hits: [(Int, Int)] = b.bytes.withUnsafeBufferPointer { all in
                rows.withUnsafeBufferPointer { rowList in candidates.compactMap { c in
                    let t = rowList[c].index
                    return Self.score(terms, head: UnsafeBufferPointer(rebasing: all[b.offsets[t]..<b.bodies[t]]),
                                      body: UnsafeBufferPointer(rebasing: all[b.bodies[t]..<b.offsets[t + 1]]),
                                      themes: themes.isEmpty ? nil : themes[t]).map { (c, $0) }
                } }
            }
            // Scores are small integers: a stable counting sort, best first, in O(hits + range).
            guard let top = hits.map(\.1).max(), let low = hits.map(\.1).min() else { return [] }
            var start = [Int](repeating: 0, count: top - low + 2)
            for h in hits { start[top - h.1 + 1] += 1 }
            for i in 1..<start.count { start[i] += start[i - 1] }
            var out = [(Int, Int)](repeating: (0, 0), count: hits.count)
            for h in hits {
                out[start[top - h.1]] = h
                start[top - h.1] += 1
            }
            return out
        }
    }
}
