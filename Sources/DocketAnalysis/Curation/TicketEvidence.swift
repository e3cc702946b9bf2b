import DocketModel
import Foundation

/// What recommendations read from one ticket's text and thread, by rules
/// plain enough to restate elsewhere: `.ci/eval-reports` and the tests
/// recompute each one from the tickets to check what a recommendation says.
///
/// Every rule errs towards saying nothing: a version-like number anywhere
/// means the report gives a version; anything that looks like a log, a
/// screenshot or a quotation means the error is quoted.
enum TicketEvidence {
    /// GitHub's author associations of the people who run the tracker.
    static let staffAssociations: Set<String> = ["OWNER", "MEMBER", "COLLABORATOR"]

    /// A comment by the team: a staff association, or a login in `staff`; never a bot.
    static func isStaff(_ c: Comment, staff: Set<String>) -> Bool {
        !c.authorIsBot && (staffAssociations.contains(c.association.uppercased()) || staff.contains(c.author))
    }

    // MARK: - What a report leaves out

    /// What a support lead asks a reporter for.
    enum Lack: String, CaseIterable, Sendable {
        /// No version-like number (`5.8`, `12.1.1`) anywhere in the report.
        case version
        /// No operating system named, in the form or the text.
        case platform
        /// A short report (under `shortReport` words) with no numbered or
        /// bulleted list, no "step"/"reproduce", and no log either.
        case steps
        /// Says it crashes, hangs or fails, but shows no log, screenshot or error.
        case logs
        /// Says "error" but quotes none.
        case error
    }

    /// Prose words under which a report without steps is too short to act on.
    static let shortReport = 30

    /// What the report of `t` (title, body and the reporter's own comments)
    /// does not give, in `Lack` order. Feature requests and questions ask
    /// for nothing.
    static func lacks(_ t: Ticket) -> [Lack] {
        if isRequest(t) { return [] }
        var text = t.title + "\n" + TextBound.read(t.body)
        for c in t.comments where !c.authorIsBot && c.author == t.author { text += "\n" + TextBound.read(c.body) }
        let doc = Document(text)
        var out: [Lack] = []
        if !doc.hasVersionNumber { out.append(.version) }
        if !doc.namesPlatform, IssueForm(body: TextBound.read(t.body)).platform == nil { out.append(.platform) }
        let quoted = doc.hasLogOrQuote || !errorSignatures(TicketText.analyze(withoutComments(t)).signatures, in: doc).isEmpty
        // A log is a place to start; steps are asked of a short report that has neither.
        if !doc.hasSteps, !quoted, doc.proseWords < shortReport { out.append(.steps) }
        if !quoted {
            if doc.saysError { out.append(.error) } else if doc.saysFailure { out.append(.logs) }
        }
        return out
    }

    /// Labelled or titled as a request or a question rather than a problem report.
    static func isRequest(_ t: Ticket) -> Bool { requestReason(t) != nil }

    // MARK: - Versions

    /// Lines of a body read as an app report's fields, at most.
    static let fieldLinesRead = 80

    /// The `Key: value` lines of the first `fieldLinesRead` lines of `body`.
    static func fieldLines(_ body: String) -> [(key: String, value: String)] {
        var out: [(key: String, value: String)] = []
        for line in body.split(separator: "\n", omittingEmptySubsequences: false).prefix(fieldLinesRead) {
            let b = Array(line.utf8)
            guard let f = b.withUnsafeBufferPointer({ FieldLine.parse($0, 0..<$0.count) }) else { continue }
            out.append((f.key, String(decoding: b[f.value], as: UTF8.self)))
        }
        return out
    }

    /// An app report's version: the first field whose key ends in
    /// "version" and whose value starts with `N.N` ("Current Version: 12.1.1").
    static func fieldVersion(_ body: String) -> ReportedVersion? {
        for f in fieldLines(body) where f.key.hasSuffix("version") {
            let v = f.value.trimmingCharacters(in: .whitespaces)
            guard v.first?.isNumber == true, let r = ReportedVersion.first(in: v), v.hasPrefix(r.description) else { continue }
            return r
        }
        return nil
    }

