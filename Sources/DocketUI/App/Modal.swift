import DocketModel
import Foundation

/// What a text prompt's answer is for.
public enum PromptPurpose: Sendable, Equatable {
    case renameCluster(String)
    case summarizeCluster(String)
    case newTheme
    case renameTheme(String)
    case describeTheme(String)
    /// A period typed by hand: today, week, 7d, all, a date or a range.
    case period
}

/// A one-line question answered in a line editor on the status line.
public struct Prompt: Sendable, Equatable {
    public var label: String
    public var editor: LineEditor
    public var purpose: PromptPurpose

    public init(label: String, text: String = "", purpose: PromptPurpose) {
        self.label = label
        self.editor = LineEditor(text)
        self.purpose = purpose
    }
}

/// What a picker's choice is for.
public enum PickerPurpose: Sendable, Equatable {
    /// Move these tickets (the marked ones, else the selected one) into the chosen cluster.
    case moveTickets([TicketKey])
    /// Merge this cluster into the chosen one.
    case mergeCluster(String)
    /// Tag these tickets with the chosen (or a new) theme.
    case tag([TicketKey])
    /// Remove the chosen theme from these tickets.
    case untag([TicketKey])
    /// The command palette: perform the chosen action (`Action.rawValue`).
    case command
}

/// One choice of a picker: `id` is what the choice means (a cluster id, a
/// theme name), `label` what is shown and filtered on.
public struct PickerItem: Sendable, Equatable {
    public var id: String
    public var label: String
    /// The "new theme: <typed text>" entry.
    public var isNew: Bool

    public init(id: String, label: String, isNew: Bool = false) {
        self.id = id
        self.label = label
        self.isNew = isNew
    }
}

/// A filterable list to choose one item from: typing filters (a line
/// editor), ↑/↓ choose, Enter takes, Esc cancels.
public struct Picker: Sendable, Equatable {
    public var title: String
    public var items: [PickerItem]
    public var filter = LineEditor()
    /// Index into `visible`.
    public var selected = 0
    public var purpose: PickerPurpose
    /// Offer "new theme: <filter text>" when the text names no item.
    public var allowsNew: Bool

    public init(title: String, items: [PickerItem], purpose: PickerPurpose, allowsNew: Bool = false) {
        self.title = title
        self.items = items
        self.purpose = purpose
        self.allowsNew = allowsNew
    }

    /// The items whose label contains the filter text (case-insensitive),
    /// then the "new" entry when it applies.
    public var visible: [PickerItem] {
        let q = filter.text.trimmingCharacters(in: .whitespaces)
        let lower = q.lowercased()
        // Each typed word matches when its letters appear in order in the
        // label ("rn clu" finds "Rename the cluster"); exact substrings come
        // first, then the tightest fuzzy matches (shortest spans).
        let words = lower.split(separator: " ").map { Array($0) }
        func span(_ label: [Character]) -> Int? {
            var total = 0
            for w in words {
                var best: Int?
                for start in label.indices where label[start] == w.first {
                    var i = start, j = 0
                    while i < label.count, j < w.count { if label[i] == w[j] { j += 1 }; i += 1 }
                    if j == w.count { best = min(best ?? Int.max, i - start) }
                }
                guard let b = best else { return nil }
                total += b
            }
            return total
        }
        var out = q.isEmpty ? items : items.filter { $0.label.lowercased().contains(lower) }
        if !q.isEmpty {
            let fuzzy = items.filter { !$0.label.lowercased().contains(lower) }
                .compactMap { item in span(Array(item.label.lowercased())).map { (item, $0) } }
                .sorted { $0.1 < $1.1 }
            out += fuzzy.map(\.0)
        }
        if allowsNew, let name = Theme.normalizedName(q), !items.contains(where: { $0.id == name }) {
            out.append(PickerItem(id: name, label: "new theme: " + name, isNew: true))
        }
        return out
    }
}

/// A yes/no question; `y` records `edits` as one step labelled `label`.
public struct Confirmation: Sendable, Equatable {
    public var question: String
    public var label: String
    public var edits: [Edit]

    public init(question: String, label: String, edits: [Edit]) {
        self.question = question
        self.label = label
        self.edits = edits
    }
}

/// A modal state: while one is open, keys go to it, not to the keymap.
public enum Modal: Sendable, Equatable {
    case prompt(Prompt)
    case picker(Picker)
    case confirm(Confirmation)
}
