
/// Finds error signatures in a line of log or prose: exception and error
/// class names, native module names, error codes, HTTP statuses and local
/// ports, normalised and kept once each in first-seen order.
///
/// | Kind | Seen as | Kept as |
/// |---|---|---|
/// | exception class | `java.lang.NullPointerException`, `_TypeError` | `NullPointerException`, `TypeError` |
/// | module | `C:\...\Foo_Bar.DLL`, `libssl.so.3`, `x.dylib` | `foo_bar.dll`, `libssl.so.3`, `x.dylib` |
/// | Windows code | `0xc0000409` | `0xC0000409` |
/// | symbolic code | `ECONNREFUSED`, `net::ERR_CERT_...`, `SIGSEGV`, `STATUS_...`, `EXC_...` | as written |
/// | HTTP status | `HTTP 500`, `HTTP/1.1 502`, `status code: 401`, `403 Forbidden` | `http:500` |
/// | port | `127.0.0.1:41837`, `localhost:1000`, `http://host:8080/` | `port:41837` |
///
/// Only ASCII matters here, so the scan never decodes Unicode.
struct SignatureScanner {
    private(set) var signatures: [String] = []
    private var seen: Set<String> = []

    /// Words that are spelled like errno names but are ordinary shouting or log levels.
    private static let notErrorCodes: Set<String> = [
        "EACH", "EARLY", "EASY", "EDGE", "EDIT", "EDITOR", "ELSE", "EMAIL", "EMPTY", "ENABLE", "ENABLED", "END",
        "ENGINE", "ENGLISH", "ENTER", "ENTRY", "ENV", "ERROR", "ERRORS", "ESLINT", "EULA", "EVEN", "EVENT", "EVENTS",
        "EVER", "EVERY", "EVERYTHING", "EXACTLY", "EXAMPLE", "EXCEPTION", "EXE", "EXIT", "EXPECTED", "EXPORT", "EXTRA",
    ]

    /// The words after which a number from 100 to 599 is an HTTP status.
    private static let statusWords: [[UInt8]] = ["http", "https", "status", "statuscode", "status_code"].map { Array($0.utf8) }
    /// Reason phrases that follow a status: `401 Unauthorized`, `500 Internal Server Error`.
    private static let reasonWords: [[UInt8]] = [
        "unauthorized", "forbidden", "internal", "bad", "service", "gateway", "not", "too", "unavailable", "conflict",
    ].map { Array($0.utf8) }

    private let notErrorCodes = Self.notErrorCodes
    private let statusWords = Self.statusWords
    private let reasonWords = Self.reasonWords

    init() {}

    /// Adds a signature unless it was already seen.
    mutating func add(_ s: String) {
        if seen.insert(s).inserted { signatures.append(s) }
    }

