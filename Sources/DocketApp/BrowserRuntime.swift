import DocketModel
import DocketReport
import DocketStore
import DocketUI
import Foundation

/// The browser's runtime: feeds events to the pure `App.update`, carries out
/// the effects it returns, and feeds their answers back as events.
///
/// Edits are saved before the frame that shows them (a journal append, well
/// under a millisecond); when saving fails, the state goes back to what it
/// was before the key and the status bar says why. When another process
/// holds the store (an import from cron), keys never wait for it: after
/// `lockWait` the edit is shown as waiting, the status bar names the holder
/// at once, and `drain` saves the waiting edits, in order, as soon as the
/// store is free (saying so); a quit waits for them, or a second `q` quits
/// without them, as the status bar says. Everything slow —
/// bringing the analysis up to date, recommendations, reports, exports,
/// reading the saved analysis, reloading after another process wrote the
/// store — runs on one background queue, in the order asked, on values
/// taken from the store (never the store itself). Meanwhile keys keep
/// working and the status bar says what is running (`InputEvent.working`);
/// each answer arrives as an event through `drain()`.
///
/// The runtime draws nothing and reads no keys: the executable connects it
/// to the terminal (`handle` for each event, `drain` when idle, `pollInterval`
/// for how long to wait for a key), and tests connect it to a fake store.
public final class BrowserRuntime {
    public private(set) var state: AppState
    public private(set) var store: (any BrowserStore)?
    /// Where the Report screen's export writes.
    public let out: String
    /// Called to let the user edit text in `$EDITOR` (the terminal is handed
    /// over meanwhile); nil when there is no terminal to hand over.
    public var editExternally: ((String) throws -> String)?
    /// How often `drain` looks for another process's writes, in seconds.
    public var diskCheckInterval: TimeInterval = 1

    private let now: @Sendable () -> Date
    private let queue = DispatchQueue(label: "docket.browser.work", qos: .userInitiated)
    private let inbox = Inbox()
    private let worker = WorkerClusters()
    /// Work started and not answered yet, by id, with what the status bar says of it.
    private var running: [(id: Int, label: String)] = []
    private var nextID = 0
    /// Counts saved edits: a reload that started before the last one read the
    /// journal without it, so its result is dropped (the next check reloads again).
    private var editsSaved = 0
    private var reloadRunning = false
    private var lastDiskCheck = Date.distantPast
    /// How long a key's edit waits for another process holding the store
    /// before it is shown as waiting, in seconds: long enough for another
    /// process's edit or small import, short enough not to feel.
    public var lockWait: TimeInterval = 0.2
    /// Edits shown but not saved yet, in order, because another process
    /// holds the store; the state before the first of them, to go back to if
    /// they cannot be saved at all (nil when part of a key's edits was saved);
    /// since when, and whether a quit waits for them.
    private var waiting: [Edit] = []
    private var beforeWaiting: AppState?
    private var waitingSince: Date?
    private var quitWhenSaved = false
    private var lastHolder = ""

    /// Whether edits wait for another process to release the store.
    public var hasUnsavedEdits: Bool { !waiting.isEmpty }

    public init(state: AppState, store: (any BrowserStore)?, out: String = "reports",
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.state = state
        self.store = store
        self.out = out
        self.now = now
        self.state.report.outDirectory = out
        worker.snapshot = state.clusters
    }

    /// Whether background work is running or its answers wait in `drain`.
    public var isBusy: Bool { !running.isEmpty || !waiting.isEmpty }

    /// How long the caller may wait for a key before calling `drain`: short
    /// while work runs (its answer shows within that), a second otherwise
    /// (another process's writes), forever without a store.
    public var pollInterval: Int {
        if !running.isEmpty || !waiting.isEmpty { return 25 }
        return store == nil ? -1 : Int(diskCheckInterval * 1000)
    }

    // MARK: - Events

