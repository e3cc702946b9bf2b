import DocketAnalysis
import DocketModel
import Foundation

extension Role {
    /// The role that shows a theme's colour.
    public static func theme(_ color: ThemeColor) -> Role {
        switch color {
        case .default: return .normal
        case .red: return .themeRed
        case .green: return .themeGreen
        case .yellow: return .themeYellow
        case .blue: return .themeBlue
        case .magenta: return .themeMagenta
        case .cyan: return .themeCyan
        }
    }
}

/// The Themes screen: every theme with its colour, ticket count and
/// description (names only tickets carry are marked as not defined), and
/// below, suggestions of the selected theme for untagged tickets.
public struct ThemeListView {
    public var themes: [ThemeUsage]
    public var cursor: ListCursor
    /// Suggestions for a theme, by name (only the selected one's are drawn).
    public var suggestions: (String) -> [ThemeSuggestion]
    /// A suggested ticket's title.
    public var title: (TicketKey) -> String?

    public init(themes: [ThemeUsage], cursor: ListCursor, suggestions: @escaping (String) -> [ThemeSuggestion],
                title: @escaping (TicketKey) -> String?) {
        self.themes = themes
        self.cursor = cursor
        self.suggestions = suggestions
        self.title = title
    }

    /// Rows of the suggestions pane (its title included) for a body height.
    static func paneHeight(_ bodyHeight: Int) -> Int { min(5, max(0, bodyHeight / 2)) }

    /// Theme rows that fit on a screen `height` rows high: the body less
    /// the header and the pane.
    public static func listHeight(screenHeight height: Int) -> Int {
        let body = max(0, height - 2)
        return max(1, body - 1 - paneHeight(body))
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        buffer.fill(area)
        guard area.height > 0 else { return }
        let cur = cursor
        let descWidth = max(4, area.width - 18 - 1 - 8 - 1 - 7 - 1 - 1)
        let header = " " + DisplayWidth.pad("Theme", to: 18) + " " + DisplayWidth.pad("Colour", to: 8) + " "
            + DisplayWidth.padLeft("Tickets", to: 7) + " " + "Description"
        buffer.headerRow(header, in: area)
        let pane = Self.paneHeight(area.height)
        let rows = max(0, area.height - 1 - pane)
        if themes.isEmpty {
            buffer.put("No themes yet: n defines one; t on the Tickets screen tags tickets.", x: area.x + 1, y: area.y + 2,
                       style: Style(.dim), maxWidth: area.width - 1)
            return
        }
        for line in 0..<rows {
            let i = cur.scroll + line
            guard themes.indices.contains(i) else { break }
            let u = themes[i]
            let y = area.y + 1 + line
            let isSel = i == cur.selected
            let base = isSel ? Style(.selection, bold: true) : Style.normal
            if isSel { buffer.fill(area.row(1 + line), with: Cell(" ", style: base)) }
            var x = area.x + 1
            let name = TextSanitizer.singleLine(u.theme.name)
            x += buffer.put(DisplayWidth.pad(name, to: 18), x: x, y: y, style: isSel ? base : Style(.theme(u.theme.color), bold: true),
                            maxWidth: 18) + 1
            x += buffer.put(DisplayWidth.pad(u.theme.color.rawValue, to: 8), x: x, y: y,
                            style: isSel ? base : Style(.theme(u.theme.color)), maxWidth: 8) + 1
            x += buffer.put(DisplayWidth.padLeft(String(u.tickets), to: 7), x: x, y: y, style: base, maxWidth: 7) + 1
            let desc = u.isDefined ? TextSanitizer.singleLine(u.theme.description) : "(only on tickets; e defines it)"
            buffer.put(desc, x: x, y: y, style: isSel ? base : (u.isDefined ? .normal : Style(.dim)), maxWidth: descWidth)
        }
        guard pane > 0, themes.indices.contains(cur.selected) else { return }
        let name = TextSanitizer.singleLine(themes[cur.selected].theme.name)
        let py = area.maxY - pane
        let bar = "── Suggested for \(name) (a: accept, r: reject) "
        buffer.put(bar + String(repeating: "─", count: max(0, area.width - DisplayWidth.of(bar))), x: area.x, y: py,
                   style: Style(.header, bold: true), maxWidth: area.width)
        let suggestions = suggestions(themes[cur.selected].theme.name)
        if suggestions.isEmpty {
            buffer.put("No untagged ticket looks like this theme's tickets.", x: area.x + 1, y: py + 1, style: Style(.dim),
                       maxWidth: area.width - 1)
            return
        }
        let titleWidth = max(4, area.width - 1 - 7 - 1 - 5 - 1 - 20)
        for (i, sug) in suggestions.prefix(pane - 1).enumerated() {
            let y = py + 1 + i
            var x = area.x + 1
            let title = title(sug.ticket).map(TextSanitizer.singleLine) ?? ""
            x += buffer.put(DisplayWidth.padLeft("#\(sug.ticket.number)", to: 7), x: x, y: y, style: i == 0 ? Style(.accent, bold: true) : Style(.accent)) + 1
            x += buffer.put(DisplayWidth.pad(title, to: titleWidth), x: x, y: y, maxWidth: titleWidth) + 1
            x += buffer.put(formatFixed(sug.confidence, decimals: 2), x: x, y: y, style: Style(.activity)) + 1
            let like = "like " + sug.because.map { "#\($0.number)" }.joined(separator: ", ")
            buffer.put(like, x: x, y: y, style: Style(.dim), maxWidth: max(0, area.maxX - x))
        }
    }
}

