import ArgumentParser
import DocketApp
import DocketCLI
import DocketModel
import DocketReport
import Foundation

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write support reports in the Support Ticket Report format (Markdown and JSON).",
        subcommands: [Daily.self, Weekly.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, json, both
    }

    struct Options: ParsableArguments {
        @OptionGroup var storeOptions: StoreOptions

        @Option(help: ArgumentHelp("A day (YYYY-MM-DD): the day of a daily report, any day of a weekly one's week; default today.", valueName: "date"))
        var date: String?

        @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
        var out: String = "reports"

        @Flag(help: "Print the report instead of writing files (Markdown unless --format json).")
        var stdout = false

        @Option(help: "md, json or both (default: both when writing files, md with --stdout).")
        var format: Format?

        @Option(name: .customLong("generated-at"), help: ArgumentHelp("Generation time (ISO-8601); default now. It names the daily file (report_HHMMSS).", valueName: "time"))
        var generatedAt: String?

        @Option(name: .customLong("time-zone"), help: ArgumentHelp("Time zone of the report's days and times: UTC (default), an IANA name like Europe/Paris, or +HH:MM.", valueName: "zone"))
        var timeZone: String?

        @Flag(help: "Only the seeds' sections, without Docket's breakdowns, response times and comparisons.")
        var plain = false

        func validate() throws {
            if let d = date, CivilDate(d) == nil { throw ValidationError("--date must be a date like 2025-04-14, got '\(d)'") }
            if let g = generatedAt, Timestamp.parse(g) == nil {
                throw ValidationError("--generated-at must be an ISO-8601 time like 2025-04-14T21:07:02Z, got '\(g)'")
            }
            if let z = timeZone, Self.zone(z) == nil {
                throw ValidationError("--time-zone must be UTC, an IANA name like Europe/Paris, or an offset like +02:00; got '\(z)'")
            }
            if stdout, format == .both { throw ValidationError("--stdout prints one format: use --format md or --format json") }
        }

        static func zone(_ text: String) -> TimeZone? {
            let t = text.trimmingCharacters(in: .whitespaces)
            if t.uppercased() == "UTC" || t.uppercased() == "Z" { return .utc }
            if let first = t.first, first == "+" || first == "-" {
                let parts = t.dropFirst().split(separator: ":")
                guard let h = Int(parts.first ?? ""), h <= 14, parts.count <= 2 else { return nil }
                let m = parts.count == 2 ? Int(parts[1]) ?? 99 : 0
                guard m < 60 else { return nil }
                return TimeZone(secondsFromGMT: (first == "-" ? -1 : 1) * (h * 3600 + m * 60))
            }
            return TimeZone(identifier: t)
        }

        func run(_ kind: DocketReport.Report.Kind) throws {
            try reportingErrors {
                let zone = timeZone.flatMap(Self.zone) ?? .utc
                let generated = generatedAt.flatMap { Timestamp.parse($0) } ?? now()
                let day = date.flatMap { CivilDate($0) } ?? CivilDate(now(), in: zone)
                let store = try storeOptions.openExisting()
                let report = try ReportService.build(kind, day: day, zone: zone, generatedAt: generated, store: store, out: out)
                if stdout {
                    printOut(format == .json ? JSONReportRenderer.render(report) : MarkdownRenderer.render(report, plain: plain))
                    return
                }
                let formats = format ?? .both
                let written: [String]
                do {
                    written = try ReportExport.write(report, day: day, zone: zone, out: out,
                                                     extensions: formats == .both ? ["md", "json"] : [formats.rawValue], plain: plain)
                } catch {
                    throw CLIError("\(error); choose another folder with --out")
                }
                printOut(written.joined(separator: "\n") + "\n")
            }
        }
    }

    struct Daily: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the daily report for one day.",
            discussion: """
                Writes OUT/week/<Monday of DATE>/daily/<DATE>/report_HHMMSS.md and .json (HHMMSS is \
                the generation time) and prints their paths, or prints the report with --stdout.

                Example:
                  docket report daily --date 2025-04-14 --out reports
                """
        )
        @OptionGroup var options: Options
        func run() throws { try options.run(.daily) }
    }

    struct Weekly: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the weekly report for the Monday-to-Sunday week holding a day.",
            discussion: """
                Writes OUT/week/<Monday>/week_summary.md and .json, linking every daily report \
                already in OUT/week/<Monday>/daily/, and prints their paths.

                Example:
                  docket report weekly --date 2025-04-20 --out reports
                """
        )
        @OptionGroup var options: Options
        func run() throws { try options.run(.weekly) }
    }
}
