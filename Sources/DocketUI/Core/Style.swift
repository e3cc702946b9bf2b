/// A semantic colour role. Views say *what* a cell is; the terminal backend
/// alone decides how a role looks (colour pair, bold, reverse), and falls back
/// to attributes only when colour is unavailable or `NO_COLOR` is set.
public enum Role: UInt8, Sendable, CaseIterable {
    case normal
    case header
    case selection
    case statusBar
    case title
    case open
    case closed
    case label
    case activity
    case dim
    case accent
    case error
    /// Theme colours (`Role.theme(_:)`); plain text in monochrome, where
    /// the colour's name is shown beside them anyway.
    case themeRed, themeGreen, themeYellow, themeBlue, themeMagenta, themeCyan
}

/// How one cell looks: a role plus a few attributes that survive monochrome.
public struct Style: Hashable, Sendable {
    public var role: Role
    public var bold: Bool
    public var underline: Bool

    public init(_ role: Role = .normal, bold: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.underline = underline
    }

    public static let normal = Style()
}
