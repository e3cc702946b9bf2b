import DocketReport
import Foundation

/// The Report tab: the weekly or daily report's preview, and its export.
enum ReportTab: ScreenType {
    static func context(_ s: AppState) -> KeyContext { .report }

    static func render(_ s: AppState, _ areas: ScreenAreas, _ buffer: inout Buffer) {
        let (top, body, bottom) = (areas.top, areas.body, areas.bottom)
        let hints = Keymap.hintLine(for: s.tab.hintContext)
        TabBar(current: s.tab, right: hints).render(in: top, buffer: &buffer)
        let day = s.reportDay
        let period = ReportExport.period(s.report.kind, day: day)
        let what = s.report.kind == .weekly ? "Weekly report, \(period.first) to \(period.last)" : "Daily report, \(day)"
        let preview = s.report.preview.flatMap { $0.kind == s.report.kind && $0.day == day ? $0.lines : nil }
        ReportView(header: " \(what) · x writes it to \(s.report.outDirectory)/", lines: preview, scroll: s.report.scroll)
            .render(in: body, buffer: &buffer)
        let total = ReportView.wrappedLines(preview ?? [], width: s.width).count
        RootView.status(s, left: "Preview: " + what, right: total == 0 ? "" : "line \(min(total, s.report.scroll + 1))/\(total)",
               in: bottom, &buffer)
    }

    static func perform(_ action: Action, _ s: inout AppState) -> [Effect]? {
        let page = max(1, s.height - 3)
        switch action {
        case .weeklyReport, .dailyReport:
            s.report.kind = action == .weeklyReport ? .weekly : .daily
            s.report.scroll = 0
            return [.loadReport(s.report.kind, s.reportDay)]
        case .previousPeriod, .nextPeriod:
            let step = s.report.kind == .daily ? 1 : 7
            s.chosenDay = s.reportDay.adding(days: action == .nextPeriod ? step : -step)
            s.report.scroll = 0
            return [.loadReport(s.report.kind, s.reportDay)]
        case .exportReport:
            return [.export(s.report.kind, s.reportDay)]
        case .moveUp, .moveDown, .pageUp, .pageDown, .home, .end:
            // Clamped to the preview by `clampReport`.
            if let to = ListCursor.target(of: action, from: s.report.scroll, page: page) { s.report.scroll = to }
        default: break
        }
        return []
    }
}
