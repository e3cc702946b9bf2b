import Foundation

/// Term weighting for short support tickets.
///
/// A document is a bag of (term, field weight) occurrences: the caller says
/// that a title word or an error signature counts more than a body word.
/// Weights are sublinear TF × smoothed IDF, L2-normalised, so cosine
/// similarity is a dot product. Terms in fewer than `minDocuments` documents
/// cannot link two tickets and are dropped; terms in more than
/// `maxDocumentShare` of them and more than five (boilerplate that survived
/// cleaning) too, and in a store of up to six, only terms in all of them.
/// In a store under `smallStore` tickets the dropped rare terms still count
/// in a vector's length (`SparseVector.hidden`), so that two reports alike
/// only in the two words they share are not called alike.
public struct TFIDFModel: Sendable {
    public private(set) var vocabulary: [String: Int32] = [:]
    public private(set) var terms: [String] = []
    public private(set) var documentFrequency: [Int32] = []
    public private(set) var documentCount = 0

    public init() {}

    /// Fits the vocabulary on `documents` and returns their vectors.
    ///
    /// Each term string is hashed once per occurrence, to an integer id; the
    /// rest (document frequencies, term frequencies) is counted on ids. The
    /// documents are split into chunks over the cores, each interning into
    /// its own table; the tables are then merged, so ids (from the sorted
    /// vocabulary) and vectors do not depend on the split.
    /// - Complexity: O(total occurrences + terms log terms).
    /// Stores under this many tickets count each ticket's own words in its
    /// length (`fit`): a term in two of them is in a tenth of the store or
    /// more, so document frequency cannot tell a rare word from a common one.
    public static let smallStore = 20

