import ArgumentParser
import DocketApp
import DocketCLI
import DocketModel
import DocketReport
import DocketStore
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

/// Runs the full-screen browser until the user quits: the terminal on one
/// side, `BrowserRuntime` (state, effects, background work) on the other.
func runBrowser(_ initial: AppState, store: Store?, out: String = "reports", loadClustersAfterFirstFrame: Bool = false) throws {
    let terminal: Terminal
    do {
        terminal = try Terminal.start()
    } catch {
        throw CLIError(error.description)
    }
    defer { terminal.stop() }
    let env = ProcessInfo.processInfo.environment
    let runtime = BrowserRuntime(state: initial, store: store, out: out, now: { now() })
    runtime.editExternally = { text in try ExternalEditor.edit(text, terminal: terminal, environment: env) }
    var firstFrameLogged = false
    var searchPrepared: ObjectIdentifier?
    TerminalRunner(terminal: terminal).run(
        draw: { width, height in
            if width != runtime.state.width || height != runtime.state.height {
                runtime.handle(.resize(width: width, height: height))
            }
            return RootView.render(runtime.state)
        },
        handle: { event in
            guard runtime.handle(event) else { return false }
            return runtime.drain()
        },
        idle: { runtime.drain() },
        drawn: {
            // The filter's match text is built while the user reads the frame
            // (again after a reload, which makes a new one).
            let search = runtime.state.search
            if searchPrepared != ObjectIdentifier(search) {
                searchPrepared = ObjectIdentifier(search)
                prepareSearch(search)
            }
            guard !firstFrameLogged else { return true }
            firstFrameLogged = true
            // For the first-frame benchmark: time from process start until the
            // first frame has been handed to the terminal.
            if let path = env["DOCKET_FIRST_FRAME_LOG"] {
                let ms = Date().timeIntervalSince(processStart) * 1000
                try? (formatFixed(ms, decimals: 1) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
                if env["DOCKET_EXIT_AFTER_FIRST_FRAME"] == "1" { return false }
            }
            if loadClustersAfterFirstFrame { runtime.loadSavedClusters() }
            return true
        },
        timeout: { runtime.pollInterval }
    )
}
