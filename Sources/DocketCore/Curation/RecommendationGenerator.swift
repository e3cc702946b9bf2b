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
    /// Every ticket a cluster names (others are ignored).
    public var tickets: [Ticket]
    public var period: Period
    /// What "rising" and "falling" compare with; nil (all time) says neither.
    public var previous: Period?

    public init(clusters: [Cluster], tickets: [Ticket], period: Period, previous: Period?? = nil) {
        self.clusters = clusters
        self.tickets = tickets
        self.period = period
        self.previous = previous ?? (period.isAll ? nil : period.previous)
    }
}

/// Turns clusters into at most `maximum` concrete recommendations for a
/// period. Each one is for one problem (clusters whose titles are nearly the
/// same are one problem and get one recommendation naming both), cites the
/// problem's title, error signatures or keywords and ticket numbers, gives
/// its counts against the previous period, and picks its action from what
/// the tickets show. A cluster with nothing specific to act on gets no
/// recommendation: fewer lines rather than filler.
///
/// The actions, first that applies:
/// - tickets reopened after being closed (two or more, a tenth or more) -> recheck the fix;
/// - three or more open and more tickets than the previous period -> fix first;
/// - most closed, and closed within `quickCloseDays` -> write the FAQ entry
///   from the answer that closed them;
/// - open tickets nobody but their author commented on -> answer them;
/// - open tickets, not falling -> find the cause;
/// - falling with some still open -> confirm the fix and close them.
/// One platform or version reported by most of the tickets is named too.
public enum RecommendationGenerator {
    public static let maximum = 7
    /// Closed within this many days of being opened counts as "closed quickly".
    public static let quickCloseDays = 3.0

    /// - Complexity: O(clustered tickets + clusters log clusters), plus the
    ///   text analysis of the tickets in the chosen recommendations.
    public static func generate(_ input: RecommendationInput) -> [Recommendation] {
        var byKey: [TicketKey: Ticket] = [:]
        for t in input.tickets where byKey[t.key] == nil { byKey[t.key] = t }
        var seenIDs = Set<String>()
        var scored: [(cluster: RecommendationInput.Cluster, facts: Facts)] = []
        for c in input.clusters where seenIDs.insert(c.id).inserted {
            let f = Facts(c.tickets.compactMap { byKey[$0] }, input)
            if f.action != nil { scored.append((c, f)) }
        }
        scored.sort { $0.facts.score != $1.facts.score ? $0.facts.score > $1.facts.score : $0.cluster.id < $1.cluster.id }

        // Greedy: best first; a cluster titled like a chosen one joins it.
        var groups: [[RecommendationInput.Cluster]] = []
        var groupTitles: [Set<String>] = []
        for (c, _) in scored {
            let words = titleWords(c.title)
            if let g = groupTitles.firstIndex(where: { nearlySame($0, words) }) {
                groups[g].append(c)
            } else if groups.count < maximum {
                groups.append([c])
                groupTitles.append(words)
            }
        }

        var out: [Recommendation] = []
        var titles = Set<String>(), texts = Set<String>()
        for group in groups {
            let members = uniqueKeys(group.flatMap(\.tickets)).compactMap { byKey[$0] }
            let facts = Facts(members, input)
            guard let action = facts.action, let lead = group.first else { continue }
            var r = render(action, facts, group: group, input)
            if titles.contains(r.title) { r.title += " (#\(facts.current.first?.number ?? 0))" }
            guard texts.insert(r.text).inserted, titles.insert(r.title).inserted else { continue }
            r.id = "r-" + lead.id
            out.append(r)
        }
        return out
    }

    // MARK: - Facts

    enum Action: Equatable {
        case recheckFix, fixFirst, documentFix, answer, findCause, closeOut
    }

    /// The counts one recommendation rests on, for one period.
    struct Facts {
        /// Members active in the period, by number.
        var current: [Ticket] = []
        var previousCount: Int?
        var open: [Ticket] = []
        var closedInPeriod: [Ticket] = []
        var closedQuickly: [Ticket] = []
        var reopened: [Ticket] = []
        var unanswered: [Ticket] = []