    /// An app report's system: the first field keyed "os", or naming the
    /// operating system or platform, whose value is a system the normaliser knows.
    static func fieldPlatform(_ body: String) -> String? {
        for f in fieldLines(body) where f.key == "os" || f.key.contains("operating system") || f.key.contains("platform") {
            let p = TicketFacets.normalizedPlatform(f.value)
            if RecommendationGenerator.systems.contains(p) { return p }
        }
        return nil
    }

    /// The version a ticket's issue form gives: the first `N.N[.N...]` of its
    /// version field, if it has one.
    static func version(_ t: Ticket) -> ReportedVersion? {
        IssueForm(body: TextBound.read(t.body)).version.flatMap(ReportedVersion.first(in:))
    }

    // MARK: - The thread

    /// Words with which a team member offers a way around the problem.
    static let workaroundWords = ["workaround", "work around", "work-around", "in the meantime", "temporary fix"]

    /// True when a team member's comment offers a workaround.
    static func offersWorkaround(_ c: Comment) -> Bool {
        let body = TextBound.read(c.body).lowercased()
        return workaroundWords.contains { body.contains($0) }
    }

    /// Words that announce a fix, and words that take the announcement back
    /// ("will be fixed", "not fixed yet", "once 5.9 is released").
    static let fixWords = ["fixed", "resolved", "released", "shipped"]
    static let fixPhrases = ["is out", "is live", "available in"]
    static let notYetWords = ["not", "never", "once", "until", "will", "yet", "upcoming", "investigating"]
    static let notYetPhrases = ["n't", "next release", "working on", "looking into"]

    /// True when `c` says the problem is fixed or the fix released.
    static func announcesFix(_ c: Comment) -> Bool {
        let doc = Document(TextBound.read(c.body))
        let says = fixWords.contains { doc.containsWord($0) } || fixPhrases.contains { doc.lower.contains($0) }
        let takesBack = notYetWords.contains { doc.containsWord($0) } || notYetPhrases.contains { doc.lower.contains($0) }
        return says && !takesBack
    }

    /// The comments written before `end`, in order.
    static func comments(_ t: Ticket, before end: Date) -> [Comment] {
        t.comments.filter { $0.createdAt < end }.sorted { $0.createdAt < $1.createdAt }
    }

    /// The team's last comment before `end` when it announces a fix and
    /// nobody (bots aside) wrote after it. Only for threads known in full.
    static func fixAnnouncement(_ t: Ticket, before end: Date, staff: Set<String>) -> Comment? {
        guard t.threadKnown else { return nil }
        let people = comments(t, before: end).filter { !$0.authorIsBot }
        guard let last = people.last, isStaff(last, staff: staff), last.author != t.author, announcesFix(last) else { return nil }
        return last
    }

    /// The ticket a team member marked this one a duplicate of ("duplicate
    /// of #9"), with their comment.
    static func duplicateTarget(_ t: Ticket, before end: Date, staff: Set<String>) -> (number: Int, comment: Comment)? {
        for c in comments(t, before: end).reversed() where isStaff(c, staff: staff) {
            let lower = Array(TextBound.read(c.body).lowercased().utf8)
            let needle = Array("duplicate of #".utf8)
            guard let at = Document.find(needle, in: lower) else { continue }
            var i = at + needle.count, n = 0, digits = 0
            while i < lower.count, lower[i] >= 0x30, lower[i] <= 0x39, digits < 9 { n = n * 10 + Int(lower[i] - 0x30); i += 1; digits += 1 }
            if digits > 0, n != t.number { return (n, c) }
        }
        return nil
    }

    /// True when someone other than the reporter (bots aside) wrote in the
    /// thread before `end`.
    static func answered(_ t: Ticket, before end: Date) -> Bool {
        t.comments.contains { $0.createdAt < end && !$0.authorIsBot && $0.author != t.author }
    }

    // MARK: - Errors

    /// The signatures worth calling an error: not ports, HTTP statuses only
    /// from 400 and only when the text says "http" (how the status is quoted).
    static func errorSignatures(_ signatures: [String], in doc: Document) -> [String] {
        signatures.filter { s in
            if s.hasPrefix("port:") { return false }
            if s.hasPrefix("http:") { return (Int(s.dropFirst(5)) ?? 0) >= 400 && doc.lower.contains("http") }
            return true
        }
    }

