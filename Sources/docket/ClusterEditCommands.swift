import ArgumentParser
import DocketApp
import DocketCLI
import DocketModel
import DocketStore
import Foundation

/// `docket cluster rename|summary|move|merge|split|hide|unhide|pin|unpin`:
/// the edits the Clusters screen makes, for scripts. Each is one durable
/// journal edit, kept across every later analysis.
struct ClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Edit a cluster: rename, summary, move, merge, split, hide, unhide, pin, unpin (for scripts).",
        discussion: """
            Example:
              docket cluster rename c412 "Login loops after the 3.2 update"
              docket cluster move 587 c412
              docket cluster merge c77 c412
              docket cluster split c412 590 593
            """,
        subcommands: [Rename.self, Summary.self, Move.self, Merge.self, Split.self, Hide.self, Unhide.self, Pin.self, Unpin.self]
    )

    /// `--store` given before the subcommand; the subcommand's own wins.
    @OptionGroup var storeOptions: StoreOptions

    /// Opens the store and the current clusters, then runs `body`, which
    /// returns the edits to apply and what to print.
    static func edit(_ options: StoreOptions, _ body: (Store, [CuratedCluster], ClusterSnapshot) throws -> ([ClusterEdit], String)) throws {
        try reportingErrors {
            let store = try options.open()
            let (snapshot, _) = try AnalysisService.upToDate(store, now: now())
            let clusters = store.clusterCuration.apply(to: snapshot.clusters)
            let (edits, message) = try body(store, clusters, snapshot)
            for e in edits { try store.apply(.cluster(e)) }
            printOut(message + "\n")
        }
    }

    static func find(_ id: String, in clusters: [CuratedCluster]) throws -> CuratedCluster {
        guard let c = clusters.first(where: { $0.id == id }) else {
            let known = clusters.prefix(5).map(\.id).joined(separator: ", ")
            throw CLIError("no cluster \(id); `docket clusters --all` lists them (e.g. \(known))")
        }
        return c
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a cluster a title (an empty title restores the analysis' one).")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: ClusterCommand
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @Argument(help: "The cluster id.") var id: String
        @Argument(help: "The new title.") var title: String

        func run() throws {
            try ClusterCommand.edit(storeOptions) { _, clusters, _ in
                let c = try ClusterCommand.find(id, in: clusters)
                let t = TextSanitizer.singleLine(title).trimmingCharacters(in: .whitespaces)
                return ([.rename(c.id, t.isEmpty ? nil : t)], "\(c.id): \(t.isEmpty ? c.generatedTitle : t)")
            }
        }
    }

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a cluster's summary (an empty one restores the analysis' one).")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: ClusterCommand
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @Argument(help: "The cluster id.") var id: String
        @Argument(help: "The summary text.") var text: String

        func run() throws {
            try ClusterCommand.edit(storeOptions) { _, clusters, _ in
                let c = try ClusterCommand.find(id, in: clusters)
                let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
                return ([.summarize(c.id, t.isEmpty ? nil : t)], "\(c.id): summary \(t.isEmpty ? "restored" : "saved")")
            }
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a ticket into a cluster; it stays there in every later analysis.")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: ClusterCommand
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @Argument(help: "The ticket number.") var number: Int
        @Argument(help: "The cluster id.") var id: String
        @Option(help: ArgumentHelp("The repository, when the store holds several.", valueName: "owner/repo")) var source: String?

        func run() throws {
            try ClusterCommand.edit(storeOptions) { store, clusters, _ in
                let t = try findTicket(store, number: number, source: source)
                let c = try ClusterCommand.find(id, in: clusters)
                return ([.assign(t.key, c.id)], "#\(t.number) is now in \(c.id): \(TextSanitizer.singleLine(c.title))")
            }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Merge the first cluster into the second.")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: ClusterCommand
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @Argument(help: "The cluster that goes away.") var from: String
        @Argument(help: "The cluster that receives its tickets.") var into: String

        func validate() throws { if from == into { throw ValidationError("cannot merge \(from) into itself") } }

        func run() throws {
            try ClusterCommand.edit(storeOptions) { _, clusters, _ in
                let a = try ClusterCommand.find(from, in: clusters), b = try ClusterCommand.find(into, in: clusters)
                return ([.merge(a.id, into: b.id)], "\(a.id) merged into \(b.id): \(b.members.count + a.members.count) tickets")
            }
        }
    }

    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move some tickets of a cluster into a new cluster.")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: ClusterCommand
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @Argument(help: "The cluster to split.") var id: String
        @Argument(help: "Ticket numbers that form the new cluster.") var numbers: [Int]
        @Option(help: "Title of the new cluster (default: its first ticket's title).") var title: String?

        func validate() throws { if numbers.isEmpty { throw ValidationError("name at least one ticket of the cluster") } }

        func run() throws {
            try ClusterCommand.edit(storeOptions) { store, clusters, snapshot in
                let c = try ClusterCommand.find(id, in: clusters)
                let byNumber = Dictionary(c.members.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
                let keys = try numbers.map { n -> TicketKey in
                    guard let k = byNumber[n] else { throw CLIError("#\(n) is not a member of \(c.id); `docket clusters` lists its members") }
                    return k
                }
                if keys.count == c.members.count { throw CLIError("that is every ticket of \(c.id); leave at least one behind") }
                let newID = store.clusterCuration.idForSplit(lead: keys[0], existing: clusters.map(\.id) + snapshot.clusters.map { $0.id })
                let first = store.ticket(keys[0]).map { TextSanitizer.singleLine($0.title) } ?? newID
                let name = title.map { TextSanitizer.singleLine($0) } ?? first
                return ([.split(from: c.id, newID: newID, title: name, tickets: keys)],
                        "\(newID): \(name) (\(keys.count) tickets from \(c.id))")
            }
        }
    }

    struct Hide: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Hide a cluster from lists and reports.")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: ClusterCommand
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @Argument(help: "The cluster id.") var id: String
        func run() throws { try ClusterCommand.flag(storeOptions, id) { (.hide($0, true), "\($0) hidden") } }
    }

    struct Unhide: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a hidden cluster again.")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: ClusterCommand
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @Argument(help: "The cluster id.") var id: String
        func run() throws { try ClusterCommand.flag(storeOptions, id) { (.hide($0, false), "\($0) shown") } }
    }

    struct Pin: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pin a cluster to the top of lists and reports.")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: ClusterCommand
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @Argument(help: "The cluster id.") var id: String
        func run() throws { try ClusterCommand.flag(storeOptions, id) { (.pin($0, true), "\($0) pinned") } }
    }

    struct Unpin: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Unpin a cluster.")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: ClusterCommand
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @Argument(help: "The cluster id.") var id: String
        func run() throws { try ClusterCommand.flag(storeOptions, id) { (.pin($0, false), "\($0) unpinned") } }
    }

    static func flag(_ options: StoreOptions, _ id: String, _ make: (String) -> (ClusterEdit, String)) throws {
        try edit(options) { _, clusters, _ in
            let c = try find(id, in: clusters)
            let (e, message) = make(c.id)
            return ([e], message)
        }
    }
}
