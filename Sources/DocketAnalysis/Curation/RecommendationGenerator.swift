import DocketModel
import Foundation

/// What the recommendation generator reads: groups of tickets (from
/// whatever clustering produced them; the generator does not depend on it),
/// the tickets, and the period with the one it is compared against.
public struct RecommendationInput: Sendable {
    public struct Cluster: Sendable, Equatable {
        public var id: String
        public var title: String
        /// Most telling first; `sig:`-prefixed ones are error signatures.
        public var keywords: [String]
        public var tickets: [TicketKey]

        public init(id: String, title: String, keywords: [String], tickets: [TicketKey]) {
            self.id = id
            self.title = title
            self.keywords = keywords
            self.tickets = tickets
        }
    }

    public var clusters: [Cluster]
    /// The tickets: those the clusters name, and every other ticket the
    /// per-ticket recommendations (replies, questions, closes, new errors) may cite.
    public var tickets: [Ticket]
    public var period: Period
    /// What "rising" and "falling" compare with; nil (all time) says neither.
    public var previous: Period?
    /// Logins whose comments are the team's, besides GitHub's OWNER, MEMBER
    /// and COLLABORATOR associations.
    public var staff: Set<String>

    public init(clusters: [Cluster], tickets: [Ticket], period: Period, previous: Period?? = nil, staff: Set<String> = []) {
        self.clusters = clusters
        self.tickets = tickets
        self.period = period
        self.previous = previous ?? (period.isAll ? nil : period.previous)
        self.staff = staff
    }
}

/// Turns a period's clusters and tickets into at most `maximum` concrete
/// recommendations, each resting on a `RecommendationClaim` that names the
/// tickets and counts behind it; the words are rendered from the claim
/// alone. Nothing specific to act on means no recommendation: fewer lines
/// rather than filler.
///
/// Per problem (one cluster, or clusters titled nearly alike), with two or
/// more tickets in the period, the first action that applies:
/// - tickets reopened after being closed (two or more, a tenth or more) -> recheck the fix;
/// - three or more open and more tickets than the previous period -> fix it
///   first (only the most pressing one; the others are fixed "next");
/// - most closed, and closed within `quickCloseDays` -> write the FAQ entry
///   from the answer that closed them (unless a workaround is published instead);
/// - two or more open, not falling -> find the cause;
/// - falling with some still open -> confirm the fix and close them.
///
/// Besides, per problem: publish the workaround a team member gave in its
/// threads; check for a regression when it is reported on versions newer
/// than its closed earlier reports, or only from one version on.
///
/// And per period, over every ticket active in it: answer the open tickets
/// nobody but the reporter wrote in (only where the whole thread was
/// imported); ask new open reports for what they leave out (version,
/// operating system, steps, logs, the error's text); close tickets the team
/// said are fixed, or marked duplicates; watch error signatures no earlier
/// ticket quotes.
///
/// The strongest `maximum` are kept, by how many tickets they concern.
public enum RecommendationGenerator {
    public static let maximum = 7
    /// Under this many, lists about several tickets are written a line per ticket.
    public static let minimum = 3
    /// Closed within this many days of being opened counts as "closed quickly".
    public static let quickCloseDays = 3.0

    /// One recommendation with the claim its words come from.
    struct Planned: Sendable, Equatable {
        var claim: RecommendationClaim
        var recommendation: Recommendation
        var score: Int
    }

    /// - Complexity: O(tickets + clustered tickets + clusters log clusters),
    ///   plus the text of the tickets of the period and, for new errors, a
    ///   search of the earlier tickets' text for a few signatures.
    public static func generate(_ input: RecommendationInput) -> [Recommendation] {
        plan(input).map(\.recommendation)
    }

