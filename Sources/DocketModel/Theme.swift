import Foundation

/// A colour role for a theme. Only roles, never terminal codes: DocketUI
/// maps them to its own styles, and monochrome terminals ignore them.
public enum ThemeColor: String, Sendable, CaseIterable {
    case `default`
    case red
    case green
    case yellow
    case blue
    case magenta
    case cyan

    /// The accepted names, for help and error messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// A named theme that tickets are tagged with. Tickets refer to a theme by
/// its name (`TicketAnnotation.themes`), so the name is the identity and
/// renaming is an explicit edit that rewrites the tickets it covers.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var description: String
    public var color: ThemeColor

    public init(name: String, description: String = "", color: ThemeColor = .default) {
        self.name = name
        self.description = description
        self.color = color
    }

    /// The name a user typed, trimmed; nil when it cannot be a theme name
    /// (empty, or holding a line break or control character, which would
    /// break one-line listings and the journal's readability).
    public static func normalizedName(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty || t.unicodeScalars.contains(where: TextSanitizer.isUnsafe) { return nil }
        return t
    }
}

/// A theme as listed: its definition (a default one when tickets use a name
/// that was never defined, as stores written before themes were defined do)
/// and how many tickets carry it.
public struct ThemeUsage: Sendable, Equatable {
    public var theme: Theme
    public var tickets: Int
    /// False when only tickets name it; `docket themes edit` defines it.
    public var isDefined: Bool

    public init(theme: Theme, tickets: Int, isDefined: Bool) {
        self.theme = theme
        self.tickets = tickets
        self.isDefined = isDefined
    }
}

/// Why a theme or recommendation edit was refused, with what to do instead.
public enum CurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidThemeName(String)
    case unknownTheme(String)
    case themeExists(String)
    case themeInUse(String, tickets: Int)
    case unknownRecommendation(String)
    case emptyRecommendation

    public var description: String {
        switch self {
        case let .invalidThemeName(n):
            return "'\(n)' cannot be a theme name: use a non-empty name on one line"
        case let .unknownTheme(n):
            return "there is no theme '\(n)'; `docket themes` lists them, `docket themes add \(n)` creates it"
        case let .themeExists(n):
            return "a theme '\(n)' already exists; choose another name, or delete it first with `docket themes delete \(n)`"
        case let .themeInUse(n, count):
            return "the theme '\(n)' is on \(count) ticket\(count == 1 ? "" : "s"); add --force to delete it and remove it from them"
        case let .unknownRecommendation(id):
            return "there is no recommendation '\(id)' for this period; `docket recommendations` lists their ids"
        case .emptyRecommendation:
            return "a recommendation needs a title and a text; give both --title and --text"
        }
    }
}
