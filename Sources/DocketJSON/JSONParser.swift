import Foundation

/// Where in a document something went wrong: byte offset, line and column
/// (both 1-based, column counted in bytes).
public struct SourcePosition: Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var line: Int
    public var column: Int
    public var description: String { "line \(line), column \(column)" }
}

/// A set of object keys, matched against raw key bytes without allocating.
public struct KeyFilter: Sendable {
    // Open addressing over FNV-1a hashes; a hit is confirmed byte by byte.
    private var slots: [[UInt8]?]
    private let mask: Int

    public init(_ keys: [String]) {
        var size = 16
        while size < keys.count * 4 { size *= 2 }
        mask = size - 1
        slots = Array(repeating: nil, count: size)
        for k in keys {
            let b = Array(k.utf8)
            var i = Int(truncatingIfNeeded: b.withUnsafeBufferPointer(Self.hash)) & mask
            while let existing = slots[i], existing != b { i = (i + 1) & mask }
            slots[i] = b
        }
    }

    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for x in b { h = (h ^ UInt64(x)) &* 0x100_0000_01b3 }
        return h
    }

    /// True if `key` (raw, as written between the quotes) is in the set.
    public func contains(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = Int(truncatingIfNeeded: Self.hash(key)) & mask
        while let candidate = slots[i] {
            if candidate.count == key.count, candidate.withUnsafeBufferPointer({ c in
                guard let a = c.baseAddress, let b = key.baseAddress else { return key.isEmpty }
                return memcmp(a, b, key.count) == 0
            }) { return true }
            i = (i + 1) & mask
        }
        return false
    }
}

/// A syntax error in a JSON document.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    public var message: String
    public var position: SourcePosition
}

