/// Nearest neighbours by cosine similarity, without comparing all pairs.
///
/// An inverted index maps each term to the documents that contain it. A
/// document's candidates are the documents that share a term with it, and the
/// accumulated products over shared terms are exactly their cosine. Terms
/// held by more than `maxPosting` documents are left out of the index: they
/// are too common to tell tickets apart, and they are what would make the
/// cost quadratic. Cost is then at most O(n × terms per document × maxPosting).
public enum Neighbors {
    public struct Edge: Sendable, Equatable {
        public var to: Int
        public var similarity: Float
    }

    /// For each vector, its `k` most similar others with similarity at least
    /// `minSimilarity`, most similar first (ties: lower index first).
    public static func topK(_ vectors: [SparseVector], k: Int, minSimilarity: Float, maxPosting: Int = 2_000) -> [[Edge]] {
        var postings: [Int32: [(Int32, Float)]] = [:]
        for (d, v) in vectors.enumerated() {
            for (i, t) in v.ids.enumerated() { postings[t, default: []].append((Int32(d), v.values[i])) }
        }
        postings = postings.filter { $0.value.count <= maxPosting }
        var scores = [Float](repeating: 0, count: vectors.count)
        var touched: [Int32] = []
        var out: [[Edge]] = []
        out.reserveCapacity(vectors.count)
        for (d, v) in vectors.enumerated() {
            for (i, t) in v.ids.enumerated() {
                guard let list = postings[t] else { continue }
                let w = v.values[i]
                for (other, w2) in list where Int(other) != d {
                    if scores[Int(other)] == 0 { touched.append(other) }
                    scores[Int(other)] += w * w2
                }
            }
            var edges: [Edge] = []
            for o in touched {
                let s = scores[Int(o)]
                if s >= minSimilarity { edges.append(Edge(to: Int(o), similarity: s)) }
                scores[Int(o)] = 0
            }
            touched.removeAll(keepingCapacity: true)
            edges.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.to < $1.to }
            out.append(Array(edges.prefix(k)))
        }
        return out
    }
}
