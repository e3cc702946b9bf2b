import ArgumentParser
import DocketAnalysis
import DocketApp
import DocketCLI
import DocketModel
import Foundation

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute the clusters of common issues and save them in the store.",
        discussion: """
            New tickets join the clusters they resemble or form new ones; existing clusters keep \
            their ids, names and members, and every edit people made (rename, move, merge, split, \
            hide, pin) is kept and honoured. Runs incrementally while new tickets are a small share \
            of the store; --full re-fits everything (ids and edits are still kept).

            Example:
              docket analyze
              docket analyze --full
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Re-fit the term model and re-cluster every ticket (still keeping ids and edits).")
    var full = false

    func run() throws {
        try reportingErrors {
            // An incremental run reads only the new tickets' text, so bodies
            // are left undecoded until read; a full run reads every body
            // (some twice), so it decodes them all up front.
            let saved = FileManager.default.fileExists(atPath: storeOptions.path + "/clusters.json")
            let store = try storeOptions.openExisting(lazyText: saved && !full)
            let start = Date()
            let (snapshot, stats) = try Trace.measure("analyze") {
                try AnalysisService.analyze(store, now: now(), mode: full ? .full : .automatic)
            }
            let ms = Int((Date().timeIntervalSince(start) * 1000).rounded())
            let kind = stats.full ? "full analysis" : "incremental analysis"
            printOut("""
                \(kind) of \(stats.tickets) tickets (\(stats.newTickets) new) in \(ms) ms: \
                \(snapshot.clusters.count) clusters holding \(stats.clusteredTickets) tickets \
                (\(stats.createdClusters) new, \(stats.grownClusters) grown); saved in \(store.directory)/clusters.json

                """)
        }
    }
}

struct Clusters: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the clusters of common issues, with people's edits applied.",
        discussion: """
            Uses the saved analysis, bringing it up to date first if tickets arrived since \
            (see `docket analyze`). With a period, a cluster lists only its tickets active in \
            the period, and clusters with none are left out.

            Example:
              docket clusters --since 2025-04-14 --until 2025-04-20
              docket clusters --period week --json
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var periodOptions: PeriodOptions

    @Flag(help: "Include hidden clusters.")
    var all = false

    @Option(help: ArgumentHelp("Centroid similarity at which two clusters merge (0-1); analyses afresh without saving.",
                               visibility: .hidden))
    var threshold: Float?

    @Option(help: ArgumentHelp("Neighbours per ticket; analyses afresh without saving.", visibility: .hidden))
    var neighbors: Int?

    @Flag(help: "Print a JSON array of {id, title, summary, members, related, keywords, facets, ...}; members are ticket numbers, primary members first, then related ones (also listed under related).")
    var json = false

    func run() throws {
        try reportingErrors {
            let store = try storeOptions.openExisting()
            let period = try periodOptions.resolve() ?? .all()
            // Experiment parameters analyse afresh, unsaved and without people's edits.
            let adHoc = threshold != nil || neighbors != nil
            let snapshot: ClusterSnapshot
            if adHoc {
                var p = ClusterAnalysis.Parameters()
                if let t = threshold { p.threshold = t }
                if let k = neighbors { p.k = k }
                snapshot = ClusterAnalyzer.run(store.tickets, previous: nil, curation: ClusterCuration(), now: now(),
                                               mode: .full, parameters: p).0
            } else {
                let (s, stats) = try AnalysisService.upToDate(store, now: now())
                if let stats {
                    FileHandle.standardError.write(Data("docket: analysed \(stats.newTickets) new tickets first (saved; see docket analyze)\n".utf8))
                }
                snapshot = s
            }
            let listed = ClusterQuery.list(snapshot, curation: adHoc ? ClusterCuration() : store.clusterCuration,
                                           tickets: store.tickets, period: period, includeHidden: all)
            let numbers = Dictionary(store.tickets.map { ($0.key, $0.number) }, uniquingKeysWith: { a, _ in a })
            if json {
                printJSONObjects(listed) { w, l in
                    let c = l.cluster
                    w.key("id"); w.string(c.id)
                    w.raw(", "); w.key("title"); w.string(c.title)
                    w.raw(", "); w.key("summary"); w.string(c.summary)
                    w.raw(", "); w.key("members"); w.array(c.members + c.related) { w, k in w.int(numbers[k] ?? 0) }
                    w.raw(", "); w.key("primary"); w.array(c.members) { w, k in w.int(numbers[k] ?? 0) }
                    w.raw(", "); w.key("related"); w.array(c.related) { w, k in w.int(numbers[k] ?? 0) }
                    w.raw(", "); w.key("keywords"); w.array(c.keywords) { w, k in w.string(k) }
                    w.raw(", "); w.key("facets"); w.array(c.facets) { w, f in
                        w.raw("{"); w.key("field"); w.string(f.field); w.comma(); w.key("value"); w.string(f.value)
                        w.comma(); w.key("count"); w.int(f.count); w.raw("}")
                    }
                    w.raw(", "); w.key("open"); w.int(l.open)
                    w.raw(", "); w.key("activity"); w.double(l.activity)
                    w.raw(", "); w.key("hidden"); w.bool(c.hidden)
                    w.raw(", "); w.key("pinned"); w.bool(c.pinned)
                    w.raw(", "); w.key("edited"); w.bool(c.titleEdited || c.summaryEdited)
                }
                return
            }
            var out = ""
            for l in listed {
                let c = l.cluster
                var flags: [String] = []
                if c.pinned { flags.append("pinned") }
                if c.hidden { flags.append("hidden") }
                out += "\(c.id)  \(TextSanitizer.singleLine(c.title))" + (flags.isEmpty ? "" : "  [\(flags.joined(separator: ", "))]") + "\n"
                out += "    \(c.members.count) tickets, \(l.open) open, activity \(formatFixed(l.activity, decimals: 1))"
                if !c.related.isEmpty { out += "; \(c.related.count) related" }
                out += "\n"
                if !c.summary.isEmpty { out += "    " + TextSanitizer.singleLine(c.summary) + "\n" }
                if !c.keywords.isEmpty { out += "    keywords: " + c.keywords.map(TextSanitizer.singleLine).joined(separator: ", ") + "\n" }
                let facets = ["platform", "version"].compactMap { field -> String? in
                    let fs = c.facets.filter { $0.field == field }
                    return fs.isEmpty ? nil : fs.map { "\($0.value) \($0.count)" }.joined(separator: ", ")
                }
                if !facets.isEmpty { out += "    " + facets.joined(separator: "; ") + "\n" }
                out += "    members: " + c.members.map { "#\(numbers[$0] ?? 0)" }.joined(separator: " ") + "\n"
                if !c.related.isEmpty { out += "    related: " + c.related.map { "#\(numbers[$0] ?? 0)" }.joined(separator: " ") + "\n" }
            }
            out += "\(listed.count) clusters, \(period.description)\n"
            printOut(out)
        }
    }
}
