import DocketModel

/// Renders the whole screen for a state: the view function of the TUI.
public enum RootView {
    public static let minimumWidth = 80
    public static let minimumHeight = 24
    /// From this width on, the Tickets list shows the selected ticket beside it.
    public static let previewMinimumWidth = 120

    /// Columns of the Tickets list: all of them, or what the preview leaves.
    public static func listWidth(_ s: AppState) -> Int {
        s.width >= previewMinimumWidth ? s.width - previewWidth(s) : s.width
    }

    static func previewWidth(_ s: AppState) -> Int { max(44, s.width * 2 / 5) }

    public static func render(_ s: AppState) -> Buffer {
        var buffer = Buffer(width: s.width, height: s.height)
        guard s.width >= minimumWidth, s.height >= minimumHeight else {
            let msg = ["Terminal too small:", "\(s.width)x\(s.height);", "need \(minimumWidth)x\(minimumHeight)", "(q quits)"]
            for (i, m) in msg.enumerated() where i < s.height { buffer.put(m, x: 0, y: i, style: Style(.error)) }
            return buffer
        }
        let (top, rest) = buffer.area.splitTop(1)
        let (body, bottom) = rest.splitBottom(1)
        let context = App.context(of: s)
        App.screenType(of: s).render(s, ScreenAreas(top: top, body: body, bottom: bottom), &buffer)
        switch s.modal {
        case let .prompt(p)?: LineEditorView(label: " " + p.label, editor: p.editor).render(in: bottom, buffer: &buffer)
        case let .picker(p)?: PickerView(picker: p).render(in: body, buffer: &buffer)
        case let .confirm(c)?:
            buffer.fill(bottom, with: Cell(" ", style: Style(.error)))
            buffer.put(" " + c.question, x: bottom.x, y: bottom.y, style: Style(.error), maxWidth: bottom.width)
        case nil: break
        }
        if let e = s.editor {
            LineEditorView(label: " " + e.purpose.label + ": ", editor: e.field, hint: "Enter:save Esc:cancel")
                .render(in: bottom, buffer: &buffer)
        }
        if s.showHelp { HelpOverlay(context: context, scroll: s.helpScroll).render(in: body, buffer: &buffer) }
        if let w = s.working { working(w, in: bottom, &buffer) }
        return buffer
    }

    /// Background work, at the right of the status bar over the position
    /// and keys: "⟳ Analysing 100000 tickets…". The left part (counts, a
    /// message) stays as far as it fits.
    static func working(_ what: String, in area: Rect, _ buffer: inout Buffer) {
        let text = DisplayWidth.truncate("⟳ " + TextSanitizer.singleLine(what), to: max(0, area.width / 2))
        let w = DisplayWidth.of(text)
        guard w > 0, w + 2 <= area.width else { return }
        let style = Style(.statusBar)
        let x = area.maxX - w - 2
        buffer.fill(Rect(x: x, y: area.y, width: area.maxX - x, height: 1), with: Cell(" ", style: style))
        buffer.put(text, x: x + 1, y: area.y, style: style)
    }

    /// The status bar: the last action's message, when there is one, replaces the counts.
    static func status(_ s: AppState, left: String, right: String, hints: String = "", in area: Rect, _ buffer: inout Buffer) {
        let shown = s.message ?? left
        StatusBar(left: shown, right: withHints(hints, right, left: shown, s)).render(in: area, buffer: &buffer)
    }

    /// The status bar's right part: the screen's keys go before the position
    /// when the tab bar had no room for them (six tabs at 80 columns) and
    /// the status itself still fits beside them; the status comes first.
    static func withHints(_ hints: String, _ right: String, left: String, _ s: AppState) -> String {
        guard !hints.isEmpty, !TabBar.keysFit(hints, width: s.width) else { return right }
        let keys = hints.replacingOccurrences(of: " " + TabBar.helpHint, with: "")
        let combined = right.isEmpty ? keys : keys + "  " + right
        return DisplayWidth.of(left) + DisplayWidth.of(combined) + 5 <= s.width ? combined : right
    }
}
