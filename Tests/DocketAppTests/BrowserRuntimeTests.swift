import DocketApp
import DocketModel
import DocketStore
import DocketUI
import Foundation
import XCTest

/// The browser runtime against a fake store whose file operations can be
/// held (a gate) or made to fail, and the real `App.update` and views.
final class BrowserRuntimeTests: XCTestCase {
    struct Refused: Error, CustomStringConvertible { var description: String { "disk full" } }

    /// Files that background work reads and writes; `gate` holds each
    /// operation until the test opens it.
    final class FakeFiles: StoreFiles, @unchecked Sendable {
        private let lock = NSLock()
        private var _clusters: ClusterSnapshot?
        private var _saves = 0
        private var _reopens = 0
        private var _next: StoreContents?
        private var _failLoads = false
        let gate = DispatchSemaphore(value: 0)
        private var _gated = false

        func set(gated: Bool? = nil, next: StoreContents? = nil, failLoads: Bool? = nil) {
            lock.lock(); defer { lock.unlock() }
            if let gated { _gated = gated }
            if let next { _next = next }
            if let failLoads { _failLoads = failLoads }
        }
        var saves: Int { lock.lock(); defer { lock.unlock() }; return _saves }
        var reopens: Int { lock.lock(); defer { lock.unlock() }; return _reopens }
        var saved: ClusterSnapshot? { lock.lock(); defer { lock.unlock() }; return _clusters }

        private func pass() {
            lock.lock()
            let gated = _gated
            lock.unlock()
            if gated { gate.wait() }
        }

        func loadClusters() throws -> ClusterSnapshot? {
            pass()
            lock.lock(); defer { lock.unlock() }
            if _failLoads { throw Refused() }
            return _clusters
        }

        func saveClusters(_ snapshot: ClusterSnapshot) throws {
            lock.lock(); defer { lock.unlock() }
            _clusters = snapshot
            _saves += 1
        }

        func reopen() throws -> Handoff<any BrowserStore> {
            pass()
            lock.lock(); defer { lock.unlock() }
            _reopens += 1
            return Handoff(FakeStore(_next ?? StoreContents(tickets: []), files: self))
        }
    }

    final class FakeStore: BrowserStore {
        var contents: StoreContents
        var savedEdits: [Edit] = []
        var refuse = false
        var changed = false
        /// Who holds the store's lock, when another process does.
        var holder: String?
        var lockWaits: [TimeInterval?] = []
        let fake: FakeFiles

        init(_ contents: StoreContents, files: FakeFiles) {
            self.contents = contents
            self.fake = files
        }

        func save(_ edits: [Edit], lockWait: TimeInterval?) throws {
            lockWaits.append(lockWait)
            if let holder { throw StoreError.locked(dir: "s", owner: holder) }
            if refuse { throw Refused() }
            savedEdits += edits
        }

        /// Every list of waiting edits the runtime asked to keep, in order.
        var kept: [[Edit]] = []
        func keepWaiting(_ edits: [Edit]) throws { kept.append(edits) }

        func changedOnDisk() -> Bool { changed }
        var files: any StoreFiles { fake }
    }

    static func date(_ s: String) -> Date {
        guard let d = Timestamp.parse(s) else { fatalError("bad test date \(s)") }
        return d
    }

    static let day = Period(first: CivilDate(year: 2025, month: 4, day: 14), last: CivilDate(year: 2025, month: 4, day: 14))

    /// Tickets of one day: pairs that share their title words, so the analysis finds clusters.
    static func tickets(_ n: Int) -> [Ticket] {
        (1...n).map { i in
            let topic = ["Sync stops after login", "Export to PDF fails", "Search returns nothing"][i % 3]
            return Ticket(source: "acme/help", number: 100 + i, title: "\(topic) (\(i))",
                          body: "Since this morning: \(topic.lowercased()). Restarting does not help.",
                          author: "user\(i)", createdAt: date("2025-04-14T09:00:00Z"), updatedAt: date("2025-04-14T10:00:00Z"),
                          url: "https://github.com/acme/help/issues/\(100 + i)")
        }
    }