    /// The error signatures of a ticket's title and body (not its comments:
    /// a reply quoting another ticket's error is not this one's).
    static func errorSignatures(_ t: Ticket) -> [String] {
        let text = TicketText.analyze(withoutComments(t))
        return errorSignatures(text.signatures, in: Document(t.title + "\n" + TextBound.read(t.body)))
    }

    static func withoutComments(_ t: Ticket) -> Ticket {
        var c = t
        c.comments = []
        return c
    }

    /// The text a signature is searched in: title, body and every comment, lower-cased.
    static func searchText(_ t: Ticket) -> [UInt8] {
        var s = t.title + "\n" + TextBound.read(t.body)
        for c in t.comments { s += "\n" + TextBound.read(c.body) }
        return Document.lowerASCII(Array(s.utf8))
    }

    /// True when `text` (from `searchText`) mentions `signature` in any
    /// form: `http:500` as "http" and the word 500; anything else as a
    /// case-insensitive substring. Liberal on purpose: "no earlier ticket
    /// quotes it" must hold however an earlier ticket wrote it.
    static func mentions(_ text: [UInt8], _ signature: String) -> Bool {
        if signature.hasPrefix("http:") {
            return Document.find(Array("http".utf8), in: text) != nil
                && Document.findWord(Array(signature.dropFirst(5).utf8), in: text)
        }
        return Document.find(Document.lowerASCII(Array(signature.utf8)), in: text) != nil
    }
}

/// A version as a form gives it: `12.1.1`, compared number by number.
struct ReportedVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    var parts: [Int]
    var description: String

    /// The first run of `digits(.digits)+` in `text`.
    static func first(in text: String) -> ReportedVersion? {
        let b = Array(text.utf8)
        var i = 0
        func digit(_ k: Int) -> Bool { k < b.count && b[k] >= 0x30 && b[k] <= 0x39 }
        while i < b.count {
            guard digit(i) else { i += 1; continue }
            let start = i
            var parts: [Int] = []
            var end = i
            var k = i
            while true {
                var n = 0, len = 0
                while digit(k), len < 9 { n = n * 10 + Int(b[k] - 0x30); k += 1; len += 1 }
                while digit(k) { k += 1 }
                parts.append(n)
                end = k
                guard k < b.count, b[k] == 0x2E, digit(k + 1) else { break }
                k += 1
            }
            if parts.count >= 2 { return ReportedVersion(parts: parts, description: String(decoding: b[start..<end], as: UTF8.self)) }
            i = end
        }
        return nil
    }

    static func < (a: ReportedVersion, b: ReportedVersion) -> Bool {
        for i in 0..<max(a.parts.count, b.parts.count) {
            let x = i < a.parts.count ? a.parts[i] : 0, y = i < b.parts.count ? b.parts[i] : 0
            if x != y { return x < y }
        }
        return false
    }

    static func == (a: ReportedVersion, b: ReportedVersion) -> Bool { !(a < b) && !(b < a) }

    func hash(into h: inout Hasher) {
        var p = parts
        while p.last == 0 { p.removeLast() }
        h.combine(p)
    }
}

/// A text read line by line as ASCII-lower-cased bytes, for the evidence
/// rules: whole words, list lines, code fences, log shapes.
struct Document {
    let lower: String
    private let bytes: [UInt8]
    private let raw: [UInt8]
    private let lines: [Range<Int>]

    init(_ text: String) {
        raw = Array(text.utf8)
        bytes = Document.lowerASCII(raw)
        lower = String(decoding: bytes, as: UTF8.self)
        var ls: [Range<Int>] = []
        var s = 0
        for (i, c) in bytes.enumerated() where c == 0x0A || c == 0x0D {
            ls.append(s..<i)
            s = i + 1
        }
        ls.append(s..<bytes.count)
        lines = ls
    }

    static func lowerASCII(_ b: [UInt8]) -> [UInt8] {
        b.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }

