/// A one-line text field with the usual readline keys, as a pure value:
/// a key in, the edited field and an outcome out. Screens keep one in a
/// modal state while it is open, so keys go to it and not to the keymap.
///
/// The cursor counts grapheme clusters (what the user sees as characters);
/// columns are measured with `DisplayWidth`, so wide characters take two.
public struct LineEditor: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case editing
        case accepted(String)
        case cancelled
    }

    public private(set) var characters: [Character]
    /// Position in `characters`: 0 is before the first one.
    public private(set) var cursor: Int

    /// A field holding `text`, the cursor at its end.
    public init(_ text: String = "") {
        characters = Array(text).filter { !Self.isControl($0) }
        cursor = characters.count
    }

    public var text: String { String(characters) }

    /// Applies one key. Enter accepts, Esc (or Ctrl-G) cancels; every other
    /// key edits or moves and returns `.editing`, unknown keys included.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .enter: return .accepted(text)
        case .escape, .ctrl("g"): return .cancelled
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .backspace, .ctrl("h"):
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .ctrl("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .ctrl("k"):
            characters.removeSubrange(cursor...)
        case .ctrl("w"):
            // Back over spaces, then over the word before them.
            var start = cursor
            while start > 0, characters[start - 1].isWhitespace { start -= 1 }
            while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        case let .char(c):
            // Pasted control characters must not end up in a title or a name.
            guard !Self.isControl(c) else { break }
            characters.insert(c, at: cursor)
            cursor += 1
        default:
            break
        }
        return .editing
    }

    /// The part of the text to draw in `width` cells, and the cursor's
    /// column within it. The text scrolls sideways to keep the cursor
    /// visible, with one cell left for the cursor at the end.
    public func viewport(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 0 else { return ("", 0) }
        let widths = characters.map { DisplayWidth.of($0) }
        // Leftmost start that keeps the cursor (and its cell) within width.
        var start = 0
        var before = widths[0..<cursor].reduce(0, +)
        while start < cursor, before + 1 > width {
            before -= widths[start]
            start += 1
        }
        var shown = ""
        var used = 0
        for i in start..<characters.count {
            if used + widths[i] > width { break }
            shown.append(characters[i])
            used += widths[i]
        }
        return (shown, before)
    }

    static func isControl(_ c: Character) -> Bool {
        c.unicodeScalars.contains { Buffer.isControl($0) }
    }
}

/// Draws a line editor on one row: a label, the text, and the cursor as a
/// reversed cell.
public struct LineEditorView {
    public var label: String
    public var editor: LineEditor

    public init(label: String, editor: LineEditor) {
        self.label = label
        self.editor = editor
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard area.height > 0 else { return }
        let row = area.row(0)
        buffer.fill(row)
        var x = area.x
        x += buffer.put(DisplayWidth.truncate(label, to: max(0, area.width / 2)), x: x, y: row.y, style: Style(.accent, bold: true),
                        maxWidth: area.width)
        let room = max(0, area.maxX - x)
        let (text, col) = editor.viewport(width: room)
        buffer.put(text, x: x, y: row.y, maxWidth: room)
        let cx = x + col
        guard cx < area.maxX else { return }
        // A wide character under the cursor is reversed across both its cells.
        let wide = DisplayWidth.of(buffer[cx, row.y].symbol) == 2
        buffer[cx, row.y].style = Style(.selection)
        if wide, cx + 1 < area.maxX { buffer[cx + 1, row.y].style = Style(.selection) }
    }
}
