import Dispatch
import DocketModel

/// A theme proposed for an untagged ticket, with the tagged tickets that
/// made the case for it.
public struct ThemeSuggestion: Sendable, Equatable {
    public var ticket: TicketKey
    public var theme: String
    /// 0...1; see `ThemeSuggester` for how it is computed.
    public var confidence: Double
    /// The nearest tagged tickets carrying `theme`, most similar first.
    public var because: [TicketKey]

    public init(ticket: TicketKey, theme: String, confidence: Double, because: [TicketKey]) {
        self.ticket = ticket
        self.theme = theme
        self.confidence = confidence
        self.because = because
    }
}

/// Suggests themes for untagged tickets from the tickets people tagged, by
/// nearest neighbours over the clustering's TF-IDF vectors.
///
/// For an untagged ticket, take its `k` most similar tagged tickets (cosine,
/// at least `minSimilarity`). Each votes for each of its themes with its
/// similarity. A theme's confidence is its share of the votes times the
/// similarity of its nearest voter:
///
///     confidence(θ) = (Σ sim of neighbours tagged θ / Σ sim of all k neighbours) × max sim of neighbours tagged θ
///
/// The share says whether the neighbourhood agrees; the similarity says
/// whether the neighbourhood is close at all (a unanimous vote of distant
/// tickets is weak). Both are in 0...1, so the product is too. Each ticket
/// gets its best theme only.
///
/// Only the tagged tickets are indexed (an inverted index from term to the
/// tagged tickets holding it), so each untagged ticket costs its terms times
/// the few tagged tickets sharing each term; there is no all-pairs pass.
public enum ThemeSuggester {
    public struct Parameters: Sendable {
        /// Tagged neighbours that vote.
        public var k = 7
        /// Less similar tagged tickets do not vote.
        public var minSimilarity: Float = 0.05
        /// How many tagged tickets a suggestion cites.
        public var evidence = 3
        public init() {}
    }

    /// Suggestions for the untagged tickets, most confident first (ties:
    /// ticket key), at most `limit`. Empty when nothing is tagged.
    /// - Complexity: O(total text) to vectorise (`documents` can be passed
    ///   in when the caller has them), then O(untagged × terms × tagged
    ///   sharing a term), on both cores.
    public static func suggest(tickets: [Ticket], annotations: [TicketKey: TicketAnnotation], limit: Int? = nil,
                               parameters p: Parameters = Parameters(),
                               documents: [[(String, Float)]]? = nil) -> [ThemeSuggestion] {
        let isTagged = tickets.map { annotations[$0.key].map { !$0.themes.isEmpty } ?? false }
        let tagged = isTagged.indices.filter { isTagged[$0] }
        let untagged = isTagged.indices.filter { !isTagged[$0] }
        guard !tagged.isEmpty, !untagged.isEmpty else { return [] }
        let docs = documents ?? Trace.measure("ticket terms") { ClusterTerms.documents(for: tickets) }
        let (_, vectors) = Trace.measure("tf-idf") { TFIDFModel.fit(docs) }
        let postings = index(tagged.map { vectors[$0] })
        let themesOf = tagged.map { annotations[tickets[$0].key]?.themes ?? [] }

        let chunk = 512
        let chunks = (untagged.count + chunk - 1) / chunk
        var results = [ThemeSuggestion?](repeating: nil, count: untagged.count)
        Trace.measure("nearest tagged") { results.withUnsafeMutableBufferPointer { buffer in
            // Each chunk writes only its own disjoint range of slots.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var scores = [Float](repeating: 0, count: tagged.count)
                var touched: [Int32] = []
                for u in (c * chunk)..<min(untagged.count, (c + 1) * chunk) {
                    let v = vectors[untagged[u]]
                    for (j, t) in v.ids.enumerated() {
                        guard let list = postings[t] else { continue }
                        for (slot, w) in list {
                            if scores[Int(slot)] == 0 { touched.append(slot) }
                            scores[Int(slot)] += v.values[j] * w
                        }
                    }
                    var near: [(slot: Int, sim: Float)] = []
                    for s in touched {
                        if scores[Int(s)] >= p.minSimilarity { near.append((Int(s), scores[Int(s)])) }
                        scores[Int(s)] = 0
                    }
                    touched.removeAll(keepingCapacity: true)
                    slots[u] = vote(near, ticket: tickets[untagged[u]].key, themesOf: themesOf,
                                    keys: { tickets[tagged[$0]].key }, p)
                }
            }
        } }
        var out = results.compactMap { $0 }
        out.sort { $0.confidence != $1.confidence ? $0.confidence > $1.confidence : $0.ticket < $1.ticket }
        if let l = limit { out = Array(out.prefix(max(0, l))) }
        return out
    }

    /// Term id -> (position in `vectors`, weight): the inverted index of the
    /// tagged tickets.
    static func index(_ vectors: [SparseVector]) -> [Int32: [(Int32, Float)]] {
        var postings: [Int32: [(Int32, Float)]] = [:]
        for (slot, v) in vectors.enumerated() {
            for (j, t) in v.ids.enumerated() { postings[t, default: []].append((Int32(slot), v.values[j])) }
        }
        return postings
    }

    /// The best theme among the `k` nearest of `near`, or nil when none is near.
    static func vote(_ near: [(slot: Int, sim: Float)], ticket: TicketKey, themesOf: [[String]],
                     keys: (Int) -> TicketKey, _ p: Parameters) -> ThemeSuggestion? {
        guard !near.isEmpty else { return nil }
        let top = near.sorted { $0.sim != $1.sim ? $0.sim > $1.sim : keys($0.slot) < keys($1.slot) }.prefix(p.k)
        let total = top.reduce(Float(0)) { $0 + $1.sim }
        var votes: [String: (sum: Float, best: Float, voters: [Int])] = [:]
        for n in top {
            for theme in themesOf[n.slot] {
                var e = votes[theme] ?? (0, 0, [])
                e.sum += n.sim
                e.best = max(e.best, n.sim)
                e.voters.append(n.slot)
                votes[theme] = e
            }
        }
        func confidence(_ e: (sum: Float, best: Float, voters: [Int])) -> Double {
            total > 0 ? min(1, Double(e.sum / total) * Double(min(1, e.best))) : 0
        }
        // Highest confidence; ties go to the larger vote, then the name.
        guard let (theme, e) = votes.max(by: { a, b in
            let ca = confidence(a.value), cb = confidence(b.value)
            if ca != cb { return ca < cb }
            if a.value.sum != b.value.sum { return a.value.sum < b.value.sum }
            return a.key > b.key
        }) else { return nil }
        return ThemeSuggestion(ticket: ticket, theme: theme, confidence: confidence(e),
                               because: e.voters.prefix(p.evidence).map(keys))
    }
}