    /// Handles `event` as `App.update` does and carries out its effects;
    /// false once the user quit.
    @discardableResult
    public func handle(_ event: InputEvent) -> Bool {
        var pending = [event]
        while !pending.isEmpty {
            let before = state
            let (next, effects) = App.update(state, pending.removeFirst())
            state = next
            if effects.contains(.quit), waiting.isEmpty || quitWhenSaved { return false }
            effects: for effect in effects {
                switch effect {
                case .quit:
                    // Typed edits are not dropped by a quit: it waits for them, unless asked twice.
                    if !waiting.isEmpty && !quitWhenSaved {
                        quitWhenSaved = true
                        let them = waiting.count == 1 ? "it" : "them"
                        state.message = "Quitting once \(waiting.count) edit\(waiting.count == 1 ? " is" : "s are") saved (the store is busy: "
                            + "\(lastHolder)); q again quits "
                            + (keptOnDisk ? "and the next Docket to open the store saves \(them)" : "without \(them)")
                        continue
                    }
                    return false
                case let .persist(edits):
                    guard let store else { continue }
                    // After an edit that waits, the next ones wait behind it, in order.
                    if !waiting.isEmpty {
                        waiting += edits
                        keepWaiting()
                        continue
                    }
                    var done = 0
                    do {
                        while done < edits.count {
                            try store.save([edits[done]], lockWait: lockWait)
                            done += 1
                        }
                        editsSaved += 1
                    } catch let StoreError.locked(_, owner) {
                        waiting = Array(edits[done...])
                        beforeWaiting = done == 0 ? before : nil
                        waitingSince = now()
                        lastHolder = owner
                        keepWaiting()
                        state.message = waitingMessage()
                    } catch {
                        // Not saved, so not shown: back to the state before the key.
                        state = before
                        state.message = "Not saved: \(error)"
                        break effects
                    }
                case let .editExternally(text, purpose):
                    guard let edit = editExternally else {
                        pending.append(.failed("No terminal to run an editor in"))
                        continue
                    }
                    do {
                        pending.append(.edited(purpose, try edit(text)))
                    } catch {
                        pending.append(.failed("\(error)"))
                    }
                case let .loadRecommendations(period):
                    startRecommendations(period)
                case let .loadReport(kind, day):
                    startReport(kind, day, export: false)
                case let .export(kind, day):
                    startReport(kind, day, export: true)
                }
            }
        }
        return true
    }

    /// Takes the answers of finished work (each handled as an event), and
    /// once every `diskCheckInterval` looks for another process's writes.
    /// False once the user quit (an answer cannot quit today; kept for the loop).
    @discardableResult
    public func drain() -> Bool {
        if !waiting.isEmpty, !saveWaiting() { return false }
        for message in inbox.take() {
            running.removeAll { $0.id == message.id }
            switch message.body {
            case let .events(events):
                for e in events { guard handle(e) else { return false } }
            case let .reopened(handoff, clusters, savedAtStart):
                reloadRunning = false
                // An edit saved since the reload began is not in what it read,
                // and edits that wait are in no file yet: read again later.
                guard savedAtStart == editsSaved, waiting.isEmpty else { lastDiskCheck = .distantPast; break }
                store = handoff.value
                let c = store?.contents
                handle(.loaded(StoreData(tickets: c?.tickets, annotations: c?.annotations,
                                         curation: c?.curation, clusters: clusters,
                                         message: "The store changed on disk: reloaded")))
            }
        }
        showWorking()
        if let store, !reloadRunning, waiting.isEmpty, now().timeIntervalSince(lastDiskCheck) >= diskCheckInterval {
            lastDiskCheck = now()
            if store.changedOnDisk() { startReload(store) }
        }
        return true
    }

    /// Whether the edits that wait are kept on disk (see `BrowserStore.keepWaiting`).
    private var keptOnDisk = true

    /// Keeps the edits that wait where a kill cannot lose them.
    private func keepWaiting() {
        do {
            try store?.keepWaiting(waiting)
            keptOnDisk = true
        } catch {
            keptOnDisk = false
        }
    }

    /// "Not saved yet: …" with who holds the store and for how long.
    private func waitingMessage() -> String {
        let n = waiting.count
        let secs = waitingSince.map { Int(now().timeIntervalSince($0)) } ?? 0
        return "Not saved yet (\(n) edit\(n == 1 ? "" : "s")\(secs > 0 ? ", \(secs) s" : "")\(keptOnDisk ? "" : ", not even kept aside"))"
            + ": waiting for the store, held by \(lastHolder)"
    }

