import DocketModel
import Foundation

/// The text the `/` filter matches, one lowercased line per ticket: a head
/// (number, title, labels) and the first `bodyPrefix` bytes of the body.
/// A query's terms must all match; a term matches fuzzily (as a
/// subsequence, like fzf) in the head or the themes, and literally (as a
/// substring) in the body, where a subsequence of a short term would match
/// nearly every ticket. Built once
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
                bytes.append(0x20)
                appendLowered(l.utf8, to: &bytes)
            }
            bytes.append(0x20)
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

    /// Whether `term` is a subsequence of `text` (fzf's fuzzy match).
    @inline(__always)
    static func isSubsequence(_ term: [UInt8], of text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard var p = text.baseAddress else { return term.isEmpty }
        let end = p + text.count
        for b in term {
            guard p < end, let q = memchr(p, Int32(b), end - p) else { return false }
            p = UnsafePointer(q.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return true
    }

    /// Whether `term` occurs in `text` as it is.
    @inline(__always)
    static func contains(_ term: [UInt8], in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = term.first else { return true }
        guard var p = text.baseAddress, text.count >= term.count else { return false }
        let last = p + (text.count - term.count)
        return term.withUnsafeBufferPointer { t in
            guard let tp = t.baseAddress else { return true }
            while p <= last, let q = memchr(p, Int32(first), last - p + 1) {
                let at = UnsafePointer(q.assumingMemoryBound(to: UInt8.self))
                if memcmp(at, tp, t.count) == 0 { return true }
                p = at + 1
            }
            return false
        }
    }

    /// Whether every term matches: fuzzily in `head` or `themes`, literally in `body`.
    static func matches(_ terms: [[UInt8]], head: UnsafeBufferPointer<UInt8>, body: UnsafeBufferPointer<UInt8>,
                        themes: [UInt8]?) -> Bool {
        for term in terms {
            if isSubsequence(term, of: head) || contains(term, in: body) { continue }
            if let th = themes, th.withUnsafeBufferPointer({ isSubsequence(term, of: $0) }) { continue }
            return false
        }
        return true
    }

    /// The positions in `candidates` (indices into `rows`) whose ticket
    /// matches `query`, in order. Themes come from `annotations`.
    /// - Complexity: O(candidates × text) in the worst case; memchr per
    ///   query byte in practice.
    public func filter(_ candidates: [Int], rows: [TicketRow], query: String,
                       annotations: [TicketKey: TicketAnnotation]) -> [Int] {
        let terms = Self.terms(query)
        if terms.isEmpty { return candidates }
        return withBuilt { b in
            // Lowercased theme names of the few tickets that have any.
            var themes: [Int: [UInt8]] = [:]
            for (k, a) in annotations where !a.themes.isEmpty {
                if let i = b.keyIndex[k] { themes[i] = Array(a.themes.joined(separator: " ").utf8).map(Self.lower) }
            }
            return b.bytes.withUnsafeBufferPointer { all in
                rows.withUnsafeBufferPointer { rowList in candidates.filter { c in
                    let t = rowList[c].index
                    return Self.matches(terms, head: UnsafeBufferPointer(rebasing: all[b.offsets[t]..<b.bodies[t]]),
                                        body: UnsafeBufferPointer(rebasing: all[b.bodies[t]..<b.offsets[t + 1]]),
                                        themes: themes.isEmpty ? nil : themes[t])
                } }
            }
        }
    }
}
