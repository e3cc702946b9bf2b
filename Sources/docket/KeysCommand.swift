import ArgumentParser
import DocketCLI
import DocketUI

/// Prints the key reference from the keymap table, as the README shows it.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the key reference (Markdown), generated from the keymap table.",
        discussion: "Example:\n  docket keys"
    )

    /// Accepted like on every command; the keymap does not depend on it.
    @OptionGroup var storeOptions: StoreOptions

    func run() {
        printOut(KeyReference.markdown())
    }
}
