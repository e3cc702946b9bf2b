import ArgumentParser
import DocketCLI
import DocketModel
import Foundation

/// Times edits on an opened store: the benchmark behind "an edit costs the
/// same at 100 tickets and at 100,000".
struct BenchEdits: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-edits",
        abstract: "Time N durable edits (tag/untag) on the store and print the median and p99 in milliseconds."
    )
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "How many edits.") var count = 200

    func run() throws {
        try reportingErrors {
            let store = try storeOptions.open()
            guard let t = store.tickets.first else { throw CLIError("the store is empty; import tickets first") }
            var samples: [Double] = []
            for i in 0..<count {
                let start = DispatchTime.now().uptimeNanoseconds
                try store.apply(i % 2 == 0 ? .tag(t.key, theme: "bench") : .untag(t.key, theme: "bench"))
                samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            samples.sort()
            let median = samples[samples.count / 2]
            let p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
            printOut("tickets=\(store.tickets.count) edits=\(count) median_ms=\(formatFixed(median, decimals: 3)) p99_ms=\(formatFixed(p99, decimals: 3))\n")
        }
    }
}
