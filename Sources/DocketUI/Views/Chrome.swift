
/// The title bar at the top of every screen.
public struct TitleBar {
    public var left: String
    public var right: String

    public func render(in area: Rect, buffer: inout Buffer) {
        let style = Style(.statusBar, bold: true)
        buffer.fill(area, with: Cell(" ", style: style))
        let rw = DisplayWidth.of(right)
        buffer.put(left, x: area.x + 1, y: area.y, style: style, maxWidth: max(0, area.width - rw - 3))
        if rw + 2 < area.width { buffer.put(right, x: area.maxX - rw - 1, y: area.y, style: style) }
    }
}

/// The status bar: counts and period on the left, keys on the right.
public struct StatusBar {
    public var left: String
    public var right: String

    /// Columns the left part gets in a bar `width` wide beside `right`.
    public static func leftWidth(right: String, width: Int) -> Int {
        max(0, width - DisplayWidth.of(right) - 3)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let style = Style(.statusBar)
        buffer.fill(area, with: Cell(" ", style: style))
        // The right part (position) always shows; the left is cut to fit.
        let rw = DisplayWidth.of(right)
        let leftMax = Self.leftWidth(right: right, width: area.width)
        buffer.put(DisplayWidth.truncate(left, to: leftMax), x: area.x + 1, y: area.y, style: style, maxWidth: leftMax)
        if rw > 0, rw + 2 <= area.width { buffer.put(right, x: area.maxX - rw - 1, y: area.y, style: style) }
    }
}

/// The `?` overlay, generated from the keymap table. When the entries do
/// not all fit (six screens' keys at 80x24), `scroll` entries are skipped
/// and the bottom border says which are shown and that ↑/↓ scroll.
public struct HelpOverlay {
    public var context: KeyContext
    /// The first entry shown; clamped to what the height allows.
    public var scroll: Int

    public init(context: KeyContext, scroll: Int = 0) {
        self.context = context
        self.scroll = scroll
    }

    /// Entries that fit in an overlay drawn in `height` rows: all but the
    /// borders and the blank line under the top one.
    static func rows(height: Int) -> Int { max(1, height - 3) }

    /// The largest useful `scroll` for `context` in `height` rows: 0 when
    /// every entry fits.
    public static func maxScroll(for context: KeyContext, height: Int) -> Int {
        max(0, Keymap.helpEntries(for: context).count - rows(height: height))
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let entries = Keymap.helpEntries(for: context)
        let keyWidth = entries.map { DisplayWidth.of($0.0) }.max() ?? 0
        let textWidth = entries.map { DisplayWidth.of($0.1) }.max() ?? 0
        let w = min(area.width, keyWidth + textWidth + 7)
        let h = min(area.height, entries.count + 4)
        let box = Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
        let border = Style(.accent, bold: true)
        buffer.drawBox(box, style: border)
        buffer.put(" Keys ", x: box.x + 2, y: box.y, style: border)
        let rows = Self.rows(height: h)
        let first = entries.count > rows ? max(0, min(scroll, entries.count - rows)) : 0
        let shown = entries[first..<min(entries.count, first + rows)]
        for (i, e) in shown.enumerated() {
            buffer.put(DisplayWidth.pad(e.0, to: keyWidth), x: box.x + 2, y: box.y + 2 + i, style: Style(.accent), maxWidth: w - 4)
            buffer.put(e.1, x: box.x + 4 + keyWidth, y: box.y + 2 + i, maxWidth: max(0, w - keyWidth - 6))
        }
        if shown.count < entries.count {
            let more = " \(first + 1)-\(first + shown.count) of \(entries.count) · ↑/↓ scroll · any other key closes "
            buffer.put(more, x: box.x + 2, y: box.maxY - 1, style: border, maxWidth: max(0, w - 4))
        }
    }
}

/// The top bar: the screens as tabs (the current one highlighted), then
/// the keys that matter most on the right.
///
/// Six tabs and the keys do not all fit in 80 columns. In order, the bar
/// gives up: the screen's keys (keeping `?:help`, which lists them all),
/// then the long titles (`shortTitle`), then the other tabs' titles (their
/// numbers stay), so the current tab is always named.
public struct TabBar {
    public var current: Tab
    public var right: String

    static let helpHint = "?:help"

    enum Titles: CaseIterable { case full, short, currentOnly }

    func label(_ tab: Tab, _ titles: Titles) -> String {
        switch titles {
        case .full: return " \(tab.rawValue) \(tab.title) "
        case .short: return " \(tab.rawValue) \(tab.shortTitle) "
        case .currentOnly: return tab == current ? " \(tab.rawValue) \(tab.shortTitle) " : " \(tab.rawValue) "
        }
    }

    /// Whether `keys` fit on a tab bar `width` wide beside the tabs (full or
    /// short titles), as `render` decides.
    public static func keysFit(_ keys: String, width: Int) -> Bool {
        let bar = TabBar(current: .tickets, right: keys)
        let x = 1 + DisplayWidth.of("Docket ")
        return [Titles.full, .short].contains { t in
            x + Tab.allCases.reduce(0) { $0 + DisplayWidth.of(bar.label($1, t)) } + DisplayWidth.of(keys) + 2 < width
        }
    }

    /// Where each tab's label goes on a bar `area` wide (tabs that do not
    /// fit are left out), and the keys shown at the right: what `render`
    /// draws, and what a click on the bar hits.
    func layout(in area: Rect) -> (tabs: [(tab: Tab, text: String, x: Int)], keys: String) {
        let start = area.x + 1 + DisplayWidth.of("Docket ")
        // Tabs and keys fit when a cell separates the keys from the tabs and from the edge.
        func fits(_ titles: Titles, _ keys: String) -> Bool {
            let tabs = Tab.allCases.reduce(0) { $0 + DisplayWidth.of(label($1, titles)) }
            return start + tabs + (keys.isEmpty ? 0 : DisplayWidth.of(keys) + 2) < area.maxX
        }
        let options = Titles.allCases.flatMap { t in [(titles: t, keys: right), (titles: t, keys: Self.helpHint)] }
            + [(titles: Titles.currentOnly, keys: "")]
        let choice = options.first { fits($0.titles, $0.keys) } ?? (titles: .currentOnly, keys: "")
        var x = start
        var tabs: [(tab: Tab, text: String, x: Int)] = []
        for tab in Tab.allCases {
            let text = label(tab, choice.titles)
            guard x + DisplayWidth.of(text) < area.maxX else { break }
            tabs.append((tab, text, x))
            x += DisplayWidth.of(text)
        }
        let kw = DisplayWidth.of(choice.keys)
        return (tabs, kw > 0 && x + kw + 2 < area.maxX ? choice.keys : "")
    }

    /// The tab whose label is at column `x` of a bar `width` wide.
    public func tab(atX x: Int, width: Int) -> Tab? {
        layout(in: Rect(x: 0, y: 0, width: width, height: 1)).tabs
            .first { x >= $0.x && x < $0.x + DisplayWidth.of($0.text) }?.tab
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let base = Style(.statusBar, bold: true)
        buffer.fill(area, with: Cell(" ", style: base))
        buffer.put("Docket ", x: area.x + 1, y: area.y, style: base, maxWidth: max(0, area.maxX - area.x - 1))
        let (tabs, keys) = layout(in: area)
        for t in tabs {
            buffer.put(t.text, x: t.x, y: area.y, style: t.tab == current ? Style(.selection, bold: true) : Style(.statusBar))
        }
        if !keys.isEmpty { buffer.put(keys, x: area.maxX - DisplayWidth.of(keys) - 1, y: area.y, style: base) }
    }
}
