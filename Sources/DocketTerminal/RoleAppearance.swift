import DocketUI

/// How a `Role` looks on screen. The one table that maps semantic roles to
/// colours and attributes; nothing else in Docket picks a colour.
public struct RoleAppearance: Hashable, Sendable {
    /// The eight ANSI colours every colour terminal has, plus the terminal's
    /// own default (so a light or dark background is left alone).
    public enum Color: Hashable, Sendable {
        case terminalDefault, black, red, green, yellow, blue, magenta, cyan, white
    }

    public struct Attributes: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let bold = Attributes(rawValue: 1 << 0)
        public static let underline = Attributes(rawValue: 1 << 1)
        public static let reverse = Attributes(rawValue: 1 << 2)
        public static let dim = Attributes(rawValue: 1 << 3)
    }

    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .terminalDefault, background: Color = .terminalDefault, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// Whether this needs a colour pair, rather than the terminal's default one.
    public var usesColor: Bool { foreground != .terminalDefault || background != .terminalDefault }

    /// The appearance of `role` when the terminal shows colour.
    public static func colored(_ role: Role) -> RoleAppearance {
        switch role {
        case .normal: RoleAppearance()
        case .header: RoleAppearance(foreground: .cyan, attributes: .bold)
        case .selection: RoleAppearance(foreground: .black, background: .cyan)
        case .statusBar: RoleAppearance(foreground: .white, background: .blue)
        case .title: RoleAppearance(foreground: .yellow, attributes: .bold)
        case .open: RoleAppearance(foreground: .green)
        case .closed: RoleAppearance(foreground: .magenta)
        case .label: RoleAppearance(foreground: .yellow)
        case .activity: RoleAppearance(foreground: .red)
        case .dim: RoleAppearance(attributes: .dim)
        case .accent: RoleAppearance(foreground: .cyan)
        case .error: RoleAppearance(foreground: .white, background: .red, attributes: .bold)
        case .themeRed: RoleAppearance(foreground: .red)
        case .themeGreen: RoleAppearance(foreground: .green)
        case .themeYellow: RoleAppearance(foreground: .yellow)
        case .themeBlue: RoleAppearance(foreground: .blue)
        case .themeMagenta: RoleAppearance(foreground: .magenta)
        case .themeCyan: RoleAppearance(foreground: .cyan)
        }
    }

    /// The appearance of `role` without colour: every role that must stand
    /// out (the selection above all) still does, through attributes alone.
    public static func monochrome(_ role: Role) -> RoleAppearance {
        switch role {
        case .normal, .open, .label: RoleAppearance()
        // A theme's colour name is printed beside it, so plain text loses nothing.
        case .themeRed, .themeGreen, .themeYellow, .themeBlue, .themeMagenta, .themeCyan: RoleAppearance()
        case .header, .title: RoleAppearance(attributes: .bold)
        case .selection, .statusBar: RoleAppearance(attributes: .reverse)
        case .closed, .dim: RoleAppearance(attributes: .dim)
        case .activity, .accent: RoleAppearance(attributes: .bold)
        case .error: RoleAppearance(attributes: [.bold, .reverse])
        }
    }
}
