import Foundation

/// Where a ticket stands in a triager's review.
public enum TriageStatus: String, Sendable, Codable, CaseIterable {
    case untriaged
    case done
}

/// What people add to a ticket. Stored apart from the imported corpus so a
/// re-import never overwrites it, and an edit never rewrites the corpus.
public struct TicketAnnotation: Sendable, Equatable {
    public var themes: [String] = []
    public var triage: TriageStatus = .untriaged
    public var note: String = ""

    public init(themes: [String] = [], triage: TriageStatus = .untriaged, note: String = "") {
        self.themes = themes
        self.triage = triage
        self.note = note
    }

    public var isEmpty: Bool { themes.isEmpty && triage == .untriaged && note.isEmpty }
}

/// A named edit to what people added. Every change a user makes is one of
/// these: it is appended to the store's journal (durable before the screen
/// shows it) and replayed on load.
public enum Edit: Sendable, Equatable {
    case tag(TicketKey, theme: String)
    case untag(TicketKey, theme: String)
    case setTriage(TicketKey, TriageStatus)
    case setNote(TicketKey, String)
    // Themes and recommendations: see `Curation.apply` for why each is a set.
    case defineTheme(Theme)
    case deleteTheme(String)
    case renameTheme(from: String, to: Theme, tickets: [TicketKey])
    case setRecommendation(period: String, Recommendation)
    case removeRecommendation(period: String, id: String)
    case orderRecommendations(period: String, ids: [String])
    /// Cluster edits: see `ClusterCuration`.
    case cluster(ClusterEdit)
}
