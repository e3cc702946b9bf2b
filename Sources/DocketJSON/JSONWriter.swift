import DocketModel
import Foundation

/// Writes JSON text into a byte buffer: deterministic (keys in the order the
/// caller writes them), compact or one-element-per-line, and fast enough to
/// serialise a 200 MB corpus without building a tree first.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    public mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    public mutating func raw(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends bytes that are already JSON text.
    public mutating func raw(_ b: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: b) }

    public mutating func null() { raw("null") }
    public mutating func bool(_ b: Bool) { b ? raw("true") : raw("false") }
    public mutating func int(_ i: Int) { raw(String(i)) }

    /// A number with at most `digits` decimals and no trailing zeros noise.
    public mutating func double(_ d: Double, decimals: Int = 2) {
        if d.isNaN || d.isInfinite { null(); return }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let r = (d * scale).rounded() / scale
        if r == r.rounded(), abs(r) < 1e15 { raw(String(Int(r))); return }
        raw(formatFixed(r, decimals: decimals))
    }

    public mutating func string(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { buf in
            var runStart = 0
            var i = 0
            while i < buf.count {
                let b = buf[i]
                // What `TextSanitizer.isUnsafe` names beyond C0 (DEL, C1, line
                // separators, bidi controls, BOM) is written as \u escapes:
                // the value is kept, and the bytes never reach a terminal
                // that prints the file.
                if b >= 0x7F, let (scalar, length) = Self.unsafeScalar(buf, at: i) {
                    if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<i])) }
                    raw("\\u")
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    for shift in stride(from: 12, through: 0, by: -4) { bytes.append(hex[Int((scalar >> UInt32(shift)) & 0xF)]) }
                    i += length
                    runStart = i
                    continue
                }
                if b < 0x20 || b == 0x22 || b == 0x5C {
                    if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<i])) }
                    switch b {
                    case 0x22: raw("\\\"")
                    case 0x5C: raw("\\\\")
                    case 0x0A: raw("\\n")
                    case 0x0D: raw("\\r")
                    case 0x09: raw("\\t")
                    default:
                        raw("\\u00")
                        let hex: [UInt8] = Array("0123456789abcdef".utf8)
                        bytes.append(hex[Int(b >> 4)])
                        bytes.append(hex[Int(b & 0xF)])
                    }
                    runStart = i + 1
                }
                i += 1
            }
            if runStart < buf.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<buf.count])) }
        }
        bytes.append(0x22)
    }

    /// The unsafe scalar (see `TextSanitizer.isUnsafe`) whose UTF-8 starts
    /// at `i`, with its length in bytes; nil for any other.
    static func unsafeScalar(_ buf: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int)? {
        let b = buf[i]
        if b == 0x7F { return (0x7F, 1) }
        let n = buf.count - i
        if b == 0xC2, n >= 2, buf[i + 1] >= 0x80, buf[i + 1] <= 0x9F { return (UInt32(buf[i + 1]), 2) }
        if b == 0xE2, n >= 3 {
            let b1 = buf[i + 1], b2 = buf[i + 2]
            if b1 == 0x80, b2 >= 0xA8, b2 <= 0xAE { return (0x2000 + UInt32(b2 - 0x80), 3) }
            if b1 == 0x81, b2 >= 0xA6, b2 <= 0xA9 { return (0x2040 + UInt32(b2 - 0x80), 3) }
        }
        if b == 0xEF, n >= 3, buf[i + 1] == 0xBB, buf[i + 2] == 0xBF { return (0xFEFF, 3) }
        return nil
    }

    /// `"key":`
    public mutating func key(_ k: String) {
        string(k)
        bytes.append(UInt8(ascii: ":"))
    }

    /// A quoted `2026-03-02T14:05:09Z`, written digit by digit: the corpus
    /// has a few hundred thousand of them.
    public mutating func timestamp(_ date: Date) {
        let t = Int(date.timeIntervalSince1970.rounded(.down))
        let day = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        let rem = t - day * 86_400
        let d = CivilDate(dayNumber: day)
        bytes.append(0x22)
        digits(d.year, 4); bytes.append(UInt8(ascii: "-")); digits(d.month, 2); bytes.append(UInt8(ascii: "-")); digits(d.day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(rem / 3600, 2); bytes.append(UInt8(ascii: ":")); digits(rem / 60 % 60, 2); bytes.append(UInt8(ascii: ":")); digits(rem % 60, 2)
        bytes.append(UInt8(ascii: "Z"))
        bytes.append(0x22)
    }

    private mutating func digits(_ v: Int, _ width: Int) {
        var v = max(0, v)
        var tmp: (UInt8, UInt8, UInt8, UInt8) = (48, 48, 48, 48)
        withUnsafeMutableBytes(of: &tmp) { buf in
            var i = width - 1
            while i >= 0 { buf[i] = UInt8(48 + v % 10); v /= 10; i -= 1 }
            bytes.append(contentsOf: buf.prefix(width))
        }
    }

    public mutating func comma() { bytes.append(UInt8(ascii: ",")) }
    public mutating func newline() { bytes.append(0x0A) }

    /// A parsed value written back as compact JSON (object keys in their order).
    public mutating func value(_ v: JSONValue) {
        switch v {
        case .null: null()
        case let .bool(b): bool(b)
        case let .number(d):
            if d.rounded() == d, abs(d) < 9.0e15 { int(Int(d)) } else if d.isFinite { raw(String(d)) } else { null() }
        case let .string(s): string(s)
        case let .array(a): array(a) { $0.value($1) }
        case let .object(pairs):
            raw("{")
            for (i, (k, x)) in pairs.enumerated() {
                if i > 0 { comma() }
                key(k)
                value(x)
            }
            raw("}")
        }
    }

    /// `[a,b,...]`, each element written by `element`.
    public mutating func array<S: Sequence>(_ items: S, _ element: (inout JSONWriter, S.Element) -> Void) {
        raw("[")
        var first = true
        for x in items {
            if !first { comma() }
            first = false
            element(&self, x)
        }
        raw("]")
    }
}
