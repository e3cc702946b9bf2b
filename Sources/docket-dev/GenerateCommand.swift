import ArgumentParser
import DocketCLI
import DocketGenerator
import DocketJSON
import DocketStore
import Foundation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write deterministic synthetic tickets in GitHub REST shape (for demos, tests and benchmarks).",
        discussion: """
            One JSON array of issue objects followed by their comment objects (REST comments endpoint
            shape), or with --pages the same items as `gh api --paginate` pages. The same options always
            give the same bytes.

            Example:
              docket-dev generate --tickets 1000 --seed 7 --output tickets.json && docket import tickets.json
            """
    )

    /// Accepted like on every command; generating does not touch the store.
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "How many tickets.")
    var tickets: Int

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Write 100-item pages concatenated as `gh api --paginate` does (`[...][...]`) instead of one JSON array.")
    var pages = false

    @Option(name: .customLong("truth"), help: ArgumentHelp("Also write the planted theme of each ticket as JSON here.", valueName: "file"))
    var truth: String?

    func validate() throws {
        if tickets < 0 { throw ValidationError("--tickets must be 0 or more") }
    }

    func run() throws {
        try reportingErrors {
            let options = GeneratorOptions(tickets: tickets, seed: seed, singleArray: !pages)
            let handle: FileHandle
            var tmpPath: String?
            if let o = output {
                let tmp = o + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
                guard FileManager.default.createFile(atPath: tmp, contents: nil), let h = FileHandle(forWritingAtPath: tmp) else {
                    throw CLIError("cannot create \(o); check the folder exists and is writable")
                }
                handle = h
                tmpPath = tmp
            } else {
                handle = FileHandle.standardOutput
            }
            var pending = [UInt8]()
            pending.reserveCapacity(1 << 20)
            try TicketGenerator.generate(options) { chunk in
                pending.append(contentsOf: chunk.utf8)
                if pending.count >= 1 << 20 {
                    try handle.write(contentsOf: pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            try handle.write(contentsOf: pending)
            if let tmp = tmpPath, let o = output {
                try handle.close()
                guard rename(tmp, o) == 0 else { throw CLIError("cannot write \(o)") }
            }
            if let t = truth {
                var w = JSONWriter()
                w.raw("{")
                for (i, (n, theme)) in TicketGenerator.plantedThemes(options).sorted(by: { $0.key < $1.key }).enumerated() {
                    w.raw(i == 0 ? "\n" : ",\n"); w.key(String(n)); w.string(theme)
                }
                w.raw("\n}\n")
                try Platform.writeAtomically(w.bytes, to: t)
            }
        }
    }
}
