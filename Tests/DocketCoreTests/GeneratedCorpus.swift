@testable import DocketGenerator
@testable import DocketImport
@testable import DocketModel
@testable import DocketStore
import Foundation

/// Tickets from `TicketGenerator`, imported as a store would import them,
/// with their planted themes: a realistic corpus with ground truth.
enum GeneratedCorpus {
    static func tickets(_ options: GeneratorOptions) throws -> [Ticket] {
        var text = ""
        TicketGenerator.generate(options) { text += $0 }
        let batch = try GitHubImporter.parse(Data(text.utf8), path: "generated.json")
        var tickets: [Ticket] = []
        _ = Store.merge(batch, into: &tickets)
        return tickets
    }
}
