import ArgumentParser
import DocketCore
import Foundation

struct Clusters: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Group tickets into clusters of common issues (work in progress: computed, not yet stored or editable).",
        discussion: """
            Example:
              docket clusters --since 2025-04-14 --until 2025-04-20 --json
            """,
        shouldDisplay: false
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var periodOptions: PeriodOptions

    @Option(help: ArgumentHelp("Centroid similarity at which two clusters merge (0-1).", visibility: .hidden))
    var threshold: Float?

    @Option(help: ArgumentHelp("Neighbours per ticket.", visibility: .hidden))
    var neighbors: Int?

    @Flag(help: "Print a JSON array of {id, title, summary, members, related, keywords}.")
    var json = false

    func run() throws {
        try reportingErrors {
            let store = try storeOptions.open()
            let period = try periodOptions.resolve() ?? .all()
            let tickets = store.tickets.filter { Ranking.isActive($0, in: period) }
            let clusters = Trace.measure("cluster \(tickets.count) tickets") {
                var p = ClusterAnalysis.Parameters()
                if let t = threshold { p.threshold = t }
                if let k = neighbors { p.k = k }
                return ClusterAnalysis.run(tickets, parameters: p)
            }
            if json {
                printJSONObjects(clusters) { w, c in
                    w.key("id"); w.string(c.id)
                    w.raw(", "); w.key("title"); w.string(c.title)
                    w.raw(", "); w.key("summary"); w.string("")
                    w.raw(", "); w.key("members"); w.array(c.members) { w, m in w.int(tickets[m].number) }
                    w.raw(", "); w.key("related"); w.raw("[]")
                    w.raw(", "); w.key("keywords"); w.array(c.keywords) { w, k in w.string(k) }
                }
                return
            }
            var out = ""
            for c in clusters {
                out += "\(c.id)  \(c.members.count) tickets  \(c.title)\n    keywords: \(c.keywords.joined(separator: ", "))\n    members: "
                out += c.members.map { "#\(tickets[$0].number)" }.joined(separator: " ") + "\n"
            }
            out += "\(clusters.count) clusters of \(tickets.count) tickets, \(period.description)\n"
            printOut(out)
        }
    }
}