    /// Scans one line.
    /// - Complexity: O(n) in the length of the range.
    mutating func scan(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        var piecesSinceStatusWord = Int.max / 2
        var previousStatus: Int?
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            guard isSignatureByte(p[i]) else { i += 1; continue }
            var j = i
            while j < end, isSignatureByte(p[j]) { j += 1 }
            findPorts(p, i..<j)
            var s = i
            for k in i...j where k == j || p[k] == 0x3A || p[k] == 0x2F || p[k] == 0x5C {
                if k > s {
                    piece(p, s..<k, since: &piecesSinceStatusWord, previousStatus: &previousStatus)
                }
                s = k + 1
            }
            i = j
        }
    }

    // MARK: - Pieces

    private mutating func piece(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, since: inout Int, previousStatus: inout Int?) {
        var s = r.lowerBound, e = r.upperBound
        while s < e, p[s] == 0x2E || p[s] == 0x2D || p[s] == 0x24 { s += 1 }
        while e > s, p[e - 1] == 0x2E || p[e - 1] == 0x2D || p[e - 1] == 0x24 { e -= 1 }
        since += 1
        // A reason phrase counts only right after its number.
        let status = previousStatus
        previousStatus = nil
        guard s < e else { return }
        let first = p[s]

        if e - s == 3, isASCIIDigit(first), isASCIIDigit(p[s + 1]), isASCIIDigit(p[s + 2]) {
            let n = Int(first - 0x30) * 100 + Int(p[s + 1] - 0x30) * 10 + Int(p[s + 2] - 0x30)
            if n >= 100 && n <= 599 {
                if since <= 2 { add("http:\(n)") }
                previousStatus = n
            }
            return
        }
        let n = e - s
        if isASCIILetter(first) {
            // Length and first-letter filters first: most log words are none of these.
            let lower = first | 0x20
            if n >= 4, n <= 11, lower == 0x68 || lower == 0x73, statusWords.contains(where: { equalsIgnoringCase(p, s..<e, $0) }) {
                since = 0
            }
            if let code = status, reasonWords.contains(where: { equalsIgnoringCase(p, s..<e, $0) }) { add("http:\(code)") }
        }
        if first == 0x30, e - s == 10, p[s + 1] | 0x20 == 0x78, ((s + 2)..<e).allSatisfy({ isHexDigit(p[$0]) }),
           ((s + 2)..<e).contains(where: { p[$0] != 0x30 }) {
            add("0x" + string(p, (s + 2)..<e, upper: true))
            return
        }
        if let module = moduleName(p, s..<e) { add(module); return }
        if first >= 0x41 && first <= 0x5A, n >= 4, let code = errorCode(p, s..<e) { add(code); return }
        if n >= 6, (s..<e).contains(where: { p[$0] == 0x45 }) { exceptionNames(p, s..<e) }  // needs the E of Error/Exception
    }

    /// `foo.dll`, `libfoo.so`, `libfoo.so.6`, `Foo.dylib`, lower-cased.
    private func moduleName(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String? {
        var e = r.upperBound
        // Cheap rejection first: this runs for every word of every log line.
        let last = p[e - 1] | 0x20
        guard last == 0x6C || last == 0x6F || last == 0x62 || isASCIIDigit(p[e - 1]) else { return nil }
        // A trailing `.so` version: libssl.so.3 -> check `.so` before it.
        var versionStart = e
        while versionStart > r.lowerBound, isASCIIDigit(p[versionStart - 1]) || p[versionStart - 1] == 0x2E { versionStart -= 1 }
        let hasSoVersion = versionStart < e && p[versionStart] == 0x2E
        if hasSoVersion { e = versionStart }
        let n = e - r.lowerBound
        func endsWith(_ ext: [UInt8]) -> Bool {
            n > ext.count && equalsIgnoringCase(p, (e - ext.count)..<e, ext)
        }
        let matched = hasSoVersion ? endsWith(Self.so) : (endsWith(Self.dll) || endsWith(Self.so) || endsWith(Self.dylib))
        return matched ? string(p, r, lower: true) : nil
    }

    private static let dll = Array(".dll".utf8)
    private static let so = Array(".so".utf8)
    private static let dylib = Array(".dylib".utf8)

    /// ECONNREFUSED, EAI_AGAIN, ERR_*, SIGSEGV, STATUS_*, EXC_*.
    private func errorCode(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String? {
        for k in r {
            let b = p[k]
            guard (b >= 0x41 && b <= 0x5A) || b == 0x5F || isASCIIDigit(b) else { return nil }
        }
        let text = string(p, r)
        let n = r.count
        if (text.hasPrefix("ERR_") && n > 4) || (text.hasPrefix("STATUS_") && n > 7) || (text.hasPrefix("EXC_") && n > 4) {
            return text
        }
        if text.hasPrefix("SIG"), n >= 6, text.utf8.dropFirst(3).allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) { return text }
        if p[r.lowerBound] == 0x45, n >= 4, !text.utf8.contains(where: isASCIIDigit), !notErrorCodes.contains(text) {
            return text
        }
        return nil
    }

    /// Any dot- or `$`-separated component shaped like `SomethingError` or `SomethingException`.
    private mutating func exceptionNames(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) {
        var s = r.lowerBound
        for k in r.lowerBound...r.upperBound where k == r.upperBound || p[k] == 0x2E || p[k] == 0x24 {
            var cs = s
            while cs < k, p[cs] == 0x5F { cs += 1 }
            if cs < k, p[cs] >= 0x41 && p[cs] <= 0x5A, (cs..<k).allSatisfy({ isASCIILetter(p[$0]) || isASCIIDigit(p[$0]) }),
               hasSuffix(p, cs..<k, Self.error) || hasSuffix(p, cs..<k, Self.exception) {
                add(string(p, cs..<k))
            }
            s = k + 1
        }
    }

    private static let error = Array("Error".utf8)
    private static let exception = Array("Exception".utf8)

    /// A proper suffix: the name must have something before it.
    private func hasSuffix(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ suffix: [UInt8]) -> Bool {
        guard r.count > suffix.count else { return false }
        var k = r.upperBound - suffix.count
        for b in suffix {
            if p[k] != b { return false }
            k += 1
        }
        return true
    }

    // MARK: - Ports

    /// `host:port` where the host is local, an IPv4 address, or follows `//`;
    /// other `name:123` shapes are stack frames (`main.dart:45`) or times.
    private mutating func findPorts(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) {
        for colon in r where p[colon] == 0x3A {
            var d = colon + 1
            while d < r.upperBound, isASCIIDigit(p[d]) { d += 1 }
            let digits = d - colon - 1
            guard digits >= 2, digits <= 5, d == r.upperBound || p[d] == 0x2F || (p[d] == 0x2E && d + 1 == r.upperBound),
                  let port = Int(string(p, (colon + 1)..<d)), port <= 65535 else { continue }
            var h = colon
            while h > r.lowerBound, p[h - 1] != 0x2F, p[h - 1] != 0x40, p[h - 1] != 0x5C { h -= 1 }
            let afterSlashes = h - 2 >= r.lowerBound && p[h - 1] == 0x2F && p[h - 2] == 0x2F
            if afterSlashes || isLocalOrIPv4(p, h..<colon) { add("port:\(port)") }
        }
    }

    private func isLocalOrIPv4(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        if equalsIgnoringCase(p, r, Self.localhost) { return true }
        var dots = 0
        for k in r {
            if p[k] == 0x2E { dots += 1 } else if !isASCIIDigit(p[k]) { return false }
        }
        return dots == 3
    }

    private static let localhost = Array("localhost".utf8)

    // MARK: - Bytes

    private func string(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, lower: Bool = false, upper: Bool = false) -> String {
        String(decoding: r.map { b -> UInt8 in
            let c = p[b]
            if lower, c >= 0x41 && c <= 0x5A { return c | 0x20 }
            if upper, c >= 0x61 && c <= 0x7A { return c & ~0x20 }
            return c
        }, as: UTF8.self)
    }

    /// `expected` must be lower-case.
    private func equalsIgnoringCase(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ expected: [UInt8]) -> Bool {
        guard r.count == expected.count else { return false }
        var k = r.lowerBound
        for b in expected {
            let c = p[k]
            if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != b { return false }
            k += 1
        }
        return true
    }
}

/// ASCII bytes that can belong to a signature: letters, digits and `_.$:/\-`.
@inline(__always) private func isSignatureByte(_ b: UInt8) -> Bool {
    isASCIILetter(b) || isASCIIDigit(b) || b == 0x5F || b == 0x2E || b == 0x24 || b == 0x3A || b == 0x2F || b == 0x5C || b == 0x2D
}

@inline(__always) private func isHexDigit(_ b: UInt8) -> Bool {
    isASCIIDigit(b) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66)
}