        init(_ members: [Ticket], _ input: RecommendationInput) {
            let p = input.period
            current = members.filter { Ranking.isActive($0, in: p) }.sorted { $0.key < $1.key }
            previousCount = input.previous.map { prev in members.filter { Ranking.isActive($0, in: prev) }.count }
            for t in current {
                let closedBy = t.state == .closed && (t.closedAt ?? t.updatedAt) < p.end
                if closedBy {
                    if let c = t.closedAt, p.contains(c) {
                        closedInPeriod.append(t)
                        if c.timeIntervalSince(t.createdAt) <= RecommendationGenerator.quickCloseDays * 86_400 { closedQuickly.append(t) }
                    }
                } else {
                    open.append(t)
                    // Only when the thread is known: a ticket imported with a
                    // comment count but no comment bodies may well be answered.
                    let threadKnown = t.comments.count >= t.commentCount
                    let replied = t.comments.contains { $0.createdAt < p.end && !$0.authorIsBot && $0.author != t.author }
                    if threadKnown && !replied { unanswered.append(t) }
                }
                if t.reopenCount > 0 || t.stateReason == "reopened" { reopened.append(t) }
            }
            // Citations name the freshest tickets first: those are the ones to open.
            func fresh(_ a: Ticket, _ b: Ticket) -> Bool { a.updatedAt != b.updatedAt ? a.updatedAt > b.updatedAt : a.key < b.key }
            open.sort(by: fresh)
            closedInPeriod.sort(by: fresh)
            closedQuickly.sort(by: fresh)
            reopened.sort(by: fresh)
            unanswered.sort(by: fresh)
        }

        var count: Int { current.count }
        var rising: Bool { previousCount.map { count > $0 } ?? false }
        var falling: Bool { previousCount.map { count < $0 } ?? false }

        var action: Action? {
            guard count >= 2 else { return nil }
            if reopened.count >= 2, reopened.count * 10 >= count { return .recheckFix }
            if open.count >= 3, rising { return .fixFirst }
            if closedQuickly.count >= 2, closedQuickly.count * 2 >= closedInPeriod.count, open.count * 2 <= count { return .documentFix }
            if unanswered.count >= 2 { return .answer }
            if open.count >= 2, !falling { return .findCause }
            if falling, !open.isEmpty { return .closeOut }
            return nil
        }

        /// Open work counts most, then growth, then size.
        var score: Int {
            open.count * 3 + reopened.count * 3 + unanswered.count * 2 + max(0, count - (previousCount ?? count)) * 2
                + closedQuickly.count + count
        }
    }

    // MARK: - Text

