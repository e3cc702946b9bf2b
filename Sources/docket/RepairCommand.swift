import ArgumentParser
import DocketCLI
import DocketModel
import DocketStore
import Foundation

/// `docket repair`: keeps what still reads in damaged store files and sets
/// the originals aside (see `StoreRepair`).
struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Repair a damaged store: keep what still reads, set the damaged files aside.",
        discussion: """
            Checks every store file. A damaged one is kept unchanged in DIR/damaged-<UTC time>/ and \
            written again from what still reads (tickets, tags, themes, notes, edits, one by one); \
            clusters.json and fetch.json are set aside, to be made again. A file from a newer Docket \
            is left alone. Nothing is deleted. Exits 1 when the store still does not read afterwards \
            (with --dry-run: when anything would be repaired).
            Examples:
              docket repair --dry-run
              docket repair --store ~/support
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "Say what would be repaired; change nothing.") var dryRun = false

    func run() throws {
        try reportingErrors {
            let dir = storeOptions.path
            let report = try StoreRepair.run(directory: dir, dryRun: dryRun,
                                             lockTimeout: ProcessInfo.processInfo.environment["DOCKET_LOCK_TIMEOUT"].flatMap(Double.init) ?? 10)
            for o in report.outcomes { printOut(TextSanitizer.singleLine(Self.line(o, dryRun: dryRun)) + "\n") }
            if dryRun {
                guard report.changed else { printOut("Nothing to repair.\n"); return }
                printOut("Nothing was changed (--dry-run); `docket repair --store \(StoreError.shellQuoted(dir))` does the above.\n")
                throw ExitCode.failure
            }
            if let aside = report.aside { printOut("The damaged originals are in \(TextSanitizer.singleLine(aside)) (nothing was deleted).\n") }
            do {
                let store = try Store.open(dir, mode: .existing)
                printOut(report.changed ? "The store reads again: \(store.tickets.count) tickets.\n" : "Nothing to repair: \(store.tickets.count) tickets.\n")
            } catch let e as StoreError {
                throw CLIError("the store still does not read: \(e.description)")
            }
        }
    }

    static func line(_ o: StoreRepair.Outcome, dryRun: Bool) -> String {
        let what = o.problem.map { "damaged (\($0))" }
        var out = o.file + ": "
        switch o.state {
        case .ok:
            out += "ok" + (o.unit.isEmpty ? "" : " (\(o.kept) \(o.unit))")
        case .repaired:
            out += (what ?? "damaged") + "; " + (dryRun ? "would keep " : "kept ") + "\(o.kept) \(o.unit)"
            if o.lost > 0 { out += ", \(o.lost) \(o.lost == 1 ? "piece" : "pieces") did not read" }
        case .setAside:
            out += (what ?? "damaged") + "; " + (dryRun ? "would be set aside" : "set aside")
        case .refused:
            out += (o.problem ?? "cannot be repaired") + "; left as it is"
        }
        if let a = o.advice { out += ": " + a }
        return out
    }
}
