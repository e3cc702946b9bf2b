/// Groups documents by their neighbour graph.
///
/// Two tickets are linked when each is among the other's `k` nearest
/// neighbours and their similarity is at least `threshold` (mutual
/// neighbours resist the chaining that makes single linkage lump everything
/// together). Clusters are the connected components of those links. A
/// component larger than `maxSize`, more than a triager can read, is split
/// again with a threshold raised by `step`, until it fits.
public enum GraphClustering {
    public static func cluster(_ neighbors: [[Neighbors.Edge]], threshold: Float, maxSize: Int = 30,
                               step: Float = 0.05) -> [[Int]] {
        let n = neighbors.count
        var isNeighbor = [Set<Int>](repeating: [], count: n)
        for (i, edges) in neighbors.enumerated() { isNeighbor[i] = Set(edges.map(\.to)) }
        return split(Array(0..<n), neighbors: neighbors, isNeighbor: isNeighbor, threshold: threshold,
                     maxSize: maxSize, step: step)
    }

    private static func split(_ members: [Int], neighbors: [[Neighbors.Edge]], isNeighbor: [Set<Int>],
                              threshold: Float, maxSize: Int, step: Float) -> [[Int]] {
        let inSet = Set(members)
        var parent = Dictionary(uniqueKeysWithValues: members.map { ($0, $0) })
        func find(_ x: Int) -> Int {
            var r = x
            while let p = parent[r], p != r { r = p }
            var y = x
            while let p = parent[y], p != r { parent[y] = r; y = p }
            return r
        }
        for i in members {
            for e in neighbors[i] where e.similarity >= threshold && inSet.contains(e.to) && isNeighbor[e.to].contains(i) {
                let a = find(i), b = find(e.to)
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var groups: [Int: [Int]] = [:]
        for i in members { groups[find(i), default: []].append(i) }
        var out: [[Int]] = []
        for g in groups.values.sorted(by: { $0[0] < $1[0] }) {
            if g.count > maxSize, threshold + step <= 1 {
                out += split(g, neighbors: neighbors, isNeighbor: isNeighbor, threshold: threshold + step,
                             maxSize: maxSize, step: step)
            } else {
                out.append(g.sorted())
            }
        }
        return out
    }
}
