import DocketModel
import Foundation

/// `docket analyze`: computes clusters and reconciles them with the last
/// saved analysis and with people's edits.
///
/// Stability rules (what a triager can count on):
/// - A cluster keeps its id, its title and its summary for as long as it
///   exists; names people gave are kept apart, in `ClusterCuration`.
/// - A ticket stays in the cluster it was in. New tickets (and tickets no
///   cluster held) join the cluster that holds at least half of their fresh
///   group, or form new clusters. So clusters only appear or grow.
/// - People's moves, merges and splits are applied over every analysis and
///   steer it: a fresh group at least half of whose members stand in X
///   (a person's moves count) grows X.
///
/// Two modes. *Full* re-fits the term model on the whole corpus and
/// re-clusters everything (then reconciles as above). *Incremental* weighs
/// the new tickets with the saved model (which learns the words it lacks
/// that two of them share), places each in the closest cluster whose centre
/// it reaches at the straggler bar (one ticket against an established
/// centre, as `StragglerAttachment` does after linkage), and clusters the
/// rest among themselves and with the earlier tickets no cluster holds
/// (`Parameters.incrementalLoners` of them at most). Incremental runs are
/// used while the tickets analysed since the last full analysis are at most
/// a tenth of what it saw (`isIncremental`).
public enum ClusterAnalyzer {
    public enum Mode: Sendable, Equatable {
        case automatic
        case full
    }

    public struct Stats: Sendable, Equatable {
        public var full = false
        public var tickets = 0
        public var newTickets = 0
        public var clusters = 0
        public var createdClusters = 0
        public var grownClusters = 0
        public var clusteredTickets = 0
    }

    /// Terms of a centre kept in the saved snapshot.
    public static let savedCentroidTerms = 64

    public static func run(_ tickets: [Ticket], previous: ClusterSnapshot?, curation: ClusterCuration,
                           now: Date, mode: Mode = .automatic,
                           parameters: ClusterAnalysis.Parameters = .init()) -> (ClusterSnapshot, Stats) {
        if let prev = previous, mode == .automatic {
            let fresh = tickets.filter { !prev.analyzed.contains($0.key) }
            if isIncremental(fresh: fresh.count, previous: prev) {
                return incremental(tickets, newTickets: fresh, previous: prev, curation: curation, now: now, parameters: parameters)
            }
        }
        return full(tickets, previous: previous, curation: curation, now: now, parameters: parameters)
    }

    /// Whether an automatic analysis after `previous` would be incremental:
    /// the saved model is there and the tickets it was not fitted on (these
    /// new ones and those that incremental runs placed since the last full
    /// analysis) are at most a tenth of what that analysis saw. Counting
    /// only the new ones let a store grow tenfold, a batch at a time, on a
    /// model fitted on its first tenth (whose product words had not yet
    /// become too common to count). A small store is re-fitted often, which
    /// costs little: a full analysis of 2,000 tickets takes about 0.2 s.
    public static func isIncremental(_ tickets: [Ticket], previous: ClusterSnapshot) -> Bool {
        isIncremental(fresh: tickets.reduce(0) { $0 + (previous.analyzed.contains($1.key) ? 0 : 1) }, previous: previous)
    }

    /// The same, given how many tickets `previous` has not analysed.
    static func isIncremental(fresh: Int, previous: ClusterSnapshot) -> Bool {
        guard !previous.model.terms.isEmpty else { return false }
        let unfitted = max(0, previous.analyzed.count - previous.fullAnalysisSize) + fresh
        return unfitted <= previous.fullAnalysisSize / 10
    }

    // MARK: - Full