    static func render(_ action: Action, _ f: Facts, group: [RecommendationInput.Cluster],
                       _ input: RecommendationInput) -> Recommendation {
        let lead = group[0]
        let subject = "\"" + shortTitle(lead.title) + "\""
        let texts = f.current.map { TicketText.analyze($0) }
        let signatures = sharedSignatures(texts, keywords: group.flatMap(\.keywords))
        var words: [String] = []
        for k in group.flatMap(\.keywords) where !k.hasPrefix("sig:") && !words.contains(k) { words.append(k) }

        var counts = "\(f.count) ticket\(f.count == 1 ? "" : "s") \(periodPhrase(input.period))"
        if let prev = input.previous, let n = f.previousCount {
            let label = previousLabel(prev)
            counts += n == f.count ? " (as many as \(label))" : (n < f.count ? " (up from \(n) \(label))" : " (down from \(n) \(label))")
        }
        counts += ", \(f.open.count) open"
        var about = ""
        if !signatures.isEmpty {
            about = "they share " + list(signatures.prefix(2).map { "`\(readable($0))`" })
            if !words.isEmpty { about += " (keywords: \(words.prefix(3).joined(separator: ", ")))" }
        } else if !words.isEmpty {
            about = "keywords: " + words.prefix(4).joined(separator: ", ")
        }
        let head = counts + (about.isEmpty ? "" : "; " + about) + "."

        var title: String
        var act: String
        switch action {
        case .recheckFix:
            title = "Recheck the fix for \(subject)"
            act = "\(refs(f.reopened)) \(f.reopened.count == 1 ? "was" : "were") reopened after being closed: the fix did not hold. "
                + "Verify it against \(f.reopened.count == 1 ? "this ticket" : "these tickets") before closing more."
        case .fixFirst:
            title = "Fix \(subject) first"
            act = "Reproduce it with \(refs(f.open)) and fix it before other work: it is growing."
        case .documentFix:
            title = "Add an FAQ entry for \(subject)"
            let source = answeredClosing(f.closedQuickly, before: input.period.end)
            act = "\(f.closedQuickly.count) of \(f.closedInPeriod.count) closed in the period were closed within \(Int(quickCloseDays)) days"
                + (source.map { ", e.g. \(refs([$0.ticket])) after \($0.author)'s answer" } ?? " (\(refs(f.closedQuickly)))")
                + ": publish that answer so the next reporters find it themselves."
        case .answer:
            title = "Answer the open \(subject) tickets"
            act = "\(refs(f.unanswered)) \(f.unanswered.count == 1 ? "has" : "have") no reply from anyone but the reporter yet: "
                + "ask for logs and steps, or point to a workaround."
        case .findCause:
            title = "Find the cause of \(subject)"
            act = "\(f.open.count) are still open (\(refs(f.open))): reproduce one and link the rest to it."
        case .closeOut:
            title = "Close out \(subject)"
            act = "It is receding: confirm the fix with the reporters of \(refs(f.open)) and close what is resolved."
        }
        var text = head + " " + act
        if action != .recheckFix, !f.reopened.isEmpty {
            text += " \(refs(f.reopened)) \(f.reopened.count == 1 ? "was" : "were") reopened after being closed."
        }
        if let p = dominant(texts.compactMap { $0.facets["platform"] }) {
            text += " \(p.count) of \(p.total) that name a platform are on \(p.value): test there first."
        }
        if let v = dominant(texts.compactMap { $0.facets["version"] }) {
            text += " \(v.count) of \(v.total) that give a version report \(v.value)."
        }
        if group.count > 1 {
            text += " (Clusters \(group.map(\.id).joined(separator: ", ")) are the same problem.)"
        }
        return Recommendation(id: "r-" + lead.id, title: title, text: text, clusterIDs: group.map(\.id),
                              tickets: f.current.map(\.key), origin: .generated)
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

    /// `http:500` and `port:39300` (the scanner's normal forms) as people write them.
    static func readable(_ signature: String) -> String {
        if signature.hasPrefix("http:") { return "HTTP " + signature.dropFirst(5) }
        if signature.hasPrefix("port:") { return "port " + signature.dropFirst(5) }
        return signature
    }

    /// The value at least 70% of (three or more) answers give.
    static func dominant(_ values: [String]) -> (value: String, count: Int, total: Int)? {
        guard values.count >= 3 else { return nil }
        var counts: [String: Int] = [:]
        for v in values where !v.isEmpty { counts[v, default: 0] += 1 }
        guard let best = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }),
              Double(best.value) >= 0.7 * Double(values.count) else { return nil }
        return (TextSanitizer.singleLine(best.key), best.value, values.count)
    }

    /// A quickly closed ticket with a team member's reply before it closed:
    /// the answer worth publishing.
    static func answeredClosing(_ tickets: [Ticket], before end: Date) -> (ticket: Ticket, author: String)? {
        let staff: Set<String> = ["MEMBER", "OWNER", "COLLABORATOR"]
        for t in tickets {
            let closed = t.closedAt ?? end
            if let c = t.comments.last(where: { staff.contains($0.association) && !$0.authorIsBot && $0.createdAt <= closed }) {
                return (t, "@" + c.author)
            }
        }
        return nil
    }

    static func refs(_ tickets: [Ticket], max n: Int = 3) -> String {
        let shown = tickets.prefix(n).map { "#\($0.number)" }
        let more = tickets.count > n ? " and \(tickets.count - n) more" : ""
        return more.isEmpty ? list(shown) : shown.joined(separator: ", ") + more
    }

    static func list<S: Collection>(_ items: S) -> String where S.Element == String {
        let a = Array(items)
        switch a.count {
        case 0: return ""
        case 1: return a[0]
        default: return a.dropLast().joined(separator: ", ") + " and " + (a.last ?? "")
        }
    }

    static func periodPhrase(_ p: Period) -> String {
        if p.isAll { return "in all" }
        return p.days == 1 ? "on \(p.first)" : "from \(p.first) to \(p.last)"
    }

    static func previousLabel(_ p: Period) -> String {
        switch p.days {
        case 1: return "the day before"
        case 7: return "the week before"
        default: return "the previous \(p.days) days"
        }
    }

    static func shortTitle(_ title: String, max n: Int = 60) -> String {
        let t = TextSanitizer.singleLine(title).replacingOccurrences(of: "\"", with: "'")
        return t.count <= n ? t : String(t.prefix(n - 1)).trimmingCharacters(in: .whitespaces) + "…"
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
