import ArgumentParser
import DocketAnalysis
import DocketCLI
import DocketModel
import Foundation

/// Why tickets cluster together: the cosine of every pair of a store's
/// tickets under a fresh analysis, with the terms that carry each
/// similarity. For reading small stores when tuning the analysis.
struct Similarity: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similarity",
        abstract: "Print the pairwise cosines of a store's tickets and the terms behind them."
    )
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Pairs below this cosine are left out.") var minimum: Float = 0.1
    @Option(help: "Only pairs that include this ticket number (repeatable).") var ticket: [Int] = []

    func run() throws {
        try reportingErrors {
            let store = try storeOptions.openExisting()
            let tickets = store.tickets
            let out = ClusterAnalysis.analyze(tickets)
            var line = "tickets \(tickets.count), terms \(out.model.terms.count)\n"
            for c in out.clusters {
                line += "cluster " + c.members.map { "#\(tickets[$0].key.number)" }.joined(separator: " ") + "\n"
            }
            printOut(line)
            for i in tickets.indices {
                for j in tickets.indices where j > i {
                    if !ticket.isEmpty, !ticket.contains(tickets[i].key.number), !ticket.contains(tickets[j].key.number) { continue }
                    let a = out.vectors[i], b = out.vectors[j]
                    let s = a.dot(b)
                    guard s >= minimum else { continue }
                    var shared: [(String, Float)] = []
                    var y = 0
                    for (x, id) in a.ids.enumerated() {
                        while y < b.ids.count, b.ids[y] < id { y += 1 }
                        if y < b.ids.count, b.ids[y] == id { shared.append((out.model.terms[Int(id)], a.values[x] * b.values[y])) }
                    }
                    shared.sort { $0.1 > $1.1 }
                    let terms = shared.prefix(8).map { "\($0.0)(\(formatFixed(Double($0.1), decimals: 3)))" }.joined(separator: " ")
                    printOut("#\(tickets[i].key.number) #\(tickets[j].key.number) \(formatFixed(Double(s), decimals: 3)): \(terms)\n")
                }
            }
        }
    }
}