    static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c >= 0x80
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int = 0) -> Int? {
        guard let f = needle.first, needle.count <= hay.count else { return nil }
        var i = from
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == f {
                var k = 1
                while k < needle.count, hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    static func findWord(_ needle: [UInt8], in hay: [UInt8]) -> Bool {
        var from = 0
        while let i = find(needle, in: hay, from: from) {
            let before = i == 0 || !isWordByte(hay[i - 1])
            let after = i + needle.count >= hay.count || !isWordByte(hay[i + needle.count])
            if before && after { return true }
            from = i + 1
        }
        return false
    }

    func containsWord(_ w: String) -> Bool { Document.findWord(Array(w.utf8), in: bytes) }

    private func line(_ r: Range<Int>) -> ArraySlice<UInt8> { bytes[r] }

    private static func trimmedStart(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        s.drop { $0 == 0x20 || $0 == 0x09 }
    }

    private func isHeading(_ r: Range<Int>) -> Bool { Document.trimmedStart(line(r)).first == 0x23 }

    /// `12.1`, `5.8.2`: a digit, a dot, a digit.
    var hasVersionNumber: Bool {
        guard bytes.count >= 3 else { return false }
        for i in 1..<(bytes.count - 1) where bytes[i] == 0x2E {
            if Document.isDigit(bytes[i - 1]), Document.isDigit(bytes[i + 1]) { return true }
        }
        return false
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    static let platformWords = [
        "windows", "win10", "win11", "macos", "mac", "osx", "darwin", "macbook", "imac", "sonoma", "sequoia", "ventura",
        "monterey", "linux", "ubuntu", "debian", "fedora", "arch", "mint", "manjaro", "centos", "rhel", "opensuse", "nixos",
        "wsl", "ios", "iphone", "ipad", "android", "chromeos",
    ]

    var namesPlatform: Bool { Document.platformWords.contains { containsWord($0) } }

    /// A numbered line (`1.`, `2)`), two bulleted lines (checkboxes aside),
    /// or "step"/"steps"/"reproduce"/"repro" outside headings.
    var hasSteps: Bool {
        var bullets = 0
        for r in lines {
            let l = Document.trimmedStart(line(r))
            if l.first == 0x23 { continue }
            var k = l.startIndex
            while k < l.endIndex, Document.isDigit(l[k]) { k += 1 }
            if k > l.startIndex, k + 1 < l.endIndex, l[k] == 0x2E || l[k] == 0x29, l[k + 1] == 0x20 || l[k + 1] == 0x09 { return true }
            if let f = l.first, f == 0x2D || f == 0x2A || f == 0x2B, l.count > 1, l[l.startIndex + 1] == 0x20,
               !(l.count > 2 && l[l.startIndex + 2] == 0x5B) {
                bullets += 1
            }
        }
        if bullets >= 2 { return true }
        let prose = lines.filter { !isHeading($0) }.map { Array(line($0)) }.joined(separator: [0x0A])
        let p = Array(prose)
        return ["step", "steps", "reproduce", "reproduced", "reproducing", "repro"].contains { Document.findWord(Array($0.utf8), in: p) }
    }

    /// Words outside headings, code fences and checkbox lines.
    var proseWords: Int {
        var n = 0, fence = false
        for r in lines {
            let l = Document.trimmedStart(line(r))
            if l.starts(with: [0x60, 0x60, 0x60]) || l.starts(with: [0x7E, 0x7E, 0x7E]) { fence.toggle(); continue }
            if fence || l.first == 0x23 || l.starts(with: [0x2D, 0x20, 0x5B]) { continue }
            var inWord = false
            for c in l {
                let w = Document.isWordByte(c)
                if w && !inWord { n += 1 }
                inWord = w
            }
        }
        return n
    }

    static let errorWords = ["error", "errors"]
    static let failureWords = [
        "crash", "crashes", "crashed", "crashing", "freeze", "freezes", "freezing", "frozen", "hang", "hangs", "hanging",
        "fail", "fails", "failed", "failing", "failure", "stuck", "unresponsive",
    ]
    static let failurePhrases = ["not working", "doesn't work", "does not work", "won't", "not responding"]

    var saysError: Bool { Document.errorWords.contains { containsWord($0) } }
    var saysFailure: Bool {
        Document.failureWords.contains { containsWord($0) } || Document.failurePhrases.contains { lower.contains($0) }
    }

    /// Anything that shows the error or a log: a code fence or indented
    /// block, an image, an attached file, quotation marks or backticks, a
    /// clock time, a stack frame, an `...Error`/`...Exception` name, "error:"
    /// or "error code", a status from 400 to 599, a hex number, an errno
    /// (`ECONNRESET`).
    var hasLogOrQuote: Bool {
        for s in ["```", "~~~", "![", "<img", "user-attachments/", "/files/", ".log", ".txt", ".zip", "\"", "\u{201C}", "\u{201D}", "`",
                  "error code", "0x"] where lower.contains(s) {
            if s == "0x" { if hasHex { return true } else { continue } }
            return true
        }
        for r in lines {
            let l = line(r)
            if l.starts(with: [0x20, 0x20, 0x20, 0x20]) || l.first == 0x09, Document.trimmedStart(l).first != nil { return true }
            let t = Document.trimmedStart(l)
            if t.starts(with: [0x61, 0x74, 0x20]) || t.starts(with: [0x61, 0x74, 0x09]) { return true }  // "at "
        }
        return hasClock || hasNamedError || hasErrorColon || hasStatus || hasErrno
    }

    private var hasHex: Bool {
        guard bytes.count >= 3 else { return false }
        for i in 0..<(bytes.count - 2) where bytes[i] == 0x30 && bytes[i + 1] == 0x78 {
            let c = bytes[i + 2]
            if Document.isDigit(c) || (c >= 0x61 && c <= 0x66) { return true }
        }
        return false
    }

    /// `9:41:07`.
    private var hasClock: Bool {
        guard bytes.count >= 7 else { return false }
        for i in 1..<(bytes.count - 5) where bytes[i] == 0x3A {
            let b = bytes
            if Document.isDigit(b[i - 1]), Document.isDigit(b[i + 1]), Document.isDigit(b[i + 2]), b[i + 3] == 0x3A,
               Document.isDigit(b[i + 4]), Document.isDigit(b[i + 5]) { return true }
        }
        return false
    }

    /// A letter right before "error" or "exception" ending a word: `TypeError`.
    private var hasNamedError: Bool {
        for w in ["error", "exception"] {
            let n = Array(w.utf8)
            var from = 1
            while let i = Document.find(n, in: bytes, from: from) {
                let before = bytes[i - 1]
                let after = i + n.count >= bytes.count || !Document.isWordByte(bytes[i + n.count])
                if before >= 0x61 && before <= 0x7A && after { return true }
                from = i + 1
            }
        }
        return false
    }

    /// "error:" or "error -" (spaces allowed before the mark).
    private var hasErrorColon: Bool {
        let n = Array("error".utf8)
        var from = 0
        while let i = Document.find(n, in: bytes, from: from) {
            var k = i + n.count
            while k < bytes.count, bytes[k] == 0x20 { k += 1 }
            if k < bytes.count, bytes[k] == 0x3A || bytes[k] == 0x2D { return true }
            from = i + 1
        }
        return false
    }

    /// A whole-word number from 400 to 599.
    private var hasStatus: Bool {
        guard bytes.count >= 3 else { return false }
        for i in 0...(bytes.count - 3) where bytes[i] == 0x34 || bytes[i] == 0x35 {
            if Document.isDigit(bytes[i + 1]), Document.isDigit(bytes[i + 2]),
               i == 0 || !Document.isWordByte(bytes[i - 1]), i + 3 >= bytes.count || !Document.isWordByte(bytes[i + 3]) { return true }
        }
        return false
    }

    /// An `E` and four or more capitals as a whole word, in the text as written.
    private var hasErrno: Bool {
        var i = 0
        while i < raw.count {
            guard raw[i] == 0x45, i == 0 || !Document.isWordByte(raw[i - 1]) else { i += 1; continue }
            var k = i + 1
            while k < raw.count, raw[k] >= 0x41, raw[k] <= 0x5A { k += 1 }
            if k - i - 1 >= 4, k >= raw.count || !Document.isWordByte(raw[k]) { return true }
            i = max(k, i + 1)
        }
        return false
    }
}
