import DocketCore

/// Renders the whole screen for a state: the view function of the TUI.
public enum RootView {
    public static let minimumWidth = 80
    public static let minimumHeight = 24
    /// From this width on, the Tickets list shows the selected ticket beside it.
    public static let previewMinimumWidth = 120

    /// Columns of the Tickets list: all of them, or what the preview leaves.
    public static func listWidth(_ s: AppState) -> Int {
        s.width >= previewMinimumWidth ? s.width - previewWidth(s) : s.width
    }

    static func previewWidth(_ s: AppState) -> Int { max(44, s.width * 2 / 5) }

    public static func render(_ s: AppState) -> Buffer {
        var buffer = Buffer(width: s.width, height: s.height)
        guard s.width >= minimumWidth, s.height >= minimumHeight else {
            let msg = ["Terminal too small:", "\(s.width)x\(s.height);", "need \(minimumWidth)x\(minimumHeight)", "(q quits)"]
            for (i, m) in msg.enumerated() where i < s.height { buffer.put(m, x: 0, y: i, style: Style(.error)) }
            return buffer
        }
        let (top, rest) = buffer.area.splitTop(1)
        let (body, bottom) = rest.splitBottom(1)
        let context = App.context(of: s)
        let empty = s.tickets.isEmpty
            ? "The store is empty: import tickets with `docket import FILE`, or try `docket demo`."
            : "No tickets in \(s.period.label); try --period all."
        // The current screen's keys: on the tab bar when they fit there,
        // else on the status bar (see `status`).
        var hints = ""
        switch (s.screen, s.tab) {
        case (.list, .tickets):
            hints = Keymap.hintLine(for: .list)
            TabBar(current: s.tab, right: hints).render(in: top, buffer: &buffer)
            let (listArea, previewArea) = body.splitLeft(listWidth(s))
            // Only the rows on screen are built: the list may hold 100k.
            let end = min(s.shown.count, s.scroll + max(0, listArea.height - 1))
            let visible = s.scroll < end ? s.shown[s.scroll..<end].map { s.rows[$0] } : []
            let filtered = !s.query.isEmpty || s.stateFilter != .all
            let none = filtered && !s.rows.isEmpty ? "No tickets match; Esc clears the filter." : empty
            var list = TicketListView(rows: visible, selected: s.selected - s.scroll, scroll: 0, emptyMessage: none)
            list.marked = Set(s.marked.compactMap { s.ticketIndex[$0] })
            list.render(in: listArea, buffer: &buffer)
            if previewArea.width > 0 {
                let t = s.listRow(s.selected).map { s.tickets[$0.index] }
                TicketPreviewView(ticket: t, themes: t.flatMap { s.annotations[$0.key]?.themes } ?? [])
                    .render(in: previewArea, buffer: &buffer)
            }
            var parts = ["\(s.shown.count) of \(s.rows.count) tickets", App.periodName(s.period, today: s.today)]
            if !s.marked.isEmpty { parts.insert("\(s.marked.count) marked", at: 0) }
            if let n = s.note { parts.append(n) }
            if s.stateFilter != .all { parts.append(s.stateFilter.rawValue) }
            parts.append("by \(s.sort.rawValue)")
            let right = s.shown.isEmpty ? "" : "\(s.selected + 1)/\(s.shown.count)"
            if s.editingFilter || !s.query.isEmpty {
                let query = "/" + TextSanitizer.singleLine(s.query) + (s.editingFilter ? "▏" : "")
                parts.append(query)
                // Where the bar is too narrow (a long period at 80 columns), the
                // query goes right after the counts, so what is typed stays in sight.
                if DisplayWidth.of(parts.joined(separator: " · ")) > StatusBar.leftWidth(right: right, width: bottom.width) {
                    parts.removeLast()
                    parts.insert(query, at: s.marked.isEmpty ? 1 : 2)
                }
            }
            let left = parts.joined(separator: " · ")
            // While typing, the query shows even over a message.
            let bar = s.editingFilter ? left : s.message ?? left
            // While a query is typed or kept, it needs the room more than the keys do.
            let keys = s.editingFilter || !s.query.isEmpty ? right : Self.withHints(hints, right, left: bar, s)
            StatusBar(left: bar, right: keys).render(in: bottom, buffer: &buffer)
        case (.list, .triage):
            hints = Keymap.hintLine(for: .triage)
            TabBar(current: s.tab, right: hints).render(in: top, buffer: &buffer)
            let done = s.rows.map { s.triageStatus($0) == .done }
            TriageListView(rows: s.rows, done: done, cursor: s.triage, emptyMessage: empty).render(in: body, buffer: &buffer)
            let left = "\(s.untriagedCount) untriaged · \(s.rows.count - s.untriagedCount) done · \(s.period.label)"
            status(s, left: left, right: s.rows.isEmpty ? "" : "\(s.triage.selected + 1)/\(s.rows.count)", hints: hints, in: bottom, &buffer)
        case (.list, .clusters):
            hints = Keymap.hintLine(for: .clusters)
            TabBar(current: s.tab, right: hints).render(in: top, buffer: &buffer)
            let listed = s.listedClusters
            let none = s.clusters == nil
                ? "No clusters yet: run `docket analyze`, then open Docket again."
                : "No cluster has tickets in \(s.period.label)" + (s.showHiddenClusters ? "." : "; a shows hidden ones.")
            ClusterListView(clusters: listed, cursor: s.clusterList, emptyMessage: none).render(in: body, buffer: &buffer)
            let hidden = s.allListedClusters.count - s.listedClusters.count
            var left = "\(listed.count) clusters · \(s.period.label)"
            if hidden > 0 { left += " · \(hidden) hidden (a: show)" }
            status(s, left: left, right: listed.isEmpty ? "" : "\(s.clusterList.selected + 1)/\(listed.count)", hints: hints, in: bottom, &buffer)
        case (.list, .themes):
            hints = Keymap.hintLine(for: .themes)
            TabBar(current: s.tab, right: hints).render(in: top, buffer: &buffer)
            s.themeListView.render(in: body, buffer: &buffer)
            let themes = s.themes
            let left = "\(themes.count) theme\(themes.count == 1 ? "" : "s") · \(themes.filter { $0.tickets > 0 }.count) in use"
            status(s, left: left, right: themes.isEmpty ? "" : "\(s.themeList.selected + 1)/\(themes.count)", hints: hints, in: bottom, &buffer)
        case let (.cluster(id), _):
            TitleBar(left: "Docket · Cluster \(id)", right: Keymap.hintLine(for: .cluster)).render(in: top, buffer: &buffer)
            s.clusterDetail.render(in: body, buffer: &buffer)
            let n = s.clusterMembers.count
            var left = "\(id) · \(s.period.label)"
            if !s.clusterMarked.isEmpty { left = "\(s.clusterMarked.count) marked · " + left }
            status(s, left: left, right: n == 0 ? "" : "\(s.clusterMembersCursor.selected + 1)/\(n)", hints: hints, in: bottom, &buffer)
        case (.list, .recommendations):
            hints = Keymap.hintLine(for: .recommendations)
            TabBar(current: s.tab, right: hints).render(in: top, buffer: &buffer)
            let period = s.recommendationsPeriod
            let list = s.shownRecommendations
            RecommendationsView(header: " Week \(period.first) to \(period.last) · [ ]: previous/next week · e: $EDITOR",
                                items: list, cursor: s.recs.cursor).render(in: body, buffer: &buffer)
            let n = list?.count ?? 0
            status(s, left: "\(n) recommendation\(n == 1 ? "" : "s") · week \(period.first) to \(period.last)",
                   right: n == 0 ? "" : "\(s.recs.cursor.selected + 1)/\(n)", hints: hints, in: bottom, &buffer)
        case (.list, .report):
            hints = Keymap.hintLine(for: .report)
            TabBar(current: s.tab, right: hints).render(in: top, buffer: &buffer)
            let day = s.reportDay
            let period = ReportExport.period(s.report.kind, day: day)
            let what = s.report.kind == .weekly ? "Weekly report, \(period.first) to \(period.last)" : "Daily report, \(day)"
            let preview = s.report.preview.flatMap { $0.kind == s.report.kind && $0.day == day ? $0.lines : nil }
            ReportView(header: " \(what) · x writes it to \(s.report.outDirectory)/", lines: preview, scroll: s.report.scroll)
                .render(in: body, buffer: &buffer)
            let total = ReportView.wrappedLines(preview ?? [], width: s.width).count
            status(s, left: "Preview: " + what, right: total == 0 ? "" : "line \(min(total, s.report.scroll + 1))/\(total)",
                   in: bottom, &buffer)
        case let (.ticket(index, scroll), _):
            let t = s.tickets.indices.contains(index) ? s.tickets[index] : nil
            TitleBar(left: "Docket · Ticket #\(t?.number ?? 0)", right: Keymap.hintLine(for: .ticket)).render(in: top, buffer: &buffer)
            let lines = s.ticketLines(index, width: s.width)
            TicketDetailView.render(lines, scroll: scroll, in: body, buffer: &buffer)
            let total = lines.count
            var triage = t.map { (s.annotations[$0.key]?.triage ?? .untriaged) == .done ? " · triaged" : " · untriaged" } ?? ""
            if let k = t?.key, s.marked.contains(k) { triage += " · marked" }
            if s.marked.count > (t.map { s.marked.contains($0.key) ? 1 : 0 } ?? 0) { triage += " · \(s.marked.count) marked" }
            status(s, left: "#\(t?.number ?? 0) · activity for \(s.period.label)" + triage, right: "line \(min(total, scroll + 1))/\(total)",
                   in: bottom, &buffer)
        }
        switch s.modal {
        case let .prompt(p)?: LineEditorView(label: " " + p.label, editor: p.editor).render(in: bottom, buffer: &buffer)
        case let .picker(p)?: PickerView(picker: p).render(in: body, buffer: &buffer)
        case let .confirm(c)?:
            buffer.fill(bottom, with: Cell(" ", style: Style(.error)))
            buffer.put(" " + c.question, x: bottom.x, y: bottom.y, style: Style(.error), maxWidth: bottom.width)
        case nil: break
        }
        if let e = s.editor {
            LineEditorView(label: " " + e.purpose.label + ": ", editor: e.field, hint: "Enter:save Esc:cancel")
                .render(in: bottom, buffer: &buffer)
        }
        if s.showHelp { HelpOverlay(context: context, scroll: s.helpScroll).render(in: body, buffer: &buffer) }
        if let w = s.working { working(w, in: bottom, &buffer) }
        return buffer
    }

