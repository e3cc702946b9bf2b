import ArgumentParser
import DocketAnalysis
import DocketCLI
import DocketModel
import DocketUI
import Foundation

/// Period selection shared by `tickets` and the browser.
struct PeriodOptions: ParsableArguments {
    @Option(help: ArgumentHelp("today, yesterday, week (this Monday-Sunday), 7d/30d (last N days), all, YYYY-MM-DD, or YYYY-MM-DD..YYYY-MM-DD.", valueName: "period"))
    var period: String?

    @Option(help: ArgumentHelp("First day (YYYY-MM-DD), inclusive.", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Last day (YYYY-MM-DD), inclusive.", valueName: "date"))
    var until: String?

    func validate() throws {
        if let s = since, CivilDate(s) == nil { throw ValidationError("--since must be a date like 2025-04-14, got '\(s)'") }
        if let u = until, CivilDate(u) == nil { throw ValidationError("--until must be a date like 2025-04-14, got '\(u)'") }
        if period != nil, since != nil || until != nil { throw ValidationError("use either --period or --since/--until, not both") }
        if let p = period {
            do { _ = try Period.parse(p, now: now()) } catch { throw ValidationError("\(error)") }
        }
    }

    /// The period asked for, or nil when none was given.
    func resolve() throws -> Period? {
        if let p = period { return try Period.parse(p, now: now()) }
        if since != nil || until != nil {
            let first = since.flatMap { CivilDate($0) } ?? CivilDate(year: 1970, month: 1, day: 1)
            let last = until.flatMap { CivilDate($0) } ?? CivilDate(year: 9999, month: 12, day: 31)
            guard first <= last else { throw CLIError("--since \(first) is after --until \(last)") }
            return Period(first: first, last: last)
        }
        return nil
    }
}

struct Tickets: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List tickets ranked by activity, most active first.",
        discussion: """
            Example:
              docket tickets --state open --period 7d --limit 20
              docket tickets --since 2025-04-14 --until 2025-04-20 --json
            """
    )

    enum StateFilter: String, ExpressibleByArgument, CaseIterable { case open, closed, all }

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var periodOptions: PeriodOptions

    @Option(help: "open, closed or all.")
    var state: StateFilter = .all

    @Option(help: "Show at most this many tickets.")
    var limit: Int?

    @Option(help: ArgumentHelp("Only tickets tagged with this theme.", valueName: "name"))
    var theme: String?

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    func validate() throws {
        if let l = limit, l < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        try reportingErrors {
            let store = try storeOptions.openExisting()
            let period = try periodOptions.resolve() ?? .all()
            let tickets = store.tickets
            var ranked = Ranking.rank(tickets, period: period)
            if state != .all { ranked = ranked.filter { tickets[$0.index].state.rawValue == state.rawValue } }
            if let name = theme {
                guard store.theme(named: name) != nil else { throw CurationError.unknownTheme(name) }
                ranked = ranked.filter { store.annotation(tickets[$0.index].key).themes.contains(name) }
            }
            if let l = limit { ranked = Array(ranked.prefix(l)) }
            if json {
                printJSONObjects(ranked) { w, e in
                    let t = tickets[e.index]
                    w.key("number"); w.int(t.number)
                    w.raw(", "); w.key("title"); w.string(t.title)
                    w.raw(", "); w.key("state"); w.string(t.state.rawValue)
                    w.raw(", "); w.key("labels"); w.array(t.labels) { w, l in w.string(l) }
                    w.raw(", "); w.key("activity"); w.raw(formatFixed(e.activity, decimals: 2))
                    w.raw(", "); w.key("created_at"); w.timestamp(t.createdAt)
                    w.raw(", "); w.key("updated_at"); w.timestamp(t.updatedAt)
                    w.raw(", "); w.key("closed_at"); if let c = t.closedAt { w.timestamp(c) } else { w.null() }
                    w.raw(", "); w.key("comments"); w.int(t.knownCommentCount)
                    w.raw(", "); w.key("source"); w.string(t.source)
                    w.raw(", "); w.key("url"); w.string(t.url)
                    let a = store.annotation(t.key)
                    w.raw(", "); w.key("themes"); w.array(a.themes) { w, x in w.string(x) }
                    w.raw(", "); w.key("triage"); w.string(a.triage.rawValue)
                }
                return
            }
            var out = "     #  Activity  State   Updated     Title\n"
            for e in ranked {
                let t = tickets[e.index]
                out += DisplayWidth.padLeft(t.key.label.hasPrefix("#") ? String(t.number) : TextSanitizer.singleLine(t.key.label), to: 6) + "  " + DisplayWidth.padLeft(formatFixed(e.activity, decimals: 2), to: 8)
                    + "  " + DisplayWidth.pad(t.state.rawValue, to: 6) + "  " + CivilDate(t.updatedAt, in: .utc).description
                    + "  " + TextSanitizer.singleLine(t.title) + "\n"
            }
            out += "\(ranked.count) tickets, \(period.description)\n"
            printOut(out)
        }
    }
}

struct Activity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a ticket's activity score for a period, term by term.",
        discussion: """
            Example:
              docket activity 685 --period 2025-04-14
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var periodOptions: PeriodOptions

    @Argument(help: "The ticket number.")
    var number: Int

    @Option(help: ArgumentHelp("The repository (owner/repo) when the store holds several.", valueName: "source"))
    var source: String?

    func run() throws {
        try reportingErrors {
            let store = try storeOptions.openExisting()
            let t = try findTicket(store, number: number, source: source)
            let period = try periodOptions.resolve() ?? .all()
            let b = ActivityModel().breakdown(t, period: period, reference: Ranking.reference(store.tickets))
            var out = "\(t.key.label) \(TextSanitizer.singleLine(t.title))\nactivity for \(period.description): \(formatFixed(b.score, decimals: 2))\n"
            for term in b.terms {
                out += "  " + DisplayWidth.pad(term.name, to: 32) + DisplayWidth.padLeft(formatFixed(term.count, decimals: 2), to: 7)
                    + " × " + formatFixed(term.weight, decimals: 2) + " = " + DisplayWidth.padLeft(formatFixed(term.points, decimals: 2), to: 6) + "\n"
            }
            printOut(out)
        }
    }
}
