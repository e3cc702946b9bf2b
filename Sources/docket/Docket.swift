import ArgumentParser
import DocketCLI
import DocketReport
import Foundation

@main
struct Docket: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docket",
        abstract: "Support triage in the terminal: import tickets, rank them by activity, write reports.",
        discussion: """
            Run without a subcommand to open the ticket browser on the store.
            The store is --store DIR, else $DOCKET_STORE, else $XDG_DATA_HOME/docket (~/.local/share/docket).
            """,
        version: "0.1.0",
        subcommands: [Browse.self, Import.self, Fetch.self, Tickets.self, Activity.self, Tag.self, Untag.self, Themes.self, Analyze.self, Clusters.self, ClusterCommand.self, RecommendationsCommand.self, Report.self, Repair.self, Demo.self, Keys.self],
        defaultSubcommand: Browse.self
    )

    static func main() {
        processStart = Date()  // globals are lazy: pin the start time first
        CLI.name = "docket"
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