    func runtime(_ n: Int = 9, out: String = NSTemporaryDirectory() + "docket-runtime-\(UUID().uuidString)",
                 now: @escaping @Sendable () -> Date = { BrowserRuntimeTests.date("2025-04-15T12:00:00Z") }) -> (BrowserRuntime, FakeStore, FakeFiles) {
        let files = FakeFiles()
        let store = FakeStore(StoreContents(tickets: Self.tickets(n)), files: files)
        var state = AppState(tickets: store.contents.tickets, period: Self.day, reference: Self.date("2025-04-15T00:00:00Z"),
                             width: 100, height: 30)
        state.today = Self.day.first
        let r = BrowserRuntime(state: state, store: store, out: out,
                               now: now)
        r.diskCheckInterval = 0
        return (r, store, files)
    }

    func statusBar(_ r: BrowserRuntime) -> String {
        let lines = RootView.render(r.state).lines
        return lines.last ?? ""
    }

    func testAnEditIsSavedBeforeHandleReturns() {
        let (r, store, _) = runtime()
        r.handle(.key(.char("2")))  // Triage
        r.handle(.key(.char("d")))
        XCTAssertEqual(store.savedEdits.count, 1)
        guard case let .setTriage(key, status)? = store.savedEdits.first else { return XCTFail("\(store.savedEdits)") }
        XCTAssertEqual(status, .done)
        XCTAssertEqual(r.state.annotations[key]?.triage, .done)
    }

    func testAnEditThatCannotBeSavedIsRolledBackAndSaysWhy() {
        let (r, store, _) = runtime()
        store.refuse = true
        r.handle(.key(.char("2")))
        let before = r.state.annotations
        r.handle(.key(.char("d")))
        XCTAssertEqual(r.state.annotations, before)
        XCTAssertEqual(r.state.message, "Not saved: disk full")
        XCTAssertTrue(statusBar(r).contains("Not saved: disk full"), statusBar(r))
    }

    /// The ticket under the Triage inbox's cursor.
    func cursorTicket(_ r: BrowserRuntime) -> TicketKey? {
        let i = r.state.triage.selected
        guard r.state.rows.indices.contains(i) else { return nil }
        return r.state.tickets[r.state.rows[i].index].key
    }

    static let importer = "pid 4242, `docket import big.json`, writing since 2025-04-15T11:59:58Z"

    /// Issue 15: another process holds the store. The key's edit shows at
    /// once, the status bar names the holder, keys go on (they never wait
    /// longer than `lockWait`), and the edits are saved in order once it is free.
    func testAnEditWhileAnotherProcessHoldsTheStoreShowsAtOnceAndIsSavedWhenItIsFree() {
        let (r, store, _) = runtime()
        store.holder = Self.importer
        r.handle(.key(.char("2")))  // Triage
        let first = cursorTicket(r)
        r.handle(.key(.char("d")))
        XCTAssertTrue(store.savedEdits.isEmpty)
        XCTAssertTrue(r.hasUnsavedEdits)
        XCTAssertEqual(first.flatMap { r.state.annotations[$0]?.triage }, .done, "the edit is shown while it waits")
        XCTAssertEqual(r.state.message, "Not saved yet (1 edit): waiting for the store, held by \(Self.importer)")
        XCTAssertTrue(statusBar(r).contains("Not saved yet (1 edit): waiting for the store, held by pid 4242"), statusBar(r))
        // More keys: navigation works, and a second edit waits behind the first.
        r.handle(.key(.char("j")))
        let second = cursorTicket(r)
        XCTAssertNotEqual(first, second)
        r.handle(.key(.char("d")))
        r.drain()
        XCTAssertTrue(store.savedEdits.isEmpty, "still held")
        XCTAssertTrue(r.state.message?.hasPrefix("Not saved yet (2 edits") ?? false, r.state.message ?? "")
        XCTAssertTrue(store.lockWaits.allSatisfy { ($0 ?? .infinity) <= r.lockWait }, "a key waited for the lock: \(store.lockWaits)")
        store.holder = nil
        r.drain()
        XCTAssertFalse(r.hasUnsavedEdits)
        XCTAssertEqual(store.savedEdits.count, 2)
        if case let .setTriage(k1, .done)? = store.savedEdits.first, case let .setTriage(k2, .done)? = store.savedEdits.last {
            XCTAssertEqual([k1, k2], [first, second].compactMap { $0 }, "saved in the order typed")
        } else {
            XCTFail("\(store.savedEdits)")
        }
        XCTAssertTrue(r.state.message?.hasPrefix("Saved 2 edits (the store was busy") ?? false, r.state.message ?? "")
        XCTAssertEqual(store.kept.map(\.count), [1, 2, 0], "kept aside as they queue, forgotten once saved")
        // With the store free, the next edit is saved before handle returns, as always.
        r.handle(.key(.char("j")))
        r.handle(.key(.char("d")))
        XCTAssertEqual(store.savedEdits.count, 3)
    }

