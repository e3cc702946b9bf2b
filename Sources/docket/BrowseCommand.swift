import ArgumentParser
import DocketCLI
import DocketCore
import DocketTerminal
import DocketUI
import Foundation

struct Browse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Open the ticket browser on the store (what `docket` alone does).",
        discussion: """
            The default period is the last 7 days; when no ticket was active then, all tickets are shown
            and the status bar says so.

            Example:
              docket --store ~/support/docket --period week
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var periodOptions: PeriodOptions

    @Option(help: ArgumentHelp("Where the Report screen's x writes reports.", valueName: "dir"))
    var out: String = "reports"

    func run() throws {
        try reportingErrors {
            let store = try Trace.measure("open store") { try storeOptions.open(lazyText: true) }
            let today = CivilDate(now(), in: .utc)
            var state = try Trace.measure("rank") {
                try initialState(tickets: store.tickets, annotations: store.annotations,
                                 asked: periodOptions.resolve(), fallbackDays: 7, today: today)
            }
            state.today = today
            state.curation = store.curation
            // The saved analysis is read after the first frame (it is megabytes
            // at 100k tickets); `docket analyze` or an import keeps it current.
            try runBrowser(state, store: store, out: out, loadClustersAfterFirstFrame: true)
        }
    }
}

/// The state the browser opens on: the asked-for period, or the last
/// `fallbackDays` days ending `today`, widened to all time with a note when
/// that default shows nothing.
func initialState(tickets: [Ticket], annotations: [TicketKey: TicketAnnotation], asked: Period?,
                  fallbackDays: Int, today: CivilDate) throws -> AppState {
    if let p = asked {
        return AppState(tickets: tickets, annotations: annotations, period: p)
    }
    let recent = Period(first: today.adding(days: 1 - fallbackDays), last: today)
    var state = AppState(tickets: tickets, annotations: annotations, period: recent)
    if state.rows.isEmpty, !tickets.isEmpty {
        state = AppState(tickets: tickets, annotations: annotations, period: .all(),
                         note: "last \(fallbackDays) days empty")
    }
    return state
}

/// Builds the `/` filter's match text on a background queue, so the first
/// keystroke of a filter does not wait for it (it takes the search's lock).
private func prepareSearch(_ search: TicketSearch) {
    DispatchQueue.global(qos: .userInitiated).async { Trace.measure("search text") { search.prepare() } }
}

/// Runs the full-screen browser until the user quits. Edits are saved to
/// `store` (journal append + fsync) before the frame that shows them.
func runBrowser(_ initial: AppState, store: Store?, out: String = "reports", loadClustersAfterFirstFrame: Bool = false) throws {
    let terminal: Terminal
    do {
        terminal = try Terminal.start()
    } catch {
        throw CLIError(error.description)
    }
    defer { terminal.stop() }
    var state = initial
    state.report.outDirectory = out
    var firstFrameLogged = false
    let env = ProcessInfo.processInfo.environment
    // The saved cluster analysis (as the Clusters screen has it); computed on first need when not passed.
    var snapshot = initial.clusters
    /// Carries out an effect that answers with an event for `update`.
    func perform(_ effect: Effect) -> InputEvent? {
        switch effect {
        case .quit, .persist:
            return nil
        case let .loadRecommendations(period):
            let key = Recommendations.key(for: period)
            guard let store, !store.tickets.isEmpty else { return .recommendationsLoaded(period: key, []) }
            do {
                if snapshot == nil { snapshot = try store.currentClusters(now: now()).snapshot }
                guard let snapshot else { return nil }
                return .recommendationsLoaded(period: key, store.generatedRecommendations(for: period, snapshot: snapshot))
            } catch {
                return .failed("Cannot compute recommendations: \(error)")
            }
        case let .loadReport(kind, day):
            guard let store else { return .failed("No store to build a report from") }
            do {
                let report = try ReportExport.build(kind, day: day, generatedAt: now(), store: store, out: out)
                return .reportLoaded(kind, day, markdown: MarkdownRenderer.render(report, plain: false))
            } catch {
                return .failed("Cannot build the report: \(error)")
            }
        case let .export(kind, day):
            guard let store else { return .failed("No store to build a report from") }
            do {
                let report = try ReportExport.build(kind, day: day, generatedAt: now(), store: store, out: out)
                return .exported(try ReportExport.write(report, day: day, out: out))
            } catch {
                return .failed("Not exported: \(error); choose another folder with docket --out DIR")
            }
        case let .editExternally(text, purpose):
            do {
                return .edited(purpose, try ExternalEditor.edit(text, terminal: terminal, environment: env))
            } catch {
                return .failed(error.description)
            }
        }
    }
    // Once a second without input, look for another process's writes.
    TerminalRunner(terminal: terminal, idleTimeoutMilliseconds: store == nil ? -1 : 1000).run(
        draw: { width, height in
            if width != state.width || height != state.height {
                state = App.update(state, .resize(width: width, height: height)).0
            }
            return RootView.render(state)
        },
        handle: { event in
            // An effect's answer is an event too, handled before the next frame.
            var queue = [event]
            while !queue.isEmpty {
                let before = state
                let (next, effects) = App.update(state, queue.removeFirst())
                state = next
                if effects.contains(.quit) { return false }
                for effect in effects {
                    if case let .persist(edits) = effect {
                        do {
                            guard let store else { continue }
                            for e in edits { try store.apply(e) }
                        } catch {
                            // Not saved, so not shown: back to the state before the key.
                            state = before
                            state.message = "Not saved: \(error)"
                            break
                        }
                    } else if let answer = perform(effect) {
                        queue.append(answer)
                    }
                }
            }
            return true
        },
        idle: {
            guard let store, store.changedOnDisk() else { return true }
            do {
                try store.reload()
                let fresh = try store.loadClusters()
                if let fresh { snapshot = fresh }
                state.replaceData(tickets: store.tickets, annotations: store.annotations, curation: store.curation, clusters: fresh)
                prepareSearch(state.search)
            } catch {
                state.message = "The store changed on disk but cannot be read: \(error)"
            }
            return true
        },
        drawn: {
            guard !firstFrameLogged else { return true }
            firstFrameLogged = true
            // The filter's match text is built while the user reads the first frame.
            prepareSearch(state.search)
            // For the first-frame benchmark: time from process start until the
            // first frame has been handed to the terminal.
            if let path = env["DOCKET_FIRST_FRAME_LOG"] {
                let ms = Date().timeIntervalSince(processStart) * 1000
                try? (formatFixed(ms, decimals: 1) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
                if env["DOCKET_EXIT_AFTER_FIRST_FRAME"] == "1" { return false }
            }
            if loadClustersAfterFirstFrame, let store {
                do {
                    if let saved = try store.loadClusters() {
                        snapshot = saved
                        state.clusters = saved
                        state.refreshDerived()
                    } else if !store.tickets.isEmpty {
                        state.message = "No clusters yet: run `docket analyze` (the Clusters screen is empty until then)"
                    }
                } catch {
                    state.message = "Cannot read the saved clusters: \(error)"
                }
            }
            return true
        }
    )
}
