
/// Places tickets that centroid linkage left alone or in a tiny group.
///
/// Linkage merges two groups when their summed centres reach the merge
/// threshold. A single ticket is a noisy sample of its topic: it says two or
/// three things about the problem where a centre of fifty members says all of
/// them, so its cosine to the centre of the cluster it belongs to stays below
/// what two groups of that topic reach with each other. Such a ticket joins
/// the established cluster whose centre it is closest to, at a lower bar than
/// the merge threshold, because it is compared with a centre, never used to
/// bring two groups together.
///
/// Nor lower than the cluster's own weakest member: a straggler joins only
/// when it is at least as close to the centre as every ticket linkage put
/// there, so it never becomes the cluster's least typical member. Without
/// this floor, a small cluster of one component ("the editor plugin")
/// drew in every vague report that named the component: 24 unlike tickets
/// on the real data. A large cluster of one theme has weak members of its
/// own, so the floor barely moves its bar (generated tickets: F1 0.907 ->
/// 0.904).
///
/// Candidates are the clusters of the graph neighbours of the ticket's group
/// (its own neighbours may all be in that group). Centres are taken before any
/// ticket moves, so the result does not depend on the order of the tickets.
/// - Complexity: O(S × k × C × maxTerms) for S tickets in small groups, C
///   candidate clusters each, plus the centres of the established clusters.
public enum StragglerAttachment {
    /// `groups` (a partition of the indexes of `vectors`) after moving each
    /// ticket of a group of at most `smallSize` members to the group of more
    /// than `smallSize` members whose normalised centre has the highest cosine
    /// with it, when that cosine reaches `bar` (ties: the lower group index).
    /// Tickets with empty vectors stay. Output sorted like
    /// `CentroidLinkage.cluster`: members ascending, groups by first member.
    public static func attach(_ groups: [[Int]], vectors: [SparseVector], neighbors: [[Neighbors.Edge]],
                              smallSize: Int, bar: Float, maxTerms: Int = 256, errorKinds: [[String]] = []) -> [[Int]] {
        var owner = [Int](repeating: -1, count: vectors.count)
        for (g, members) in groups.enumerated() { for i in members { owner[i] = g } }
        // A ticket that quotes an error never joins a cluster that quotes only errors of other kinds.
        // (Only a cluster of app reports, a quarter of its members carrying kinds, as in `CentroidLinkage`.)
        var kinds = [Set<String>](repeating: [], count: groups.count)
        if !errorKinds.isEmpty {
            for (g, members) in groups.enumerated() {
                let carrying = members.filter { $0 < errorKinds.count && !errorKinds[$0].isEmpty }
                guard carrying.count * 4 >= members.count else { continue }
                for i in carrying { kinds[g].formUnion(errorKinds[i]) }
            }
        }
        func compatible(_ i: Int, _ c: Int) -> Bool {
            guard i < errorKinds.count, !errorKinds[i].isEmpty, !kinds[c].isEmpty else { return true }
            return !kinds[c].isDisjoint(with: errorKinds[i])
        }
        var centre = [SparseVector?](repeating: nil, count: groups.count)
        var floor = [Float](repeating: bar, count: groups.count)
        for (g, members) in groups.enumerated() where members.count > smallSize {
            var c = ClusterAnalysis.centroid(of: members.map { vectors[$0] }, keep: maxTerms)
            c.normalize()
            centre[g] = c
            // Never the cluster's least typical member: a ticket that says
            // only what every vague report says is less like the centre
            // than any ticket linkage put there, and stays alone.
            floor[g] = max(bar, members.map { vectors[$0].dot(c) }.min() ?? bar)
        }
        var out = groups
        for (g, members) in groups.enumerated() where members.count <= smallSize {
            var candidates = Set<Int>()
            for i in members {
                for e in neighbors[i] where owner[e.to] >= 0 && centre[owner[e.to]] != nil {
                    candidates.insert(owner[e.to])
                }
            }
            let ordered = candidates.sorted()
            var moved = Set<Int>()
            for i in members where !vectors[i].isEmpty {
                var best = -1
                var bestScore = bar
                for c in ordered {
                    guard let u = centre[c], compatible(i, c) else { continue }
                    let s = vectors[i].dot(u)
                    guard s >= floor[c] else { continue }
                    if s > bestScore || (best < 0 && s >= bestScore) { best = c; bestScore = s }
                }
                if best >= 0 {
                    out[best].append(i)
                    moved.insert(i)
                }
            }
            out[g].removeAll { moved.contains($0) }
        }
        var result = out.filter { !$0.isEmpty }.map { $0.sorted() }
        result.sort { $0[0] < $1[0] }
        return result
    }
}
