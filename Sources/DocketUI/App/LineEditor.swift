import DocketModel

/// A one-line text field with the usual readline keys, as a pure value:
/// a key in, the edited field and an outcome out. Screens keep one in a
/// modal state while it is open, so keys go to it and not to the keymap.
///
/// Left/Right (Ctrl-B/F) move by character, Home/End (Ctrl-A/E) to either
/// end; Backspace and Delete (Ctrl-D) delete around the cursor; Ctrl-U
/// deletes to the start, Ctrl-K to the end, Ctrl-W the word before the
/// cursor. Enter accepts, Esc (or Ctrl-G) cancels. Ctrl-C is left to the
/// caller: it quits Docket everywhere, open fields included.
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

    /// A field holding `text`, the cursor at its end. Only what could be
    /// typed is kept: newlines and tabs become spaces, escape sequences and
    /// other controls are dropped.
    public init(_ text: String = "") {
        characters = Array(TextSanitizer.singleLine(text)).filter { !Self.isControl($0) }
        cursor = characters.count
    }

    /// A field holding `text` with the cursor at `cursor` (clamped).
    public init(_ text: String, cursor: Int) {
        self.init(text)
        self.cursor = max(0, min(cursor, characters.count))
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
    /// column within it. The text scrolls sideways only as far as the
    /// cursor needs: the whole character under it (two cells when wide), or
    /// one blank cell at the end of the text.
    /// - Complexity: O(n) in the text's characters.
    public func viewport(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 0 else { return ("", 0) }
        let widths = characters.map { DisplayWidth.of($0) }
        let cursorCells = cursor < characters.count ? max(1, widths[cursor]) : 1
        // Leftmost start that keeps the cursor's cells within width.
        var start = 0
        var before = widths[0..<cursor].reduce(0, +)
        while start < cursor, before + cursorCells > width {
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
        c.unicodeScalars.contains(where: TextSanitizer.isUnsafe)
    }
}

/// Draws a line editor on one row: a label, the text, the cursor as a
/// reversed cell, and an optional key hint at the right end when there is
/// room for it beside a usable field.
public struct LineEditorView {
    public var label: String
    public var editor: LineEditor
    /// E.g. "Enter:save Esc:cancel"; dropped on narrow screens.
    public var hint: String?

    public init(label: String, editor: LineEditor, hint: String? = nil) {
        self.label = label
        self.editor = editor
        self.hint = hint
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard area.height > 0 else { return }
        let row = area.row(0)
        buffer.fill(row)
        var x = area.x
        x += buffer.put(DisplayWidth.truncate(label, to: max(0, area.width / 2)), x: x, y: row.y, style: Style(.accent, bold: true),
                        maxWidth: area.width)
        // The hint only when the field keeps at least 20 cells.
        let hw = hint.map { DisplayWidth.of($0) + 2 } ?? 0
        let showHint = hint != nil && area.maxX - x - hw >= 20
        let room = max(0, area.maxX - x - (showHint ? hw : 0))
        let (text, col) = editor.viewport(width: room)
        buffer.put(text, x: x, y: row.y, maxWidth: room)
        if showHint, let hint { buffer.put(hint, x: area.maxX - hw + 1, y: row.y, style: Style(.dim)) }
        let cx = x + col
        guard cx < x + room else { return }
        // A wide character under the cursor is reversed across both its cells.
        let wide = DisplayWidth.of(buffer[cx, row.y].symbol) == 2
        buffer[cx, row.y].style = Style(.selection)
        if wide, cx + 1 < x + room { buffer[cx + 1, row.y].style = Style(.selection) }
    }
}
