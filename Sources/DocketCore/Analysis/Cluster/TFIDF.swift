import Foundation

/// Term weighting for short support tickets.
///
/// A document is a bag of (term, field weight) occurrences: the caller says
/// that a title word or an error signature counts more than a body word.
/// Weights are sublinear TF × smoothed IDF, L2-normalised, so cosine
/// similarity is a dot product. Terms in fewer than `minDocuments` documents
/// cannot link two tickets and are dropped; terms in more than
/// `maxDocumentShare` of them (boilerplate that survived cleaning) too.
public struct TFIDFModel: Sendable {
    public private(set) var vocabulary: [String: Int32] = [:]
    public private(set) var terms: [String] = []
    public private(set) var documentFrequency: [Int32] = []
    public private(set) var documentCount = 0

    public init() {}

    /// Fits the vocabulary on `documents` and returns their vectors.
    /// - Complexity: O(total occurrences + terms log terms).
    public static func fit(_ documents: [[(String, Float)]], minDocuments: Int = 2,
                           maxDocumentShare: Double = 0.5) -> (TFIDFModel, [SparseVector]) {
        var df: [String: Int32] = [:]
        for doc in documents {
            var seen = Set<String>()
            for (t, _) in doc where seen.insert(t).inserted { df[t, default: 0] += 1 }
        }
        let n = documents.count
        let maxDF = Int32(max(Double(minDocuments), maxDocumentShare * Double(n)))
        var model = TFIDFModel()
        model.documentCount = n
        // Sorted so that ids, and everything built on them, are deterministic.
        for t in df.keys.sorted() {
            guard let f = df[t], f >= Int32(minDocuments), f <= maxDF else { continue }
            model.vocabulary[t] = Int32(model.terms.count)
            model.terms.append(t)
            model.documentFrequency.append(f)
        }
        return (model, documents.map { model.vector($0) })
    }

    /// The normalised vector of one document under this vocabulary; unknown
    /// terms are ignored.
    public func vector(_ doc: [(String, Float)]) -> SparseVector {
        var tf: [Int32: Float] = [:]
        for (t, w) in doc {
            if let id = vocabulary[t] { tf[id, default: 0] += w }
        }
        let n = Float(max(1, documentCount))
        var pairs = tf.map { id, f -> (Int32, Float) in
            let idf = logf((n + 1) / (Float(documentFrequency[Int(id)]) + 1)) + 1
            let tfw = f >= 1 ? 1 + logf(f) : f  // sublinear above one occurrence
            return (id, tfw * idf)
        }
        pairs.sort { $0.0 < $1.0 }
        var v = SparseVector(ids: pairs.map(\.0), values: pairs.map(\.1))
        v.normalize()
        return v
    }
}

extension TFIDFModel {
    /// A model saved by an earlier analysis (`ClusterSnapshot.Model`), so
    /// new tickets can be weighed on the same scale without refitting.
    public init(terms: [String], documentFrequency: [Int32], documentCount: Int) {
        self.init()
        self.terms = terms
        self.documentFrequency = documentFrequency
        self.documentCount = documentCount
        var v: [String: Int32] = [:]
        v.reserveCapacity(terms.count)
        for (i, t) in terms.enumerated() { v[t] = Int32(i) }
        self.vocabulary = v
    }
}