    func testAQuitWaitsForEditsThatWaitAndASecondQuitLeavesWithoutThem() {
        let (r, store, _) = runtime()
        store.holder = Self.importer
        r.handle(.key(.char("2")))
        r.handle(.key(.char("d")))
        XCTAssertTrue(r.handle(.key(.char("q"))), "the first q does not drop the edit")
        XCTAssertTrue(r.state.message?.hasPrefix("Quitting once 1 edit is saved (the store is busy: pid 4242") ?? false, r.state.message ?? "")
        XCTAssertTrue(r.drain(), "still held: still running")
        store.holder = nil
        XCTAssertFalse(r.drain(), "saved: the quit goes on")
        XCTAssertEqual(store.savedEdits.count, 1)

        let (r2, store2, _) = runtime()
        store2.holder = Self.importer
        r2.handle(.key(.char("2")))
        r2.handle(.key(.char("d")))
        XCTAssertTrue(r2.handle(.key(.char("q"))))
        XCTAssertTrue(r2.state.message?.hasSuffix("q again quits and the next Docket to open the store saves it") ?? false, r2.state.message ?? "")
        XCTAssertFalse(r2.handle(.key(.char("q"))), "q twice quits, as the status bar said")
        XCTAssertTrue(store2.savedEdits.isEmpty)
        XCTAssertEqual(store2.kept.last?.count, 1, "the edit stays kept aside for the next open")
    }

    func testEditsThatWaitAndThenCannotBeSavedAreUndoneAndSayWhy() {
        let (r, store, _) = runtime()
        r.handle(.key(.char("2")))
        let before = r.state.annotations
        store.holder = Self.importer
        r.handle(.key(.char("d")))
        XCTAssertNotEqual(r.state.annotations, before)
        store.holder = nil
        store.refuse = true
        r.drain()
        XCTAssertEqual(r.state.annotations, before)
        XCTAssertEqual(r.state.message, "Not saved: disk full; the edit is undone")
        XCTAssertFalse(r.hasUnsavedEdits)
    }

    func testNoReloadReplacesTheScreenWhileEditsWait() {
        let (r, store, files) = runtime()
        store.holder = Self.importer
        r.handle(.key(.char("2")))
        r.handle(.key(.char("d")))
        store.changed = true
        r.drain()
        r.settle(timeout: 5)
        XCTAssertEqual(files.reopens, 0, "a reload would read the files without the waiting edit")
        store.holder = nil
        r.drain()
        XCTAssertEqual(store.savedEdits.count, 1)
    }

    func testKeysStayResponsiveWhileTheAnalysisRunsAndItsProgressShows() {
        let (r, _, files) = runtime()
        files.set(gated: true)
        r.handle(.key(.char("5")))  // Recommendations: needs the analysis, which waits at the gate
        XCTAssertTrue(r.isBusy)
        XCTAssertEqual(r.state.working, "Analysing 9 tickets…")
        XCTAssertTrue(statusBar(r).contains("⟳ Analysing 9 tickets…"), statusBar(r))
        XCTAssertTrue(RootView.render(r.state).lines.contains { $0.contains("Loading…") })
        // The work is held; keys are handled meanwhile.
        r.handle(.key(.char("1")))
        let selected = r.state.selected
        r.handle(.key(.char("j")))
        XCTAssertEqual(r.state.selected, selected + 1)
        r.drain()
        XCTAssertTrue(r.isBusy)
        XCTAssertEqual(files.saves, 0)
        files.set(gated: false)
        files.gate.signal()
        XCTAssertTrue(r.settle())
        XCTAssertFalse(r.isBusy)
        XCTAssertNil(r.state.working)
        XCTAssertFalse(statusBar(r).contains("⟳"), statusBar(r))
        XCTAssertEqual(files.saves, 1, "the analysis it had to make is saved")
        XCTAssertNotNil(r.state.clusters)
        XCTAssertEqual(r.state.clusters, files.saved)
        XCTAssertNotNil(r.state.recs.generated[Recommendations.key(for: r.state.recommendationsPeriod)])
        // Back on the Recommendations screen, nothing is analysed again.
        r.handle(.key(.char("5")))
        XCTAssertEqual(r.state.working, "Computing recommendations…")
        XCTAssertTrue(r.settle())
        XCTAssertEqual(files.saves, 1)
    }

