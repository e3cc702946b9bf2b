import ArgumentParser
import DocketAnalysis
import DocketCLI
import DocketModel
import DocketUI
import Foundation

/// `--color` as typed: checked against the colour roles with a message that lists them.
func parseThemeColor(_ text: String?) throws -> ThemeColor? {
    guard let t = text else { return nil }
    guard let c = ThemeColor(rawValue: t.lowercased()) else {
        throw ValidationError("--color must be one of \(ThemeColor.names), got '\(t)'")
    }
    return c
}

struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, define, rename and delete themes; suggest themes for untagged tickets.",
        discussion: """
            Examples:
              docket themes
              docket themes add sync --description "Sync conflicts and lost edits" --color red
              docket themes rename sync syncing
              docket themes suggest --limit 20 --min-confidence 0.3
            """,
        subcommands: [List.self, Add.self, Edit.self, Rename.self, Delete.self, Suggest.self],
        defaultSubcommand: List.self
    )

    /// `--store` given before the subcommand; the subcommand's own wins.
    @OptionGroup var storeOptions: StoreOptions

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List themes: name, colour, ticket count, description.")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: Themes
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @Flag(help: "Print a JSON array of {name, color, description, tickets, defined}.") var json = false

        func run() throws {
            try reportingErrors {
                let themes = try storeOptions.openExisting().themes
                if json {
                    printJSONObjects(themes) { w, u in
                        w.key("name"); w.string(u.theme.name)
                        w.raw(", "); w.key("color"); w.string(u.theme.color.rawValue)
                        w.raw(", "); w.key("description"); w.string(u.theme.description)
                        w.raw(", "); w.key("tickets"); w.int(u.tickets)
                        w.raw(", "); w.key("defined"); w.bool(u.isDefined)
                    }
                    return
                }
                let width = max(4, themes.map { DisplayWidth.of(TextSanitizer.singleLine($0.theme.name)) }.max() ?? 0)
                var out = DisplayWidth.pad("Name", to: width) + "  Colour   Tickets  Description\n"
                for u in themes {
                    out += DisplayWidth.pad(TextSanitizer.singleLine(u.theme.name), to: width) + "  "
                        + DisplayWidth.pad(u.theme.color.rawValue, to: 7) + "  " + DisplayWidth.padLeft(String(u.tickets), to: 7)
                        + "  " + TextSanitizer.singleLine(u.theme.description) + "\n"
                }
                out += "\(themes.count) theme\(themes.count == 1 ? "" : "s")\n"
                printOut(out)
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Define a new theme.",
                                                        discussion: "Example:\n  docket themes add sync --description \"Sync conflicts\" --color red")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: Themes
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @Argument(help: "The theme's name.") var name: String
        @Option(help: "What the theme covers.") var description = ""
        @Option(help: ArgumentHelp("Colour role: \(ThemeColor.names).", valueName: "color")) var color: String?

        func validate() throws { _ = try parseThemeColor(color) }

        func run() throws {
            try reportingErrors {
                let store = try storeOptions.open()
                try store.addTheme(Theme(name: name, description: description, color: try parseThemeColor(color) ?? .default))
                printOut("added theme '\(Theme.normalizedName(name) ?? name)'\n")
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a theme's description or colour.",
                                                        discussion: "Example:\n  docket themes edit sync --color yellow")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: Themes
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @Argument(help: "The theme's name.") var name: String
        @Option(help: "What the theme covers.") var description: String?
        @Option(help: ArgumentHelp("Colour role: \(ThemeColor.names).", valueName: "color")) var color: String?

        func validate() throws {
            _ = try parseThemeColor(color)
            if description == nil, color == nil { throw ValidationError("give --description, --color or both") }
        }

        func run() throws {
            try reportingErrors {
                let t = try storeOptions.open().editTheme(name, description: description, color: try parseThemeColor(color))
                printOut("\(t.name): \(t.color.rawValue)\(t.description.isEmpty ? "" : ", " + TextSanitizer.singleLine(t.description))\n")
            }
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename a theme, on every ticket that carries it.",
                                                        discussion: "Example:\n  docket themes rename sync syncing")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: Themes
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @Argument(help: "The current name.") var old: String
        @Argument(help: "The new name.") var new: String

        func run() throws {
            try reportingErrors {
                let n = try storeOptions.open().renameTheme(old, to: new)
                printOut("renamed '\(old)' to '\(Theme.normalizedName(new) ?? new)' on \(n) ticket\(n == 1 ? "" : "s")\n")
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a theme; with --force also when tickets carry it (it is removed from them).",
            discussion: "Example:\n  docket themes delete old-theme --force")
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: Themes
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @Argument(help: "The theme's name.") var name: String
        @Flag(help: "Delete even when tickets carry the theme, removing it from them.") var force = false

        func run() throws {
            try reportingErrors {
                let n = try storeOptions.open().deleteTheme(name, force: force)
                printOut("deleted theme '\(name)'" + (n > 0 ? ", removed from \(n) ticket\(n == 1 ? "" : "s")" : "") + "\n")
            }
        }
    }

    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Suggest themes for untagged tickets from the tagged ones (nearest neighbours).",
            discussion: """
                Confidence (0-1) is the similarity-weighted share of the nearest tagged tickets that carry
                the theme, times the similarity of the nearest of them. Nothing is tagged by this command:
                apply a suggestion with `docket tag NUMBER THEME`.

                Example:
                  docket themes suggest --limit 20 --min-confidence 0.3 --json
                """)
        @OptionGroup var ownStore: StoreOptions
        @ParentCommand var parent: Themes
        var storeOptions: StoreOptions { ownStore.or(parent.storeOptions) }
        @Option(help: "Show at most this many suggestions.") var limit = 50
        @Option(name: .customLong("min-confidence"), help: "Leave out suggestions below this confidence (0-1).") var minConfidence = 0.0
        @Flag(help: "Print a JSON array of {number, source, title, theme, confidence, because}.") var json = false

        func validate() throws {
            if limit < 0 { throw ValidationError("--limit must be 0 or more") }
            if !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence must be between 0 and 1") }
        }

        func run() throws {
            try reportingErrors {
                let store = try storeOptions.openExisting()
                if !store.annotations.values.contains(where: { !$0.themes.isEmpty }) {
                    throw CLIError("no ticket is tagged yet; tag a few per theme with `docket tag NUMBER THEME`, then ask again")
                }
                let all = Trace.measure("suggest themes for \(store.tickets.count) tickets") {
                    ThemeSuggester.suggest(tickets: store.tickets, annotations: store.annotations)
                }
                let shown = Array(all.filter { $0.confidence >= minConfidence }.prefix(limit))
                if json {
                    printJSONObjects(shown) { w, s in
                        w.key("number"); w.int(s.ticket.number)
                        w.raw(", "); w.key("source"); w.string(s.ticket.source)
                        w.raw(", "); w.key("title"); w.string(store.ticket(s.ticket)?.title ?? "")
                        w.raw(", "); w.key("theme"); w.string(s.theme)
                        w.raw(", "); w.key("confidence"); w.double(s.confidence)
                        w.raw(", "); w.key("because"); w.array(s.because) { w, k in w.int(k.number) }
                    }
                    return
                }
                var out = "     #  Theme                 Conf.  Because             Title\n"
                for s in shown {
                    out += DisplayWidth.padLeft(String(s.ticket.number), to: 6) + "  "
                        + DisplayWidth.pad(DisplayWidth.truncate(TextSanitizer.singleLine(s.theme), to: 20), to: 20) + "  "
                        + formatFixed(s.confidence, decimals: 2) + "  "
                        + DisplayWidth.pad(s.because.map { "#\($0.number)" }.joined(separator: " "), to: 18) + "  "
                        + TextSanitizer.singleLine(store.ticket(s.ticket)?.title ?? "") + "\n"
                }
                out += "\(shown.count) of \(all.count) suggestions\(minConfidence > 0 ? " with confidence >= \(formatFixed(minConfidence, decimals: 2))" : ""); apply one with `docket tag NUMBER THEME`\n"
                printOut(out)
            }
        }
    }
}
