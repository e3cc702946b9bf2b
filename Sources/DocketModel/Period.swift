import Foundation

/// A span of whole days, inclusive at both ends, in a time zone.
///
/// `start` is the first instant of the first day; `end` is the first instant
/// after the last day (exclusive), so an instant belongs to the period when
/// `start <= t < end`.
public struct Period: Sendable, Equatable, CustomStringConvertible {
    public var first: CivilDate
    public var last: CivilDate
    public var zone: TimeZone
    /// True for "all time": no filter on dates.
    public var isAll: Bool

    public init(first: CivilDate, last: CivilDate, zone: TimeZone = .utc) {
        self.first = min(first, last)
        self.last = max(first, last)
        self.zone = zone
        self.isAll = false
    }

    /// Every ticket, whenever it was active. `first`/`last` are placeholders
    /// that callers replace with the data's own span when they print one.
    public static func all(zone: TimeZone = .utc) -> Period {
        var p = Period(first: CivilDate(year: 1970, month: 1, day: 1), last: CivilDate(year: 9999, month: 12, day: 31), zone: zone)
        p.isAll = true
        return p
    }

    public var start: Date { first.start(in: zone) }
    public var end: Date { last.adding(days: 1).start(in: zone) }
    public var days: Int { last.dayNumber - first.dayNumber + 1 }

    public func contains(_ instant: Date) -> Bool {
        isAll || (instant >= start && instant < end)
    }

    /// The period of the same length just before this one.
    public var previous: Period {
        Period(first: first.adding(days: -days), last: first.adding(days: -1), zone: zone)
    }

    /// `2025-04-14 to 2025-04-20`, as reports print it.
    public var description: String { isAll ? "all time" : "\(first) to \(last)" }

    /// A short label for a status bar.
    public var label: String {
        if isAll { return "all time" }
        return first == last ? first.description : "\(first)..\(last)"
    }

    /// The Monday-to-Sunday week holding `date`.
    public static func week(of date: CivilDate, zone: TimeZone = .utc) -> Period {
        Period(first: date.monday, last: date.monday.adding(days: 6), zone: zone)
    }

    public enum ParseError: Error, CustomStringConvertible, Equatable {
        case invalid(String)
        public var description: String {
            switch self {
            case let .invalid(s):
                return "invalid period '\(s)': use today, week, 7d, all, a date YYYY-MM-DD, or YYYY-MM-DD..YYYY-MM-DD"
            }
        }
    }

    /// Parses `today`, `yesterday`, `week` (this Monday-Sunday week), `7d` /
    /// `30d` (the last N days including today), `all`, `YYYY-MM-DD`, or
    /// `YYYY-MM-DD..YYYY-MM-DD`, relative to `now` in `zone`.
    public static func parse(_ text: String, now: Date, zone: TimeZone = .utc) throws -> Period {
        let today = CivilDate(now, in: zone)
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch t {
        case "today": return Period(first: today, last: today, zone: zone)
        case "yesterday": return Period(first: today.adding(days: -1), last: today.adding(days: -1), zone: zone)
        case "week": return .week(of: today, zone: zone)
        case "all": return .all(zone: zone)
        default: break
        }
        if t.hasSuffix("d"), let n = Int(t.dropLast()), n >= 1, n <= 36_500 {
            return Period(first: today.adding(days: 1 - n), last: today, zone: zone)
        }
        if let d = CivilDate(t) { return Period(first: d, last: d, zone: zone) }
        let parts = t.components(separatedBy: "..")
        if parts.count == 2, let a = CivilDate(parts[0]), let b = CivilDate(parts[1]), a <= b {
            return Period(first: a, last: b, zone: zone)
        }
        throw ParseError.invalid(text)
    }
}

extension TimeZone {
    /// UTC, without force-unwrapping `TimeZone(identifier:)`.
    public static var utc: TimeZone { TimeZone(secondsFromGMT: 0) ?? .current }
}
