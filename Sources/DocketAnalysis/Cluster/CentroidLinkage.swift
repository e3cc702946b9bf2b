import Dispatch
import Foundation

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
/// Two clusters of app-filled reports (at least half their members carry
/// `TicketText.errorKinds`) whose errors are of different kinds never merge:
/// such reports share a dialog's title and the machine's facts, and only
/// the error tells their problems apart.
///
/// Centroids keep their `maxTerms` heaviest terms, which bounds the cost of a
/// merge; the dropped tail barely moves a cosine. After a merge, the new
/// centroid's cosines to its neighbours are computed on all cores when there
/// are many of them (a large cluster has thousands); the result is the same.
/// - Complexity: O(E log E × maxTerms) for E graph edges.
public enum CentroidLinkage {
    public static func cluster(_ vectors: [SparseVector], neighbors: [[Neighbors.Edge]], threshold: Float,
                               maxTerms: Int = 256, errorKinds: [[String]] = []) -> [[Int]] {
        let n = vectors.count
        // Two clusters of app reports whose errors are of different kinds
        // never merge. A cluster is one of app reports when at least a quarter of its
        // members carry kinds; in a cluster of people's reports a pasted
        // dialog or two is told apart by words, not kinds.
        var kinds = [Set<String>](repeating: [], count: n)
        var carriers = [Int](repeating: 0, count: n)
        var size = [Int](repeating: 1, count: n)
        for (i, k) in errorKinds.enumerated() where i < n && !k.isEmpty { kinds[i] = Set(k); carriers[i] = 1 }
        func compatible(_ a: Int, _ b: Int) -> Bool {
            guard carriers[a] * 4 >= size[a], carriers[b] * 4 >= size[b], !kinds[a].isEmpty, !kinds[b].isEmpty else { return true }
            return !kinds[a].isDisjoint(with: kinds[b])
        }
        var centroid = vectors
        var norm = vectors.map { $0.squaredLength.squareRoot() }
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
        // One centroid at a time is spread into a dense array, against which
        // each neighbour's dot costs only its own terms. The products are the
        // same, added in the same (term) order, as `SparseVector.dot`.
        var terms = 0
        for v in vectors { if let last = v.ids.last { terms = max(terms, Int(last) + 1) } }
        var dense = [Float](repeating: 0, count: terms)
        func spread(_ a: Int) { for (i, t) in centroid[a].ids.enumerated() { dense[Int(t)] = centroid[a].values[i] } }
        func clear(_ a: Int) { for t in centroid[a].ids { dense[Int(t)] = 0 } }
        /// Cosine of `a`, which must be spread, and `b`.
        func similarity(_ a: Int, _ b: Int) -> Float {
            guard norm[a] > 0, norm[b] > 0 else { return 0 }
            var dot: Float = 0
            for (i, t) in centroid[b].ids.enumerated() { dot += dense[Int(t)] * centroid[b].values[i] }
            return dot / (norm[a] * norm[b])
        }
        for i in 0..<n {
            spread(i)
            for j in adjacent[i] where j > i {
                let s = similarity(i, j)
                if s >= threshold, compatible(i, j) { heap.push(.init(score: s, a: i, b: j, va: 0, vb: 0)) }
            }
            clear(i)
        }
        func current(_ c: Candidate) -> Bool {
            alive[c.a] && alive[c.b] && version[c.a] == c.va && version[c.b] == c.vb
        }
        // Every merge outdates the merged clusters' entries; once outdated
        // entries are the bulk of the heap, dropping them makes each pop
        // cheaper without changing which current entry comes out next.
        var compactAt = max(1 << 16, 2 * heap.count)
        var others: [Int] = []
        var scores: [Float] = []
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let parallelFrom = workers > 1 ? 512 : Int.max
        while let top = heap.pop() {
            guard top.score >= threshold else { break }
            let a = top.a, b = top.b
            guard current(top) else { continue }
            let (keep, gone) = adjacent[a].count >= adjacent[b].count ? (a, b) : (b, a)
            alive[gone] = false
            version[keep] += 1
            members[keep] += members[gone]
            if !kinds[gone].isEmpty { kinds[keep].formUnion(kinds[gone]); kinds[gone] = [] }
            carriers[keep] += carriers[gone]
            size[keep] += size[gone]
            members[gone] = []
            centroid[keep] = add(centroid[keep], centroid[gone], keep: maxTerms)
            centroid[gone] = SparseVector()
            norm[keep] = centroid[keep].squaredLength.squareRoot()
            adjacent[keep].remove(gone)
            for x in adjacent[gone] where x != keep {
                adjacent[keep].insert(x)
                adjacent[x].remove(gone)
                adjacent[x].insert(keep)
            }
            adjacent[gone] = []
            spread(keep)
            others.removeAll(keepingCapacity: true)
            for x in adjacent[keep] where alive[x] { others.append(x) }
            if others.count < parallelFrom {
                for x in others {
                    let s = similarity(keep, x)
                    if s >= threshold, compatible(keep, x) {
                        let (p, q) = keep < x ? (keep, x) : (x, keep)
                        heap.push(.init(score: s, a: p, b: q, va: version[p], vb: version[q]))
                    }
                }
            } else {
                // A large cluster's many neighbours, on all cores: the dots
                // are independent, and the heap orders what they push.
                if scores.count < others.count { scores = [Float](repeating: 0, count: others.count) }
                let count = others.count, chunks = workers
                let k = keep
                dense.withUnsafeBufferPointer { d in
                    others.withUnsafeBufferPointer { xs in
                        scores.withUnsafeMutableBufferPointer { out in
                            nonisolated(unsafe) let out = out
                            nonisolated(unsafe) let d = d, xs = xs
                            centroid.withUnsafeBufferPointer { cs in
                                norm.withUnsafeBufferPointer { ns in
                                    nonisolated(unsafe) let cs = cs, ns = ns
                                    DispatchQueue.concurrentPerform(iterations: chunks) { c in
                                        for j in stride(from: c, to: count, by: chunks) {
                                            let x = xs[j]
                                            guard ns[k] > 0, ns[x] > 0 else { out[j] = 0; continue }
                                            var dot: Float = 0
                                            let v = cs[x]
                                            for (i, t) in v.ids.enumerated() { dot += d[Int(t)] * v.values[i] }
                                            out[j] = dot / (ns[k] * ns[x])
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                for (j, x) in others.enumerated() where scores[j] >= threshold && compatible(keep, x) {
                    let (p, q) = keep < x ? (keep, x) : (x, keep)
                    heap.push(.init(score: scores[j], a: p, b: q, va: version[p], vb: version[q]))
                }
            }
            clear(keep)
            if heap.count >= compactAt {
                heap.keep(where: current)
                compactAt = max(1 << 16, 2 * heap.count)
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
        guard ids.count > keep else { return SparseVector(ids: ids, values: values, hidden: x.hidden + y.hidden) }
        let cutoff = values.sorted(by: >)[keep - 1]
        var outIds: [Int32] = [], outValues: [Float] = []
        for (k, v) in values.enumerated() where v >= cutoff && outIds.count < keep {
            outIds.append(ids[k]); outValues.append(v)
        }
        return SparseVector(ids: outIds, values: outValues, hidden: x.hidden + y.hidden)
    }

    /// 20 bytes rather than 40: the heap holds millions on a large corpus.
    struct Candidate {
        var score: Float
        private var pair: (Int32, Int32)
        private var versions: (Int32, Int32)
        var a: Int { Int(pair.0) }
        var b: Int { Int(pair.1) }
        var va: Int { Int(versions.0) }
        var vb: Int { Int(versions.1) }

        init(score: Float, a: Int, b: Int, va: Int, vb: Int) {
            self.score = score
            pair = (Int32(a), Int32(b))
            versions = (Int32(va), Int32(vb))
        }

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

        var count: Int { items.count }

        /// Drops the candidates `isIncluded` rejects and restores heap order.
        /// - Complexity: O(count).
        mutating func keep(where isIncluded: (Candidate) -> Bool) {
            items.removeAll { !isIncluded($0) }
            for i in stride(from: items.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
        }

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
                siftDown(0)
            }
            return first
        }

        private mutating func siftDown(_ start: Int) {
            var i = start
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
    }
}
