import Foundation

/// The Triage tab: the period's tickets to mark done, one after another.
enum TriageTab: ScreenType {
    static func context(_ s: AppState) -> KeyContext { .triage }

    static func render(_ s: AppState, _ areas: ScreenAreas, _ buffer: inout Buffer) {
        let (top, body, bottom) = (areas.top, areas.body, areas.bottom)
        let hints = Keymap.hintLine(for: s.tab.hintContext)
        TabBar(current: s.tab, right: hints).render(in: top, buffer: &buffer)
        let done = s.rows.map { s.triageStatus($0) == .done }
        TriageListView(rows: s.rows, done: done, cursor: s.triage, emptyMessage: emptyMessage(s)).render(in: body, buffer: &buffer)
        let left = "\(s.untriagedCount) untriaged · \(s.rows.count - s.untriagedCount) done · \(s.period.label)"
        RootView.status(s, left: left, right: s.rows.isEmpty ? "" : "\(s.triage.selected + 1)/\(s.rows.count)", hints: hints, in: bottom, &buffer)
    }

    static func perform(_ action: Action, _ s: inout AppState) -> [Effect]? {
        guard action == .nextUntriaged else { return nil }
        if !App.jumpToNextUntriaged(&s) { s.message = "Every ticket of \(s.period.label) is triaged" }
        return []
    }
}