    /// Background work, at the right of the status bar over the position
    /// and keys: "⟳ Analysing 100000 tickets…". The left part (counts, a
    /// message) stays as far as it fits.
    static func working(_ what: String, in area: Rect, _ buffer: inout Buffer) {
        let text = DisplayWidth.truncate("⟳ " + TextSanitizer.singleLine(what), to: max(0, area.width / 2))
        let w = DisplayWidth.of(text)
        guard w > 0, w + 2 <= area.width else { return }
        let style = Style(.statusBar)
        let x = area.maxX - w - 2
        buffer.fill(Rect(x: x, y: area.y, width: area.maxX - x, height: 1), with: Cell(" ", style: style))
        buffer.put(text, x: x + 1, y: area.y, style: style)
    }

    /// The status bar: the last action's message, when there is one, replaces the counts.
    static func status(_ s: AppState, left: String, right: String, hints: String = "", in area: Rect, _ buffer: inout Buffer) {
        let shown = s.message ?? left
        StatusBar(left: shown, right: withHints(hints, right, left: shown, s)).render(in: area, buffer: &buffer)
    }

    /// The status bar's right part: the screen's keys go before the position
    /// when the tab bar had no room for them (six tabs at 80 columns) and
    /// the status itself still fits beside them; the status comes first.
    static func withHints(_ hints: String, _ right: String, left: String, _ s: AppState) -> String {
        guard !hints.isEmpty, !TabBar.keysFit(hints, width: s.width) else { return right }
        let keys = hints.replacingOccurrences(of: " " + TabBar.helpHint, with: "")
        let combined = right.isEmpty ? keys : keys + "  " + right
        return DisplayWidth.of(left) + DisplayWidth.of(combined) + 5 <= s.width ? combined : right
    }
}
