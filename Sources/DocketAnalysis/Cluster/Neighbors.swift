import Foundation

/// Nearest neighbours by cosine similarity, without comparing all pairs.
///
/// An inverted index (flat postings, one slice per term) maps each term to
/// the documents that contain it. A document's candidates are the documents
/// that share a term with it; accumulating products over the posting lists
/// of all its terms gives exactly their cosine.
///
/// On a large corpus the common terms' lists make that quadratic, so each
/// document may read at most `postingBudget` postings: its terms are taken
/// heaviest first, and a term whose list no longer fits in what is left of
/// the budget is skipped (the next, lighter one may still fit). When every
/// term fits, the result is exact. When one is skipped, the scores are
/// partial: the `rescored` best candidates by partial score get their exact
/// cosine, and the `k` are chosen from those. That is the approximation: a
/// document that shares only common terms with this one, and none of its
/// heavier ones, can be missed; the similarities returned are always exact.
/// The budget is a count, not a share of the corpus, so that cost stays
/// linear as the corpus grows. On generated tickets, 8,000 scored as well as
/// 20,000 at 10k (pairwise F1 0.891) and better than 4,000 at 100k (0.876
/// against 0.870).
///
/// Work is split over the cores by document; each document's answer depends
/// only on the data, never on scheduling.
/// - Complexity: O(n × (postingBudget + rescored × terms per document)),
///   linear in the number of documents n.
public enum Neighbors {
    public struct Edge: Sendable, Equatable {
        public var to: Int
        public var similarity: Float
    }

    /// For each vector, its `k` most similar others with similarity at least
    /// `minSimilarity`, most similar first (ties: lower index first).
    public static func topK(_ vectors: [SparseVector], k: Int, minSimilarity: Float,
                            postingBudget: Int = 8_000, rescored: Int = 64) -> [[Edge]] {
        let n = vectors.count
        var out = [[Edge]](repeating: [], count: n)
        guard n > 1, k > 0 else { return out }
        let rows = FlatVectors(vectors, byTerm: false)
        let columns = FlatVectors(vectors, byTerm: true)
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        // Enough chunks to balance the cores; few enough that the per-chunk
        // scratch (arrays of n and of the vocabulary) stays cheap.
        let chunk = max(64, n / (workers * 32))
        let chunks = (n + chunk - 1) / chunk
        rows.withPointers { rows in
            columns.withPointers { columns in
                out.withUnsafeMutableBufferPointer { buffer in
                    // Each iteration writes only its own disjoint range of slots,
                    // and only reads the flat arrays.
                    nonisolated(unsafe) let slots = buffer, rows = rows, columns = columns
                    DispatchQueue.concurrentPerform(iterations: chunks) { c in
                        let search = Search(rows: rows, columns: columns, k: k, minSimilarity: minSimilarity,
                                            postingBudget: postingBudget, rescored: max(k, rescored))
                        for d in (c * chunk)..<min(n, (c + 1) * chunk) { slots[d] = search.neighbors(of: d) }
                    }
                }
            }
        }
        return out
    }

    /// Sparse vectors in flat arrays (compressed sparse rows): by document,
    /// or transposed, by term, which is the inverted index. Flat arrays keep
    /// reference counting out of the inner loops.
    struct FlatVectors {
        /// Row `r` is `keys[start[r]..<start[r + 1]]`, ascending.
        var start: [Int]
        var keys: [Int32]
        var values: [Float]

        init(_ vectors: [SparseVector], byTerm: Bool) {
            var rows = vectors.count
            if byTerm {
                rows = 0
                for v in vectors { if let last = v.ids.last { rows = max(rows, Int(last) + 1) } }
            }
            var start = [Int](repeating: 0, count: rows + 1)
            for (d, v) in vectors.enumerated() {
                if byTerm { for t in v.ids { start[Int(t) + 1] += 1 } } else { start[d + 1] = v.ids.count }
            }
            for r in 0..<rows { start[r + 1] += start[r] }
            var fill = start
            var keys = [Int32](repeating: 0, count: start[rows])
            var values = [Float](repeating: 0, count: start[rows])
            for (d, v) in vectors.enumerated() {
                for (i, t) in v.ids.enumerated() {
                    let (row, key) = byTerm ? (Int(t), Int32(d)) : (d, t)
                    keys[fill[row]] = key
                    values[fill[row]] = v.values[i]
                    fill[row] += 1
                }
            }
            self.start = start
            self.keys = keys
            self.values = values
        }

