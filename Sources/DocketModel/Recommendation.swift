import Foundation

/// One concrete thing to do in a report period, tied to the clusters and
/// tickets that justify it.
public struct Recommendation: Sendable, Hashable {
    /// Where the words come from; people's words always win over generated ones.
    public enum Origin: String, Sendable, Hashable, CaseIterable {
        case generated
        case edited
        case added
    }

    /// Stable across runs: `r-<cluster id>` for generated ones (so an edit
    /// still finds its recommendation when the report is generated again),
    /// `a-<n>` for added ones.
    public var id: String
    public var title: String
    public var text: String
    public var clusterIDs: [String]
    public var tickets: [TicketKey]
    public var origin: Origin

    public init(id: String, title: String, text: String, clusterIDs: [String] = [], tickets: [TicketKey] = [],
                origin: Origin = .generated) {
        self.id = id
        self.title = title
        self.text = text
        self.clusterIDs = clusterIDs
        self.tickets = tickets
        self.origin = origin
    }

    /// The line the report format uses: `- **Title:** text`.
    public var markdownLine: String {
        "- **\(TextSanitizer.singleLine(title)):** \(TextSanitizer.singleLine(text))"
    }
}