    static func full(_ tickets: [Ticket], previous: ClusterSnapshot?, curation: ClusterCuration, now: Date,
                     parameters p: ClusterAnalysis.Parameters) -> (ClusterSnapshot, Stats) {
        let out = ClusterAnalysis.analyze(tickets, parameters: p)
        let index = Dictionary(tickets.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        var stats = Stats()
        stats.full = true
        stats.tickets = tickets.count
        stats.newTickets = tickets.count - (previous?.analyzed.count ?? 0)

        // Where each ticket stood: the previous clusters with people's edits over them.
        var standing: [TicketKey: String] = [:]
        var previousByID: [String: Cluster] = [:]
        var usedIDs = Set(curation.created.keys).union(curation.mergedInto.keys)
        if let prev = previous {
            for c in prev.clusters { previousByID[c.id] = c; usedIDs.insert(c.id) }
            for c in curation.apply(to: prev.clusters) { for m in c.members { standing[m] = c.id } }
        }
        for (t, id) in curation.assignments { standing[t] = curation.resolve(id) }

        // Members per final id: previous members stay; the rest follow their fresh group.
        var members: [String: [TicketKey]] = [:]
        var order: [String] = []
        var titles: [String: String] = [:]
        var summaries: [String: String] = [:]
        var related: [String: [TicketKey]] = [:]
        for c in previous?.clusters ?? [] {
            members[c.id] = c.members
            order.append(c.id)
            titles[c.id] = c.title
            summaries[c.id] = c.summary
            related[c.id] = c.related
        }
        var grown = Set<String>()
        // What the fresh analysis finds related replaces what was related before.
        var freshRelated: [String: [TicketKey]] = [:]
        for f in out.clusters {
            let keys = f.members.map { tickets[$0].key }
            let joining = keys.filter { standing[$0] == nil }
            var votes: [String: Int] = [:]
            for k in keys { if let s = standing[k] { votes[s, default: 0] += 1 } }
            let best = votes.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })
            // A fresh group continues the cluster that holds at least half of
            // it. A group mostly of tickets no cluster held is a problem of
            // its own, though a few of its members stand elsewhere (they stay
            // there): letting it follow them is how a catch-all of vague
            // reports, re-fitted day by day, poured into whichever cluster
            // one of its members was in. One newcomer follows the vote.
            let target: String
            if let best, best.value * 2 >= keys.count || joining.count < 2 {
                target = best.key
            } else {
                target = uniqueID(best == nil ? f.id : ClusterID.base(joining[0]), used: &usedIDs)
                // Titled below from its members' titles (ClusterTitle), like every untitled cluster.
                stats.createdClusters += 1
            }
            if members[target] == nil {
                members[target] = []
                order.append(target)
                if titles[target] == nil, let name = curation.created[target] { titles[target] = name }
            }
            if !joining.isEmpty, previousByID[target] != nil { grown.insert(target) }
            members[target, default: []] += joining
            for k in joining { standing[k] = target }
            freshRelated[target, default: []] += f.related.map { tickets[$0].key }
        }
        stats.grownClusters = grown.count
        for (id, keys) in freshRelated { related[id] = keys }

        var clusters: [Cluster] = []
        for id in order {
            let keys = (members[id] ?? []).filter { index[$0] != nil }
            guard !keys.isEmpty else { continue }
            let idx = keys.compactMap { index[$0] }
            let centre = ClusterAnalysis.centroid(of: idx.map { out.vectors[$0] }, keep: p.centroidTerms)
            var unit = centre
            unit.normalize()
            let ranked = idx.map { ($0, out.vectors[$0].dot(unit)) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            let memberSet = Set(keys)
            let weights = termWeights(centre, model: out.model)
            var summary = summaries[id] ?? ""
            if summary.isEmpty {
                summary = ClusterSummarizer.summary(of: ranked.map { tickets[$0.0] }, weights: weights, boilerplate: out.boilerplate,
                                                    signatures: ranked.map { out.texts[$0.0].signatures })
            }
            clusters.append(Cluster(
                id: id, title: titles[id] ?? ClusterTitle.make(ranked.map { tickets[$0.0].title }), summary: summary,
                keywords: ClusterAnalysis.keywords(centre, model: out.model),
                members: ranked.map { tickets[$0.0].key }, centrality: ranked.map(\.1),
                related: (related[id] ?? []).filter { !memberSet.contains($0) },
                facets: facets(ranked.map { out.texts[$0.0] }), centroid: saved(centre, model: out.model)))
        }
        stats.clusters = clusters.count
        stats.clusteredTickets = clusters.reduce(0) { $0 + $1.members.count }
        let model = ClusterSnapshot.Model(terms: out.model.terms, documentFrequency: out.model.documentFrequency,
                                          documentCount: out.model.documentCount,
                                          boilerplate: out.boilerplate.lines.sorted(),
                                          fieldKeys: out.boilerplate.fieldKeys.sorted())
        let snapshot = ClusterSnapshot(analyzedAt: now, analyzed: Set(tickets.map(\.key)),
                                       fullAnalysisSize: tickets.count, clusters: clusters, model: model)
        return (snapshot, stats)
    }

