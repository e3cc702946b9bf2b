/// Whether roles are drawn in colour or with attributes alone.
public enum ColorMode: Sendable, Equatable {
    /// Colour when the terminal has it and `NO_COLOR` is unset or empty.
    case auto
    /// Bold, reverse, underline and dim only: for `NO_COLOR`, dumb terminals
    /// and users who ask for it.
    case monochrome

    /// Whether `NO_COLOR` (https://no-color.org) asks for no colour: set to
    /// anything but the empty string.
    public static func noColorRequested(environment: [String: String]) -> Bool {
        guard let value = environment["NO_COLOR"] else { return false }
        return !value.isEmpty
    }
}