    func testTheReportIsBuiltInTheBackground() {
        let (r, _, files) = runtime()
        r.handle(.key(.char("6")))
        XCTAssertTrue(r.isBusy)
        XCTAssertTrue(r.settle())
        guard let preview = r.state.report.preview else { return XCTFail("no report preview") }
        XCTAssertTrue(preview.lines.contains { $0.hasPrefix("# ") }, "\(preview.lines.prefix(3))")
        XCTAssertEqual(files.saves, 1)
    }

    /// `x` twice writes one daily report: the second export would differ
    /// only in its generation time, so it keeps the first.
    func testExportingTheSameDailyReportTwiceWritesItOnce() throws {
        let out = NSTemporaryDirectory() + "docket-export-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        // A clock that moves a minute at each reading: each export has its own generation time.
        final class Clock: @unchecked Sendable {
            let lock = NSLock()
            var t = BrowserRuntimeTests.date("2025-04-15T12:00:00Z")
            func next() -> Date { lock.lock(); defer { lock.unlock() }; t += 60; return t }
        }
        let clock = Clock()
        let (r, _, _) = runtime(out: out, now: { clock.next() })
        r.handle(.key(.char("6")))
        XCTAssertTrue(r.settle())
        r.handle(.key(.char("d")))
        XCTAssertTrue(r.settle())
        r.handle(.key(.char("x")))
        XCTAssertTrue(r.settle())
        XCTAssertTrue(r.state.message?.hasPrefix("Exported to") ?? false, r.state.message ?? "")
        r.handle(.key(.char("x")))
        XCTAssertTrue(r.settle())
        XCTAssertTrue(r.state.message?.hasPrefix("Unchanged since report_") ?? false, r.state.message ?? "")
        let dir = out + "/week/2025-04-14/daily/2025-04-14"
        let md = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".md") }
        XCTAssertEqual(md.count, 1, "\(md)")
    }

    func testWorkThatFailsSaysWhyAndLeavesTheStateUsable() {
        let (r, _, files) = runtime()
        files.set(failLoads: true)
        r.handle(.key(.char("5")))
        XCTAssertTrue(r.settle())
        XCTAssertEqual(r.state.message, "Cannot compute recommendations: disk full")
        XCTAssertNil(r.state.working)
        r.handle(.key(.char("1")))
        XCTAssertEqual(r.state.tab, .tickets)
    }

    func testAnotherProcessesWriteIsReloadedInTheBackground() {
        let (r, store, files) = runtime(6)
        files.set(gated: true, next: StoreContents(tickets: Self.tickets(7)))
        store.changed = true
        r.drain()
        XCTAssertTrue(r.isBusy)
        XCTAssertEqual(r.state.working, "Reloading the store…")
        r.handle(.key(.char("j")))  // keys still work
        XCTAssertEqual(r.state.tickets.count, 6)
        files.set(gated: false)
        files.gate.signal()
        XCTAssertTrue(r.settle())
        XCTAssertEqual(r.state.tickets.count, 7)
        XCTAssertEqual(r.state.message, "The store changed on disk: reloaded")
        XCTAssertFalse(r.store === store, "the fresh store took over")
        XCTAssertEqual(files.reopens, 1)
    }

    func testAReloadThatBeganBeforeAnEditIsReadAgain() {
        let (r, store, files) = runtime(6)
        files.set(gated: true, next: StoreContents(tickets: Self.tickets(7)))
        store.changed = true
        r.drain()
        r.handle(.key(.char("2")))
        r.handle(.key(.char("d")))  // saved while the reload reads
        XCTAssertEqual(store.savedEdits.count, 1)
        files.set(gated: false)
        files.gate.signal()
        XCTAssertTrue(r.settle())
        // The first reload could not have seen the edit: it was dropped and a second one made.
        XCTAssertEqual(files.reopens, 2)
        XCTAssertEqual(r.state.tickets.count, 7)
        XCTAssertFalse(r.store === store)
    }
}
