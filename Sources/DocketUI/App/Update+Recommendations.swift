import DocketModel
import Foundation

/// The Recommendations and Report screens, the line editor, and the results
/// of the effects they ask for. Every change to a recommendation is one
/// `record` step, so `u`/`U` undo and redo it.
extension App {
    // MARK: - Recommendations

    /// The recommendations shown for the period with key `key`, if loaded.
    static func shown(_ s: AppState, period key: String) -> [Recommendation]? {
        guard let generated = s.recs.generated[key] else { return nil }
        return Recommendations.merge(generated: generated, overrides: s.curation.recommendations[key] ?? RecommendationOverrides())
    }

    /// Stores new words for recommendation `id`: one undoable step, or none
    /// when nothing changed.
    static func saveWords(_ s: inout AppState, period key: String, id: String, title: String?, text: String) -> [Effect] {
        guard let r = shown(s, period: key)?.first(where: { $0.id == id }) else {
            s.message = "That recommendation is gone; nothing saved"
            return []
        }
        var new = r
        if let title { new.title = title }
        new.text = text
        guard new.title != r.title || new.text != r.text else {
            s.message = "Unchanged"
            return []
        }
        if new.origin != .added { new.origin = .edited }
        let label = "edited “\(TextSanitizer.singleLine(new.title))”"
        let effects = record(&s, label: label, [.setRecommendation(period: key, new)], shown: r)
        s.message = "Recommendation \(label) · u: undo"
        return effects
    }

    // MARK: - The line editor

    static func handleEditorKey(_ state: AppState, _ key: Key) -> (AppState, [Effect]) {
        var s = state
        guard var session = s.editor else { return (s, []) }
        switch session.field.handle(key) {
        case .editing:
            s.editor = session
            return (s, [])
        case .cancelled:
            s.editor = nil
            s.message = "Cancelled; nothing saved"
            return (s, [])
        case let .accepted(raw):
            let text = raw.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else {
                s.editor = session
                s.message = "Empty: type something, or Esc to cancel"
                return (s, [])
            }
            s.editor = nil
            var effects: [Effect] = []
            switch session.purpose {
            case let .addTitle(p):
                s.editor = EditorSession(.addText(period: p, title: text))
            case let .addText(p, title):
                let id = Recommendations.nextAddedID(s.curation.recommendations[p] ?? RecommendationOverrides())
                let r = Recommendation(id: id, title: title, text: text, origin: .added)
                let label = "added “\(TextSanitizer.singleLine(title))”"
                effects = record(&s, label: label, [.setRecommendation(period: p, r)])
                s.message = "Recommendation \(label) · u: undo"
                if let at = shown(s, period: p)?.firstIndex(where: { $0.id == id }) { s.recs.cursor.selected = at }
            case let .title(p, id):
                let old = shown(s, period: p)?.first(where: { $0.id == id })?.text ?? ""
                s.editor = EditorSession(.text(period: p, id: id, title: text), text: old)
            case let .text(p, id, title):
                effects = saveWords(&s, period: p, id: id, title: title, text: text)
            case let .externalText(p, id):
                effects = saveWords(&s, period: p, id: id, title: nil, text: text)
            }
            clampScroll(&s)
            return (s, effects)
        }
    }

    // MARK: - Effect results

    static func handleResult(_ state: AppState, _ event: InputEvent) -> (AppState, [Effect]) {
        var s = state
        var effects: [Effect] = []
        switch event {
        case let .recommendationsLoaded(key, list):
            s.recs.generated[key] = list
        case let .reportLoaded(kind, day, markdown):
            s.report.preview = (kind, day, TextSanitizer.lines(markdown))
        case let .exportUnchanged(paths):
            s.message = "Unchanged since " + (paths.first.map { ($0 as NSString).lastPathComponent } ?? "the last export") + ": not written again"
        case let .exported(paths):
            // One folder, then the file names: the paths share their folder.
            let folder = paths.first.map { ($0 as NSString).deletingLastPathComponent } ?? ""
            s.message = "Exported to \(folder)/: " + paths.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
        case let .edited(purpose, raw):
            // The report keeps a recommendation on one line: lines join with spaces.
            let text = TextSanitizer.lines(raw).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                .joined(separator: " ")
            guard case let .externalText(p, id) = purpose else { break }
            if text.isEmpty {
                s.message = "Empty text; nothing saved"
            } else {
                effects = saveWords(&s, period: p, id: id, title: nil, text: text)
            }
        case let .failed(why):
            s.message = why
        case .key, .resize, .mouse, .working, .loaded:
            break
        }
        clampScroll(&s)
        return (s, effects)
    }

    /// What to reload after an undo or redo: the report preview shows the
    /// recommendations, so it is rebuilt while it is on screen.
    static func refreshAfterEdit(_ s: AppState) -> [Effect] {
        s.tab == .report && s.screen == .list ? [.loadReport(s.report.kind, s.reportDay)] : []
    }

    static func clampRecommendations(_ s: inout AppState) {
        guard let list = s.shownRecommendations else { return }
        var c = s.recs.cursor
        c.selected = min(max(0, c.selected), max(0, list.count - 1))
        c.scroll = min(max(0, c.scroll), c.selected)
        let visible = max(1, s.height - 3)
        let width = s.width
        let height = { (i: Int) in RecommendationsView.lines(for: list[i], number: i + 1, width: width).count }
        while c.scroll < c.selected, (c.scroll...c.selected).reduce(0, { $0 + height($1) }) > visible { c.scroll += 1 }
        s.recs.cursor = c
    }

    // MARK: - Report

    static func clampReport(_ s: inout AppState) {
        let total = ReportView.wrappedLines(s.report.preview?.lines ?? [], width: s.width).count
        s.report.scroll = max(0, min(s.report.scroll, total - max(1, s.height - 3)))
    }
}
