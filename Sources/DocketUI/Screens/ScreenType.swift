import Foundation

/// Where a screen draws: the bar at the top, the body, the status bar.
public struct ScreenAreas: Sendable {
    public var top: Rect
    public var body: Rect
    public var bottom: Rect
}

/// One screen of the browser (a tab's list, an open cluster, an open
/// ticket), as tig's views and bubbletea's sub-models are: the bindings that
/// apply on it, how it draws, and the actions only it handles. `App.perform`
/// handles what every screen shares first, then asks the screen showing
/// (`App.screenType(of:)`), then moves or opens in the list; `RootView`
/// draws the screen, then what lies over it (a prompt, help).
protocol ScreenType {
    /// The keymap context of the screen in this state.
    static func context(_ s: AppState) -> KeyContext
    /// Draws the bars and the body.
    static func render(_ s: AppState, _ areas: ScreenAreas, _ buffer: inout Buffer)
    /// The screen's own handling of an action, or nil when the action is
    /// not its own (the list's moving and opening then apply).
    static func perform(_ action: Action, _ s: inout AppState) -> [Effect]?
}

extension ScreenType {
    /// The message of an empty ticket list.
    static func emptyMessage(_ s: AppState) -> String {
        s.tickets.isEmpty
            ? "The store is empty: import tickets with `docket import FILE`, or try `docket demo`."
            : "No tickets in \(s.period.label); try --period all."
    }
}
