import Foundation

/// One group of tickets that share a problem.
public struct ClusterResult: Sendable, Equatable {
    /// Stable id: derived from the most central member's key.
    public var id: String
    /// Extractive title: the most central ticket's cleaned title.
    public var title: String
    /// Indexes into the analysed tickets, most central first.
    public var members: [Int]
    /// The terms that weigh most in the cluster.
    public var keywords: [String]
}

/// Clusters tickets: text → weighted terms → TF-IDF vectors → nearest
/// neighbour graph (candidate pairs) → centroid-linkage agglomeration.
public enum ClusterAnalysis {
    public struct Parameters: Sendable {
        /// Neighbours kept per ticket.
        public var k = 10
        /// Cosine similarity of two clusters' centroids at which they merge.
        public var threshold: Float = 0.3
        /// Similarities below this are not kept as graph edges.
        public var edgeMinimum: Float = 0.05
        /// How much a title word counts against a body word.
        public var titleWeight: Float = 2
        /// How much an error signature counts against a body word.
        public var signatureWeight: Float = 3
        /// How much a word of a person's comment counts against a body word.
        public var commentWeight: Float = 0.5
        public init() {}
    }

    /// Clusters of at least two tickets, largest first (ties: lowest member).
    /// - Complexity: near-linear in the number of tickets (see `Neighbors`).
    public static func run(_ tickets: [Ticket], parameters p: Parameters = Parameters(),
                           documents: [[(String, Float)]]? = nil) -> [ClusterResult] {
        let docs = documents ?? ClusterTerms.documents(for: tickets)
        let (model, vectors) = TFIDFModel.fit(docs)
        let neighbors = Neighbors.topK(vectors, k: p.k, minSimilarity: p.edgeMinimum)
        let groups = CentroidLinkage.cluster(vectors, neighbors: neighbors, threshold: p.threshold)
        var out: [ClusterResult] = []
        for g in groups where g.count >= 2 {
            let inGroup = Set(g)
            // Centrality: summed similarity to the other members.
            let centrality = Dictionary(uniqueKeysWithValues: g.map { i in
                (i, vectors[i].isEmpty ? 0 : g.reduce(Float(0)) { $0 + ($1 == i ? 0 : vectors[i].dot(vectors[$1])) })
            })
            let ranked = g.sorted { centrality[$0, default: 0] != centrality[$1, default: 0] ? centrality[$0, default: 0] > centrality[$1, default: 0] : $0 < $1 }
            var weight: [Int32: Float] = [:]
            for i in inGroup { for (j, id) in vectors[i].ids.enumerated() { weight[id, default: 0] += vectors[i].values[j] } }
            let keywords = weight.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(6).map { model.terms[Int($0.key)] }
            let lead = tickets[ranked[0]]
            out.append(ClusterResult(id: "c\(lead.number)", title: TextSanitizer.singleLine(lead.title),
                                     members: ranked, keywords: keywords))
        }
        out.sort { $0.members.count != $1.members.count ? $0.members.count > $1.members.count : ($0.members.min() ?? 0) < ($1.members.min() ?? 0) }
        return out
    }
}
