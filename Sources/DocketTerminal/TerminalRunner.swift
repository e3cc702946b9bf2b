import DocketUI

/// The draw-wait-handle loop every full-screen program needs, and nothing
/// more: it knows no views, keys or state.
public struct TerminalRunner {
    public let terminal: Terminal
    /// How long to wait for input before calling `idle`; negative waits
    /// forever.
    public var idleTimeoutMilliseconds: Int

    public init(terminal: Terminal, idleTimeoutMilliseconds: Int = -1) {
        self.terminal = terminal
        self.idleTimeoutMilliseconds = idleTimeoutMilliseconds
    }

    /// Draws a frame, waits for an event and hands it to `handle`, until
    /// `handle` or `idle` returns false. Frames are cheap to ask for: only
    /// cells that changed reach the terminal.
    ///
    /// - Parameters:
    ///   - draw: renders a frame of the given size.
    ///   - handle: reacts to an event; false quits.
    ///   - idle: called when `idleTimeoutMilliseconds` pass without input
    ///     (to poll background work); false quits.
    ///   - drawn: called after each frame has been handed to the terminal
    ///     (for timing); false quits.
    ///   - timeout: how long to wait for input this time (overrides
    ///     `idleTimeoutMilliseconds`): short while background work runs.
    public func run(
        draw: (_ width: Int, _ height: Int) -> Buffer,
        handle: (InputEvent) -> Bool,
        idle: () -> Bool = { true },
        drawn: () -> Bool = { true },
        timeout: (() -> Int)? = nil
    ) {
        while terminal.isRunning {
            let size = terminal.size
            terminal.draw(draw(size.width, size.height))
            guard drawn() else { return }
            if let event = terminal.nextEvent(timeoutMilliseconds: timeout?() ?? idleTimeoutMilliseconds) {
                guard handle(event) else { return }
            } else {
                guard idle() else { return }
            }
        }
    }
}
