import Dispatch
import DocketModel

/// The text of one ticket, prepared for comparison with others: normalised
/// tokens from the title, the prose of the body and the prose of people's
/// comments, error signatures from everywhere, issue-form facets, and the
/// body's code/log blocks set apart.
///
/// Logs do not feed `bodyTokens`: a 300-line stack trace would otherwise
/// outweigh the two sentences that describe the problem. What logs say that
/// matters (exception names, error codes, modules) is in `signatures`.
public struct TicketText: Sendable, Equatable {
    public var key: TicketKey
    /// Tokens of the title, in order, duplicates kept.
    public var titleTokens: [String]
    /// Tokens of the body's prose, in order, duplicates kept.
    public var bodyTokens: [String]
    /// Tokens of the prose of comments written by people (bots' comments are
    /// left out: stale notices and template reminders say nothing about the
    /// problem), in order, duplicates kept. A vague report ("it stopped
    /// working") is often explained only in the replies.
    public var commentTokens: [String]
    /// Error signatures from title, prose, code and people's comments, each once, in first-seen order:
    /// `NullPointerException`, `foo.dll`, `0xC0000409`, `ECONNREFUSED`, `http:500`, `port:41837`.
    public var signatures: [String]
    /// From the issue form: `platform` (normalised: Windows, macOS, Linux, Web,
    /// iOS, Android), `version`, `software`. Absent fields are absent keys.
    public var facets: [String: String]
    /// The distinct tokens of the code and log blocks of the body and of
    /// people's comments, in first-seen order, at most `maxLogTokens`: what a
    /// log is about ("sync", "journal", "cursor"), counted once however long
    /// the log runs.
    public var logTokens: [String] = []
    /// The kinds of error an app-filled report quotes in its problem fields
    /// (`FieldLine`): each value's first token, such as the exception class
    /// of "Error: SyncSocketException: ..." (`syncsocketexception`). Empty
    /// unless the body is an app's: at least `FieldLine.appReportFields`
    /// field lines and at most `FieldLine.appReportProse` other lines. An app fills in a template whose title is its dialog's and
    /// whose facts are the machine's, so the error is all that tells one
    /// problem from another, and two such reports that quote errors of
    /// different kinds are different problems, however alike their titles.
    /// People quote errors loosely (the same failure as
    /// `ConnectException` in one report and `ECONNREFUSED` in the next), so
    /// their reports are not told apart this way.
    public var errorKinds: [String] = []
    /// Distinct log tokens kept per ticket. A log's first lines name what
    /// fails; past two dozen words come identifiers and paths. Measured on
    /// generated tickets: 24 and 48 place tickets equally well (F1 within
    /// 0.002), and 48 made linkage at 100,000 tickets a quarter slower.
    public static let maxLogTokens = 24

    public init(key: TicketKey, titleTokens: [String] = [], bodyTokens: [String] = [], commentTokens: [String] = [],
                signatures: [String] = [], facets: [String: String] = [:]) {
        self.key = key
        self.titleTokens = titleTokens
        self.bodyTokens = bodyTokens
        self.commentTokens = commentTokens
        self.signatures = signatures
        self.facets = facets
    }

