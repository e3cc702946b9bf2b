import DocketModel
import Foundation

/// One group of tickets that share a problem, as a fresh analysis finds it
/// (before matching with earlier runs and applying people's edits).
public struct ClusterResult: Sendable, Equatable {
    /// Derived from the most central member's number ("c123"); stable ids
    /// across runs are assigned later, by `ClusterReconciler`.
    public var id: String
    /// Extractive title: the most central ticket's cleaned title.
    public var title: String
    /// Indexes into the analysed tickets, most central first.
    public var members: [Int]
    /// How close each member is to the cluster's centre (cosine), in `members` order.
    public var centrality: [Float]
    /// Indexes of tickets whose primary cluster is another one but which are
    /// nearly as close to this one's centre (see `Parameters.relatedThreshold`).
    public var related: [Int]
    /// The terms that weigh most in the cluster.
    public var keywords: [String]
}

/// Clusters tickets: text → weighted terms → TF-IDF vectors → nearest
/// neighbour graph (candidate pairs) → centroid-linkage agglomeration →
/// stragglers attached to established clusters → tickets moved to the
/// cluster their error signature belongs to (`SignatureHoming`).
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
        /// How much a word of a code or log block counts. Each distinct word
        /// counts once (`TicketText.logTokens`), so a long log weighs what a
        /// short one does; a log's words name the part that fails ("sync",
        /// "journal", "cursor") in any language the reporter writes, which is
        /// why they count like prose.
        public var logWeight: Float = 1
        /// A ticket is listed as related to a cluster other than its own when
        /// its cosine to that cluster's centre reaches this: the same bar at
        /// which it could have joined, had a closer cluster not claimed it.
        public var relatedThreshold: Float = 0.3
        /// At most this many related clusters per ticket.
        public var maxRelatedPerTicket = 2
        /// Terms kept in a cluster's centre.
        public var centroidTerms = 256
        /// Groups of at most this many tickets after linkage are stragglers:
        /// each member may join an established (larger) cluster instead
        /// (`StragglerAttachment`). 3 rather than 1: linkage leaves pairs and
        /// triples of one theme that share a detail (a quoted line, an error
        /// message) but lack the theme's other words.
        public var stragglerSize = 3
        /// Cosine of a straggler to an established cluster's normalised centre
        /// at which it joins. Half the merge threshold: one ticket against a
        /// centre of many is a noisy sample, not two groups being joined.
        /// Swept 0.12-0.25 on generated tickets; lower lets tickets that say
        /// nothing specific join whatever cluster shares a word with them.
        public var stragglerThreshold: Float = 0.15
        /// How many of the earlier tickets that no cluster holds an
        /// incremental analysis weighs with the new ones, the most recently
        /// updated first: their text is read again on every run, so this
        /// bounds its cost (about 30 µs a ticket) on a store where many
        /// tickets stand alone. A full analysis weighs them all.
        public var incrementalLoners = 5_000
        public init() {}
    }

    /// Everything a fresh analysis computed, for the callers that go on to
    /// summarise, persist or extend it.
    public struct Output: Sendable {
        public var model: TFIDFModel
        public var boilerplate: Boilerplate
        public var texts: [TicketText]
        public var vectors: [SparseVector]
        /// Clusters of at least two tickets, largest first (ties: lowest member).
        public var clusters: [ClusterResult]
        /// Each cluster's centre: the sum of its members' unit vectors,
        /// truncated to `Parameters.centroidTerms` terms (not normalised).
        public var centroids: [SparseVector]
    }

    /// Clusters of at least two tickets, largest first.
    public static func run(_ tickets: [Ticket], parameters p: Parameters = Parameters()) -> [ClusterResult] {
        analyze(tickets, parameters: p).clusters
    }

    /// The full analysis of `tickets`. Deterministic for the same input.
    /// - Complexity: near-linear in the number of tickets (see `Neighbors`).
    public static func analyze(_ tickets: [Ticket], parameters p: Parameters = Parameters()) -> Output {
        let boilerplate = Trace.measure("  boilerplate") { ClusterTerms.boilerplate(for: tickets) }
        var texts = Trace.measure("  text") { TicketText.analyze(tickets, boilerplate: boilerplate) }
        ClusterTerms.joinCompounds(&texts, known: ClusterTerms.sharedWords(texts))
        let spelling = ClusterTerms.commonestSpelling(texts)
        let docs = texts.map { ClusterTerms.terms($0, spelling: spelling, parameters: p) }
        let (model, vectors) = Trace.measure("  tfidf") { TFIDFModel.fit(docs) }
        let neighbors = Trace.measure("  neighbours") { Neighbors.topK(vectors, k: p.k, minSimilarity: p.edgeMinimum) }
        let linked = Trace.measure("  linkage") {
            CentroidLinkage.cluster(vectors, neighbors: neighbors, threshold: p.threshold, errorKinds: texts.map(\.errorKinds))
        }
        let groups = Trace.measure("  stragglers") {
            StragglerAttachment.attach(linked, vectors: vectors, neighbors: neighbors, smallSize: p.stragglerSize,
                                       bar: p.stragglerThreshold, maxTerms: p.centroidTerms, errorKinds: texts.map(\.errorKinds))
        }
        let homed = Trace.measure("  signatures") {
            SignatureHoming.attach(groups, signatures: texts.map(\.signatures), smallSize: p.stragglerSize)
        }
        return Trace.measure("  describe") {
            describe(tickets, model: model, boilerplate: boilerplate, texts: texts, vectors: vectors,
                     neighbors: neighbors, groups: homed.filter { $0.count >= 2 }, parameters: p)
        }
    }

    /// Ranks members, finds related tickets and keywords for `groups`.
    static func describe(_ tickets: [Ticket], model: TFIDFModel, boilerplate: Boilerplate, texts: [TicketText],
                         vectors: [SparseVector], neighbors: [[Neighbors.Edge]], groups: [[Int]],
                         parameters p: Parameters) -> Output {
        var primary = [Int](repeating: -1, count: tickets.count)
        var centroids: [SparseVector] = []
        var normalized: [SparseVector] = []
        for (c, g) in groups.enumerated() {
            for i in g { primary[i] = c }
            let sum = centroid(of: g.map { vectors[$0] }, keep: p.centroidTerms)
            centroids.append(sum)
            var unit = sum
            unit.normalize()
            normalized.append(unit)
        }
        // Related: a ticket's candidate clusters are those of its neighbours,
        // so this stays linear; each candidate is scored by centre cosine.
        var related = [[(Int, Float)]](repeating: [], count: groups.count)
        for i in tickets.indices where !vectors[i].isEmpty {
            var seen = Set<Int>()
            var hits: [(Int, Float)] = []
            for e in neighbors[i] {
                let c = primary[e.to]
                guard c >= 0, c != primary[i], seen.insert(c).inserted else { continue }
                let s = vectors[i].dot(normalized[c])
                if s >= p.relatedThreshold { hits.append((c, s)) }
            }
            hits.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            for (c, s) in hits.prefix(p.maxRelatedPerTicket) { related[c].append((i, s)) }
        }
        var out: [ClusterResult] = []
        for (c, g) in groups.enumerated() {
            let scored = g.map { ($0, vectors[$0].dot(normalized[c])) }
                .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            let lead = tickets[scored[0].0]
            let rel = related[c].sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
            out.append(ClusterResult(id: ClusterID.base(lead.key), title: TextSanitizer.singleLine(lead.title),
                                     members: scored.map(\.0), centrality: scored.map(\.1), related: rel,
                                     keywords: keywords(centroids[c], model: model)))
        }
        var order = Array(out.indices)
        order.sort { a, b in
            let x = out[a], y = out[b]
            return x.members.count != y.members.count ? x.members.count > y.members.count
                : (x.members.min() ?? 0) < (y.members.min() ?? 0)
        }
        return Output(model: model, boilerplate: boilerplate, texts: texts, vectors: vectors,
                      clusters: order.map { out[$0] }, centroids: order.map { centroids[$0] })
    }

    /// The sum of `vectors`, keeping the `keep` heaviest terms.
    public static func centroid(of vectors: [SparseVector], keep: Int) -> SparseVector {
        var weight: [Int32: Float] = [:]
        var hidden: Float = 0
        for v in vectors {
            for (j, id) in v.ids.enumerated() { weight[id, default: 0] += v.values[j] }
            hidden += v.hidden
        }
        var pairs = weight.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        if pairs.count > keep { pairs.removeLast(pairs.count - keep) }
        pairs.sort { $0.key < $1.key }
        return SparseVector(ids: pairs.map(\.key), values: pairs.map(\.value), hidden: hidden)
    }

    /// The six heaviest terms of a centre, as words a person reads:
    /// signatures without their `sig:` prefix, no repeats.
    static func keywords(_ centroid: SparseVector, model: TFIDFModel) -> [String] {
        let ranked = zip(centroid.ids, centroid.values).sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var out: [String] = []
        for (id, _) in ranked {
            var t = model.terms[Int(id)]
            if t.hasPrefix("sig:") { t.removeFirst(4) }
            if !out.contains(t) { out.append(t) }
            if out.count == 6 { break }
        }
        return out
    }
}

