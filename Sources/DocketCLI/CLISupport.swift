import ArgumentParser
import DocketImport
import DocketJSON
import DocketModel
import DocketStore
import Foundation

/// What the command-line tools (`docket`, `docket-dev`) share: the store
/// option, one-line errors, standard output.
public enum CLI {
    /// The tool's name, which starts its error lines.
    nonisolated(unsafe) public static var name = "docket"
}

/// `--store DIR`, shared by every command.
public struct StoreOptions: ParsableArguments {
    public init() {}

    @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "dir"))
    public var store: String?

    public func validate() throws {
        if let s = store, s.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--store needs a directory; leave it out for the default store ($DOCKET_STORE or ~/.local/share/docket)")
        }
    }

    public var path: String { StoreLocation.resolve(flag: store) }

    /// These options, or `parent`'s when `--store` was given before the
    /// subcommand (`docket cluster --store S rename ...`) instead of after.
    public func or(_ parent: StoreOptions) -> StoreOptions { store == nil ? parent : self }

    /// Opens the store, creating it if needed: for commands that write.
    public func open(lazyText: Bool = false) throws -> Store {
        try open(.create, lazyText: lazyText)
    }

    /// Opens a store that must already exist: for commands that only read,
    /// so a misspelt --store fails instead of reporting an empty store.
    public func openExisting(lazyText: Bool = false) throws -> Store {
        try open(.existing, lazyText: lazyText)
    }

    private func open(_ mode: Store.OpenMode, lazyText: Bool) throws -> Store {
        do {
            let s = try Store.open(path, mode: mode, lazyText: lazyText)
            if s.adopted > 0 {
                printErr("docket: saved \(s.adopted) edit\(s.adopted == 1 ? "" : "s") that a Docket browser had kept while it waited for the store, before it was killed\n")
            }
            if s.reclaimed.files > 0 {
                let mb = Double(s.reclaimed.bytes) / 1_000_000
                FileHandle.standardError.write(Data(("docket: removed \(s.reclaimed.files) temporary file\(s.reclaimed.files == 1 ? "" : "s") that killed "
                    + "Docket processes left in \(path) (\(mb < 0.1 ? "\(s.reclaimed.bytes) bytes" : String(format: "%.1f MB", mb)) reclaimed)\n").utf8))
            }
            return s
        } catch let e as StoreError {
            throw CLIError(e.description)
        }
    }
}

/// An error the user can act on: printed as one line, exit status 1.
public struct CLIError: Error, CustomStringConvertible {
    public var description: String
    public init(_ message: String) { description = message }
}

/// Runs `body`, turning known errors into one line on stderr and exit 1.
public func reportingErrors<T>(_ body: () throws -> T) throws -> T {
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

/// Prints `message` as one line and exits 1. Messages quote input (a bad
/// value, a path, a header): they are sanitized as ticket text is, so no
/// control byte or escape sequence from a file reaches the terminal, and a
/// quoted line break cannot split the message.
public func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((CLI.name + ": error: " + TextSanitizer.singleLine(message) + "\n").utf8))
    exit(ExitCode.failure.rawValue)
}

/// The clock, which tests can pin with `DOCKET_NOW=2026-03-31T12:00:00Z`.
public func now() -> Date {
    if let s = ProcessInfo.processInfo.environment["DOCKET_NOW"], let d = Timestamp.parse(s) { return d }
    return Date()
}

public func printOut(_ s: String) {
    FileHandle.standardOutput.write(Data(s.utf8))
}

/// Progress and notes on stderr (never data: that goes to stdout).
public func printErr(_ s: String) {
    FileHandle.standardError.write(Data(s.utf8))
}

/// Prints `[` one object per line `]`: the `--json` output of list commands.
/// `body` writes an object's members between its braces.
public func printJSONObjects<T>(_ items: [T], _ body: (inout JSONWriter, T) -> Void) {
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
