import DocketModel

/// Template sentences that recur across many ticket bodies ("Please describe
/// what you expected to happen"), learned from a corpus so they can be left
/// out of each ticket's tokens.
///
/// Lines are compared after normalisation: trimmed, lower-cased, runs of
/// whitespace collapsed. Lines shorter than `minLength` are never
/// boilerplate: short lines ("Windows", "Yes") are answers, not templates.
public struct Boilerplate: Sendable, Equatable {
    /// Normalised lines shorter than this (in UTF-8 bytes) are never boilerplate.
    public static let minLength = 20

    /// The normalised template lines.
    public let lines: Set<String>
    /// Keys of `Key: value` lines that many tickets carry (`FieldLine`):
    /// machine details pasted by an app, lower-cased.
    public let fieldKeys: Set<String>

    /// No boilerplate: nothing is removed.
    public static let empty = Boilerplate(lines: [])

    /// Boilerplate made of the given lines, normalised; short ones are ignored.
    public init(lines: some Sequence<String>, fieldKeys: some Sequence<String> = [String]()) {
        self.lines = Set(lines.compactMap(Self.normalized))
        self.fieldKeys = Set(fieldKeys)
    }

    /// True when `line`, normalised, is a learned template line.
    public func contains(_ line: String) -> Bool {
        guard !lines.isEmpty, let key = Self.normalized(line) else { return false }
        return lines.contains(key)
    }

    public var isEmpty: Bool { lines.isEmpty && fieldKeys.isEmpty }

    /// The part of the prose line `b[r]` that counts as text (`FieldLine.text`):
    /// nil for a machine fact. Template lines are not checked here.
    func fieldText(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> FieldLine.Text? {
        FieldLine.text(b, r, keys: fieldKeys)
    }

    /// Learns the prose lines that appear in at least `minShare` of the
    /// tickets and in at least `minCount` of them, counting a ticket's body
    /// and its people's comments together (canned replies such as "Could you
    /// attach your logs?" are templates too). Lines inside code blocks are
    /// not considered, since repeated log lines are evidence, not template.
    /// - Complexity: O(n) in the total length of bodies and comments; each
    ///   line is hashed once.
    ///
    /// Field keys (`FieldLine`) are learned in the same pass: a key that
    /// starts lines in at least `fieldShare` of the tickets and `minCount` of
    /// them. A lower share than lines: a key at the start of a line followed
    /// by a colon is a narrow shape, and the app that pastes it may file only
    /// a few percent of a tracker's reports. A line that is a problem field
    /// ("Error: ...") is never a template line: the same error pasted in many
    /// reports is the evidence that they share a problem.
    public static func learn(from tickets: [Ticket], minShare: Double = 0.2, minCount: Int = 5,
                             fieldShare: Double = 0.01) -> Boilerplate {
        let share = (max(0, minShare) * Double(tickets.count)).rounded(.up)
        let threshold = max(1, minCount, Int(share))
        // A store of fewer than 2 * minCount tickets (a day's first import)
        // cannot show a key in minCount of them; half of them, two at least,
        // is as telling there: the shape is narrow.
        let fieldCount = min(minCount, max(2, (tickets.count + 1) / 2))
        let fieldThreshold = max(1, fieldCount, Int((max(0, fieldShare) * Double(tickets.count)).rounded(.up)))
        guard tickets.count >= min(threshold, fieldThreshold, 2) else { return .empty }
        var counts: [String: Int] = [:]
        var keyCounts: [String: Int] = [:]
        var inTicket: Set<String> = []
        var keysInTicket: Set<String> = []
        // Keys of bodies that are mostly field lines (an app's report), in
        // how many such bodies: two of them are enough to tell an app's
        // template, however small the store.
        var reportKeyCounts: [String: Int] = [:]
        for ticket in tickets {
            inTicket.removeAll(keepingCapacity: true)
            keysInTicket.removeAll(keepingCapacity: true)
            var fieldLines = 0, otherLines = 0
            for (n, text) in ([ticket.body] + ticket.comments.lazy.filter({ !$0.authorIsBot }).map(\.body)).enumerated() {
                let layout = BodyLayout(body: TextBound.read(text, limit: TextBound.analysisBytes))
                layout.bytes.withUnsafeBufferPointer { p in
                    for case let .prose(r) in layout.blocks {
                        let field = FieldLine.parse(p, r)
                        if n == 0 { if field != nil { fieldLines += 1 } else { otherLines += 1 } }
                        if let f = field, keysInTicket.insert(f.key).inserted { keyCounts[f.key, default: 0] += 1 }
                        if let f = field, FieldLine.namesProblem(f.key) { continue }
                        if let key = normalized(layout.bytes, r), inTicket.insert(key).inserted { counts[key, default: 0] += 1 }
                    }
                }
            }
            if fieldLines >= FieldLine.appReportFields, fieldLines > otherLines {
                for k in keysInTicket { reportKeyCounts[k, default: 0] += 1 }
            }
        }
        var keys = Set(keyCounts.lazy.filter { $0.value >= fieldThreshold }.map(\.key))
        for (k, n) in reportKeyCounts where n >= 2 { keys.insert(k) }
        return Boilerplate(normalizedLines: Set(counts.lazy.filter { $0.value >= threshold }.map(\.key)), fieldKeys: keys)
    }

    private init(normalizedLines: Set<String>, fieldKeys: Set<String>) {
        lines = normalizedLines
        self.fieldKeys = fieldKeys
    }

    /// True when the line `b[r]` is a template line.
    func contains(_ b: [UInt8], _ r: Range<Int>) -> Bool {
        guard !lines.isEmpty, r.count >= Self.minLength, let key = Self.normalized(b, r) else { return false }
        return lines.contains(key)
    }

    static func normalized(_ line: String) -> String? {
        let b = Array(line.utf8)
        return normalized(b, 0..<b.count)
    }

    /// Trimmed, whitespace collapsed, lower-cased; nil when too short.
    static func normalized(_ b: [UInt8], _ r: Range<Int>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(r.count)
        var pendingSpace = false
        var nonASCII = false
        for i in r {
            let c = b[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            if c >= 0x41 && c <= 0x5A { out.append(c | 0x20) } else { out.append(c); nonASCII = nonASCII || c >= 0x80 }
        }
        guard out.count >= minLength else { return nil }
        let s = String(decoding: out, as: UTF8.self)
        return nonASCII ? s.lowercased() : s
    }
}