/// A fast, streaming JSON reader over UTF-8 bytes.
///
/// It reads what real exports contain, not only strict JSON: a document may
/// hold several top-level values one after another (`gh api --paginate`
/// writes `[...][...]`, JSON Lines writes one object per line). Raw control
/// bytes inside strings, which some exporters leave unescaped, are accepted.
/// Invalid UTF-8 is repaired to U+FFFD rather than rejected.
///
/// Top-level arrays can be streamed element by element, so a 200 MB export
/// never exists as one tree in memory.
/// - Complexity: O(n) in the document's bytes.
public struct JSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    public private(set) var index: Int = 0
    private var filter: KeyFilter?
    /// Refuse a string that is not valid UTF-8 (an error at its position)
    /// instead of reading its bad bytes as U+FFFD: for files that only
    /// Docket writes, where such bytes are damage.
    public var strictUTF8 = false

    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    }

    /// A reader of `bytes` starting at `offset`, for reading parts of one
    /// document in parallel; positions stay those of the whole document.
    public init(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) {
        self.bytes = bytes
        index = min(max(0, offset), bytes.count)
    }

    /// The top-level keys of the object at `offset`, every one (a filtered
    /// parse keeps only some); empty if there is no object there. Parses the
    /// whole value, so it is for error messages only.
    public static func topLevelKeys(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> [String] {
        var r = JSONReader(bytes, at: offset)
        return (try? r.parseValue())?.keys ?? []
    }

    /// Continues at `offset` (one found by another reader of the same bytes).
    public mutating func move(to offset: Int) {
        index = min(max(0, offset), bytes.count)
    }

    /// Computes line and column of a byte offset (only on the error path).
    public func position(of offset: Int) -> SourcePosition {
        var line = 1, lineStart = 0
        let end = min(offset, bytes.count)
        var i = 0
        while i < end {
            if bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
            i += 1
        }
        return SourcePosition(offset: offset, line: line, column: end - lineStart + 1)
    }

    private func fail(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(message: message, position: position(of: offset ?? index))
    }

    /// Skips whitespace; true when the end of input was reached.
    public mutating func atEnd() -> Bool {
        skipWhitespace()
        return index >= bytes.count
    }

    /// The next significant byte without consuming it.
    public mutating func peek() -> UInt8? {
        skipWhitespace()
        return index < bytes.count ? bytes[index] : nil
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < bytes.count {
            let b = bytes[index]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { index += 1 } else { break }
        }
    }

    /// Reads the elements of a top-level array one by one. Call with the
    /// reader positioned at `[`; `body` receives each element and its index.
    public mutating func forEachElement(keeping keep: KeyFilter? = nil,
                                        _ body: (JSONValue, _ index: Int, _ offset: Int) throws -> Void) throws {
        let saved = filter
        filter = keep
        defer { filter = saved }
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { throw fail("expected '['") }
        index += 1
        var n = 0
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
        while true {
            skipWhitespace()
            let start = index
            let v = try parseValue(depth: 1)
            try body(v, n, start)
            n += 1
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input inside an array: expected ',' or ']'") }
            let b = bytes[index]
            if b == UInt8(ascii: ",") { index += 1; continue }
            if b == UInt8(ascii: "]") { index += 1; return }
            throw fail("expected ',' or ']' after array element, found \(describe(b))")
        }
    }

    /// Consumes `byte` (after whitespace) or throws naming what was expected.
    public mutating func expect(_ byte: UInt8, _ what: String) throws {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else {
            throw fail("expected \(what)" + (index < bytes.count ? ", found \(describe(bytes[index]))" : ", found end of input"))
        }
        index += 1
    }

    /// Consumes `byte` if it is next; true when it was.
    public mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        if index < bytes.count, bytes[index] == byte { index += 1; return true }
        return false
    }

    /// Reads an object key and its colon.
    public mutating func parseKey() throws -> String {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
        let k = try parseString()
        // Checked by hand: `expect` would build its message for every key.
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
            throw fail("expected ':' after key \"\(k)\"" + (index < bytes.count ? ", found \(describe(bytes[index]))" : ", found end of input"))
        }
        index += 1
        return k
    }

    /// Reads an object key and its colon, and returns its position in
    /// `keys` (nil when it is not there) without making a string: for
    /// readers of a known format, where keys are most of the strings.
    public mutating func parseKey(in keys: [[UInt8]]) throws -> Int? {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
        let start = index + 1
        var found: Int?
        if let quote = find(UInt8(ascii: "\""), from: start), find(UInt8(ascii: "\\"), from: start, to: quote) == nil {
            let raw = UnsafeBufferPointer(rebasing: bytes[start..<quote])
            found = keys.firstIndex { $0.count == raw.count && $0.elementsEqual(raw) }
            index = quote + 1
        } else {
            let k = try parseString()
            found = keys.firstIndex(of: Array(k.utf8))
        }
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
        index += 1
        return found
    }

    /// Skips a string value and returns where it lies, quotes included, so
    /// that it can be decoded later with `JSONString.decode`.
    public mutating func skipStringLiteral() throws -> Range<Int> {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a string") }
        let open = index
        try skipString()
        return open..<index
    }

    /// Parses one complete value at the current position.
    /// A whole document: one value and nothing after it but whitespace.
    public mutating func parseDocument() throws -> JSONValue {
        let v = try parseValue()
        guard atEnd() else { throw fail("bytes after the end of the document") }
        return v
    }

    public mutating func parseValue() throws -> JSONValue {
        try parseValue(depth: 0)
    }

    /// Parses one value, materialising only object members whose key is in
    /// `keep` (at any depth); the others are skipped without allocating.
    /// Importers use it to read the few dozen fields they need out of
    /// GitHub's much larger objects.
    public mutating func parseValue(keeping keep: KeyFilter) throws -> JSONValue {
        filter = keep
        defer { filter = nil }
        return try parseValue(depth: 0)
    }

    @inline(__always)
    private func find(_ byte: UInt8, from: Int, to end: Int? = nil) -> Int? {
        let limit = end ?? bytes.count
        guard from < limit, let base = bytes.baseAddress else { return nil }
        guard let p = memchr(base + from, Int32(byte), limit - from) else { return nil }
        return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }

    /// Skips one value without building it.
    public mutating func skipValue() throws {
        try skipValue(depth: 0)
    }

    private mutating func skipValue(depth: Int) throws {
        guard depth < 512 else { throw fail("nesting deeper than 512 levels") }
        skipWhitespace()
        guard index < bytes.count else { throw fail("unexpected end of input: expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = bytes[index] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let isObject = close == UInt8(ascii: "}")
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == close { index += 1; return }
            while true {
                if isObject {
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
                    try skipString()
                    try expect(UInt8(ascii: ":"), "':' after key")
                }
                try skipValue(depth: depth + 1)
                skipWhitespace()
                guard index < bytes.count else { throw fail("unexpected end of input inside \(isObject ? "an object" : "an array")") }
                let b = bytes[index]
                index += 1
                if b == UInt8(ascii: ",") { continue }
                if b == close { return }
                index -= 1
                throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))', found \(describe(b))")
            }
        default:
            _ = try parseValue(depth: depth)
        }
    }

    private mutating func skipString() throws {
        let open = index
        var i = index + 1
        while true {
            guard let q = find(UInt8(ascii: "\""), from: i) else { throw fail("unterminated string", at: open) }
            var backslashes = 0
            var j = q - 1
            while j > open, bytes[j] == UInt8(ascii: "\\") { backslashes += 1; j -= 1 }
            if backslashes % 2 == 0 { index = q + 1; return }
            i = q + 1
        }
    }

    private func describe(_ b: UInt8) -> String {
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return String(format: "byte 0x%02X", b)
    }

    private mutating func parseValue(depth: Int) throws -> JSONValue {
        guard depth < 512 else { throw fail("nesting deeper than 512 levels") }
        skipWhitespace()
        guard index < bytes.count else { throw fail("unexpected end of input: expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case let b: throw fail("expected a value, found \(describe(b))")
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let start = index
        let n = word.utf8CodeUnitCount
        guard index + n <= bytes.count else { throw fail("unexpected end of input", at: start) }
        let p = word.utf8Start
        for i in 0..<n where bytes[index + i] != p[i] {
            throw fail("invalid literal: expected '\(word)'", at: start)
        }
        index += n
    }

    private mutating func parseObject(depth: Int) throws -> JSONValue {
        index += 1
        var pairs: [(String, JSONValue)] = []
        pairs.reserveCapacity(filter == nil ? 16 : 8)
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(pairs) }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input inside an object") }
            guard bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a quoted key, found \(describe(bytes[index]))") }
            if let f = filter {
                let keyStart = index + 1
                try skipString()
                let keyBytes = UnsafeBufferPointer(rebasing: bytes[keyStart..<(index - 1)])
                try expect(UInt8(ascii: ":"), "':' after a key")
                if f.contains(keyBytes) {
                    let key = String(decoding: keyBytes, as: UTF8.self)
                    pairs.append((key, try parseValue(depth: depth + 1)))
                } else {
                    try skipValue(depth: depth + 1)
                }
            } else {
                let key = try parseString()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':' after key \"\(key)\"") }
                index += 1
                let value = try parseValue(depth: depth + 1)
                pairs.append((key, value))
            }
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input inside an object: expected ',' or '}'") }
            let b = bytes[index]
            if b == UInt8(ascii: ",") { index += 1; continue }
            if b == UInt8(ascii: "}") { index += 1; return .object(pairs) }
            throw fail("expected ',' or '}' in object, found \(describe(b))")
        }
    }

    private mutating func parseArray(depth: Int) throws -> JSONValue {
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input inside an array: expected ',' or ']'") }
            let b = bytes[index]
            if b == UInt8(ascii: ",") { index += 1; continue }
            if b == UInt8(ascii: "]") { index += 1; return .array(items) }
            throw fail("expected ',' or ']' in array, found \(describe(b))")
        }
    }

    private mutating func parseNumber() throws -> Double {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        var intValue: Int64 = 0
        var digits = 0
        var simple = true
        while index < bytes.count {
            let b = bytes[index]
            if b >= 0x30 && b <= 0x39 {
                if digits < 18 { intValue = intValue * 10 + Int64(b - 0x30) } else { simple = false }
                digits += 1
                index += 1
            } else if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
                        || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") {
                simple = false
                index += 1
            } else {
                break
            }
        }
        guard digits > 0 else { throw fail("invalid number", at: start) }
        if simple { return Double(bytes[start] == UInt8(ascii: "-") ? -intValue : intValue) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let d = Double(text) else { throw fail("invalid number '\(text)'", at: start) }
        return d
    }

    private func validated(_ raw: UnsafeBufferPointer<UInt8>, at start: Int) throws -> String {
        guard let s = String(validating: raw, as: UTF8.self) else { throw fail("a string that is not valid UTF-8", at: start) }
        return s
    }

    private mutating func parseString() throws -> String {
        let open = index
        index += 1
        let start = index
        // Fast path: no escapes. memchr finds the closing quote, then a second
        // scan checks that no backslash precedes it.
        if let quote = find(UInt8(ascii: "\""), from: start), find(UInt8(ascii: "\\"), from: start, to: quote) == nil {
            index = quote + 1
            let raw = UnsafeBufferPointer(rebasing: bytes[start..<quote])
            if strictUTF8 { return try validated(raw, at: start) }
            return String(decoding: raw, as: UTF8.self)
        }
        guard index < bytes.count else { throw fail("unterminated string", at: open) }
        var out: [UInt8] = []
        out.reserveCapacity(index - start + 64)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                if strictUTF8 { return try out.withUnsafeBufferPointer { try validated($0, at: start) } }
                return String(decoding: out, as: UTF8.self)
            }
            if b != UInt8(ascii: "\\") {
                // Copy a run of plain bytes at once.
                let runStart = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") { index += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                continue
            }
            index += 1
            guard index < bytes.count else { break }
            let e = bytes[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if code >= 0xD800 && code < 0xDC00 {
                    // A high surrogate must be followed by \uDC00-\uDFFF.
                    if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        let save = index
                        index += 2
                        let low = try hex4()
                        if low >= 0xDC00 && low < 0xE000 {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index = save
                            code = 0xFFFD
                        }
                    } else {
                        code = 0xFFFD
                    }
                } else if code >= 0xDC00 && code < 0xE000 {
                    code = 0xFFFD
                }
                appendUTF8(code, to: &out)
            default:
                throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))' in string", at: index - 2)
            }
        }
        throw fail("unterminated string", at: open)
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw fail("invalid \\u escape")
            }
            v = v << 4 | d
            index += 1
        }
        return v
    }

    private func appendUTF8(_ c: UInt32, to out: inout [UInt8]) {
        switch c {
        case 0..<0x80: out.append(UInt8(c))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (c >> 6)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (c >> 12)))
            out.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (c >> 18)))
            out.append(UInt8(0x80 | ((c >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        }
    }
}