        func withPointers<R>(_ body: (Pointers) -> R) -> R {
            start.withUnsafeBufferPointer { s in
                keys.withUnsafeBufferPointer { k in
                    values.withUnsafeBufferPointer { v in body(Pointers(start: s, keys: k, values: v)) }
                }
            }
        }

        struct Pointers {
            var start: UnsafeBufferPointer<Int>
            var keys: UnsafeBufferPointer<Int32>
            var values: UnsafeBufferPointer<Float>
            var count: Int { start.count - 1 }
            func row(_ r: Int) -> Range<Int> { start[r]..<start[r + 1] }
        }
    }

    /// One worker's scratch space: dense arrays reused from one document to
    /// the next, and cleared through the list of what was touched.
    final class Search {
        let rows: FlatVectors.Pointers
        let columns: FlatVectors.Pointers
        let k: Int
        let minSimilarity: Float
        let postingBudget: Int
        let rescored: Int
        let scores: UnsafeMutableBufferPointer<Float>
        let seen: UnsafeMutableBufferPointer<Bool>
        let query: UnsafeMutableBufferPointer<Float>
        var touched: [Int32] = []
        var order: [Int] = []

        init(rows: FlatVectors.Pointers, columns: FlatVectors.Pointers, k: Int, minSimilarity: Float,
             postingBudget: Int, rescored: Int) {
            self.rows = rows
            self.columns = columns
            self.k = k
            self.minSimilarity = minSimilarity
            self.postingBudget = postingBudget
            self.rescored = rescored
            scores = .allocate(capacity: rows.count)
            scores.initialize(repeating: 0)
            seen = .allocate(capacity: rows.count)
            seen.initialize(repeating: false)
            query = .allocate(capacity: max(1, columns.count))
            query.initialize(repeating: 0)
        }

        deinit {
            scores.deallocate()
            seen.deallocate()
            query.deallocate()
        }

        func neighbors(of d: Int) -> [Edge] {
            let terms = rows.row(d)
            guard !terms.isEmpty else { return [] }
            let weights = rows.values
            // Borrowed as locals: no exclusivity check per append.
            var touched: [Int32] = [], order: [Int] = []
            swap(&touched, &self.touched)
            swap(&order, &self.order)
            defer {
                swap(&touched, &self.touched)
                swap(&order, &self.order)
            }
            order.removeAll(keepingCapacity: true)
            order.append(contentsOf: terms)
            order.sort { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1 }
            var left = postingBudget
            var exact = true
            for i in order {
                let postings = columns.row(Int(rows.keys[i]))
                guard postings.count <= left else { exact = false; continue }
                left -= postings.count
                let w = weights[i]
                for p in postings {
                    let o = Int(columns.keys[p])
                    if !seen[o] { seen[o] = true; touched.append(Int32(o)) }
                    scores[o] += w * columns.values[p]
                }
            }
            var best = Best(capacity: exact ? k : rescored)
            for o in touched {
                let j = Int(o)
                if j != d, !exact || scores[j] >= minSimilarity { best.offer(j, scores[j]) }
                scores[j] = 0
                seen[j] = false
            }
            touched.removeAll(keepingCapacity: true)
            if exact { return best.items.map { Edge(to: $0.0, similarity: $0.1) } }

            // Partial scores chose the candidates; exact cosines rank them.
            for i in terms { query[Int(rows.keys[i])] = weights[i] }
            var final = Best(capacity: k)
            for (j, _) in best.items {
                var s: Float = 0
                for i in rows.row(j) { s += query[Int(rows.keys[i])] * weights[i] }
                if s >= minSimilarity { final.offer(j, s) }
            }
            for i in terms { query[Int(rows.keys[i])] = 0 }
            return final.items.map { Edge(to: $0.0, similarity: $0.1) }
        }
    }

    /// The `capacity` best (index, score) pairs offered, highest score first,
    /// ties to the lower index.
    struct Best {
        let capacity: Int
        var items: [(Int, Float)] = []

        init(capacity: Int) {
            self.capacity = capacity
            items.reserveCapacity(capacity + 1)
        }

        mutating func offer(_ j: Int, _ s: Float) {
            if items.count == capacity, let last = items.last, !Self.before((j, s), last) { return }
            var i = items.count
            while i > 0, Self.before((j, s), items[i - 1]) { i -= 1 }
            items.insert((j, s), at: i)
            if items.count > capacity { items.removeLast() }
        }

        static func before(_ a: (Int, Float), _ b: (Int, Float)) -> Bool {
            a.1 != b.1 ? a.1 > b.1 : a.0 < b.0
        }
    }
}
