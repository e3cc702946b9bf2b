import DocketModel
import Foundation

/// The Clusters tab: the period's common issues, with the editor's changes.
enum ClustersTab: ScreenType {
    static func context(_ s: AppState) -> KeyContext { .clusters }

    static func render(_ s: AppState, _ areas: ScreenAreas, _ buffer: inout Buffer) {
        let (top, body, bottom) = (areas.top, areas.body, areas.bottom)
        let hints = Keymap.hintLine(for: s.tab.hintContext)
        TabBar(current: s.tab, right: hints).render(in: top, buffer: &buffer)
        let listed = s.listedClusters
        let none = s.clusters == nil
            ? "No clusters yet: run `docket analyze`, then open Docket again."
            : "No cluster has tickets in \(s.period.label)" + (s.showHiddenClusters ? "." : "; a shows hidden ones.")
        ClusterListView(clusters: listed, cursor: s.clusterList, emptyMessage: none).render(in: body, buffer: &buffer)
        let hidden = s.allListedClusters.count - s.listedClusters.count
        var left = "\(listed.count) clusters · \(s.period.label)"
        if hidden > 0 { left += " · \(hidden) hidden (a: show)" }
        RootView.status(s, left: left, right: listed.isEmpty ? "" : "\(s.clusterList.selected + 1)/\(listed.count)", hints: hints, in: bottom, &buffer)
    }

    /// The Clusters list's own actions.
    static func perform(_ action: Action, _ s: inout AppState) -> [Effect]? {
        switch action {
        case .openCluster:
            let listed = s.listedClusters
            guard listed.indices.contains(s.clusterList.selected) else { break }
            s.screen = .cluster(id: listed[s.clusterList.selected].cluster.id)
            s.clusterMembersCursor = ListCursor()
            s.clusterMarked = []
        case .showAllClusters:
            s.showHiddenClusters.toggle()
            s.message = s.showHiddenClusters ? "Showing hidden clusters (marked H) · a: hide them" : "Hidden clusters not shown · a: show them"
        default:
            return performOnCluster(action, &s)
        }
        return []
    }

    /// What the Clusters list and an open cluster both do to a cluster (the
    /// selected one, or the open one); nil for other actions.
    static func performOnCluster(_ action: Action, _ s: inout AppState) -> [Effect]? {
        switch action {
        case .renameCluster:
            guard let c = App.currentCluster(s) else { break }
            s.modal = .prompt(Prompt(label: "Rename \(c.id): ", text: c.title, purpose: .renameCluster(c.id)))
        case .editSummary:
            guard let c = App.currentCluster(s) else { break }
            s.modal = .prompt(Prompt(label: "Summary of \(c.id): ", text: TextSanitizer.singleLine(c.summary),
                                     purpose: .summarizeCluster(c.id)))
        case .mergeCluster:
            guard let c = App.currentCluster(s) else { break }
            s.modal = .picker(Picker(title: "Merge \(c.id) into", items: App.clusterItems(s, except: c.id), purpose: .mergeCluster(c.id)))
        case .toggleHidden:
            guard let c = App.currentCluster(s) else { break }
            let effects = App.record(&s, label: "\(c.hidden ? "unhide" : "hide") \(c.id)", [.cluster(.hide(c.id, !c.hidden))])
            s.message = c.hidden ? "Unhid \(c.id) · u: undo"
                : "Hid \(c.id)" + (s.showHiddenClusters ? "" : " · a: show hidden") + " · u: undo"
            return effects
        case .togglePinned:
            guard let c = App.currentCluster(s) else { break }
            let effects = App.record(&s, label: "\(c.pinned ? "unpin" : "pin") \(c.id)", [.cluster(.pin(c.id, !c.pinned))])
            s.message = (c.pinned ? "Unpinned \(c.id)" : "Pinned \(c.id) to the top") + " · u: undo"
            if !c.pinned, s.screen == .list { App.selectCluster(&s, c.id) }
            return effects
        default:
            return nil
        }
        return []
    }
}

/// One cluster opened from the Clusters tab: its facts, summary and members.
enum ClusterScreen: ScreenType {
    static func context(_ s: AppState) -> KeyContext { .cluster }

    static func render(_ s: AppState, _ areas: ScreenAreas, _ buffer: inout Buffer) {
        let (top, body, bottom) = (areas.top, areas.body, areas.bottom)
        guard case let .cluster(id) = s.screen else { return }
        TitleBar(left: "Docket · Cluster \(id)", right: Keymap.hintLine(for: .cluster)).render(in: top, buffer: &buffer)
        s.clusterDetail.render(in: body, buffer: &buffer)
        let n = s.clusterMembers.count
        var left = "\(id) · \(s.period.label)"
        if !s.clusterMarked.isEmpty { left = "\(s.clusterMarked.count) marked · " + left }
        RootView.status(s, left: left, right: n == 0 ? "" : "\(s.clusterMembersCursor.selected + 1)/\(n)", in: bottom, &buffer)
    }

    /// An open cluster's own actions: its member list, moving and splitting members.
    static func perform(_ action: Action, _ s: inout AppState) -> [Effect]? {
        switch action {
        case .open:
            let members = s.clusterMembers
            guard members.indices.contains(s.clusterMembersCursor.selected),
                  let i = s.ticketIndex[members[s.clusterMembersCursor.selected].key], case let .cluster(id) = s.screen else { break }
            s.ticketFromCluster = id
            s.screen = .ticket(index: i, scroll: 0)
        case .moveUp, .moveDown, .pageUp, .pageDown, .home, .end:
            s.clusterMembersCursor.perform(action, count: s.clusterMembers.count, height: s.clusterMembersHeight)
        case .back:
            s.screen = .list
            s.clusterMarked = []
        case .moveTicket:
            let members = s.clusterMembers
            guard let c = App.currentCluster(s), members.indices.contains(s.clusterMembersCursor.selected) else { break }
            // The marked tickets when there are any (as `s` and `t` take them), else the selected one.
            let marked = members.filter { !$0.related && s.clusterMarked.contains($0.key) }.map(\.key)
            let keys = marked.isEmpty ? [members[s.clusterMembersCursor.selected].key] : marked
            let what = keys.count == 1 ? "#\(keys[0].number)" : "\(keys.count) marked tickets"
            s.modal = .picker(Picker(title: "Move \(what) to", items: App.clusterItems(s, except: c.id), purpose: .moveTickets(keys)))
        case .splitCluster:
            return App.split(&s)
        case .nextUntriaged:
            break
        default:
            return ClustersTab.performOnCluster(action, &s)
        }
        return []
    }
}
