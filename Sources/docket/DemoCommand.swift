import ArgumentParser
import DocketAnalysis
import DocketApp
import DocketCLI
import DocketDemo
import DocketImport
import DocketModel
import DocketStore
import DocketUI
import Foundation

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the browser on Docket's built-in demo tickets, in a scratch store.",
        discussion: """
            The demo data (about 200 invented tickets) is embedded in the binary. It is imported into a fresh
            temporary store, removed on exit, so nothing of yours is touched. With --store DIR the scratch
            store is kept there instead (DIR must be empty or a previous demo store).

            Example:
              swift run docket demo
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var periodOptions: PeriodOptions

    @Flag(help: "Set up the demo store and print its path, without opening the browser.")
    var prepareOnly = false

    func run() throws {
        try reportingErrors {
            let dir: String
            var temporary = false
            if let s = storeOptions.store {
                dir = StoreLocation.resolve(flag: s)
                let existing = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
                // What a demo store holds once used: the store's files and the analysis.
                let allowed: Set<String> = ["corpus.json", "annotations.json", "journal.jsonl", "clusters.json", "lock", ".demo"]
                func isStoreFile(_ name: String) -> Bool {
                    allowed.contains(name) || (name.hasPrefix("corpus-") && name.hasSuffix(".json"))
                }
                if !existing.allSatisfy(isStoreFile) || (!existing.isEmpty && !existing.contains(".demo")) {
                    throw CLIError("\(dir) is not empty and not a demo store; give an empty folder or leave out --store")
                }
            } else {
                let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
                Self.removeAbandonedDemoStores(in: base)
                var template = Array((base + "/docket-demo-XXXXXX").utf8CString)
                guard let p = mkdtemp(&template) else { throw CLIError("cannot create a scratch folder in \(base); set TMPDIR") }
                dir = String(cString: p)
                temporary = true
            }
            defer { if temporary && !prepareOnly { try? FileManager.default.removeItem(atPath: dir) } }
            let store = try Store.open(dir)
            // The marker names this process: a scratch store whose process has
            // gone (a closed terminal, a kill) is removed by the next demo.
            _ = FileManager.default.createFile(atPath: dir + "/.demo", contents: Data(temporary && !prepareOnly ? Array("\(Platform.processID)\n".utf8) : []))
            let batch = try TicketImporters.parse(Data(DemoData.ticketsJSON), path: "<demo data>")
            try store.importBatch(batch)
            if prepareOnly {
                printOut(dir + "\n")
                return
            }
            // Open on the last week of the demo's own data, whatever today is.
            let last = CivilDate(Ranking.reference(store.tickets), in: .utc)
            let period = try periodOptions.resolve() ?? Period(first: last.adding(days: -6), last: last)
            let clusters = try AnalysisService.upToDate(store, now: now()).snapshot
            var state = AppState(tickets: store.tickets, annotations: store.annotations, curation: store.curation, period: period,
                                 clusters: clusters)
            // The Recommendations and Report screens too: the demo's last day is its "today".
            state.today = last
            try runBrowser(state, store: store)
        }
    }

    /// Scratch demo stores (`docket-demo-*` in `base`, marked `.demo` with
    /// the id of the process that made them) whose process no longer runs:
    /// what a demo ended by a signal leaves behind.
    static func removeAbandonedDemoStores(in base: String) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: base) else { return }
        for name in names where name.hasPrefix("docket-demo-") {
            let dir = base + "/" + name
            guard let marker = fm.contents(atPath: dir + "/.demo"),
                  let pid = Int32(String(decoding: marker, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
                  !Platform.processIsAlive(pid),
                  let attributes = try? fm.attributesOfItem(atPath: dir),
                  (attributes[.ownerAccountID] as? NSNumber)?.uint32Value == getuid() else { continue }
            try? fm.removeItem(atPath: dir)
        }
    }
}
