import Foundation  // memchr
import DocketModel

/// A ticket body split once into headings, prose lines and code blocks, with
/// markup that carries no meaning (comments, image and link syntax, task
/// lists, `_No response_`) already blanked out.
///
/// Works on UTF-8 bytes so that every later pass is a linear scan without
/// `String` indexing; lines are ranges into `bytes`, and removed markup is
/// overwritten with spaces so the ranges stay valid.
struct BodyLayout {
    enum Block: Equatable {
        /// The text of a `### Heading` line, without the hashes.
        case heading(Range<Int>)
        /// One non-blank prose line.
        case prose(Range<Int>)
        /// A fenced or indented block, line by line.
        case code([Range<Int>])
    }

    private(set) var bytes: [UInt8]
    private(set) var blocks: [Block] = []

    /// - Complexity: O(n) in the length of `body`.
    init(body: String) {
        let raw = Array(body.utf8)
        bytes = Self.needsSanitizing(raw, 0..<raw.count) ? Self.sanitizedByLine(raw) : raw
        blankHTMLComments()
        splitBlocks()
    }

    // MARK: - Sanitizing

    /// True when `TextSanitizer` would change more than line endings and tabs.
    static func needsSanitizing(_ bytes: [UInt8], _ r: Range<Int>) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return false }
            var i = r.lowerBound
            while i < r.upperBound {
                defer { i += 1 }
                // Eight bytes at a time while they are all printable ASCII, the common case.
                while i + 8 <= r.upperBound {
                    let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    let below20 = (x &- 0x2020_2020_2020_2020) & ~x & 0x8080_8080_8080_8080
                    let above7E = ((x &+ 0x0101_0101_0101_0101) | x) & 0x8080_8080_8080_8080
                    guard below20 == 0 && above7E == 0 else { break }
                    i += 8
                }
                guard i < r.upperBound else { break }
                let b = p[i]
                if b >= 0x20 && b < 0x7F { continue }
                if b < 0x20 {
                    if b != 0x0A && b != 0x0D && b != 0x09 { return true }
                } else if b == 0x7F {
                    return true
                } else if i >= r.lowerBound + 1 {
                    // A continuation byte: look back at the sequence it ends.
                    let p1 = p[i - 1]
                    if p1 == 0xC2 && b <= 0x9F { return true }  // C1 controls
                    guard i >= r.lowerBound + 2 else { continue }
                    let p2 = p[i - 2]
                    if p2 == 0xE2 && p1 == 0x80 && b >= 0xA8 && b <= 0xAE { return true }  // LS, PS, bidi
                    if p2 == 0xE2 && p1 == 0x81 && b >= 0xA6 && b <= 0xA9 { return true }  // bidi isolates
                    if p2 == 0xEF && p1 == 0xBB && b == 0xBF { return true }  // BOM
                }
            }
            return false
        }
    }

    /// Runs only the lines that need it through `TextSanitizer`, so that one
    /// coloured log line does not make the whole body pay for the copy.
    private static func sanitizedByLine(_ raw: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var start = 0
        for i in 0...raw.count where i == raw.count || raw[i] == 0x0A {
            // Keep a `\r` of `\r\n` out of the sanitizer, which would make it a blank line.
            let end = i > start && raw[i - 1] == 0x0D ? i - 1 : i
            if needsSanitizing(raw, start..<end) {
                out.append(contentsOf: TextSanitizer.lines(String(decoding: raw[start..<end], as: UTF8.self)).joined(separator: "\n").utf8)
            } else {
                out.append(contentsOf: raw[start..<end])
            }
            if i < raw.count { out.append(0x0A) }
            start = i + 1
        }
        return out
    }

    // MARK: - Markup

    /// Overwrites `<!-- ... -->` (an unclosed one runs to the end, as GitHub
    /// hides it) with spaces, keeping newlines so line ranges stay put.
    private mutating func blankHTMLComments() {
        bytes.withUnsafeMutableBufferPointer { p in
            let n = p.count
            var i = 0
            guard let base = p.baseAddress else { return }
            while i + 3 < n {
                // memchr is vectorised; comments are rare and most bodies have few `<`.
                guard let lt = memchr(base + i, 0x3C, n - i) else { return }
                i = UnsafeMutablePointer<UInt8>(lt.assumingMemoryBound(to: UInt8.self)) - base
                guard i + 3 < n, p[i] == 0x3C, p[i + 1] == 0x21, p[i + 2] == 0x2D, p[i + 3] == 0x2D else { i += 1; continue }  // <!--
                var j = i + 4
                var end = n
                while j + 2 < n {
                    if p[j] == 0x2D, p[j + 1] == 0x2D, p[j + 2] == 0x3E { end = j + 3; break }
                    j += 1
                }
                for k in i..<end where p[k] != 0x0A && p[k] != 0x0D { p[k] = 0x20 }
                i = end
            }
        }
    }

    /// Blanks `![alt](url)` entirely (alt text is mostly "image" or a file
    /// name), keeps the text of `[text](url)`, and drops HTML tags such as
    /// `<img ...>` or `<br>` while keeping autolinks `<https://...>`.
    private mutating func blankMarkup(_ r: Range<Int>) {
        var i = r.lowerBound
        let end = r.upperBound
        while i < end {
            let c = bytes[i]
            if c == 0x5B || (c == 0x21 && i + 1 < end && bytes[i + 1] == 0x5B) {  // [ or ![
                let open = c == 0x21 ? i + 1 : i
                if let close = firstIndex(of: 0x5D, in: (open + 1)..<end), close + 1 < end, bytes[close + 1] == 0x28,
                   let paren = firstIndex(of: 0x29, in: (close + 2)..<end) {
                    if c == 0x21 {
                        blank(i..<(paren + 1))
                    } else {
                        bytes[open] = 0x20
                        blank(close..<(paren + 1))
                    }
                    i = paren + 1
                    continue
                }
            } else if c == 0x3C, i + 1 < end, isASCIILetter(bytes[i + 1]) || bytes[i + 1] == 0x2F,
                      let close = firstIndex(of: 0x3E, in: (i + 1)..<end) {
                if !containsSchemeSeparator((i + 1)..<close) { blank(i..<(close + 1)) }
                i = close + 1
                continue
            }
            i += 1
        }
    }

    private func containsSchemeSeparator(_ r: Range<Int>) -> Bool {
        var i = r.lowerBound
        while i < r.upperBound, isASCIILetter(bytes[i]) { i += 1 }
        return i + 2 < r.upperBound && bytes[i] == 0x3A && bytes[i + 1] == 0x2F && bytes[i + 2] == 0x2F
    }

    private mutating func blank(_ r: Range<Int>) {
        for k in r { bytes[k] = 0x20 }
    }

    private func firstIndex(of b: UInt8, in r: Range<Int>) -> Int? {
        var i = r.lowerBound
        while i < r.upperBound { if bytes[i] == b { return i }; i += 1 }
        return nil
    }

    // MARK: - Blocks

    private mutating func splitBlocks() {
        var fence: (char: UInt8, count: Int)?
        var code: [Range<Int>] = []
        var indented: [Range<Int>]?
        var previousBlank = true
        var inList = false
        var lastWasLog = false

        func flushIndented(_ blocks: inout [Block]) {
            guard var lines = indented else { return }
            while let last = lines.last, Self.isBlank(bytes, last) { lines.removeLast() }
            if !lines.isEmpty { blocks.append(.code(lines.map { Self.dropIndent(bytes, $0) })) }
            indented = nil
        }

        var out: [Block] = []
        for line in lineRanges() {
            let (indent, first) = Self.indentation(bytes, line)
            let content = first..<line.upperBound
            if let f = fence {
                if Self.isFence(bytes, content, closing: f) {
                    out.append(.code(code))
                    code = []
                    fence = nil
                } else {
                    code.append(line)
                }
                continue
            }
            if let f = Self.fenceOpening(bytes, content) {
                flushIndented(&out)
                fence = f
                previousBlank = false
                continue
            }
            if indented != nil {
                if content.isEmpty || indent >= 4 { indented?.append(line); continue }
                flushIndented(&out)
            }
            if content.isEmpty || Self.isBlank(bytes, content) {
                previousBlank = true
                continue
            }
            if indent >= 4 && previousBlank && !inList {
                indented = [line]
                continue
            }
            previousBlank = false
            if let heading = Self.headingText(bytes, content) {
                out.append(.heading(heading))
                inList = false
                continue
            }
            if Self.isNoResponse(bytes, content) || Self.isTaskListItem(bytes, content) { continue }
            if Self.isListItem(bytes, content) { inList = true } else if indent == 0 { inList = false }
            // Logs pasted without a fence: keep them out of the prose too.
            if Self.isLogLike(bytes, content) {
                if case let .code(lines)? = out.last, let last = lines.last, last.upperBound < content.lowerBound,
                   lastWasLog {
                    out[out.count - 1] = .code(lines + [content])
                } else {
                    out.append(.code([content]))
                }
                lastWasLog = true
                continue
            }
            lastWasLog = false
            blankMarkup(content)
            if !Self.isBlank(bytes, content) { out.append(.prose(content)) }
        }
        // GitHub renders an unclosed fence as code to the end of the body.
        if fence != nil, !code.isEmpty { out.append(.code(code)) }
        flushIndented(&out)
        blocks = out
    }

    /// Lines split at `\n`, `\r\n` or `\r`, without their terminators.
    private func lineRanges() -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { p in
            var lines: [Range<Int>] = []
            var start = 0
            var i = 0
            let n = p.count
            while i < n {
                let b = p[i]
                if b <= 0x0D && (b == 0x0A || b == 0x0D) {
                    lines.append(start..<i)
                    if b == 0x0D, i + 1 < n, p[i + 1] == 0x0A { i += 1 }
                    start = i + 1
                }
                i += 1
            }
            lines.append(start..<n)
            return lines
        }
    }

    /// A line that reads like log output rather than prose: it opens with a
    /// date, a time or a bracketed level/timestamp, is a stack frame
    /// (`at x.y(`), holds serialized JSON, or is mostly digits and punctuation.
    static func isLogLike(_ b: [UInt8], _ r: Range<Int>) -> Bool {
        let n = r.count
        guard n >= 12 else { return false }
        func digit(_ i: Int) -> Bool { i < r.upperBound && b[i] >= 0x30 && b[i] <= 0x39 }
        let s = r.lowerBound
        // 2024-01-31 / 12:34:56 / [2024... / [INFO]
        if digit(s), digit(s + 1), digit(s + 2), digit(s + 3), s + 4 < r.upperBound, b[s + 4] == UInt8(ascii: "-") { return true }
        if digit(s), digit(s + 1), s + 2 < r.upperBound, b[s + 2] == UInt8(ascii: ":"), digit(s + 3), digit(s + 4) { return true }
        if b[s] == UInt8(ascii: "["), digit(s + 1) { return true }
        if b[s] == UInt8(ascii: "#"), digit(s + 1), n > 2, s + 2 < r.upperBound, b[s + 2] == UInt8(ascii: " ") || digit(s + 2) { return true }
        if n > 6, b[s] == UInt8(ascii: "a"), b[s + 1] == UInt8(ascii: "t"), b[s + 2] == UInt8(ascii: " "),
           b[r].contains(UInt8(ascii: "(")) { return true }
        // Serialized data (JSON objects) pasted inline.
        var quoteColons = 0
        var i = r.lowerBound
        while i + 1 < r.upperBound {
            if b[i] == UInt8(ascii: "\""), b[i + 1] == UInt8(ascii: ":") { quoteColons += 1 }
            i += 1
        }
        if quoteColons >= 3 { return true }
        var letters = 0, others = 0
        for x in b[r] where x != 0x20 {
            if (x >= 0x41 && x <= 0x5A) || (x >= 0x61 && x <= 0x7A) || x >= 0x80 { letters += 1 } else { others += 1 }
        }
        return n >= 40 && others * 10 >= (letters + others) * 6
    }

    /// Leading indentation in columns (a tab counts four) and the first non-blank index.
    static func indentation(_ b: [UInt8], _ r: Range<Int>) -> (Int, Int) {
        var cols = 0
        var i = r.lowerBound
        while i < r.upperBound {
            if b[i] == 0x20 { cols += 1 } else if b[i] == 0x09 { cols += 4 } else { break }
            i += 1
        }
        return (cols, i)
    }

    /// The line without the four columns that made it an indented block.
    private static func dropIndent(_ b: [UInt8], _ r: Range<Int>) -> Range<Int> {
        var cols = 0
        var i = r.lowerBound
        while i < r.upperBound, cols < 4 {
            if b[i] == 0x20 { cols += 1 } else if b[i] == 0x09 { cols += 4 } else { break }
            i += 1
        }
        return i..<r.upperBound
    }

    static func isBlank(_ b: [UInt8], _ r: Range<Int>) -> Bool {
        for i in r where b[i] != 0x20 && b[i] != 0x09 { return false }
        return true
    }

    private static func fenceOpening(_ b: [UInt8], _ r: Range<Int>) -> (char: UInt8, count: Int)? {
        guard let c = r.first.map({ b[$0] }), c == 0x60 || c == 0x7E else { return nil }
        var n = 0
        while r.lowerBound + n < r.upperBound, b[r.lowerBound + n] == c { n += 1 }
        return n >= 3 ? (c, n) : nil
    }

    private static func isFence(_ b: [UInt8], _ r: Range<Int>, closing f: (char: UInt8, count: Int)) -> Bool {
        var i = r.lowerBound
        while i < r.upperBound, b[i] == f.char { i += 1 }
        return i - r.lowerBound >= f.count && isBlank(b, i..<r.upperBound)
    }

    /// The text after `### ` (the level issue forms render), trimmed.
    private static func headingText(_ b: [UInt8], _ r: Range<Int>) -> Range<Int>? {
        guard r.count >= 3, b[r.lowerBound] == 0x23, b[r.lowerBound + 1] == 0x23, b[r.lowerBound + 2] == 0x23 else { return nil }
        var s = r.lowerBound + 3
        guard s == r.upperBound || b[s] == 0x20 || b[s] == 0x09 else { return nil }
        var e = r.upperBound
        while s < e, b[s] == 0x20 || b[s] == 0x09 { s += 1 }
        while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
        return s..<e
    }

    private static let noResponse = Array("_No response_".utf8)

    private static func isNoResponse(_ b: [UInt8], _ r: Range<Int>) -> Bool {
        var e = r.upperBound
        while e > r.lowerBound, b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
        return b[r.lowerBound..<e].elementsEqual(noResponse)
    }

    /// `- [ ] ...`, `* [x] ...`, `+ [X] ...`.
    private static func isTaskListItem(_ b: [UInt8], _ r: Range<Int>) -> Bool {
        let s = r.lowerBound
        guard r.count >= 5, b[s] == 0x2D || b[s] == 0x2A || b[s] == 0x2B, b[s + 1] == 0x20, b[s + 2] == 0x5B,
              b[s + 3] == 0x20 || b[s + 3] == 0x78 || b[s + 3] == 0x58, b[s + 4] == 0x5D else { return false }
        return true
    }

    private static func isListItem(_ b: [UInt8], _ r: Range<Int>) -> Bool {
        let s = r.lowerBound
        guard r.count >= 2 else { return false }
        if (b[s] == 0x2D || b[s] == 0x2A || b[s] == 0x2B) && b[s + 1] == 0x20 { return true }
        var i = s
        while i < r.upperBound, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
        return i > s && i + 1 < r.upperBound && (b[i] == 0x2E || b[i] == 0x29) && b[i + 1] == 0x20
    }
}

@inline(__always) func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
@inline(__always) func isASCIIDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
