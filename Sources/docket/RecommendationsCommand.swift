import ArgumentParser
import DocketApp
import DocketCLI
import DocketModel
import DocketStore
import Foundation

/// The period and the recommendations the store shows for it: generated
/// from clusters, then merged with the edits stored for the period.
struct RecommendationContext {
    var store: Store
    var period: Period
    var shown: [Recommendation]

    /// The default period is the last 7 days, so that "rising" compares a
    /// week with the week before. Clusters are the saved analysis (brought up
    /// to date first if tickets arrived), with people's cluster edits applied.
    /// The store must exist: every recommendation an edit names comes from one.
    static func load(_ storeOptions: StoreOptions, _ periodOptions: PeriodOptions) throws -> RecommendationContext {
        let store = try storeOptions.openExisting()
        let period = try periodOptions.resolve() ?? Period.parse("7d", now: now())
        let (snapshot, _) = try AnalysisService.upToDate(store, now: now())
        return RecommendationContext(store: store, period: period,
                                     shown: RecommendationService.current(store.contents, snapshot: snapshot, period: period))
    }
}

struct RecommendationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommendations",
        abstract: "Recommendations for a period (at most 7, from the clusters), with your edits.",
        discussion: """
            Edits are stored per period (its first and last day) and win over generated text:
            edited and added ones are kept, removed ones stay removed, a moved list keeps its order.

            Examples:
              docket recommendations --period 2025-04-14..2025-04-20
              docket recommendations edit r-c812 --text "Ship the 5.8.4 hotfix" --period 2025-04-14..2025-04-20
              docket recommendations move a-1 --to 1 --period 2025-04-14..2025-04-20
            """,
        subcommands: [List.self, Edit.self, Add.self, Remove.self, Move.self],
        defaultSubcommand: List.self
    )

    /// `--store` given before the subcommand; the subcommand's own wins.
    @OptionGroup var storeOptions: StoreOptions

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the period's recommendations (default: the last 7 days).")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: RecommendationsCommand
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @OptionGroup var periodOptions: PeriodOptions
        @Flag(help: "Print a JSON array of {id, title, text, origin, clusters, tickets}.") var json = false

        func run() throws {
            try reportingErrors {
                let c = try RecommendationContext.load(storeOptions, periodOptions)
                if json {
                    printRecommendationsJSON(c.shown)
                    return
                }
                var out = ""
                for (i, r) in c.shown.enumerated() {
                    out += "\(i + 1). \(r.id) (\(r.origin.rawValue))\n   " + r.markdownLine + "\n"
                }
                out += "\(c.shown.count) recommendation\(c.shown.count == 1 ? "" : "s"), \(c.period.description)\n"
                printOut(out)
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace a recommendation's title and/or text.")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: RecommendationsCommand
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @OptionGroup var periodOptions: PeriodOptions
        @Argument(help: "Its id, as `docket recommendations` prints it.") var id: String
        @Option(help: "The new title.") var title: String?
        @Option(help: "The new text.") var text: String?

        func validate() throws {
            if title == nil, text == nil { throw ValidationError("give --title, --text or both") }
        }

        func run() throws {
            try reportingErrors {
                let c = try RecommendationContext.load(storeOptions, periodOptions)
                let r = try c.store.editRecommendation(id, title: title, text: text, in: c.shown, for: c.period)
                printOut(r.markdownLine + "\n")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a recommendation of your own (placed after the generated ones).")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: RecommendationsCommand
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @OptionGroup var periodOptions: PeriodOptions
        @Option(help: "Its title.") var title: String
        @Option(help: "Its text.") var text: String

        func run() throws {
            try reportingErrors {
                // Only the overrides are needed: no clustering for an add.
                let store = try storeOptions.open()
                let period = try periodOptions.resolve() ?? Period.parse("7d", now: now())
                let r = try store.addRecommendation(title: title, text: text, for: period)
                printOut("added \(r.id)\n")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a recommendation (it stays removed when generated again).")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: RecommendationsCommand
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @OptionGroup var periodOptions: PeriodOptions
        @Argument(help: "Its id, as `docket recommendations` prints it.") var id: String

        func run() throws {
            try reportingErrors {
                let c = try RecommendationContext.load(storeOptions, periodOptions)
                guard c.shown.contains(where: { $0.id == id }) else { throw CurationError.unknownRecommendation(id) }
                try c.store.removeRecommendation(id, for: c.period)
                printOut("removed \(id)\n")
            }
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a recommendation to another position.")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: RecommendationsCommand
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @OptionGroup var periodOptions: PeriodOptions
        @Argument(help: "Its id, as `docket recommendations` prints it.") var id: String
        @Option(help: "The new position, 1 for the top.") var to: Int

        func validate() throws {
            if to < 1 { throw ValidationError("--to must be 1 or more (1 is the top)") }
        }

        func run() throws {
            try reportingErrors {
                let c = try RecommendationContext.load(storeOptions, periodOptions)
                let list = try c.store.moveRecommendation(id, to: to - 1, in: c.shown, for: c.period)
                printOut(list.map(\.id).joined(separator: " ") + "\n")
            }
        }
    }
}

func printRecommendationsJSON(_ recs: [Recommendation]) {
    printJSONObjects(recs) { w, r in
        w.key("id"); w.string(r.id)
        w.raw(", "); w.key("title"); w.string(r.title)
        w.raw(", "); w.key("text"); w.string(r.text)
        w.raw(", "); w.key("origin"); w.string(r.origin.rawValue)
        w.raw(", "); w.key("clusters"); w.array(r.clusterIDs) { w, id in w.string(id) }
        w.raw(", "); w.key("tickets"); w.array(r.tickets) { w, k in w.int(k.number) }
    }
}