    /// Analyses one ticket's title, body and the comments people wrote.
    ///
    /// Deterministic: the same ticket and boilerplate always give the same result.
    /// - Complexity: O(n) in the length of title, body and comments.
    public static func analyze(_ ticket: Ticket, boilerplate: Boilerplate = .empty) -> TicketText {
        var result = TicketText(key: ticket.key)
        var tokenizer = TextTokenizer()
        var scanner = SignatureScanner()
        var logSeen = Set<String>()
        var lineTokens: [String] = []
        func logLine(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) {
            guard result.logTokens.count < Self.maxLogTokens else { return }
            lineTokens.removeAll(keepingCapacity: true)
            tokenizer.tokenize(p, r, into: &lineTokens)
            for t in lineTokens where result.logTokens.count < Self.maxLogTokens && logSeen.insert(t).inserted {
                result.logTokens.append(t)
            }
        }

        var title = Array(ticket.title.utf8)
        if BodyLayout.needsSanitizing(title, 0..<title.count) { title = Array(TextSanitizer.singleLine(ticket.title).utf8) }
        title.withUnsafeBufferPointer { p in
            tokenizer.tokenize(p, 0..<p.count, into: &result.titleTokens)
            // Only in the title: there the reporter states the problem; a
            // body narrates ("it would not open the file, so I restarted"),
            // and scanning bodies too lowered the score against both label
            // sets (docs/QUALITY.md).
            Symptoms.scan(p, 0..<p.count, into: &result.titleTokens)
            scanner.scan(p, 0..<p.count)
        }

        let layout = BodyLayout(body: TextBound.read(ticket.body, limit: TextBound.analysisBytes))
        var field: String?
        var fieldLines = 0, proseLines = 0
        // Only a body that can be an app's report needs its prose lines counted.
        let checkProse = !boilerplate.fieldKeys.isEmpty
        layout.bytes.withUnsafeBufferPointer { p in
            for block in layout.blocks {
                switch block {
                case .heading(let r):
                    field = TicketFacets.facet(forHeading: String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self))
                    if let f = field, result.facets[f] != nil { field = nil }  // the first answer wins
                case .prose(let r):
                    if let f = field {
                        // A form answer is its first line; the tokens still count it.
                        let value = String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self).trimmedWS()
                        result.facets[f] = f == TicketFacets.platform ? TicketFacets.normalizedPlatform(value) : value
                        field = nil
                    }
                    guard let field = boilerplate.fieldText(p, r) else { fieldLines += 1; continue }
                    if field.isProblem { fieldLines += 1 } else if checkProse, proseLines <= FieldLine.appReportProse, field.range == r,
                        !boilerplate.contains(layout.bytes, r), !FieldLine.isBoldHeading(p, r), !FieldLine.isFieldShaped(p, r) {
                        proseLines += 1
                    }
                    let text = field.range
                    scanner.scan(p, text)
                    if boilerplate.contains(layout.bytes, r) { continue }
                    let before = result.bodyTokens.count
                    tokenizer.tokenize(p, text, into: &result.bodyTokens)
                    if field.isProblem, before < result.bodyTokens.count {
                        let kind = result.bodyTokens[before]
                        if !result.errorKinds.contains(kind) { result.errorKinds.append(kind) }
                    }
                case .code(let lines):
                    field = nil
                    for r in lines { scanner.scan(p, r); logLine(p, r) }
                }
            }
        }
        for comment in ticket.comments where !comment.authorIsBot {
            let layout = BodyLayout(body: TextBound.read(comment.body, limit: TextBound.analysisBytes))
            layout.bytes.withUnsafeBufferPointer { p in
                for block in layout.blocks {
                    switch block {
                    case .heading:
                        continue
                    case .prose(let r):
                        guard let text = boilerplate.fieldText(p, r)?.range else { continue }
                        scanner.scan(p, text)
                        if boilerplate.contains(layout.bytes, r) { continue }
                        tokenizer.tokenize(p, text, into: &result.commentTokens)
                    case .code(let lines):
                        for r in lines { scanner.scan(p, r); logLine(p, r) }
                    }
                }
            }
        }
        // Only an app's report is told apart by its error alone (see `errorKinds`).
        if fieldLines < FieldLine.appReportFields || proseLines > FieldLine.appReportProse { result.errorKinds = [] }
        result.signatures = scanner.signatures
        return result
    }

    /// Analyses many tickets on all cores; the result is in the order of
    /// `tickets` and equal to mapping `analyze` over them.
    /// - Complexity: O(n) in the total length of titles, bodies and comments.
    public static func analyze(_ tickets: [Ticket], boilerplate: Boilerplate = .empty) -> [TicketText] {
        let chunk = 256
        let chunks = (tickets.count + chunk - 1) / chunk
        guard chunks > 1 else { return tickets.map { analyze($0, boilerplate: boilerplate) } }
        var results = [TicketText?](repeating: nil, count: tickets.count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own disjoint range of slots.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for i in (c * chunk)..<min(tickets.count, (c + 1) * chunk) {
                    slots[i] = analyze(tickets[i], boilerplate: boilerplate)
                }
            }
        }
        return results.map { $0 ?? TicketText(key: TicketKey(source: "", number: 0)) }
    }

    /// The tokens of any text (a search query, a cluster label) under the
    /// same rules as ticket prose.
    public static func tokens(of text: String) -> [String] {
        var out: [String] = []
        var tokenizer = TextTokenizer()
        let bytes = Array(TextSanitizer.singleLine(text).utf8)
        bytes.withUnsafeBufferPointer { tokenizer.tokenize($0, 0..<$0.count, into: &out) }
        return out
    }
}
