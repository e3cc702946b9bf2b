import DocketCore

/// A key press, decoded by the terminal backend from curses' key codes.
public enum Key: Hashable, Sendable {
    /// A printable character (including space).
    case char(Character)
    /// Ctrl plus a letter, lower-cased: Ctrl-C is `.ctrl("c")`.
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab, delete, insert
    case function(Int)
}

/// A mouse event in buffer coordinates.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, release, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int
    public init(kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// Everything the runtime feeds into `update`.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    case mouse(MouseEvent)
    /// The generated recommendations of a period (by `Recommendations.key`),
    /// after an `Effect.loadRecommendations`.
    case recommendationsLoaded(period: String, [Recommendation])
    /// A report's Markdown, after an `Effect.loadReport`.
    case reportLoaded(Report.Kind, CivilDate, markdown: String)
    /// The files an `Effect.export` wrote.
    case exported([String])
    /// The text as `$EDITOR` left it, after an `Effect.editExternally`.
    case edited(EditPurpose, String)
    /// An effect that could not be carried out, and why.
    case failed(String)
}