    static func plan(_ input: RecommendationInput) -> [Planned] {
        var byKey: [TicketKey: Ticket] = [:]
        var all: [Ticket] = []
        for t in input.tickets where byKey[t.key] == nil {
            byKey[t.key] = t
            all.append(t)
        }
        let p = input.period
        var candidates: [Planned] = []

        // Problems: clusters with tickets in the period, best first; a cluster
        // titled like a chosen one joins it.
        var seenIDs = Set<String>()
        var scored: [(cluster: RecommendationInput.Cluster, facts: Facts)] = []
        for c in input.clusters where seenIDs.insert(c.id).inserted {
            let f = Facts(c.tickets.compactMap { byKey[$0] }, input)
            if f.count > 0 { scored.append((c, f)) }
        }
        scored.sort { $0.facts.score != $1.facts.score ? $0.facts.score > $1.facts.score : $0.cluster.id < $1.cluster.id }
        var groups: [[RecommendationInput.Cluster]] = []
        var groupTitles: [Set<String>] = []
        for (c, _) in scored {
            let words = titleWords(c.title)
            if let g = groupTitles.firstIndex(where: { nearlySame($0, words) }) {
                groups[g].append(c)
            } else {
                groups.append([c])
                groupTitles.append(words)
            }
        }
        var acted = Set<TicketKey>()  // members of problems with an action of their own
        for group in groups {
            guard let lead = group.first else { continue }
            let members = uniqueKeys(group.flatMap(\.tickets)).compactMap { byKey[$0] }
            let facts = Facts(members, input)
            let ids = group.map(\.id)
            let subject = RecommendationText.shortTitle(lead.title)
            let workaround = workaroundClaim(members, ids: ids, subject: subject, input)
            var hasAction = false
            if var action = facts.action {
                if action == .documentFix, workaround != nil { action = .findCause }
                if action != .findCause || facts.open.count >= 2 {
                    let claim = clusterClaim(action, facts, group: group, subject: subject, input)
                    candidates.append(planned(.cluster(claim), score: facts.score, clusters: ids, tickets: claim.tickets))
                    acted.formUnion(claim.tickets)
                    hasAction = true
                }
            }
            // New reports of a problem older than the period, when the problem has no action of its own.
            if !hasAction, let k = knownClaim(members, ids: ids, subject: subject, input) {
                candidates.append(planned(.known(k), score: 2 * k.newReports.count + 1, clusters: ids, tickets: cited(.known(k))))
                acted.formUnion(k.newReports)
            }
            if let w = workaround {
                candidates.append(planned(.workaround(w), score: 3 * w.threads.count + 2 * w.withoutIt.count + w.current.count,
                                          clusters: ids, tickets: cited(.workaround(w))))
            }
            if let r = regressionClaim(members, ids: ids, subject: subject, input) {
                candidates.append(planned(.regression(r), score: 3 * r.reports.count + 4, clusters: ids, tickets: cited(.regression(r))))
            }
        }

        // Single tickets of the period.
        var clusterOf: [TicketKey: String] = [:]
        for c in input.clusters where !c.id.isEmpty { for k in c.tickets where clusterOf[k] == nil { clusterOf[k] = c.id } }
        func clusters(_ keys: [TicketKey]) -> [String] {
            var out: [String] = []
            for k in keys { if let c = clusterOf[k], !out.contains(c) { out.append(c) } }
            return out
        }
        let inPeriod = all.filter { $0.createdAt < p.end && Ranking.isActive($0, in: p) }.sorted { $0.key < $1.key }
        let reply = replyClaim(inPeriod, input)
        if let r = reply {
            candidates.append(planned(.reply(r), score: 2 * r.tickets.count + 2, clusters: clusters(r.tickets), tickets: r.tickets))
        }
        /// A candidate citing what its claim names.
        func add(_ claim: RecommendationClaim, score: Int) {
            let keys = cited(claim)
            candidates.append(planned(claim, score: score, clusters: clusters(keys), tickets: keys))
        }
        let closes = closeItems(inPeriod, byKey: byKey, input)
        if !closes.isEmpty { add(.close(closes), score: 2 * closes.count + 2) }
        if !p.isAll {
            let follow = followUpItems(inPeriod, except: Set((reply?.tickets ?? []) + closes.map(\.ticket)), input)
            // A reporter waiting for weeks comes before a new report's triage.
            if !follow.isEmpty { add(.followUp(follow), score: 2 * follow.count + 2) }
            let asks = askItems(inPeriod, input)
            if !asks.isEmpty { add(.ask(asks), score: 2 * asks.count + 1) }
            let complete = reproduceItems(inPeriod, except: acted, input)
            if !complete.isEmpty { add(.reproduce(complete), score: complete.count + 1) }
            let updates = afterUpdateItems(inPeriod, input)
            if !updates.isEmpty { add(.afterUpdate(updates), score: 3 * updates.count + 1) }
            let urgent = escalateItems(inPeriod, input)
            if !urgent.isEmpty { add(.escalate(urgent), score: 4 * urgent.count + 4) }
            let repeated = repeatItems(all, inPeriod, except: Set(closes.map(\.ticket)), input)
            if !repeated.isEmpty { add(.repeats(repeated), score: 2 * repeated.count + 1) }
            let asked = requestItems(inPeriod, input)
            if !asked.isEmpty { add(.requests(asked), score: asked.count + 1) }
            let errors = newErrors(all, inPeriod, input)
            if let top = errors.first {
                let keys = cited(.newErrors(errors))
                add(.newErrors(errors), score: 3 * top.tickets.count + keys.count - top.tickets.count + 2)
            }
        }
        return choose(candidates, clusters: clusters)
    }

