/// Agglomerative clustering by centroid similarity, over the candidate pairs
/// of a neighbour graph.
///
/// Each cluster is represented by the sum of its members' unit vectors. The
/// pair of graph-adjacent clusters whose centroids have the highest cosine is
/// merged, until no adjacent pair reaches `threshold`. A merged cluster keeps
/// a topic's centre, so a theme of 150 tickets can form without chaining
/// through unrelated neighbours, and without the penalty that average linkage
/// over a sparse graph puts on large clusters.
///
/// Centroids keep their `maxTerms` heaviest terms, which bounds the cost of a
/// merge; the dropped tail barely moves a cosine.
/// - Complexity: O(E log E × maxTerms) for E graph edges.
public enum CentroidLinkage {
    public static func cluster(_ vectors: [SparseVector], neighbors: [[Neighbors.Edge]], threshold: Float,
                               maxTerms: Int = 256) -> [[Int]] {
        let n = vectors.count
        var centroid = vectors
        var norm = vectors.map { v in v.values.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot() }
        var adjacent = [Set<Int>](repeating: [], count: n)
        for (i, edges) in neighbors.enumerated() {
            for e in edges where e.to != i {
                adjacent[i].insert(e.to)
                adjacent[e.to].insert(i)
            }
        }
        var alive = [Bool](repeating: true, count: n)
        var version = [Int](repeating: 0, count: n)
        var members: [[Int]] = (0..<n).map { [$0] }
        var heap = Heap()
        func similarity(_ a: Int, _ b: Int) -> Float {
            guard norm[a] > 0, norm[b] > 0 else { return 0 }
            return centroid[a].dot(centroid[b]) / (norm[a] * norm[b])
        }
        for i in 0..<n {
            for j in adjacent[i] where j > i {
                let s = similarity(i, j)
                if s >= threshold { heap.push(.init(score: s, a: i, b: j, va: 0, vb: 0)) }
            }
        }
        while let top = heap.pop() {
            guard top.score >= threshold else { break }
            let a = top.a, b = top.b
            guard alive[a], alive[b], version[a] == top.va, version[b] == top.vb else { continue }
            let (keep, gone) = adjacent[a].count >= adjacent[b].count ? (a, b) : (b, a)
            alive[gone] = false
            version[keep] += 1
            members[keep] += members[gone]
            members[gone] = []
            centroid[keep] = add(centroid[keep], centroid[gone], keep: maxTerms)
            centroid[gone] = SparseVector()
            norm[keep] = centroid[keep].values.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
            adjacent[keep].remove(gone)
            for x in adjacent[gone] where x != keep {
                adjacent[keep].insert(x)
                adjacent[x].remove(gone)
                adjacent[x].insert(keep)
            }
            adjacent[gone] = []
            for x in adjacent[keep] where alive[x] {
                let s = similarity(keep, x)
                if s >= threshold {
                    let (p, q) = keep < x ? (keep, x) : (x, keep)
                    heap.push(.init(score: s, a: p, b: q, va: version[p], vb: version[q]))
                }
            }
        }
        var out: [[Int]] = []
        for i in 0..<n where alive[i] { out.append(members[i].sorted()) }
        out.sort { $0[0] < $1[0] }
        return out
    }

    /// Sparse sum, truncated to the `keep` heaviest terms.
    static func add(_ x: SparseVector, _ y: SparseVector, keep: Int) -> SparseVector {
        var ids: [Int32] = []
        var values: [Float] = []
        ids.reserveCapacity(x.ids.count + y.ids.count)
        values.reserveCapacity(x.ids.count + y.ids.count)
        var i = 0, j = 0
        while i < x.ids.count || j < y.ids.count {
            if j >= y.ids.count || (i < x.ids.count && x.ids[i] < y.ids[j]) {
                ids.append(x.ids[i]); values.append(x.values[i]); i += 1
            } else if i >= x.ids.count || y.ids[j] < x.ids[i] {
                ids.append(y.ids[j]); values.append(y.values[j]); j += 1
            } else {
                ids.append(x.ids[i]); values.append(x.values[i] + y.values[j]); i += 1; j += 1
            }
        }
        guard ids.count > keep else { return SparseVector(ids: ids, values: values) }
        let cutoff = values.sorted(by: >)[keep - 1]
        var outIds: [Int32] = [], outValues: [Float] = []
        for (k, v) in values.enumerated() where v >= cutoff && outIds.count < keep {
            outIds.append(ids[k]); outValues.append(v)
        }
        return SparseVector(ids: outIds, values: outValues)
    }

    struct Candidate {
        var score: Float
        var a: Int
        var b: Int
        var va: Int
        var vb: Int

        /// Higher score first; ties broken by indexes so runs are deterministic.
        func before(_ o: Candidate) -> Bool {
            if score != o.score { return score > o.score }
            if a != o.a { return a < o.a }
            return b < o.b
        }
    }

    /// A binary max-heap of merge candidates.
    struct Heap {
        private var items: [Candidate] = []

        mutating func push(_ c: Candidate) {
            items.append(c)
            var i = items.count - 1
            while i > 0 {
                let p = (i - 1) / 2
                guard items[i].before(items[p]) else { break }
                items.swapAt(i, p)
                i = p
            }
        }

        mutating func pop() -> Candidate? {
            guard let first = items.first else { return nil }
            let last = items.removeLast()
            if !items.isEmpty {
                items[0] = last
                var i = 0
                while true {
                    let l = 2 * i + 1, r = l + 1
                    var best = i
                    if l < items.count, items[l].before(items[best]) { best = l }
                    if r < items.count, items[r].before(items[best]) { best = r }
                    if best == i { break }
                    items.swapAt(i, best)
                    i = best
                }
            }
            return first
        }
    }
}
