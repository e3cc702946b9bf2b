import ArgumentParser
import DocketCLI
import DocketModel
import DocketStore
import Foundation

/// Finds one ticket by number (and repository when the store has several).
func findTicket(_ store: Store, number: Int, source: String?) throws -> Ticket {
    let matches = store.tickets.filter { $0.number == number && (source == nil || $0.source == source) }
    guard let t = matches.first else {
        if let missing = store.missingCorpus { throw CLIError("no ticket #\(number): " + missing) }
        throw CLIError("no ticket #\(number) in the store \(store.directory); import it first")
    }
    if matches.count > 1 {
        throw CLIError("#\(number) exists in several repositories (\(matches.map(\.source).joined(separator: ", "))); add --source OWNER/REPO")
    }
    return t
}

/// The arguments of `tag` and `untag`.
struct ThemeEditArguments: ParsableArguments {
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The ticket number.") var number: Int
    @Argument(help: "The theme.") var theme: String
    @Option(help: ArgumentHelp("The repository, when the store holds several.", valueName: "owner/repo")) var source: String?

    func validate() throws {
        if theme.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("the theme must not be empty") }
    }

    /// Runs `edit` (durable when it returns) and prints the ticket's themes.
    func apply(_ edit: (Store, TicketKey, String) throws -> Void) throws {
        try reportingErrors {
            let store = try storeOptions.open()
            let t = try findTicket(store, number: number, source: source)
            try edit(store, t.key, theme.trimmingCharacters(in: .whitespaces))
            printOut("#\(t.number): \(store.annotation(t.key).themes.joined(separator: ", "))\n")
        }
    }
}

struct Tag: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tag a ticket with a theme; a new name defines the theme (for scripts).",
        discussion: "Example:\n  docket tag 685 login"
    )
    @OptionGroup var arguments: ThemeEditArguments

    /// A new name defines the theme; that is said on stderr, so stdout stays
    /// the one line scripts read.
    func run() throws {
        try arguments.apply { store, key, name in
            if try store.tag(key, theme: name) {
                FileHandle.standardError.write(Data("docket: created the theme '\(name)'; describe it with `docket themes edit \(name) --description TEXT`\n".utf8))
            }
        }
    }
}

struct Untag: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove a theme from a ticket (for scripts).",
        discussion: "Example:\n  docket untag 685 login"
    )
    @OptionGroup var arguments: ThemeEditArguments

    func run() throws { try arguments.apply { try $0.apply(.untag($1, theme: $2)) } }
}