    /// Tries once, without waiting, to save the edits that wait. False when
    /// a quit was waiting for them and they are saved: the caller quits.
    private func saveWaiting() -> Bool {
        guard let store else { waiting = []; return true }
        let count = waiting.count
        do {
            while let e = waiting.first {
                try store.save([e], lockWait: 0)
                waiting.removeFirst()
                beforeWaiting = nil  // part of them is saved: going back would hide it
            }
            keepWaiting()
        } catch let StoreError.locked(_, owner) {
            if waiting.count != count { keepWaiting() }
            lastHolder = owner
            if !quitWhenSaved { state.message = waitingMessage() }
            return true
        } catch {
            // Cannot be saved at all: not shown either.
            let n = waiting.count
            waiting = []
            keepWaiting()
            quitWhenSaved = false
            if let b = beforeWaiting {
                state = b
                state.message = "Not saved: \(error); \(n == 1 ? "the edit is" : "\(n) edits are") undone"
            } else {
                state.message = "Not saved: \(error); \(n) edit\(n == 1 ? "" : "s") lost, reloading what is saved"
                lastDiskCheck = .distantPast
                startReload(store)
            }
            beforeWaiting = nil
            return true
        }
        editsSaved += 1
        let secs = waitingSince.map { Int(now().timeIntervalSince($0).rounded()) } ?? 0
        waitingSince = nil
        beforeWaiting = nil
        if quitWhenSaved { return false }
        state.message = "Saved \(count) edit\(count == 1 ? "" : "s") (the store was busy for \(secs) s)"
        return true
    }

    /// Reads the saved analysis in the background (it is megabytes at 100k
    /// tickets, so the first frame does not wait for it).
    public func loadSavedClusters() {
        guard let store else { return }
        let files = store.files
        let worker = self.worker
        start("Reading the clusters…") {
            do {
                if let saved = try files.loadClusters() {
                    worker.snapshot = saved
                    return [.loaded(StoreData(clusters: saved))]
                }
                // None yet: the Clusters screen says how to make one; the
                // status bar keeps what it says of the period.
                return []
            } catch {
                return [.failed("Cannot read the saved clusters: \(error)")]
            }
        }
    }

    /// Waits until every piece of work started so far, and what its answers
    /// started, has answered and been handled (for tests and scripts).
    /// False when `timeout` passed first.
    @discardableResult
    public func settle(timeout: TimeInterval = 60) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            drain()
            if running.isEmpty { return true }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return running.isEmpty
    }

    // MARK: - Work

    private func startRecommendations(_ period: Period) {
        let key = Recommendations.key(for: period)
        guard let store else { return }
        let contents = store.contents
        guard !contents.tickets.isEmpty else {
            state = App.update(state, .recommendationsLoaded(period: key, [])).0
            return
        }
        let files = store.files, worker = self.worker, now = self.now
        start(label(for: contents, "Computing recommendations…")) {
            do {
                let (snapshot, fresh) = try worker.current(contents, files: files, now: now())
                return fresh + [.recommendationsLoaded(period: key,
                                                       RecommendationService.generated(contents, snapshot: snapshot, period: period))]
            } catch {
                return [.failed("Cannot compute recommendations: \(error)")]
            }
        }
    }

    private func startReport(_ kind: Report.Kind, _ day: CivilDate, export: Bool) {
        guard let store else {
            state = App.update(state, .failed("No store to build a report from")).0
            return
        }
        let contents = store.contents
        let files = store.files, worker = self.worker, now = self.now, out = self.out
        start(label(for: contents, export ? "Exporting the report…" : "Building the report…")) {
            var fresh: [InputEvent] = []
            let report: Report
            do {
                var snapshot: ClusterSnapshot?
                if !contents.tickets.isEmpty { (snapshot, fresh) = try worker.current(contents, files: files, now: now()) }
                report = ReportService.build(kind, day: day, generatedAt: now(), contents: contents, snapshot: snapshot, out: out)
            } catch {
                return fresh + [.failed("Cannot build the report: \(error)")]
            }
            guard export else { return fresh + [.reportLoaded(kind, day, markdown: MarkdownRenderer.render(report, plain: false))] }
            do {
                // `x` twice writes one report: a second daily export that would
                // differ only in its generation time keeps the first.
                if report.kind == .daily, let same = ReportExport.sameDaily(MarkdownRenderer.render(report), day: day, out: out) {
                    return fresh + [.exportUnchanged(same)]
                }
                return fresh + [.exported(try ReportExport.write(report, day: day, out: out))]
            } catch {
                return fresh + [.failed("Not exported: \(error); choose another folder with docket --out DIR")]
            }
        }
    }

    private func startReload(_ store: any BrowserStore) {
        reloadRunning = true
        let files = store.files, saved = editsSaved, worker = self.worker
        let id = nextID
        nextID += 1
        running.append((id, "Reloading the store…"))
        showWorking()
        let inbox = self.inbox
        queue.async {
            do {
                let fresh = try files.reopen()
                let clusters = try files.loadClusters()
                worker.snapshot = clusters ?? worker.snapshot
                inbox.post(Inbox.Message(id: id, body: .reopened(fresh, clusters, saved)))
            } catch {
                inbox.post(Inbox.Message(id: id, body: .events([.failed("The store changed on disk but cannot be read: \(error)")])))
            }
        }
    }

    /// "Analysing 12 new tickets…" when the clusters are behind the tickets.
    private func label(for contents: StoreContents, _ otherwise: String) -> String {
        guard let s = worker.peek() else { return "Analysing \(contents.tickets.count) tickets…" }
        let new = contents.tickets.reduce(0) { $0 + (s.analyzed.contains($1.key) ? 0 : 1) }
        return new == 0 ? otherwise : "Analysing \(new) new ticket\(new == 1 ? "" : "s")…"
    }

    /// Runs `work` on the queue; its events come back through `drain`.
    private func start(_ label: String, _ work: @escaping @Sendable () -> [InputEvent]) {
        let id = nextID
        nextID += 1
        running.append((id, label))
        showWorking()
        let inbox = self.inbox
        queue.async { inbox.post(Inbox.Message(id: id, body: .events(work()))) }
    }

    private func showWorking() {
        let label = running.first?.label
        if state.working != label { state = App.update(state, .working(label)).0 }
    }
}

