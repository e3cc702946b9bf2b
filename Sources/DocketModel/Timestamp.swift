import Foundation

/// A calendar date without a time or zone (`2025-04-14`).
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// ISO weekday: Monday 1 ... Sunday 7.
    public var weekday: Int {
        let w = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    /// The Monday of this date's ISO week.
    public var monday: CivilDate { adding(days: 1 - weekday) }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

    public var description: String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// Parses `YYYY-MM-DD`; nil for anything else, including impossible dates.
    public init?(_ text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              let y = digits(u, 0, 4), let m = digits(u, 5, 2), let d = digits(u, 8, 2),
              (1...12).contains(m), d >= 1, d <= CivilDate.daysIn(month: m, year: y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The first instant of this date in `zone`.
    public func start(in zone: TimeZone) -> Date {
        let utcMidnight = Date(timeIntervalSince1970: TimeInterval(dayNumber) * 86_400)
        // The offset at local midnight; asking twice settles DST transitions.
        let guess = utcMidnight.addingTimeInterval(-TimeInterval(zone.secondsFromGMT(for: utcMidnight)))
        return utcMidnight.addingTimeInterval(-TimeInterval(zone.secondsFromGMT(for: guess)))
    }

    /// The date that `instant` falls on in `zone`.
    public init(_ instant: Date, in zone: TimeZone) {
        let local = instant.timeIntervalSince1970 + TimeInterval(zone.secondsFromGMT(for: instant))
        self.init(dayNumber: Int((local / 86_400).rounded(.down)))
    }
}

private func digits(_ u: [UInt8], _ at: Int, _ n: Int) -> Int? {
    var v = 0
    for i in at..<(at + n) {
        let b = u[i]
        guard b >= 0x30, b <= 0x39 else { return nil }
        v = v * 10 + Int(b - 0x30)
    }
    return v
}

private func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// ISO-8601 timestamps as GitHub writes them, parsed and printed without
/// `DateFormatter` (which is slow and locale-dependent).
public enum Timestamp {
    /// Parses `2026-03-02T14:05:09Z`, with optional fractional seconds and a
    /// `+hh:mm` / `-hh:mm` / `Z` offset; a bare date means midnight UTC.
    public static func parse(_ text: some StringProtocol) -> Date? {
        // The form the store writes, read without allocating: loading 100k
        // tickets parses ~350k of these.
        if let fast = text.utf8.withContiguousStorageIfAvailable(parseUTCSeconds), let date = fast { return date }
        let u = Array(text.utf8)
        guard u.count >= 10, let date = CivilDate(String(decoding: u[0..<10], as: UTF8.self)) else { return nil }
        var seconds = Double(date.dayNumber) * 86_400
        if u.count == 10 { return Date(timeIntervalSince1970: seconds) }
        guard u.count >= 19, u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " ") || u[10] == UInt8(ascii: "t"),
              u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"),
              let h = digits(u, 11, 2), let mi = digits(u, 14, 2), let s = digits(u, 17, 2),
              h < 24, mi < 60, s < 61 else { return nil }
        seconds += Double(h * 3600 + mi * 60 + s)
        var i = 19
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            while i < u.count, u[i] >= 0x30, u[i] <= 0x39 {
                seconds += Double(u[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
        }
        if i == u.count { return Date(timeIntervalSince1970: seconds) }  // no zone: UTC
        if u[i] == UInt8(ascii: "Z") || u[i] == UInt8(ascii: "z") {
            return i + 1 == u.count ? Date(timeIntervalSince1970: seconds) : nil
        }
        guard u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-"), u.count - i == 6 || u.count - i == 5 else { return nil }
        let sign: Double = u[i] == UInt8(ascii: "+") ? 1 : -1
        let hasColon = u.count - i == 6
        guard let oh = digits(u, i + 1, 2), let om = digits(u, i + (hasColon ? 4 : 3), 2) else { return nil }
        seconds -= sign * Double(oh * 3600 + om * 60)
        return Date(timeIntervalSince1970: seconds)
    }

    /// Exactly `YYYY-MM-DDTHH:MM:SSZ`, else nil (and `parse` takes the long way).
    static func parseUTCSeconds(_ u: UnsafeBufferPointer<UInt8>) -> Date? {
        guard u.count == 20, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"), u[10] == UInt8(ascii: "T"),
              u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"), u[19] == UInt8(ascii: "Z") else { return nil }
        func n(_ i: Int, _ w: Int) -> Int? {
            var v = 0
            for k in i..<(i + w) {
                let b = u[k]
                guard b >= 0x30, b <= 0x39 else { return nil }
                v = v * 10 + Int(b - 0x30)
            }
            return v
        }
        guard let y = n(0, 4), let m = n(5, 2), let d = n(8, 2), let h = n(11, 2), let mi = n(14, 2), let s = n(17, 2),
              (1...12).contains(m), d >= 1, d <= CivilDate.daysIn(month: m, year: y), h < 24, mi < 60, s < 61 else { return nil }
        let day = CivilDate(year: y, month: m, day: d).dayNumber
        return Date(timeIntervalSince1970: Double(day) * 86_400 + Double(h * 3600 + mi * 60 + s))
    }

    /// `2026-03-02T14:05:09Z` (whole seconds, UTC).
    public static func format(_ date: Date) -> String {
        let t = Int(date.timeIntervalSince1970.rounded(.down))
        let day = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        let rem = t - day * 86_400
        return CivilDate(dayNumber: day).description + "T" + pad(rem / 3600, 2) + ":" + pad(rem / 60 % 60, 2) + ":" + pad(rem % 60, 2) + "Z"
    }

    /// `2025-04-14 21:07:02` in `zone`, as the reports print it.
    public static func reportFormat(_ date: Date, in zone: TimeZone) -> String {
        let local = Int((date.timeIntervalSince1970 + TimeInterval(zone.secondsFromGMT(for: date))).rounded(.down))
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let rem = local - day * 86_400
        return CivilDate(dayNumber: day).description + " " + pad(rem / 3600, 2) + ":" + pad(rem / 60 % 60, 2) + ":" + pad(rem % 60, 2)
    }

    /// `HHMMSS` in `zone`, for report file names.
    public static func compactTime(_ date: Date, in zone: TimeZone) -> String {
        let f = reportFormat(date, in: zone)
        return f.split(separator: " ")[1].replacingOccurrences(of: ":", with: "")
    }
}