    /// The strongest `maximum`, at most one "first" (at the top), no title or text twice.
    static func choose(_ candidates: [Planned], clusters: ([TicketKey]) -> [String]) -> [Planned] {
        var sorted = candidates.enumerated().sorted { a, b in
            a.element.score != b.element.score ? a.element.score > b.element.score : a.offset < b.offset
        }.map(\.element)
        var firstTaken = false
        for i in sorted.indices {
            guard case var .cluster(c) = sorted[i].claim, c.action == .fixFirst else { continue }
            if firstTaken {
                c.action = .fixNext
                sorted[i] = planned(.cluster(c), score: sorted[i].score, clusters: c.clusterIDs, tickets: c.tickets)
            }
            firstTaken = true
        }
        var out: [Planned] = []
        var titles = Set<String>(), texts = Set<String>(), ids = Set<String>()
        for var r in sorted where out.count < maximum {
            if titles.contains(r.recommendation.title), case let .cluster(c) = r.claim, let n = c.tickets.first?.number {
                r.recommendation.title += " (#\(n))"
            }
            guard ids.insert(r.recommendation.id).inserted, texts.insert(r.recommendation.text).inserted,
                  titles.insert(r.recommendation.title).inserted else { continue }
            out.append(r)
        }
        if let i = out.firstIndex(where: { if case let .cluster(c) = $0.claim { return c.action == .fixFirst }; return false }), i > 0 {
            out.insert(out.remove(at: i), at: 0)
        }
        return split(out, clusters: clusters)
    }

    /// The tickets a claim rests on, as its recommendation cites them.
    static func cited(_ claim: RecommendationClaim) -> [TicketKey] {
        switch claim {
        case let .cluster(c): return c.tickets
        case let .workaround(w): return uniqueKeys(w.current + w.threads)
        case let .regression(r):
            var keys = r.reports.map(\.ticket)
            if case let .newerThanClosed(_, earlier) = r.basis { keys += earlier }
            return uniqueKeys(keys)
        case let .known(k): return uniqueKeys(k.newReports + k.earlier)
        case let .newErrors(e): return uniqueKeys(e.flatMap(\.tickets))
        case let .reply(r): return r.tickets
        case let .ask(a): return a.map(\.ticket)
        case let .close(c): return c.map(\.ticket)
        case let .reproduce(r): return r.map(\.ticket)
        case let .followUp(f): return f.map(\.ticket)
        case let .afterUpdate(a): return a.map(\.ticket)
        case let .escalate(e): return e.map(\.ticket)
        case let .repeats(r): return uniqueKeys(r.flatMap { [$0.ticket, $0.of] })
        case let .requests(r): return r.map(\.ticket)
        }
    }

    /// A list shorter than `minimum` reads as one action a line: each list
    /// about several tickets, strongest first, becomes a line per ticket
    /// (per error), as long as the whole stays within `maximum`.
    static func split(_ chosen: [Planned], clusters: ([TicketKey]) -> [String]) -> [Planned] {
        var out = chosen
        var i = 0
        while out.count < minimum, i < out.count {
            guard let parts = out[i].claim.split, out.count - 1 + parts.count <= maximum else { i += 1; continue }
            let score = out[i].score
            out.replaceSubrange(i...i, with: parts.map { part in
                let keys = cited(part)
                return planned(part, score: score, clusters: clusters(keys), tickets: keys)
            })
            i += parts.count
        }
        return out
    }

    static func planned(_ claim: RecommendationClaim, score: Int, clusters: [String], tickets: [TicketKey]) -> Planned {
        let (title, text) = RecommendationText.render(claim)
        return Planned(claim: claim, recommendation: Recommendation(id: claim.id, title: title, text: text, clusterIDs: clusters,
                                                                    tickets: tickets, origin: .generated), score: score)
    }

    // MARK: - Problems

    /// Open at the end of `p`: not closed, or closed only after it.
    static func isOpen(_ t: Ticket, at end: Date) -> Bool { !t.isResolved(by: end) }

    /// The counts one problem's recommendation rests on, for one period.
    struct Facts {
        /// Members active in the period, by key.
        var current: [Ticket] = []
        var previousCount: Int?
        var open: [Ticket] = []
        var closedInPeriod: [Ticket] = []
        var closedQuickly: [Ticket] = []
        var reopened: [Ticket] = []

