import ArgumentParser
import DocketCLI
import Foundation

/// Tools for developing Docket, kept out of the product: synthetic tickets
/// for tests, benchmarks and the quality evaluation, and the benchmarks'
/// timing commands.
@main
struct DocketDev: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docket-dev",
        abstract: "Development tools for Docket: synthetic tickets, benchmarks and analysis reading.",
        version: "0.1.0",
        subcommands: [Generate.self, BenchEdits.self, BenchTUI.self, Similarity.self]
    )

    static func main() {
        CLI.name = "docket-dev"
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
