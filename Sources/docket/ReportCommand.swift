import ArgumentParser
import DocketCore
import Foundation

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write support reports in the Support Ticket Report format.",
        subcommands: [Daily.self]
    )

    struct Daily: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the daily report for one day.",
            discussion: """
                Writes OUT/week/<Monday of DATE>/daily/<DATE>/report_HHMMSS.md (HHMMSS is the generation time)
                and prints its path, or prints the report with --stdout.

                Example:
                  docket report daily --date 2025-04-14 --out reports
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: ArgumentHelp("The day (YYYY-MM-DD); default today (UTC).", valueName: "date"))
        var date: String?

        @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
        var out: String = "reports"

        @Flag(help: "Print the report instead of writing a file.")
        var stdout = false

        @Option(name: .customLong("generated-at"), help: ArgumentHelp("Generation time (ISO-8601); default now.", valueName: "time"))
        var generatedAt: String?

        func validate() throws {
            if let d = date, CivilDate(d) == nil { throw ValidationError("--date must be a date like 2025-04-14, got '\(d)'") }
            if let g = generatedAt, Timestamp.parse(g) == nil {
                throw ValidationError("--generated-at must be an ISO-8601 time like 2025-04-14T21:07:02Z, got '\(g)'")
            }
        }

        func run() throws {
            try reportingErrors {
                let zone = TimeZone.utc
                let generated = generatedAt.flatMap { Timestamp.parse($0) } ?? now()
                let day = date.flatMap { CivilDate($0) } ?? CivilDate(now(), in: zone)
                let store = try storeOptions.open()
                let report = ReportBuilder.build(kind: .daily, tickets: store.tickets,
                                                 period: Period(first: day, last: day, zone: zone), generatedAt: generated)
                let text = MarkdownRenderer.render(report)
                if stdout {
                    printOut(text)
                    return
                }
                let path = ReportPaths.daily(out: out, date: day, generatedAt: generated, zone: zone)
                do {
                    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                            withIntermediateDirectories: true)
                    try Platform.writeAtomically(Array(text.utf8), to: path)
                    _ = chmodReadable(path)
                } catch {
                    throw CLIError("cannot write \(path): \(error); choose another folder with --out")
                }
                printOut(path + "\n")
            }
        }
    }
}

/// Reports are meant to be shared: 0644, unlike the store's private files.
func chmodReadable(_ path: String) -> Bool {
    (try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)) != nil
}