        init(_ members: [Ticket], _ input: RecommendationInput) {
            let p = input.period
            current = members.filter { Ranking.isActive($0, in: p) }.sorted { $0.key < $1.key }
            previousCount = input.previous.map { prev in members.filter { Ranking.isActive($0, in: prev) }.count }
            for t in current {
                if !RecommendationGenerator.isOpen(t, at: p.end) {
                    if let c = t.closedAt, p.contains(c) {
                        closedInPeriod.append(t)
                        if c.timeIntervalSince(t.createdAt) <= RecommendationGenerator.quickCloseDays * 86_400 { closedQuickly.append(t) }
                    }
                } else {
                    open.append(t)
                }
                if t.reopenCount > 0 || t.stateReason == "reopened" { reopened.append(t) }
            }
            // Citations name the freshest tickets first: those are the ones to open.
            func fresh(_ a: Ticket, _ b: Ticket) -> Bool { a.updatedAt != b.updatedAt ? a.updatedAt > b.updatedAt : a.key < b.key }
            open.sort(by: fresh)
            closedInPeriod.sort(by: fresh)
            closedQuickly.sort(by: fresh)
            reopened.sort(by: fresh)
        }

        var count: Int { current.count }
        var rising: Bool { previousCount.map { count > $0 } ?? false }
        var falling: Bool { previousCount.map { count < $0 } ?? false }

        var action: ClusterClaim.Action? {
            guard count >= 2 else { return nil }
            if reopened.count >= 2, reopened.count * 10 >= count { return .recheckFix }
            if open.count >= 3, rising { return .fixFirst }
            if closedQuickly.count >= 2, closedQuickly.count * 2 >= closedInPeriod.count, open.count * 2 <= count { return .documentFix }
            if open.count >= 2, !falling { return .findCause }
            if falling, !open.isEmpty { return .closeOut }
            return nil
        }

        /// Open work counts most, then growth, then size.
        var score: Int {
            open.count * 3 + reopened.count * 3 + max(0, count - (previousCount ?? count)) * 2 + closedQuickly.count + count
        }
    }

    static func clusterClaim(_ action: ClusterClaim.Action, _ f: Facts, group: [RecommendationInput.Cluster], subject: String,
                             _ input: RecommendationInput) -> ClusterClaim {
        let texts = f.current.map { TicketText.analyze($0) }
        let signatures = sharedSignatures(texts, keywords: group.flatMap(\.keywords))
        var words: [String] = []
        for k in group.flatMap(\.keywords) where !k.hasPrefix("sig:") && !words.contains(k) { words.append(k) }
        var answer: ClusterClaim.Answer?
        if action == .documentFix, let a = answeredClosing(f.closedQuickly, before: input.period.end, staff: input.staff) {
            answer = ClusterClaim.Answer(ticket: a.ticket.key, author: a.author)
        }
        return ClusterClaim(
            action: action, clusterIDs: group.map(\.id), subject: subject, period: input.period, previous: input.previous,
            tickets: f.current.map(\.key), previousCount: input.previous == nil ? nil : f.previousCount,
            open: f.open.map(\.key), reopened: f.reopened.map(\.key), closedInPeriod: f.closedInPeriod.count,
            closedQuickly: f.closedQuickly.map(\.key), quickDays: Int(quickCloseDays), answer: answer,
            signatures: signatures.prefix(2).map(RecommendationText.readable),
            keywords: Array(words.prefix(signatures.isEmpty ? 4 : 3)),
            platform: dominant(texts.compactMap { $0.facets["platform"] }),
            version: dominant(texts.compactMap { $0.facets["version"] }))
    }

    /// Error signatures most tickets share (at least two of them and a third
    /// of the group), then the cluster's `sig:` keywords.
    static func sharedSignatures(_ texts: [TicketText], keywords: [String]) -> [String] {
        var counts: [String: Int] = [:]
        for t in texts { for s in Set(t.signatures) { counts[s, default: 0] += 1 } }
        let floor = max(2, (texts.count + 2) / 3)
        var out = counts.filter { $0.value >= floor }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        for k in keywords where k.hasPrefix("sig:") {
            let s = String(k.dropFirst(4))
            if !out.contains(where: { $0.lowercased() == s.lowercased() }) { out.append(s) }
        }
        return out
    }

