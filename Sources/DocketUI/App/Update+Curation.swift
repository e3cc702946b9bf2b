import DocketModel
import Foundation

/// Marks, tagging, the Clusters and Themes screens, and the modal prompt,
/// picker and question they open. Every change to the store is one
/// `record` step, so `u` undoes it whole.
extension App {
    /// Marking and tagging tickets, on any screen that shows tickets.
    static func performMarking(_ action: Action, _ s: inout AppState) -> [Effect] {
        switch action {
        case .toggleMark:
            if case .cluster = s.screen { toggleMemberMark(&s) } else { toggleTicketMark(&s) }
        case .tagTheme, .untagTheme:
            openThemePicker(&s, tagging: action == .tagTheme)
        default:
            break
        }
        return []
    }

    // MARK: - Marks and tagging

    private static func toggleTicketMark(_ s: inout AppState) {
        guard let key = currentTicketKey(s) else { return }
        if s.marked.remove(key) == nil { s.marked.insert(key) }
        s.message = "\(s.marked.count) marked · t: tag · T: untag"
        if s.screen == .list { move(&s, to: s.cursor.selected + 1) }
    }

    private static func toggleMemberMark(_ s: inout AppState) {
        let members = s.clusterMembers
        let i = s.clusterMembersCursor.selected
        guard members.indices.contains(i) else { return }
        guard !members[i].related else {
            s.message = "#\(members[i].key.number) belongs to another cluster; m moves it here"
            return
        }
        let key = members[i].key
        if s.clusterMarked.remove(key) == nil { s.clusterMarked.insert(key) }
        s.message = "\(s.clusterMarked.count) marked · s: split them into a new cluster"
        moveMember(&s, to: i + 1)
    }

    /// The tickets `t`/`T` act on: the marked ones, else the current one.
    static func tagTargets(_ s: AppState) -> [TicketKey] {
        if !s.marked.isEmpty { return s.marked.sorted() }
        return currentTicketKey(s).map { [$0] } ?? []
    }

    private static func openThemePicker(_ s: inout AppState, tagging: Bool) {
        let targets = tagTargets(s)
        guard !targets.isEmpty else { return }
        let what = targets.count == 1 ? "#\(targets[0].number)" : "\(targets.count) tickets"
        if tagging {
            let items = s.themes.map { PickerItem(id: $0.theme.name, label: $0.theme.name) }
            s.modal = .picker(Picker(title: "Tag \(what) with", items: items, purpose: .tag(targets), allowsNew: true))
        } else {
            let carried = Set(targets.flatMap { s.annotations[$0]?.themes ?? [] }).sorted()
            guard !carried.isEmpty else { s.message = "\(what) carr\(targets.count == 1 ? "ies" : "y") no theme"; return }
            s.modal = .picker(Picker(title: "Untag \(what)", items: carried.map { PickerItem(id: $0, label: $0) }, purpose: .untag(targets)))
        }
    }

    // MARK: - Clusters

    /// The cluster the keys act on: the open one, or the selected row's.
    static func currentCluster(_ s: AppState) -> CuratedCluster? {
        if case .cluster = s.screen { return s.openCluster?.cluster }
        let listed = s.listedClusters
        return listed.indices.contains(s.clusterList.selected) ? listed[s.clusterList.selected].cluster : nil
    }

    /// Every other cluster, as picker items ("c12  Title (5)").
    static func clusterItems(_ s: AppState, except id: String) -> [PickerItem] {
        s.curatedClusters.filter { $0.id != id }.map {
            PickerItem(id: $0.id, label: "\($0.id)  \(TextSanitizer.singleLine($0.title)) (\($0.members.count))")
        }
    }

    static func selectCluster(_ s: inout AppState, _ id: String) {
        if let i = s.listedClusters.firstIndex(where: { $0.cluster.id == id }) { s.clusterList.selected = i }
    }

