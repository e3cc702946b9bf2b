import DocketModel
import Foundation

/// The Themes tab: the catalogue with counts, and suggestions for the selected theme.
enum ThemesTab: ScreenType {
    static func context(_ s: AppState) -> KeyContext { .themes }

    static func render(_ s: AppState, _ areas: ScreenAreas, _ buffer: inout Buffer) {
        let (top, body, bottom) = (areas.top, areas.body, areas.bottom)
        let hints = Keymap.hintLine(for: s.tab.hintContext)
        TabBar(current: s.tab, right: hints).render(in: top, buffer: &buffer)
        s.themeListView.render(in: body, buffer: &buffer)
        let themes = s.themes
        let left = "\(themes.count) theme\(themes.count == 1 ? "" : "s") · \(themes.filter { $0.tickets > 0 }.count) in use"
        RootView.status(s, left: left, right: themes.isEmpty ? "" : "\(s.themeList.selected + 1)/\(themes.count)", hints: hints, in: bottom, &buffer)
    }

    /// The Themes screen's own actions.
    static func perform(_ action: Action, _ s: inout AppState) -> [Effect]? {
        var effects: [Effect] = []
        switch action {
        case .newTheme:
            s.modal = .prompt(Prompt(label: "New theme: ", purpose: .newTheme))
        case .renameTheme:
            guard let t = App.currentTheme(s) else { break }
            s.modal = .prompt(Prompt(label: "Rename theme \(t.theme.name): ", text: t.theme.name, purpose: .renameTheme(t.theme.name)))
        case .describeTheme:
            guard let t = App.currentTheme(s) else { break }
            s.modal = .prompt(Prompt(label: "Description of \(t.theme.name): ", text: TextSanitizer.singleLine(t.theme.description),
                                     purpose: .describeTheme(t.theme.name)))
        case .deleteTheme:
            guard let t = App.currentTheme(s) else { break }
            do {
                let (edit, n) = try ThemeCatalog.deleteEdit(t.theme.name, force: true, s.curation, annotations: s.annotations)
                let label = "delete theme \(t.theme.name)"
                if n > 0 {
                    s.modal = .confirm(Confirmation(question: "delete theme \(t.theme.name) used by \(n) ticket\(n == 1 ? "" : "s")? y/n",
                                                    label: label, edits: [edit]))
                } else {
                    effects = App.record(&s, label: label, [edit])
                    s.message = "Deleted theme \(t.theme.name) · u: undo"
                }
            } catch {
                s.message = "\(error)"
            }
        case .cycleThemeColor:
            guard let t = App.currentTheme(s) else { break }
            let all = ThemeColor.allCases
            let next = all[((all.firstIndex(of: t.theme.color) ?? 0) + 1) % all.count]
            do {
                let edit = try ThemeCatalog.editEdit(t.theme.name, description: nil, color: next, s.curation, annotations: s.annotations)
                effects = App.record(&s, label: "colour \(t.theme.name) \(next.rawValue)", [edit])
                s.message = "\(t.theme.name) is now \(next.rawValue) · c: next colour · u: undo"
            } catch {
                s.message = "\(error)"
            }
        case .acceptSuggestion, .rejectSuggestion:
            guard let t = App.currentTheme(s), let top = s.suggestions(for: t.theme.name).first else {
                s.message = "No suggestion for this theme"
                break
            }
            if action == .rejectSuggestion {
                s.rejectedSuggestions.insert(AppState.suggestionID(top))
                s.message = "Rejected #\(top.ticket.number) for \(t.theme.name) (this session)"
            } else {
                effects = App.record(&s, label: "tag #\(top.ticket.number) with \(t.theme.name)", [.tag(top.ticket, theme: t.theme.name)])
                s.message = "Tagged #\(top.ticket.number) with \(t.theme.name) · u: undo"
            }
        default:
            return nil
        }
        return effects
    }
}