    // MARK: - Incremental

    static func incremental(_ tickets: [Ticket], newTickets: [Ticket], previous: ClusterSnapshot,
                            curation: ClusterCuration, now: Date,
                            parameters p: ClusterAnalysis.Parameters) -> (ClusterSnapshot, Stats) {
        var stats = Stats()
        stats.tickets = tickets.count
        stats.newTickets = newTickets.count
        var snapshot = previous
        snapshot.analyzedAt = now
        guard !newTickets.isEmpty else {
            stats.clusters = previous.clusters.count
            stats.clusteredTickets = previous.clusters.reduce(0) { $0 + $1.members.count }
            return (snapshot, stats)
        }
        // The earlier tickets that no cluster holds (nor a person placed): a
        // new report can be the second of a problem that was alone until now.
        let loners = Trace.measure("    loners") {
            var clustered = Set<TicketKey>(minimumCapacity: previous.analyzed.count)
            for c in previous.clusters { for m in c.members { clustered.insert(m) } }
            var out: [Ticket] = []
            for t in tickets {
                let k = t.key
                if !clustered.contains(k) && previous.analyzed.contains(k) && curation.assignments[k] == nil { out.append(t) }
            }
            return out.sorted { $0.updatedAt != $1.updatedAt ? $0.updatedAt > $1.updatedAt : $0.key < $1.key }
                .prefix(p.incrementalLoners)
        }
        // Pool index i < newTickets.count is newTickets[i]; the rest are loners.
        let pool = newTickets + Array(loners)
        // Field keys are learned from the new tickets too, as words are: an
        // app that starts filing reports after the last full analysis.
        // (From the new tickets only: the loners were read when they were new.)
        let learnedKeys = Trace.measure("    field keys") {
            Boilerplate.learn(from: newTickets, minShare: 1, minCount: 5, fieldShare: 0).fieldKeys
        }
        let fieldKeys = learnedKeys.union(previous.model.fieldKeys)
        if fieldKeys.count > previous.model.fieldKeys.count { snapshot.model.fieldKeys = fieldKeys.sorted() }
        let boilerplate = Boilerplate(lines: previous.model.boilerplate, fieldKeys: fieldKeys)
        var texts = Trace.measure("    text") { TicketText.analyze(pool, boilerplate: boilerplate) }
        Trace.measure("    compounds") { ClusterTerms.joinCompounds(&texts, known: Set(previous.model.terms)) }
        let documents = Trace.measure("    terms") {
            let spelling = ClusterTerms.spelling(of: previous.model.terms, for: texts)
            return texts.map { ClusterTerms.terms($0, spelling: spelling, parameters: p) }
        }
        // Words the saved model does not know (a new error code, a new
        // feature's name) join it once two of these tickets use them, as a
        // full analysis would count them; they are saved with the model.
        var model = TFIDFModel(terms: previous.model.terms, documentFrequency: previous.model.documentFrequency,
                               documentCount: previous.model.documentCount)
        let learned = Trace.measure("    learn words") { model.learn(documents) }
        if !learned.isEmpty {
            snapshot.model.terms = model.terms
            snapshot.model.documentFrequency = model.documentFrequency
        }
        let vectors = Trace.measure("    vectors") { documents.map { model.vector($0) } }

        var lap = Trace.mark()
        // Centres of the saved clusters, and an inverted index over them.
        var centres: [SparseVector] = []
        var postings: [Int32: [(Int, Float)]] = [:]
        for (c, cluster) in previous.clusters.enumerated() {
            var v = vector(cluster.centroid, model: model)
            v.normalize()
            centres.append(v)
            for (j, id) in v.ids.enumerated() { postings[id, default: []].append((c, v.values[j])) }
        }
        // An app-filled report never joins a cluster whose app-filled reports
        // quote only errors of other kinds (`TicketText.errorKinds`). The
        // saved clusters do not keep their members' kinds, so a cluster's are
        // read again when a new report that has kinds is weighed against it.
        var clusterKinds: [Int: Set<String>] = [:]
        var byKey: [TicketKey: Ticket] = [:]
        func compatible(_ i: Int, _ c: Int) -> Bool {
            let mine = texts[i].errorKinds
            guard !mine.isEmpty else { return true }
            if clusterKinds[c] == nil {
                if byKey.isEmpty { for t in tickets { byKey[t.key] = t } }
                // Its most central members (saved in that order) tell: at most 64 are read.
                let members = previous.clusters[c].members.prefix(64).compactMap { byKey[$0] }
                let read = TicketText.analyze(members, boilerplate: boilerplate).map(\.errorKinds)
                // Only a cluster of app reports (a quarter of its members) is told apart by kinds.
                let carrying = read.filter { !$0.isEmpty }
                clusterKinds[c] = carrying.count * 4 >= max(1, read.count) ? Set(carrying.joined()) : []
            }
            let theirs = clusterKinds[c]!
            return theirs.isEmpty || !theirs.isDisjoint(with: mine)
        }
        // The floor holds for established clusters (more than
        // `stragglerSize` members), the ones a full analysis attaches
        // stragglers to. A smaller group is joined as linkage would join it,
        // at the merge threshold: its members are each other's whole centre,
        // so its own floor would shut out every newcomer.
        let floors = previous.clusters.map { c in
            c.members.count > p.stragglerSize ? max(p.stragglerThreshold, c.centrality.min() ?? p.stragglerThreshold)
                : p.threshold
        }
        var joined = [[Int]](repeating: [], count: previous.clusters.count)
        var relatedTo = [[Int]](repeating: [], count: previous.clusters.count)
        var unplaced: [Int] = []
        var scores: [Int: Float] = [:]
        for (i, v) in vectors.prefix(newTickets.count).enumerated() {
            scores.removeAll(keepingCapacity: true)
            for (j, id) in v.ids.enumerated() {
                for (c, w) in postings[id] ?? [] { scores[c, default: 0] += w * v.values[j] }
            }
            // As in a full analysis (`StragglerAttachment`): at the straggler
            // bar, and never below an established cluster's least typical member.
            let ranked = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            guard let best = ranked.first(where: { $0.value >= floors[$0.key] && compatible(i, $0.key) }) else {
                unplaced.append(i); continue
            }
            joined[best.key].append(i)
            for r in ranked.lazy.filter({ $0.key != best.key }).prefix(p.maxRelatedPerTicket) where r.value >= p.relatedThreshold {
                relatedTo[r.key].append(i)
            }
        }
        lap = Trace.lap("    place", since: lap)
        // Grow the clusters new tickets joined.
        for c in previous.clusters.indices where !joined[c].isEmpty || !relatedTo[c].isEmpty {
            var cluster = snapshot.clusters[c]
            if !joined[c].isEmpty {
                stats.grownClusters += 1
                var centre = vector(cluster.centroid, model: model)
                centre = ClusterAnalysis.centroid(of: [centre] + joined[c].map { vectors[$0] }, keep: p.centroidTerms)
                var unit = centre
                unit.normalize()
                var ranked = Array(zip(cluster.members, cluster.centrality))
                for i in joined[c] { ranked.append((newTickets[i].key, vectors[i].dot(unit))) }
                ranked.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                cluster.members = ranked.map(\.0)
                cluster.centrality = ranked.map(\.1)
                cluster.keywords = ClusterAnalysis.keywords(centre, model: model)
                cluster.centroid = saved(centre, model: model)
                cluster.facets = merge(cluster.facets, facets(joined[c].map { texts[$0] }))
            }
            let members = Set(cluster.members)
            for i in relatedTo[c] where !members.contains(newTickets[i].key) { cluster.related.append(newTickets[i].key) }
            snapshot.clusters[c] = cluster
        }
        lap = Trace.lap("    grow", since: lap)
        // The rest cluster among themselves and with the loners. A group
        // must hold a new ticket: the loners were already weighed together.
        let candidates = unplaced + Array(newTickets.count..<pool.count)
        if !unplaced.isEmpty && candidates.count >= 2 {
            let sub = candidates.map { vectors[$0] }
            let neighbors = Neighbors.topK(sub, k: p.k, minSimilarity: p.edgeMinimum)
            let groups = CentroidLinkage.cluster(sub, neighbors: neighbors, threshold: p.threshold,
                                                 errorKinds: candidates.map { texts[$0].errorKinds })
                .filter { $0.count >= 2 && $0.contains { candidates[$0] < newTickets.count } }
            var used = Set(previous.clusters.map(\.id)).union(curation.created.keys).union(curation.mergedInto.keys)
            for g in groups {
                let idx = g.map { candidates[$0] }
                let centre = ClusterAnalysis.centroid(of: idx.map { vectors[$0] }, keep: p.centroidTerms)
                var unit = centre
                unit.normalize()
                let ranked = idx.map { ($0, vectors[$0].dot(unit)) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                let lead = pool[ranked[0].0]
                let id = uniqueID(ClusterID.base(lead.key), used: &used)
                snapshot.clusters.append(Cluster(
                    id: id, title: ClusterTitle.make(ranked.map { pool[$0.0].title }),
                    summary: ClusterSummarizer.summary(of: ranked.map { pool[$0.0] },
                                                       weights: termWeights(centre, model: model), boilerplate: boilerplate,
                                                       signatures: ranked.map { texts[$0.0].signatures }),
                    keywords: ClusterAnalysis.keywords(centre, model: model),
                    members: ranked.map { pool[$0.0].key }, centrality: ranked.map(\.1),
                    facets: facets(ranked.map { texts[$0.0] }), centroid: saved(centre, model: model)))
                stats.createdClusters += 1
            }
        }
        Trace.lap("    new groups", since: lap)
        snapshot.analyzed.formUnion(newTickets.map(\.key))
        stats.clusters = snapshot.clusters.count
        stats.clusteredTickets = snapshot.clusters.reduce(0) { $0 + $1.members.count }
        return (snapshot, stats)
    }

    // MARK: - Helpers

    /// `base`, or `base-2`, `base-3`... whichever is not taken yet.
    static func uniqueID(_ base: String, used: inout Set<String>) -> String { ClusterID.unique(base, used: &used) }

    /// The heaviest terms of a centre, by name, heaviest first.
    static func saved(_ centre: SparseVector, model: TFIDFModel) -> [(String, Float)] {
        zip(centre.ids, centre.values).sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            .prefix(savedCentroidTerms).map { (model.terms[Int($0.0)], $0.1) }
    }

    /// A saved centre as a vector of `model` (terms it does not know are dropped).
    static func vector(_ terms: [(String, Float)], model: TFIDFModel) -> SparseVector {
        var pairs: [(Int32, Float)] = []
        for (t, w) in terms { if let id = model.vocabulary[t] { pairs.append((id, w)) } }
        pairs.sort { $0.0 < $1.0 }
        return SparseVector(ids: pairs.map(\.0), values: pairs.map(\.1))
    }

    static func termWeights(_ centre: SparseVector, model: TFIDFModel) -> [String: Float] {
        var out: [String: Float] = [:]
        for (j, id) in centre.ids.enumerated() { out[model.terms[Int(id)]] = centre.values[j] }
        return out
    }

    /// Platform and version counts, most frequent first, five of each at most.
    static func facets(_ texts: [TicketText]) -> [FacetCount] {
        var out: [FacetCount] = []
        for field in ["platform", "version"] {
            var counts: [String: Int] = [:]
            for t in texts { if let v = t.facets[field], !v.isEmpty { counts[TextSanitizer.singleLine(v), default: 0] += 1 } }
            out += counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(5).map { FacetCount(field: field, value: $0.key, count: $0.value) }
        }
        return out
    }

    static func merge(_ a: [FacetCount], _ b: [FacetCount]) -> [FacetCount] {
        var counts: [String: [String: Int]] = [:]
        for f in a + b { counts[f.field, default: [:]][f.value, default: 0] += f.count }
        var out: [FacetCount] = []
        for field in ["platform", "version"] {
            out += (counts[field] ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(5).map { FacetCount(field: field, value: $0.key, count: $0.value) }
        }
        return out
    }
}
