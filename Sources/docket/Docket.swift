import ArgumentParser
import DocketCore
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
        subcommands: [Browse.self, Import.self, Tickets.self, Activity.self, Tag.self, Untag.self, Themes.self, Analyze.self, Clusters.self, ClusterCommand.self, RecommendationsCommand.self, Report.self, Generate.self, Demo.self, Keys.self, BenchEdits.self, BenchTUI.self],
        defaultSubcommand: Browse.self
    )

    static func main() {
        processStart = Date()  // globals are lazy: pin the start time first
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

/// `--store DIR`, shared by every command.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "dir"))
    var store: String?

    var path: String { StoreLocation.resolve(flag: store) }

    /// Opens the store, creating it if needed: for commands that write.
    func open(lazyText: Bool = false) throws -> Store {
        try open(.create, lazyText: lazyText)
    }

    /// Opens a store that must already exist: for commands that only read,
    /// so a misspelt --store fails instead of reporting an empty store.
    func openExisting(lazyText: Bool = false) throws -> Store {
        try open(.existing, lazyText: lazyText)
    }

    private func open(_ mode: Store.OpenMode, lazyText: Bool) throws -> Store {
        do {
            return try Store.open(path, mode: mode, lazyText: lazyText)
        } catch let e as StoreError {
            throw CLIError(e.description)
        }
    }
}

/// An error the user can act on: printed as one line, exit status 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// Runs `body`, turning known errors into one line on stderr and exit 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as CLIError {
        fail(e.description)
    } catch let e as StoreError {
        fail(e.description)
    } catch let e as ImportError {
        fail(e.description)
    } catch let e as Period.ParseError {
        fail(e.description)
    } catch let e as CurationError {
        fail(e.description)
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("docket: error: " + message + "\n").utf8))
    Docket.exit(withError: ExitCode.failure)
}

/// The clock, which tests can pin with `DOCKET_NOW=2026-03-31T12:00:00Z`.
func now() -> Date {
    if let s = ProcessInfo.processInfo.environment["DOCKET_NOW"], let d = Timestamp.parse(s) { return d }
    return Date()
}

func printOut(_ s: String) {
    FileHandle.standardOutput.write(Data(s.utf8))
}

/// Prints `[` one object per line `]`: the `--json` output of list commands.
/// `body` writes an object's members between its braces.
func printJSONObjects<T>(_ items: [T], _ body: (inout JSONWriter, T) -> Void) {
    var w = JSONWriter()
    w.raw("[")
    for (i, x) in items.enumerated() {
        w.raw(i == 0 ? "\n  {" : ",\n  {")
        body(&w, x)
        w.raw("}")
    }
    w.raw(items.isEmpty ? "]\n" : "\n]\n")
    FileHandle.standardOutput.write(Data(w.bytes))
}
