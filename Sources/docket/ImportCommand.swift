import ArgumentParser
import DocketApp
import DocketCLI
import DocketImport
import DocketModel
import Foundation

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import tickets: GitHub issues (REST JSON, `gh api --paginate` pages, JSON Lines, comments, `gh issue list --json`), Zendesk and Jira CSV exports.",
        discussion: """
            All files are read and checked first; nothing is written unless every file imports cleanly.
            Re-importing is safe: tickets are updated only by a newer updated_at, and themes, triage marks
            and notes are never touched.

            Example:
              gh api --paginate 'repos/OWNER/REPO/issues?state=all&per_page=100' > issues.json
              gh api --paginate 'repos/OWNER/REPO/issues/comments?per_page=100' > comments.json
              docket import issues.json comments.json
              docket import zendesk-tickets.csv jira-export.csv

            CSV: Zendesk's ticket export and Jira's "CSV (all fields)" or "CSV (current fields)", with English,
            Spanish or French headers; repeated Labels and Comment columns are all kept, `Custom field (X)`
            columns become form fields. Dates without a zone are read as UTC. Tickets keep their source:
            Zendesk 123 is zendesk#123, Jira PROJ-123 is jira/PROJ#123.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("JSON or CSV files to import.", valueName: "file"))
    var files: [String]

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "Read any CSV by naming its columns: COLUMN=FIELD,... with FIELD one of number, key, title, body, state, author, "
            + "assignee, created, updated, closed, labels, comment, replies (title, created and number or key are needed).",
        valueName: "map"))
    var map: [String] = []

    @Option(name: .long, help: ArgumentHelp("The source of tickets read with --map (their key is SOURCE#number).", valueName: "name"))
    var source = "csv"

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file to import") }
        if source.isEmpty || source.contains("#") || source.contains(where: { $0.isWhitespace || $0.isNewline }) {
            throw ValidationError("--source must be a name without spaces or '#', such as helpdesk")
        }
    }

    func run() throws {
        try reportingErrors {
            var batch = ImportBatch()
            let columns = map.isEmpty ? nil : try HelpdeskCSV.parseMap(map)
            for f in files {
                batch.append(try Trace.measure("parse \(f)") {
                    guard let columns else { return try TicketImporters.read(path: f) }
                    return try HelpdeskCSV.importMapped(try TicketImporters.contents(ofFile: f), path: f, map: columns, source: source)
                })
            }
            // Bodies stay undecoded: an import reads only the tickets it changes.
            let store = try Trace.measure("open store") { try storeOptions.open(lazyText: true) }
            let summary = try store.importBatch(batch)
            printOut(summary.description + "\n")
            // Keep a saved analysis current, so a cron import leaves the
            // clusters ready for the report and the TUI: incrementally while
            // the model still fits the store, else a full analysis (once per
            // tenth of growth; about 20 s at 100,000 tickets).
            guard summary.added > 0, store.hasClusters else { return }
            let (_, stats) = try Trace.measure("analyze") {
                do {
                    return try AnalysisService.analyze(store, now: now())
                } catch {
                    // The tickets are saved; only the derived clusters are behind.
                    throw CLIError("the import is saved, but the clusters were not brought up to date: \(error); "
                                   + "clusters.json holds only derived data (your cluster edits are kept apart): "
                                   + "move it aside and run `docket analyze --full`")
                }
            }
            let how = stats.full ? "full analysis, the model re-fitted on \(stats.tickets) tickets" : "incremental"
            printOut("clusters: \(stats.newTickets) new tickets analysed (\(how)): "
                     + "\(stats.grownClusters) clusters grown, \(stats.createdClusters) new\n")
        }
    }
}