    /// `s` on an open cluster: its marked tickets become a new cluster,
    /// named `c<first ticket number>` like `docket cluster split` does.
    static func split(_ s: inout AppState) -> [Effect] {
        guard let c = s.openCluster?.cluster else { return [] }
        let keys = s.clusterMembers.filter { !$0.related && s.clusterMarked.contains($0.key) }.map(\.key)
        guard let first = keys.first else {
            s.message = "Mark tickets with Space first; s moves them into a new cluster"
            return []
        }
        let all = s.curatedClusters.first { $0.id == c.id }?.members.count ?? c.members.count
        if keys.count >= all {
            s.message = "That is every ticket of \(c.id); leave at least one behind"
            return []
        }
        let newID = s.curation.clusters.idForSplit(lead: first, existing: s.curatedClusters.map(\.id) + (s.clusters?.clusters.map(\.id) ?? []))
        let title = s.ticket(first).map { TextSanitizer.singleLine($0.title) } ?? newID
        let effects = record(&s, label: "split \(keys.count) from \(c.id)",
                             [.cluster(.split(from: c.id, newID: newID, title: title, tickets: keys))])
        s.clusterMarked = []
        s.message = "Split \(keys.count) ticket\(keys.count == 1 ? "" : "s") into \(newID): \(title) · u: undo"
        return effects
    }

    // MARK: - Modal states

    static func handleModal(_ state: AppState, _ key: Key) -> (AppState, [Effect]) {
        var s = state
        var effects: [Effect] = []
        switch s.modal {
        case var .prompt(p)?:
            switch p.editor.handle(key) {
            case .editing:
                s.modal = .prompt(p)
            case .cancelled:
                s.modal = nil
                s.message = "Cancelled"
            case let .accepted(text):
                s.modal = nil
                effects = finishPrompt(&s, p.purpose, text)
            }
        case var .picker(p)?:
            let count = p.visible.count
            switch key {
            case .up, .ctrl("p"), .down, .ctrl("n"), .pageUp, .pageDown:
                let action: Action = key == .up || key == .ctrl("p") ? .moveUp
                    : key == .down || key == .ctrl("n") ? .moveDown : key == .pageUp ? .pageUp : .pageDown
                var c = ListCursor(selected: p.selected)
                c.perform(action, count: count, height: count, page: 8)
                p.selected = c.selected
            case .escape:
                s.modal = nil
                s.message = "Cancelled"
                return (s, [])
            case .enter:
                let visible = p.visible
                guard visible.indices.contains(p.selected) else { s.message = "Nothing matches; Esc cancels"; return (s, []) }
                s.modal = nil
                effects = choose(&s, p.purpose, visible[p.selected])
                clampScroll(&s)
                return (s, effects)
            default:
                let before = p.filter.text
                _ = p.filter.handle(key)
                if p.filter.text != before { p.selected = 0 }
            }
            s.modal = .picker(p)
        case let .confirm(c)?:
            s.modal = nil
            if key == .char("y") || key == .char("Y") {
                effects = record(&s, label: c.label, c.edits)
                s.message = "Done: \(c.label) · u: undo"
            } else {
                s.message = "Cancelled: nothing changed"
            }
        case nil:
            break
        }
        clampScroll(&s)
        return (s, effects)
    }

