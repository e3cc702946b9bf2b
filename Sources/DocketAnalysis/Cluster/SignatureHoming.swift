
/// Moves tickets to the cluster where their error signature lives.
///
/// A signature (an exception name, a module, an error code) that most of its
/// tickets share in one cluster is that cluster's: four out of five tickets
/// that carry it were put there on their words alone. A ticket elsewhere
/// that carries it, and no signature of its own cluster, is most likely the
/// same problem told in other words: a terse report, or one written in
/// another language, which shares no prose with the cluster but quotes the
/// same error. Word overlap cannot place such tickets; the signature can.
///
/// Only towards larger clusters: a ticket never leaves a cluster for a
/// smaller one. A whole group moves when every member that carries a homed
/// signature points to the same cluster, at least two and at least a quarter
/// of its members do (`groupShare`), and none of the group's signatures
/// lives in the group itself (a group of one language and one problem, two
/// of whose members quote the problem's error).
/// Homes are found before anything moves, so the result does not depend on
/// the order of the groups.
/// - Complexity: O(total signatures + tickets).
public enum SignatureHoming {
    /// The share of a signature's tickets that one cluster must hold for the
    /// signature to be that cluster's.
    public static let homeShare = 0.8
    /// A signature needs at least this many tickets in its home cluster.
    public static let minimumCarriers = 3
    /// A whole group moves only when at least one in this many of its
    /// members quotes the other cluster's error. Without it, a large cluster
    /// of another problem, a few of whose members quote that error in
    /// passing, was moved whole (two themes ran together at 10,000 generated
    /// tickets). A quarter: in a small group of one problem written in one
    /// language, two of seven members quoting the error is typical.
    public static let groupShare = 4

    /// `groups` (a partition of ticket indexes; tickets in no group are
    /// singletons) after the moves. `signatures[i]` lists ticket i's
    /// signatures. Groups of at most `smallSize` members cannot be homes.
    /// Output sorted like `CentroidLinkage.cluster`.
    public static func attach(_ groups: [[Int]], signatures: [[String]], smallSize: Int) -> [[Int]] {
        var owner = [Int](repeating: -1, count: signatures.count)
        for (g, members) in groups.enumerated() { for i in members { owner[i] = g } }
        // Carriers per signature and per (signature, group).
        var total: [String: Int] = [:]
        var inGroup: [String: [Int: Int]] = [:]
        for (i, sigs) in signatures.enumerated() {
            for s in sigs {
                total[s, default: 0] += 1
                if owner[i] >= 0 { inGroup[s, default: [:]][owner[i], default: 0] += 1 }
            }
        }
        var home: [String: Int] = [:]
        for (s, counts) in inGroup {
            guard let best = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) else { continue }
            let n = total[s] ?? 0
            if best.value >= minimumCarriers, Double(best.value) >= homeShare * Double(n),
               groups[best.key].count > smallSize {
                home[s] = best.key
            }
        }
        guard !home.isEmpty else { return groups }
        func size(_ g: Int) -> Int { g >= 0 ? groups[g].count : 1 }
        /// The one cluster other than `g` that ticket `i`'s signatures point
        /// to, nil when none or several do, or when one points to `g` itself.
        func target(_ i: Int, _ g: Int) -> Int? {
            var found: Int?
            for s in signatures[i] {
                guard let h = home[s] else { continue }
                if h == g { return nil }
                if let f = found, f != h { return nil }
                found = h
            }
            return found
        }
        var out = groups
        var moved = Set<Int>()
        func move(_ i: Int, to h: Int) {
            out[h].append(i)
            moved.insert(i)
        }
        // Tickets in no group.
        for i in signatures.indices where owner[i] < 0 {
            if let h = target(i, -1) { out[h].append(i) }
        }
        for (g, members) in groups.enumerated() {
            var votes: [Int: Int] = [:]
            var homedHere = false
            for i in members {
                for s in signatures[i] where home[s] == g { homedHere = true }
                if let h = target(i, g) { votes[h, default: 0] += 1 }
            }
            if !homedHere, votes.count == 1, let (h, v) = votes.first, v >= 2, v * groupShare >= members.count, size(h) > members.count {
                for i in members { move(i, to: h) }
                continue
            }
            for i in members {
                if let h = target(i, g), size(h) > members.count { move(i, to: h) }
            }
        }
        for g in out.indices where !out[g].isEmpty { out[g].removeAll { moved.contains($0) && owner[$0] == g } }
        var result = out.filter { !$0.isEmpty }.map { $0.sorted() }
        result.sort { $0[0] < $1[0] }
        return result
    }
}
