import Foundation

/// How many tickets of a cluster share one value of an issue-form field:
/// ("platform", "Windows", 5).
public struct FacetCount: Sendable, Equatable {
    public var field: String
    public var value: String
    public var count: Int

    public init(field: String, value: String, count: Int) {
        self.field = field
        self.value = value
        self.count = count
    }
}

/// A cluster as the last analysis left it, before people's edits are laid
/// over it (`ClusterCuration`). Saved in the store's `clusters.json`.
public struct Cluster: Sendable, Equatable {
    /// Stable across analyses: a cluster keeps its id while it exists.
    public var id: String
    /// The title the analysis gave it when it first appeared (kept, so a
    /// name does not drift as tickets arrive).
    public var title: String
    /// Two or three sentences taken from its most central tickets.
    public var summary: String
    public var keywords: [String]
    /// Primary members, most central first.
    public var members: [TicketKey]
    /// Each member's cosine to the centre, in `members` order.
    public var centrality: [Float]
    /// Tickets whose primary cluster is another one but which are close to
    /// this one too.
    public var related: [TicketKey]
    /// Issue-form values over the primary members, most frequent first.
    public var facets: [FacetCount]
    /// The centre (sum of member vectors) as (term, weight), heaviest
    /// first, for placing new tickets without re-analysing.
    public var centroid: [(String, Float)]

    public init(id: String, title: String, summary: String = "", keywords: [String] = [], members: [TicketKey],
                centrality: [Float]? = nil, related: [TicketKey] = [], facets: [FacetCount] = [],
                centroid: [(String, Float)] = []) {
        self.id = id
        self.title = title
        self.summary = summary
        self.keywords = keywords
        self.members = members
        self.centrality = centrality ?? members.map { _ in 0 }
        self.related = related
        self.facets = facets
        self.centroid = centroid
    }

    public static func == (a: Cluster, b: Cluster) -> Bool {
        a.id == b.id && a.title == b.title && a.summary == b.summary && a.keywords == b.keywords
            && a.members == b.members && a.centrality == b.centrality && a.related == b.related
            && a.facets == b.facets && a.centroid.elementsEqual(b.centroid) { $0.0 == $1.0 && $0.1 == $1.1 }
    }
}

/// The saved result of `docket analyze`: the clusters, plus what an
/// incremental analysis needs to place new tickets on the same scale
/// (the term model and the template lines learned from the corpus).
public struct ClusterSnapshot: Sendable, Equatable {
    public struct Model: Sendable, Equatable {
        public var terms: [String] = []
        public var documentFrequency: [Int32] = []
        public var documentCount = 0
        public var boilerplate: [String] = []
        /// `Boilerplate.fieldKeys`, sorted.
        public var fieldKeys: [String] = []
        public init() {}
        public init(terms: [String], documentFrequency: [Int32], documentCount: Int, boilerplate: [String],
                    fieldKeys: [String] = []) {
            self.terms = terms
            self.documentFrequency = documentFrequency
            self.documentCount = documentCount
            self.boilerplate = boilerplate
            self.fieldKeys = fieldKeys
        }
    }

    public var analyzedAt: Date
    /// Every ticket the analysis saw (clustered or not): the next analysis
    /// treats the others as new.
    public var analyzed: Set<TicketKey>
    /// How many tickets the last full analysis saw; incremental runs fall
    /// back to a full one when the corpus has grown well past it.
    public var fullAnalysisSize: Int
    public var clusters: [Cluster]
    public var model: Model

    public init(analyzedAt: Date, analyzed: Set<TicketKey>, fullAnalysisSize: Int, clusters: [Cluster], model: Model) {
        self.analyzedAt = analyzedAt
        self.analyzed = analyzed
        self.fullAnalysisSize = fullAnalysisSize
        self.clusters = clusters
        self.model = model
    }

    /// The id of each ticket's primary cluster.
    public var primary: [TicketKey: String] {
        var out: [TicketKey: String] = [:]
        for c in clusters { for m in c.members { out[m] = c.id } }
        return out
    }
}