    public static func fit(_ documents: [[(String, Float)]], minDocuments: Int = 2,
                           maxDocumentShare: Double = 0.5) -> (TFIDFModel, [SparseVector]) {
        let n = documents.count
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunk = max(256, (n + workers * 4 - 1) / (workers * 4))
        let chunks = (n + chunk - 1) / chunk
        @Sendable func range(_ c: Int) -> Range<Int> { (c * chunk)..<min(n, (c + 1) * chunk) }

        var parts = [Interned?](repeating: nil, count: chunks)
        parts.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in slots[c] = Interned(documents[range(c)]) }
        }

        // Merge the chunks' tables: one id per distinct term overall.
        var ids: [String: Int32] = [:]
        var strings: [String] = []
        var df: [Int32] = []
        var toGlobal: [[Int32]] = []
        for part in parts {
            guard let part else { toGlobal.append([]); continue }
            var map = [Int32](repeating: 0, count: part.strings.count)
            for (local, t) in part.strings.enumerated() {
                let id: Int32
                if let known = ids[t] {
                    id = known
                } else {
                    id = Int32(strings.count)
                    ids[t] = id
                    strings.append(t)
                    df.append(0)
                }
                df[Int(id)] += part.documentFrequency[local]
                map[local] = id
            }
            toGlobal.append(map)
        }
        ids = [:]

        // Too common: in more than the share and in more than five. A small
        // store (a day's first import) keeps every term that is not in all
        // of its tickets: three identical reports among four are the one
        // group it has, not boilerplate.
        let maxDF = Int32(max(Double(minDocuments), maxDocumentShare * Double(n), Double(min(n - 1, 5))))
        var model = TFIDFModel()
        model.documentCount = n
        // Sorted so that ids, and everything built on them, are deterministic.
        var final = [Int32](repeating: -1, count: strings.count)
        for g in strings.indices.sorted(by: { strings[$0] < strings[$1] }) {
            let f = df[g]
            guard f >= Int32(minDocuments), f <= maxDF else { continue }
            final[g] = Int32(model.terms.count)
            model.vocabulary[strings[g]] = final[g]
            model.terms.append(strings[g])
            model.documentFrequency.append(f)
        }

        let interned = parts, local = toGlobal, vocabularyId = final, weighting = model, frequencies = df
        // In a small store a ticket's own words (in no other ticket) still
        // count in its length: there, two shared words are all that is left
        // of two long reports, and alone they would make them alike.
        let ownWords = n < smallStore
        let ownIDF = logf(Float(n + 1) / Float(2)) + 1
        var vectors = [SparseVector](repeating: SparseVector(), count: n)
        vectors.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own disjoint range of slots.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                guard let part = interned[c] else { return }
                let map = local[c]
                var counter = TermCounter(terms: weighting.terms.count)
                var own: [Int32: Float] = [:]
                for (k, d) in range(c).enumerated() {
                    for p in part.start[k]..<part.start[k + 1] {
                        let g = Int(map[Int(part.terms[p])])
                        let id = vocabularyId[g]
                        if id >= 0 {
                            counter.add(id, part.weights[p])
                        } else if ownWords, frequencies[g] < Int32(minDocuments) {
                            own[Int32(g), default: 0] += part.weights[p]
                        }
                    }
                    var mass: Float = 0
                    for (_, f) in own {
                        let w = (f >= 1 ? 1 + logf(f) : f) * ownIDF
                        mass += w * w
                    }
                    own.removeAll(keepingCapacity: true)
                    slots[d] = weighting.weigh(&counter, hidden: mass)
                }
            }
        }
        return (model, vectors)
    }

    /// The normalised vector of one document under this vocabulary; unknown
    /// terms are ignored.
    public func vector(_ doc: [(String, Float)]) -> SparseVector {
        var counter = TermCounter(terms: terms.count)
        for (t, w) in doc {
            if let id = vocabulary[t] { counter.add(id, w) }
        }
        return weigh(&counter)
    }

    /// Sublinear TF × smoothed IDF of the counted terms, normalised; resets
    /// the counter for the next document.
    func weigh(_ counter: inout TermCounter, hidden: Float = 0) -> SparseVector {
        let n = Float(max(1, documentCount))
        counter.seen.sort()
        var v = SparseVector(ids: counter.seen, values: counter.seen.map { id in
            let f = counter.frequency[Int(id)]
            let idf = logf((n + 1) / (Float(documentFrequency[Int(id)]) + 1)) + 1
            let tfw = f >= 1 ? 1 + logf(f) : f  // sublinear above one occurrence
            return tfw * idf
        })
        counter.reset()
        v.hidden = hidden
        v.normalize()
        return v
    }

    /// Weighted occurrences of one document's terms, by id, in a dense array
    /// reused from one document to the next.
    struct TermCounter {
        var frequency: [Float]
        var counted: [Bool]
        var seen: [Int32] = []

        init(terms: Int) {
            frequency = [Float](repeating: 0, count: terms)
            counted = [Bool](repeating: false, count: terms)
        }

        mutating func add(_ id: Int32, _ weight: Float) {
            if !counted[Int(id)] {
                counted[Int(id)] = true
                seen.append(id)
            }
            frequency[Int(id)] += weight
        }

        mutating func reset() {
            for id in seen {
                frequency[Int(id)] = 0
                counted[Int(id)] = false
            }
            seen.removeAll(keepingCapacity: true)
        }
    }

    /// One chunk of documents with each term string replaced by a chunk-local
    /// id, and how many of the chunk's documents hold each id.
    struct Interned: Sendable {
        var strings: [String] = []
        var documentFrequency: [Int32] = []
        /// Document `k` of the chunk is `terms[start[k]..<start[k + 1]]`.
        var start: [Int] = [0]
        var terms: [Int32] = []
        var weights: [Float] = []

        init(_ documents: ArraySlice<[(String, Float)]>) {
            var ids: [String: Int32] = [:]
            var lastDocument: [Int] = []
            for (k, doc) in documents.enumerated() {
                for (t, w) in doc {
                    let id: Int32
                    if let known = ids[t] {
                        id = known
                    } else {
                        id = Int32(strings.count)
                        ids[t] = id
                        strings.append(t)
                        documentFrequency.append(0)
                        lastDocument.append(-1)
                    }
                    if lastDocument[Int(id)] != k {
                        lastDocument[Int(id)] = k
                        documentFrequency[Int(id)] += 1
                    }
                    terms.append(id)
                    weights.append(w)
                }
                start.append(terms.count)
            }
        }
    }
}

extension TFIDFModel {
    /// Adds the terms that the vocabulary lacks and at least `minDocuments`
    /// of `documents` hold, in name order after the known ones, each with
    /// that count as its document frequency: how an incremental analysis
    /// learns the words of a problem that is new since the model was fitted.
    /// Known terms keep their ids and frequencies, and the document count is
    /// unchanged, so vectors already computed keep their meaning.
    /// - Returns: the terms added.
    @discardableResult
    public mutating func learn(_ documents: [[(String, Float)]], minDocuments: Int = 2) -> [String] {
        var df: [String: Int32] = [:]
        var seen = Set<String>()
        for doc in documents {
            seen.removeAll(keepingCapacity: true)
            for (t, _) in doc where vocabulary[t] == nil && seen.insert(t).inserted { df[t, default: 0] += 1 }
        }
        let added = df.filter { $0.value >= Int32(minDocuments) }.keys.sorted()
        for t in added {
            vocabulary[t] = Int32(terms.count)
            terms.append(t)
            documentFrequency.append(df[t] ?? 0)
        }
        return added
    }

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