/// Answers of finished work, posted by the queue, taken by the drawing thread.
final class Inbox: @unchecked Sendable {
    struct Message {
        enum Body {
            case events([InputEvent])
            /// A fresh open of the store, the saved analysis read with it,
            /// and how many edits had been saved when it started.
            case reopened(Handoff<any BrowserStore>, ClusterSnapshot?, Int)
        }
        var id: Int
        var body: Body
    }

    private let lock = NSLock()
    private var messages: [Message] = []

    func post(_ m: Message) {
        lock.lock()
        messages.append(m)
        lock.unlock()
    }

    func take() -> [Message] {
        lock.lock()
        defer { lock.unlock() }
        let out = messages
        messages = []
        return out
    }
}

/// The analysis as the background work last knew it, so that two pieces of
/// work in a row do not both bring it up to date. Read and written on the
/// serial work queue, and read under the lock by the drawing thread for the
/// status bar's label.
final class WorkerClusters: @unchecked Sendable {
    private let lock = NSLock()
    private var value: ClusterSnapshot?

    var snapshot: ClusterSnapshot? {
        get { lock.lock(); defer { lock.unlock() }; return value }
        set { lock.lock(); value = newValue; lock.unlock() }
    }

    func peek() -> ClusterSnapshot? { snapshot }

    /// The analysis brought up to date with `contents` (and saved when it
    /// had to be), with the event that tells the screens.
    func current(_ contents: StoreContents, files: any StoreFiles, now: Date) throws -> (ClusterSnapshot, [InputEvent]) {
        var known = snapshot
        if known == nil { known = try files.loadClusters() }
        if let known, AnalysisService.isCurrent(known, for: contents.tickets) {
            snapshot = known
            return (known, [])
        }
        // The browser's store is loaded lazily, and the analysis reads each
        // body several times (boilerplate, text, summaries): decode each once.
        var decoded = contents
        decoded.tickets = contents.tickets.map { $0.decoded() }
        let (fresh, _) = AnalysisService.analyzed(known, contents: decoded, now: now)
        snapshot = fresh
        try files.saveClusters(fresh)
        return (fresh, [.loaded(StoreData(clusters: fresh))])
    }
}
