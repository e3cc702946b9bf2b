import DocketCore

/// Work for the runtime to do after an update.
public enum Effect: Sendable, Equatable {
    case quit
}

/// The pure state machine of the TUI: an event in, a new state and effects
/// out. No I/O happens here; that is what makes screens testable by feeding
/// key sequences.
public enum App {
    public static func update(_ state: AppState, _ event: InputEvent) -> (AppState, [Effect]) {
        var s = state
        switch event {
        case let .resize(w, h):
            s.width = w
            s.height = h
            clampScroll(&s)
            return (s, [])
        case let .mouse(m):
            return (handleMouse(s, m), [])
        case let .key(key):
            if s.showHelp {
                // Any key closes help; q and Ctrl-C still quit.
                if key == .ctrl("c") { s.quitting = true; return (s, [.quit]) }
                s.showHelp = false
                return (s, [])
            }
            let context: KeyContext
            if case .ticket = s.screen { context = .ticket } else { context = .list }
            guard let action = Keymap.action(for: key, in: context) else { return (s, []) }
            return perform(action, on: s)
        }
    }

    public static func perform(_ action: Action, on state: AppState) -> (AppState, [Effect]) {
        var s = state
        switch (action, s.screen) {
        case (.quit, _):
            s.quitting = true
            return (s, [.quit])
        case (.help, _):
            s.showHelp.toggle()
        case (.back, .ticket):
            s.screen = .list
        case (.back, .list):
            s.quitting = true
            return (s, [.quit])
        case (.open, .list):
            if s.rows.indices.contains(s.selected) { s.screen = .ticket(index: s.rows[s.selected].index, scroll: 0) }
        case (.moveUp, .list): move(&s, by: -1)
        case (.moveDown, .list): move(&s, by: 1)
        case (.pageUp, .list): move(&s, by: -s.listHeight)
        case (.pageDown, .list): move(&s, by: s.listHeight)
        case (.home, .list): move(&s, to: 0)
        case (.end, .list): move(&s, to: s.rows.count - 1)
        case let (.moveUp, .ticket(i, y)): s.screen = .ticket(index: i, scroll: max(0, y - 1))
        case let (.moveDown, .ticket(i, y)): s.screen = .ticket(index: i, scroll: y + 1)
        case let (.pageUp, .ticket(i, y)): s.screen = .ticket(index: i, scroll: max(0, y - (s.height - 3)))
        case let (.pageDown, .ticket(i, y)): s.screen = .ticket(index: i, scroll: y + (s.height - 3))
        case let (.home, .ticket(i, _)): s.screen = .ticket(index: i, scroll: 0)
        case let (.end, .ticket(i, _)): s.screen = .ticket(index: i, scroll: Int.max / 2)
        case (.open, .ticket):
            break
        }
        clampScroll(&s)
        return (s, [])
    }

    private static func move(_ s: inout AppState, by delta: Int) {
        move(&s, to: s.selected + delta)
    }

    private static func move(_ s: inout AppState, to row: Int) {
        guard !s.rows.isEmpty else { s.selected = 0; return }
        s.selected = min(max(0, row), s.rows.count - 1)
        clampScroll(&s)
    }

    /// Keeps the selection visible and the detail scroll within its content.
    static func clampScroll(_ s: inout AppState) {
        let h = s.listHeight
        if s.selected < s.scroll { s.scroll = s.selected }
        if s.selected >= s.scroll + h { s.scroll = s.selected - h + 1 }
        s.scroll = max(0, min(s.scroll, max(0, s.rows.count - h)))
        if case let .ticket(i, y) = s.screen {
            let total = TicketDetailView.lines(for: s, index: i, width: s.width).count
            let visible = max(1, s.height - 2)
            s.screen = .ticket(index: i, scroll: max(0, min(y, total - visible)))
        }
    }

    private static func handleMouse(_ state: AppState, _ m: MouseEvent) -> AppState {
        var s = state
        switch (m.kind, s.screen) {
        case (.wheelUp, _): return perform(.moveUp, on: s).0
        case (.wheelDown, _): return perform(.moveDown, on: s).0
        case (.press, .list):
            let row = m.y - 2 + s.scroll
            if m.y >= 2, m.y < 2 + s.listHeight, s.rows.indices.contains(row) { s.selected = row }
            return s
        default:
            return s
        }
    }
}