    private static func finishPrompt(_ s: inout AppState, _ purpose: PromptPurpose, _ text: String) -> [Effect] {
        let line = TextSanitizer.singleLine(text).trimmingCharacters(in: .whitespaces)
        do {
            switch purpose {
            case let .renameCluster(id):
                let c = s.curatedClusters.first { $0.id == id }
                if line == c?.title { s.message = "Unchanged"; return [] }
                let effects = record(&s, label: "rename \(id)", [.cluster(.rename(id, line.isEmpty ? nil : line))])
                s.message = "Renamed \(id): \(line.isEmpty ? c?.generatedTitle ?? id : line) · u: undo"
                return effects
            case let .summarizeCluster(id):
                let c = s.curatedClusters.first { $0.id == id }
                if line == c.map({ TextSanitizer.singleLine($0.summary) }) { s.message = "Unchanged"; return [] }
                let effects = record(&s, label: "summary of \(id)", [.cluster(.summarize(id, line.isEmpty ? nil : line))])
                s.message = "Summary of \(id) \(line.isEmpty ? "restored" : "saved") · u: undo"
                return effects
            case .newTheme:
                let edit = try ThemeCatalog.addEdit(Theme(name: line), s.curation, annotations: s.annotations)
                let effects = record(&s, label: "new theme \(line)", [edit])
                if let i = s.themes.firstIndex(where: { $0.theme.name == line }) { s.themeList.selected = i }
                s.message = "Defined theme \(line) · e: describe · c: colour · u: undo"
                return effects
            case let .renameTheme(old):
                if line == old { s.message = "Unchanged"; return [] }
                let edit = try ThemeCatalog.renameEdit(old, to: line, s.curation, annotations: s.annotations)
                let effects = record(&s, label: "rename theme \(old)", [edit])
                if let i = s.themes.firstIndex(where: { $0.theme.name == line }) { s.themeList.selected = i }
                s.message = "Renamed theme \(old) to \(line) · u: undo"
                return effects
            case .period:
                let zone = s.period.zone
                let now = s.today.start(in: zone).addingTimeInterval(12 * 3600)
                guard let period = try? Period.parse(line, now: now, zone: zone) else {
                    s.message = "Not a period: '\(line)'; try today, week, 7d, all, 2025-04-14 or 2025-04-14..2025-04-20"
                    return []
                }
                setPeriod(&s, period)
                return []
            case let .describeTheme(name):
                let edit = try ThemeCatalog.editEdit(name, description: line, color: nil, s.curation, annotations: s.annotations)
                let effects = record(&s, label: "describe \(name)", [edit])
                s.message = "Described \(name) · u: undo"
                return effects
            }
        } catch {
            s.message = "\(error)"
            return []
        }
    }

    private static func choose(_ s: inout AppState, _ purpose: PickerPurpose, _ item: PickerItem) -> [Effect] {
        switch purpose {
        case .command:
            guard let action = Action(rawValue: item.id) else { return [] }
            let (next, effects) = perform(action, on: s)
            s = next
            return effects
        case let .moveTickets(keys):
            let what = keys.count == 1 ? "#\(keys[0].number)" : "\(keys.count) tickets"
            let effects = record(&s, label: "move \(what) to \(item.id)", keys.map { .cluster(.assign($0, item.id)) })
            s.clusterMarked.subtract(keys)
            s.message = "Moved \(what) to \(item.id) · u: undo"
            return effects
        case let .mergeCluster(id):
            let effects = record(&s, label: "merge \(id) into \(item.id)", [.cluster(.merge(id, into: item.id))])
            if case .cluster = s.screen {
                s.screen = .cluster(id: item.id)
                s.clusterMembersCursor = ListCursor()
                s.clusterMarked = []
            } else {
                selectCluster(&s, item.id)
            }
            s.message = "Merged \(id) into \(item.id) · u: undo"
            return effects
        case let .tag(keys):
            let name = item.id
            var edits: [Edit] = []
            if ThemeCatalog.theme(name, s.curation, annotations: s.annotations) == nil { edits.append(.defineTheme(Theme(name: name))) }
            let todo = keys.filter { !(s.annotations[$0]?.themes.contains(name) ?? false) }
            edits += todo.map { .tag($0, theme: name) }
            guard !todo.isEmpty else { s.message = "Already tagged with \(name)"; return [] }
            let what = todo.count == 1 ? "#\(todo[0].number)" : "\(todo.count) tickets"
            let effects = record(&s, label: "tag \(what) with \(name)", edits)
            s.marked = []
            s.message = "Tagged \(what) with \(name)\(item.isNew ? " (new theme)" : "") · u: undo"
            return effects
        case let .untag(keys):
            let name = item.id
            let todo = keys.filter { s.annotations[$0]?.themes.contains(name) ?? false }
            guard !todo.isEmpty else { return [] }
            let what = todo.count == 1 ? "#\(todo[0].number)" : "\(todo.count) tickets"
            let effects = record(&s, label: "untag \(name) from \(what)", todo.map { .untag($0, theme: name) })
            s.marked = []
            s.message = "Removed \(name) from \(what) · u: undo"
            return effects
        }
    }

    /// The selected row of the Themes screen.
    static func currentTheme(_ s: AppState) -> ThemeUsage? {
        let themes = s.themes
        return themes.indices.contains(s.themeList.selected) ? themes[s.themeList.selected] : nil
    }
}
