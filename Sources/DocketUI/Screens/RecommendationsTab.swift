import DocketModel
import Foundation

/// The Recommendations tab: the week's recommendations, generated and edited.
enum RecommendationsTab: ScreenType {
    static func context(_ s: AppState) -> KeyContext { .recommendations }

    static func render(_ s: AppState, _ areas: ScreenAreas, _ buffer: inout Buffer) {
        let (top, body, bottom) = (areas.top, areas.body, areas.bottom)
        let hints = Keymap.hintLine(for: s.tab.hintContext)
        TabBar(current: s.tab, right: hints).render(in: top, buffer: &buffer)
        let period = s.recommendationsPeriod
        let list = s.shownRecommendations
        RecommendationsView(header: " Week \(period.first) to \(period.last) · [ ]: previous/next week · e: $EDITOR",
                            items: list, cursor: s.recs.cursor).render(in: body, buffer: &buffer)
        let n = list?.count ?? 0
        RootView.status(s, left: "\(n) recommendation\(n == 1 ? "" : "s") · week \(period.first) to \(period.last)",
               right: n == 0 ? "" : "\(s.recs.cursor.selected + 1)/\(n)", hints: hints, in: bottom, &buffer)
    }

    static func perform(_ action: Action, _ s: inout AppState) -> [Effect]? {
        let key = Recommendations.key(for: s.recommendationsPeriod)
        switch action {
        case .previousPeriod, .nextPeriod:
            s.chosenDay = s.reportDay.adding(days: action == .nextPeriod ? 7 : -7)
            s.recs.cursor = ListCursor()
            return [.loadRecommendations(s.recommendationsPeriod)]
        case .addRecommendation:
            s.editor = EditorSession(.addTitle(period: key))
            return []
        default:
            break
        }
        guard let list = s.shownRecommendations else {
            s.message = "Recommendations are still loading"
            return []
        }
        let i = s.recs.cursor.selected
        let current = list.indices.contains(i) ? list[i] : nil
        switch action {
        case .moveUp, .moveDown, .pageUp, .pageDown, .home, .end:
            // Items take several lines each: a page is three of them, and
            // `clampRecommendations` scrolls by what they take.
            if let to = ListCursor.target(of: action, from: i, page: 3) { s.recs.cursor.selected = max(0, min(to, list.count - 1)) }
        case .editRecommendation:
            guard let r = current else { s.message = "No recommendation to edit: a adds one"; break }
            s.editor = EditorSession(.title(period: key, id: r.id), text: r.title)
        case .editInEditor:
            guard let r = current else { s.message = "No recommendation to edit: a adds one"; break }
            return [.editExternally(text: r.text, purpose: .externalText(period: key, id: r.id))]
        case .deleteRecommendation:
            guard let r = current else { s.message = "No recommendation to delete"; break }
            let label = "deleted “\(TextSanitizer.singleLine(r.title))”"
            let effects = App.record(&s, label: label, [.removeRecommendation(period: key, id: r.id)], shown: r)
            s.message = "Recommendation \(label) · u: undo"
            return effects
        case .moveItemUp, .moveItemDown:
            guard let r = current else { break }
            let to = action == .moveItemUp ? i - 1 : i + 1
            guard list.indices.contains(to) else { break }
            var ids = list.map(\.id)
            ids.swapAt(i, to)
            let label = "moved “\(TextSanitizer.singleLine(r.title))” to \(to + 1)"
            let effects = App.record(&s, label: label, [.orderRecommendations(period: key, ids: ids)])
            s.recs.cursor.selected = to
            s.message = "Recommendation \(label) · u: undo"
            return effects
        default:
            break
        }
        return []
    }
}
