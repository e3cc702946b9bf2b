import ArgumentParser
import DocketCore
import Foundation

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import GitHub issues (REST JSON, `gh api --paginate` pages, JSON Lines, comments, `gh issue list --json`).",
        discussion: """
            All files are read and checked first; nothing is written unless every file imports cleanly.
            Re-importing is safe: tickets are updated only by a newer updated_at, and themes, triage marks
            and notes are never touched.

            Example:
              gh api --paginate 'repos/OWNER/REPO/issues?state=all&per_page=100' > issues.json
              gh api --paginate 'repos/OWNER/REPO/issues/comments?per_page=100' > comments.json
              docket import issues.json comments.json
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("JSON files to import.", valueName: "file"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file to import") }
    }

    func run() throws {
        try reportingErrors {
            var batch = ImportBatch()
            for f in files { batch.append(try Trace.measure("parse \(f)") { try GitHubImporter.read(path: f) }) }
            let store = try Trace.measure("open store") { try storeOptions.open() }
            let summary = try store.importBatch(batch)
            printOut(summary.description + "\n")
            // Keep a saved analysis current when that is cheap (new tickets
            // placed incrementally); a large batch waits for `docket analyze`.
            guard summary.added > 0, let previous = try store.loadClusters() else { return }
            if ClusterAnalyzer.isIncremental(store.tickets, previous: previous) {
                let (_, stats) = try Trace.measure("analyze") { try store.analyzeClusters(now: now()) }
                printOut("clusters: \(stats.newTickets) new tickets placed (\(stats.grownClusters) clusters grown, \(stats.createdClusters) new)\n")
            } else {
                printOut("clusters: not updated for this many new tickets; run `docket analyze` (a full analysis)\n")
            }
        }
    }
}