    /// The value at least 70% of (three or more) answers give.
    static func dominant(_ values: [String]) -> ClusterClaim.Share? {
        guard values.count >= 3 else { return nil }
        var counts: [String: Int] = [:]
        for v in values where !v.isEmpty { counts[v, default: 0] += 1 }
        guard let best = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }),
              Double(best.value) >= 0.7 * Double(values.count) else { return nil }
        return ClusterClaim.Share(value: TextSanitizer.singleLine(best.key), count: best.value, total: values.count)
    }

    /// A quickly closed ticket with a team member's reply before it closed:
    /// the answer worth publishing.
    static func answeredClosing(_ tickets: [Ticket], before end: Date, staff: Set<String>) -> (ticket: Ticket, author: String)? {
        for t in tickets {
            let closed = t.closedAt ?? end
            if let c = t.comments.last(where: { TicketEvidence.isStaff($0, staff: staff) && $0.createdAt <= closed }) {
                return (t, c.author)
            }
        }
        return nil
    }

    /// The workaround a team member gave in some of a problem's threads, and
    /// the open tickets of the period that do not have it.
    static func workaroundClaim(_ members: [Ticket], ids: [String], subject: String, _ input: RecommendationInput) -> WorkaroundClaim? {
        let p = input.period
        var threads: [(ticket: Ticket, first: Date)] = []
        var given: [(author: String, at: Date)] = []
        for t in members where t.createdAt < p.end {
            let offers = t.comments.filter {
                $0.createdAt < p.end && $0.author != t.author && TicketEvidence.isStaff($0, staff: input.staff) && TicketEvidence.offersWorkaround($0)
            }
            guard let first = offers.map(\.createdAt).min() else { continue }
            threads.append((t, first))
            given += offers.map { ($0.author, $0.createdAt) }
        }
        guard !threads.isEmpty else { return nil }
        let current = members.filter { Ranking.isActive($0, in: p) && $0.createdAt < p.end }.sorted { $0.key < $1.key }
        let withIt = Set(threads.map(\.ticket.key))
        let without = current.filter { isOpen($0, at: p.end) && !withIt.contains($0.key) }
            .sorted { $0.updatedAt != $1.updatedAt ? $0.updatedAt > $1.updatedAt : $0.key < $1.key }
        guard current.count >= 2 || !without.isEmpty else { return nil }
        var authors: [String] = []
        for g in given.sorted(by: { $0.at != $1.at ? $0.at < $1.at : $0.author < $1.author }) where !authors.contains(g.author) {
            authors.append(g.author)
        }
        let ordered = threads.sorted { $0.first != $1.first ? $0.first > $1.first : $0.ticket.key < $1.ticket.key }.map(\.ticket.key)
        return WorkaroundClaim(clusterIDs: ids, subject: subject, threads: ordered, authors: authors,
                               withoutIt: without.map(\.key), current: current.map(\.key))
    }

    /// Other tickets on older versions, opened while the problem was being
    /// reported, needed for "it started in V".
    static let olderVersionTickets = 3

    /// A regression tied to a version, if the problem's reports show one.
    static func regressionClaim(_ members: [Ticket], ids: [String], subject: String, _ input: RecommendationInput) -> RegressionClaim? {
        let p = input.period
        guard !p.isAll else { return nil }
        let known = members.filter { $0.createdAt < p.end }
        let versioned = known.compactMap { t in TicketEvidence.version(t).map { (ticket: t, version: $0) } }
        func report(_ x: (ticket: Ticket, version: ReportedVersion)) -> RegressionClaim.Report {
            RegressionClaim.Report(ticket: x.ticket.key, version: x.version.description)
        }
        func byVersion(_ a: (ticket: Ticket, version: ReportedVersion), _ b: (ticket: Ticket, version: ReportedVersion)) -> Bool {
            a.version != b.version ? a.version < b.version : a.ticket.key < b.ticket.key
        }
        // Came back: newer than every earlier (closed) report.
        let earlier = versioned.filter { $0.ticket.createdAt < p.start }
        if let top = earlier.max(by: byVersion), earlier.allSatisfy({ !isOpen($0.ticket, at: p.start) }) {
            let newer = versioned.filter { p.contains($0.ticket.createdAt) && $0.version > top.version }.sorted(by: byVersion)
            if !newer.isEmpty {
                return RegressionClaim(clusterIDs: ids, subject: subject, reports: newer.map(report),
                                       basis: .newerThanClosed(earlierMax: top.version.description,
                                                               earlier: earlier.sorted { $0.ticket.key < $1.ticket.key }.map(\.ticket.key)))
            }
        }
        // Started at a version: every report names it or later, while people
        // on older versions kept writing in about other things.
        guard versioned.count >= 2, versioned.contains(where: { p.contains($0.ticket.createdAt) }),
              let first = known.min(by: { $0.createdAt != $1.createdAt ? $0.createdAt < $1.createdAt : $0.key < $1.key }),
              let since = versioned.min(by: byVersion), first.createdAt < p.end,
              versioned.contains(where: { $0.ticket.key == first.key }) else { return nil }
        let memberKeys = Set(members.map(\.key))
        let older = input.tickets.filter { t in
            t.createdAt >= first.createdAt && t.createdAt < p.end && !memberKeys.contains(t.key)
                && (TicketEvidence.version(t).map { $0 < since.version } ?? false)
        }
        guard Set(older.map(\.key)).count >= olderVersionTickets else { return nil }
        return RegressionClaim(clusterIDs: ids, subject: subject, reports: versioned.sorted(by: byVersion).map(report),
                               basis: .startsAt(since: since.version.description, first: first.key,
                                                firstDay: CivilDate(first.createdAt, in: p.zone), olderTickets: Set(older.map(\.key)).count))
    }

    // MARK: - Single tickets

    /// Open tickets of the period whose whole thread is known and has nobody but the reporter in it.
    static func replyClaim(_ inPeriod: [Ticket], _ input: RecommendationInput) -> ReplyClaim? {
        let end = input.period.end
        let waiting = inPeriod.filter { isOpen($0, at: end) && $0.threadKnown && !TicketEvidence.answered($0, before: end) }
            .sorted { $0.createdAt != $1.createdAt ? $0.createdAt < $1.createdAt : $0.key < $1.key }
        guard let oldest = waiting.first else { return nil }
        return ReplyClaim(tickets: waiting.map(\.key), oldestDay: CivilDate(oldest.createdAt, in: input.period.zone),
                          days: waiting.map { CivilDate($0.createdAt, in: input.period.zone) })
    }

    /// New open reports of the period, no team reply known, and what each leaves out.
    static func askItems(_ inPeriod: [Ticket], _ input: RecommendationInput) -> [AskItem] {
        let p = input.period
        var out: [AskItem] = []
        for t in inPeriod where p.contains(t.createdAt) && isOpen(t, at: p.end) {
            guard !teamReplied(t, input) else { continue }
            let lacks = TicketEvidence.lacks(t)
            if !lacks.isEmpty { out.append(AskItem(ticket: t.key, lacks: lacks)) }
        }
        return out.sorted { $0.lacks.count != $1.lacks.count ? $0.lacks.count > $1.lacks.count : $0.ticket < $1.ticket }
    }

    static let systems: Set<String> = ["Windows", "macOS", "Linux", "Web", "iOS", "Android"]

    /// Days a ticket may stay open before a touch in the period calls for a
    /// status: two weekly report cycles.
    public static let followUpDays = 14

    /// Open tickets opened `followUpDays` or more before the period's end and
    /// active in it (a comment, an edit): the reporter is still waiting.
    /// Feature requests wait by nature, and tickets already asked to be
    /// answered or closed are left to those; oldest first.
    static func followUpItems(_ inPeriod: [Ticket], except: Set<TicketKey>, _ input: RecommendationInput) -> [FollowUpItem] {
        let p = input.period
        return inPeriod.filter { t in
            isOpen(t, at: p.end) && !except.contains(t.key) && !TicketEvidence.isRequest(t)
                && p.end.timeIntervalSince(t.createdAt) >= Double(followUpDays) * 86_400
        }
        .sorted { $0.createdAt != $1.createdAt ? $0.createdAt < $1.createdAt : $0.key < $1.key }
        .map { FollowUpItem(ticket: $0.key, since: CivilDate($0.createdAt, in: p.zone), days: Int(p.end.timeIntervalSince($0.createdAt) / 86_400)) }
    }

    /// New open reports with no team reply known that give a version, a
    /// platform and steps or logs: ready to be reproduced. Tickets of a
    /// problem with its own action are left to it.
    static func reproduceItems(_ inPeriod: [Ticket], except acted: Set<TicketKey>, _ input: RecommendationInput) -> [ReproduceItem] {
        let p = input.period
        var out: [ReproduceItem] = []
        for t in inPeriod where p.contains(t.createdAt) && isOpen(t, at: p.end) && !acted.contains(t.key) && !TicketEvidence.isRequest(t) {
            // The issue form's version and system, or an app report's `Key: value` lines.
            let body = TextBound.read(t.body)
            guard !teamReplied(t, input),
                  let v = TicketEvidence.version(t) ?? TicketEvidence.fieldVersion(body),
                  let platform = IssueForm(body: body).platform ?? TicketEvidence.fieldPlatform(body) else { continue }
            let system = TicketFacets.normalizedPlatform(platform)
            let doc = Document(t.title + "\n" + body)
            let steps = doc.hasSteps, logs = doc.hasLogOrQuote
            // Only a platform the normaliser knows: a free-form answer is no system to test on.
            // A report that lacks nothing asked of it (`TicketEvidence.lacks`) says what happens,
            // in steps, a log, or enough words.
            guard Self.systems.contains(system), TicketEvidence.lacks(t).isEmpty else { continue }
            out.append(ReproduceItem(ticket: t.key, version: v.description, platform: system, steps: steps, logs: logs))
        }
        return out
    }

    /// A team member wrote in `t` before the period's end.
    static func teamReplied(_ t: Ticket, _ input: RecommendationInput) -> Bool {
        t.comments.contains { $0.createdAt < input.period.end && TicketEvidence.isStaff($0, staff: input.staff) }
    }

    /// New open reports whose reporter says it began with an update.
    static func afterUpdateItems(_ inPeriod: [Ticket], _ input: RecommendationInput) -> [AfterUpdateItem] {
        let p = input.period
        return inPeriod.compactMap { t in
            guard p.contains(t.createdAt), isOpen(t, at: p.end), !TicketEvidence.isRequest(t),
                  let phrase = TicketEvidence.afterUpdate(t) else { return nil }
            return AfterUpdateItem(ticket: t.key, phrase: phrase, version: TicketEvidence.version(t)?.description)
        }
    }

    /// Open reports of the period of lost data, a security concern or money
    /// taken that no team member has answered yet.
    static func escalateItems(_ inPeriod: [Ticket], _ input: RecommendationInput) -> [EscalateItem] {
        let p = input.period
        return inPeriod.compactMap { t in
            guard isOpen(t, at: p.end), !teamReplied(t, input),
                  let c = TicketEvidence.concern(t) else { return nil }
            return EscalateItem(ticket: t.key, concern: c.concern, quote: c.quote)
        }
    }

    /// Days within which a reporter files the same title again: someone whose
    /// first report seems lost writes again within a day or two.
    static let repeatDays = 2.0

    /// Open reports opened in the period whose title (`comparableTitle`) an
    /// earlier ticket of the store has, filed by the same reporter (or, with
    /// a reporter unknown, within `repeatDays`); the earliest such ticket is
    /// named. Another person's report under the same title is a "me too",
    /// which the problem's own recommendation covers.
    static func repeatItems(_ all: [Ticket], _ inPeriod: [Ticket], except: Set<TicketKey>, _ input: RecommendationInput) -> [RepeatItem] {
        let p = input.period
        let fresh = inPeriod.filter { p.contains($0.createdAt) && isOpen($0, at: p.end) && !except.contains($0.key) }
        let freshTitles = fresh.map { TicketEvidence.comparableTitle($0.title) }
        let wanted = Set(freshTitles.compactMap { $0 })
        guard !wanted.isEmpty else { return [] }
        func before(_ a: Ticket, _ b: Ticket) -> Bool { a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.key < b.key }
        // Only the fresh reports' reporters, or tickets close enough in time, can be a repeat's original:
        // a set lookup before any title is read.
        let authors = Set(fresh.map(\.author).filter { !$0.isEmpty })
        let window = p.start.addingTimeInterval(-repeatDays * 86_400)
        var same: [String: [Ticket]] = [:]
        for t in all where t.createdAt < p.end && (t.createdAt >= window || t.author.isEmpty || authors.contains(t.author)) {
            guard let k = TicketEvidence.comparableTitle(t.title), wanted.contains(k) else { continue }
            same[k, default: []].append(t)
        }
        var out: [RepeatItem] = []
        for (t, title) in zip(fresh, freshTitles) {
            guard let k = title else { continue }
            let earlier = (same[k] ?? []).filter { e in
                guard e.key != t.key, before(e, t) else { return false }
                if !e.author.isEmpty, !t.author.isEmpty { return e.author == t.author }
                return t.createdAt.timeIntervalSince(e.createdAt) <= repeatDays * 86_400
            }
            guard let e = earlier.min(by: before) else { continue }
            out.append(RepeatItem(ticket: t.key, of: e.key, ofDay: CivilDate(e.createdAt, in: p.zone), ofOpen: isOpen(e, at: p.end)))
        }
        return out
    }

    /// Requests and questions opened in the period, open, no team reply known.
    static func requestItems(_ inPeriod: [Ticket], _ input: RecommendationInput) -> [RequestItem] {
        let p = input.period
        return inPeriod.compactMap { t in
            guard p.contains(t.createdAt), isOpen(t, at: p.end),
                  !teamReplied(t, input),
                  let reason = TicketEvidence.requestReason(t) else { return nil }
            return RequestItem(ticket: t.key, reason: reason)
        }
    }

    /// New open reports of a problem that had reports before the period.
    static func knownClaim(_ members: [Ticket], ids: [String], subject: String, _ input: RecommendationInput) -> KnownClaim? {
        let p = input.period
        guard !p.isAll else { return nil }
        func older(_ a: Ticket, _ b: Ticket) -> Bool { a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.key < b.key }
        let new = members.filter { p.contains($0.createdAt) && isOpen($0, at: p.end) }.sorted(by: older)
        let earlier = members.filter { $0.createdAt < p.start }.sorted(by: older)
        guard !new.isEmpty, let first = earlier.first else { return nil }
        let open = earlier.filter { isOpen($0, at: p.end) }
        let resolved = earlier.filter { !isOpen($0, at: p.end) && $0.stateReason != "not_planned" && $0.stateReason != "duplicate" }
            .sorted { ($0.closedAt ?? $0.updatedAt) != ($1.closedAt ?? $1.updatedAt) ? ($0.closedAt ?? $0.updatedAt) > ($1.closedAt ?? $1.updatedAt) : $0.key < $1.key }
        guard !resolved.isEmpty || !open.isEmpty else { return nil }
        return KnownClaim(clusterIDs: ids, subject: subject, newReports: new.map(\.key), earlier: earlier.map(\.key),
                          since: CivilDate(first.createdAt, in: p.zone), earlierOpen: open.map(\.key), resolved: resolved.map(\.key))
    }

    /// Open tickets of the period the team said are fixed, or marked duplicates of a ticket in the store.
    static func closeItems(_ inPeriod: [Ticket], byKey: [TicketKey: Ticket], _ input: RecommendationInput) -> [CloseItem] {
        let p = input.period
        var out: [CloseItem] = []
        for t in inPeriod where isOpen(t, at: p.end) {
            if let c = TicketEvidence.fixAnnouncement(t, before: p.end, staff: input.staff) {
                out.append(CloseItem(ticket: t.key, reason: .fixAnnounced(author: c.author, day: CivilDate(c.createdAt, in: p.zone))))
            } else if let d = TicketEvidence.duplicateTarget(t, before: p.end, staff: input.staff),
                      byKey[TicketKey(source: t.source, number: d.number)] != nil {
                out.append(CloseItem(ticket: t.key, reason: .duplicate(of: d.number, author: d.comment.author)))
            }
        }
        return out
    }

    /// Error signatures in the title or body of tickets opened in the
    /// period that no ticket opened before it mentions, most reported first.
    static func newErrors(_ all: [Ticket], _ inPeriod: [Ticket], _ input: RecommendationInput) -> [NewError] {
        let p = input.period
        let opened = inPeriod.filter { p.contains($0.createdAt) }
        guard !opened.isEmpty else { return [] }
        var reports: [String: (count: Int, first: Date)] = [:]
        var display: [String: String] = [:]
        for t in opened {
            var seen = Set<String>()
            for s in TicketEvidence.errorSignatures(t) where seen.insert(s.lowercased()).inserted {
                let k = s.lowercased()
                let e = reports[k]
                reports[k] = ((e?.count ?? 0) + 1, min(e?.first ?? t.createdAt, t.createdAt))
                if display[k] == nil { display[k] = s }
            }
        }
        // A named error reads better than a hex code that came with it.
        let order = reports.map { (key: $0.key, count: $0.value.count, first: $0.value.first, hex: $0.key.hasPrefix("0x")) }.sorted { a, b in
            if a.count != b.count { return a.count > b.count }
            if a.first != b.first { return a.first < b.first }
            if a.hex != b.hex { return !a.hex }
            return a.key < b.key
        }
        let ranked: [String] = order.compactMap { display[$0.key] }
        guard !ranked.isEmpty else { return [] }
        // Each candidate costs a search through every earlier ticket: a few,
        // the most reported, each earlier text read once for all of them.
        var alive = Array(ranked.prefix(4 * RecommendationText.shownErrors))
        for t in all where t.createdAt < p.start {
            let text = TicketEvidence.searchText(t)
            alive.removeAll { TicketEvidence.mentions(text, $0) }
            if alive.isEmpty { return [] }
        }
        let now: [(ticket: Ticket, text: [UInt8])] = opened.map { ($0, TicketEvidence.searchText($0)) }
        var out: [NewError] = []
        for s in alive where out.count < RecommendationText.shownErrors {
            let tickets: [Ticket] = now.filter { TicketEvidence.mentions($0.text, s) }.map { $0.ticket }
                .sorted { $0.createdAt != $1.createdAt ? $0.createdAt < $1.createdAt : $0.key < $1.key }
            // Two signatures of the same tickets are one error seen twice: the first says it.
            guard let first = tickets.first, !out.contains(where: { $0.tickets == tickets.map(\.key) }) else { continue }
            out.append(NewError(signature: RecommendationText.readable(s), key: s, tickets: tickets.map(\.key),
                                firstDay: CivilDate(first.createdAt, in: p.zone)))
        }
        return out
    }

    // MARK: - Near-duplicate titles

    static func titleWords(_ title: String) -> Set<String> {
        Set(TicketText.tokens(of: title))
    }

    /// Titles whose words mostly coincide (Jaccard at least 0.6) name the same problem.
    static func nearlySame(_ a: Set<String>, _ b: Set<String>) -> Bool {
        if a.isEmpty || b.isEmpty { return a == b }
        return Double(a.intersection(b).count) / Double(a.union(b).count) >= 0.6
    }

    static func uniqueKeys(_ keys: [TicketKey]) -> [TicketKey] {
        var seen = Set<TicketKey>()
        return keys.filter { seen.insert($0).inserted }
    }
}