/// A picker: a box with a title, the filter line, and the matching items.
public struct PickerView {
    public var picker: Picker

    /// Where the picker is drawn in `area`: its frame, how many items show
    /// and the first one shown.
    static func layout(_ picker: Picker, in area: Rect) -> (box: Rect, rows: Int, scroll: Int) {
        let count = picker.visible.count
        let w = min(area.width, 64)
        let h = min(area.height, max(5, min(14, count + 4)))
        let box = Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
        let rows = max(0, h - 3)
        return (box, rows, max(0, min(picker.selected - rows + 1, count - rows)))
    }

    /// The index (into `visible`) of the item drawn at (x, y), if any.
    public static func item(atX x: Int, y: Int, _ picker: Picker, in area: Rect) -> Int? {
        let (box, rows, scroll) = layout(picker, in: area)
        let i = scroll + (y - box.y - 2)
        guard x > box.x, x < box.maxX - 1, y >= box.y + 2, y < box.y + 2 + rows, picker.visible.indices.contains(i) else { return nil }
        return i
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let visible = picker.visible
        let (box, rows, scroll) = Self.layout(picker, in: area)
        let w = box.width
        let border = Style(.accent, bold: true)
        buffer.drawBox(box, style: border)
        buffer.put(" " + DisplayWidth.truncate(picker.title, to: max(0, w - 6)) + " ", x: box.x + 2, y: box.y, style: border)
        let hint = " ↑↓ Enter Esc "
        if w > DisplayWidth.of(hint) + 4 { buffer.put(hint, x: box.maxX - DisplayWidth.of(hint) - 2, y: box.maxY - 1, style: border) }
        LineEditorView(label: "> ", editor: picker.filter)
            .render(in: Rect(x: box.x + 2, y: box.y + 1, width: max(0, w - 4), height: 1), buffer: &buffer)
        guard rows > 0 else { return }
        if visible.isEmpty {
            buffer.put("(nothing matches)", x: box.x + 2, y: box.y + 2, style: Style(.dim), maxWidth: w - 4)
            return
        }
        for line in 0..<rows {
            let i = max(0, scroll) + line
            guard visible.indices.contains(i) else { break }
            let y = box.y + 2 + line
            let isSel = i == picker.selected
            let style = isSel ? Style(.selection, bold: true) : (visible[i].isNew ? Style(.accent) : .normal)
            buffer.put(DisplayWidth.pad(" " + visible[i].label, to: w - 2), x: box.x + 1, y: y, style: style, maxWidth: w - 2)
        }
    }
}
