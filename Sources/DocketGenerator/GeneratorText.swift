import DocketModel
extension TicketGenerator {
    /// A fixed piece of text already escaped for the inside of a JSON string,
    /// once with `\n` line ends and once with `\r\n`, so the hot loop only copies bytes.
    struct Fragment: Sendable {
        let lf: [UInt8]
        let crlf: [UInt8]

        init(_ text: String) {
            var a: [UInt8] = []
            var b: [UInt8] = []
            a.reserveCapacity(text.utf8.count + 8)
            b.reserveCapacity(text.utf8.count + 8)
            ByteSink.escape(text.utf8, into: &a, crlf: false)
            ByteSink.escape(text.utf8, into: &b, crlf: true)
            lf = a
            crlf = b
        }
    }

    /// The output buffer: raw JSON bytes, flushed to the caller in chunks.
    struct ByteSink {
        var bytes: [UInt8] = []
        /// Whether user-written text currently uses Windows line endings.
        var crlf = false

        init(capacity: Int) {
            bytes.reserveCapacity(capacity)
        }

        @inline(__always)
        mutating func raw(_ s: StaticString) {
            s.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        @inline(__always)
        mutating func raw(_ b: [UInt8]) {
            bytes.append(contentsOf: b)
        }

        @inline(__always)
        mutating func byte(_ b: UInt8) {
            bytes.append(b)
        }

        @inline(__always)
        mutating func fragment(_ f: Fragment) {
            bytes.append(contentsOf: crlf ? f.crlf : f.lf)
        }

        /// A newline inside a JSON string, honouring the current line-ending style.
        @inline(__always)
        mutating func newline() {
            if crlf { raw("\\r\\n") } else { raw("\\n") }
        }

        /// Escapes text that is only known at run time (rare: logins are
        /// prebuilt, templates are pre-escaped).
        mutating func escaped(_ s: String) {
            ByteSink.escape(s.utf8, into: &bytes, crlf: crlf)
        }

        static func escape<S: Sequence>(_ source: S, into out: inout [UInt8], crlf: Bool) where S.Element == UInt8 {
            for b in source {
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A:
                    if crlf { out.append(0x5C); out.append(0x72) }
                    out.append(0x5C); out.append(0x6E)
                case 0x0D: out.append(0x5C); out.append(0x72)
                case 0x09: out.append(0x5C); out.append(0x74)
                case 0x00..<0x20:
                    out.append(0x5C); out.append(0x75); out.append(0x30); out.append(0x30)
                    out.append(hexDigit(b >> 4)); out.append(hexDigit(b & 0xF))
                default: out.append(b)
                }
            }
        }

        @inline(__always)
        static func hexDigit(_ v: UInt8) -> UInt8 {
            v < 10 ? 0x30 + v : 0x57 + v
        }

        mutating func int(_ value: Int) {
            if value < 0 {
                bytes.append(0x2D)
                // Int.min cannot be negated; none of our values come near it.
                uint(UInt64(-(value + 1)) + 1)
            } else {
                uint(UInt64(value))
            }
        }

        mutating func uint(_ value: UInt64) {
            if value < 10 {
                bytes.append(0x30 + UInt8(value))
                return
            }
            var count = 1
            var t = value
            while t >= 10 { t /= 10; count += 1 }
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(UInt8(0x30), count: count))
            var v = value
            var i = start + count - 1
            while v > 0 {
                bytes[i] = 0x30 + UInt8(v % 10)
                v /= 10
                i -= 1
            }
        }

        /// Zero-padded to `width` digits.
        mutating func padded(_ value: Int, width: Int) {
            var limit = 10
            var w = 1
            while w < width {
                if value < limit { bytes.append(0x30) }
                limit *= 10
                w += 1
            }
            int(value)
        }

        mutating func hex(_ value: UInt64, digits: Int) {
            var shift = (digits - 1) * 4
            while shift >= 0 {
                bytes.append(ByteSink.hexDigit(UInt8((value >> UInt64(shift)) & 0xF)))
                shift -= 4
            }
        }

        /// `2026-03-02T14:05:09Z`, as the GitHub REST API writes times.
        mutating func isoTimestamp(_ epoch: Int64) {
            let c = CivilTime(epoch)
            padded(c.year, width: 4); byte(0x2D)
            padded(c.month, width: 2); byte(0x2D)
            padded(c.day, width: 2); byte(0x54)
            padded(c.hour, width: 2); byte(0x3A)
            padded(c.minute, width: 2); byte(0x3A)
            padded(c.second, width: 2); byte(0x5A)
        }

        /// `2026-03-02`.
        mutating func isoDate(_ epoch: Int64) {
            let c = CivilTime(epoch)
            padded(c.year, width: 4); byte(0x2D)
            padded(c.month, width: 2); byte(0x2D)
            padded(c.day, width: 2)
        }

        /// `2026-03-02 14:05:09.123`: the log-file flavour, with milliseconds.
        mutating func logTimestamp(_ epochMillis: Int64, style: Int) {
            let c = CivilTime(epochMillis / 1000)
            let ms = Int(epochMillis % 1000)
            if style == 1 { byte(0x5B) }
            padded(c.year, width: 4); byte(0x2D)
            padded(c.month, width: 2); byte(0x2D)
            padded(c.day, width: 2); byte(style == 1 ? 0x54 : 0x20)
            padded(c.hour, width: 2); byte(0x3A)
            padded(c.minute, width: 2); byte(0x3A)
            padded(c.second, width: 2); byte(0x2E)
            padded(ms, width: 3)
            if style == 1 { raw("Z]") }
        }

        /// Hands the buffered bytes over as a String and starts a new chunk.
        mutating func take() -> String {
            let s = String(decoding: bytes, as: UTF8.self)
            bytes.removeAll(keepingCapacity: true)
            return s
        }
    }

    /// Proleptic Gregorian UTC fields of a Unix time (Hinnant's civil_from_days),
    /// computed with integers so no calendar or locale can change the output.
    struct CivilTime {
        let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

        init(_ epoch: Int64) {
            var days = epoch / 86_400
            var secs = epoch % 86_400
            if secs < 0 { secs += 86_400; days -= 1 }
            let date = CivilDate(dayNumber: Int(days))
            year = date.year
            month = date.month
            day = date.day
            hour = Int(secs / 3600)
            minute = Int(secs % 3600 / 60)
            second = Int(secs % 60)
        }

        /// 0 = Monday ... 6 = Sunday.
        static func weekday(_ epoch: Int64) -> Int {
            var days = epoch / 86_400
            if epoch % 86_400 < 0 { days -= 1 }
            // 1970-01-01 was a Thursday (3 when Monday is 0).
            let w = (days + 3) % 7
            return Int(w < 0 ? w + 7 : w)
        }
    }
}
