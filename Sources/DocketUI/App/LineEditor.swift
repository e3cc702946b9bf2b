import DocketCore

/// A one-line text field with the usual readline keys. Pure: keys in,
/// text and cursor out; `LineEditorView` draws it.
///
/// Left/Right (Ctrl-B/F) move by character, Home/End (Ctrl-A/E) to either
/// end; Backspace and Delete (Ctrl-D) delete around the cursor; Ctrl-U
/// deletes to the start, Ctrl-K to the end, Ctrl-W the word before the
/// cursor. Enter accepts, Esc (or Ctrl-G, Ctrl-C) cancels.
public struct LineEditor: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case editing
        case accepted(String)
        case cancelled
    }

    /// The text as characters (grapheme clusters), so the cursor never
    /// splits one.
    public private(set) var characters: [Character]
    /// The cursor, in characters from the start: 0...characters.count.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        // Only what could be typed: no newlines, tabs, escapes or controls.
        characters = Array(TextSanitizer.singleLine(text))
        cursor = characters.count
    }

    public var text: String { String(characters) }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case let .char(c):
            guard !c.unicodeScalars.contains(where: TextSanitizer.isUnsafe) else { break }
            characters.insert(c, at: cursor)
            cursor += 1
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .backspace, .ctrl("h"):
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .ctrl("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .ctrl("k"):
            characters.removeSubrange(cursor...)
        case .ctrl("w"):
            // Spaces before the cursor, then the word before them.
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .enter:
            return .accepted(text)
        case .escape, .ctrl("g"), .ctrl("c"):
            return .cancelled
        default:
            break
        }
        return .editing
    }

    /// What fits in `width` cells with the cursor visible: the text shown,
    /// and the cell column of the cursor within it. The view scrolls
    /// horizontally only as far as the cursor needs, keeping a cell for the
    /// cursor itself at the end of the text.
    /// - Complexity: O(n) in the text's characters.
    public func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 0 else { return ("", 0) }
        let widths = characters.map { DisplayWidth.of($0) }
        // Cells the cursor needs: the character under it, or one blank cell.
        let cursorCells = cursor < characters.count ? max(1, widths[cursor]) : 1
        var start = 0
        var before = widths[0..<cursor].reduce(0, +)
        while before + cursorCells > width, start < cursor {
            before -= widths[start]
            start += 1
        }
        var used = 0
        var end = start
        while end < characters.count, used + widths[end] <= width {
            used += widths[end]
            end += 1
        }
        return (String(characters[start..<end]), before)
    }
}
