import DocketModel
import Foundation

/// What one generated recommendation asserts, as data. The title and text
/// are rendered from this alone (`RecommendationText`), so every number and
/// every statement of the text is here to be checked against the tickets.
enum RecommendationClaim: Sendable, Equatable {
    /// A problem (one cluster, or clusters titled alike) and what to do about it.
    case cluster(ClusterClaim)
    /// A team member gave a workaround in some of a problem's threads.
    case workaround(WorkaroundClaim)
    /// A problem reported on versions that point at a regression.
    case regression(RegressionClaim)
    /// Error signatures no ticket before the period quotes.
    case newErrors([NewError])
    /// Open tickets nobody but their reporter wrote in.
    case reply(ReplyClaim)
    /// Open reports and what each leaves out.
    case ask([AskItem])
    /// Open tickets that are resolved.
    case close([CloseItem])
    /// New open reports that give what reproducing them needs.
    case reproduce([ReproduceItem])
    /// Open tickets, weeks old, that came back to life in the period.
    case followUp([FollowUpItem])
    /// New reports whose reporters say it began with an update.
    case afterUpdate([AfterUpdateItem])
    /// Open reports of lost data, an exposed secret or money taken.
    case escalate([EscalateItem])
    /// Open reports that repeat the title of an earlier ticket.
    case repeats([RepeatItem])
    /// Requests and questions opened in the period.
    case requests([RequestItem])
    /// New reports of a problem known from before the period.
    case known(KnownClaim)

    /// The id edits find it by: `r-<cluster>` for a problem's action,
    /// `r-workaround-<cluster>`, `r-regression-<cluster>` and
    /// `r-known-<cluster>`, and one per period for the kinds about single
    /// tickets (`r-new-errors`, `r-reply`, `r-ask`, `r-close`, `r-reproduce`,
    /// `r-follow-up`, `r-after-update`, `r-escalate`, `r-repeats`,
    /// `r-requests`), with `-<number>` when it is about one ticket (a list
    /// of one, or one line of a list written a line per ticket), and
    /// `r-new-error-<signature>` for one new error.
    var id: String {
        func per(_ kind: String, _ tickets: [TicketKey]) -> String {
            tickets.count == 1 ? "r-\(kind)-\(tickets[0].number)" : "r-" + kind
        }
        switch self {
        case let .cluster(c): return "r-" + (c.clusterIDs.first ?? "")
        case let .workaround(w): return "r-workaround-" + (w.clusterIDs.first ?? "")
        case let .regression(r): return "r-regression-" + (r.clusterIDs.first ?? "")
        case let .known(k): return "r-known-" + (k.clusterIDs.first ?? "")
        case let .newErrors(e): return e.count == 1 ? "r-new-error-" + e[0].key.lowercased() : "r-new-errors"
        case let .reply(r): return per("reply", r.tickets)
        case let .ask(a): return per("ask", a.map(\.ticket))
        case let .close(c): return per("close", c.map(\.ticket))
        case let .reproduce(r): return per("reproduce", r.map(\.ticket))
        case let .followUp(f): return per("follow-up", f.map(\.ticket))
        case let .afterUpdate(a): return per("after-update", a.map(\.ticket))
        case let .escalate(e): return per("escalate", e.map(\.ticket))
        case let .repeats(r): return per("repeats", r.map(\.ticket))
        case let .requests(r): return per("requests", r.map(\.ticket))
        }
    }

    /// The claim as one claim per ticket (per error for new errors), for a
    /// short list that reads better a line per action; nil for the kinds
    /// about a problem, and for a list of one.
    var split: [RecommendationClaim]? {
        func each<T>(_ items: [T], _ make: ([T]) -> RecommendationClaim) -> [RecommendationClaim]? {
            items.count > 1 ? items.map { make([$0]) } : nil
        }
        switch self {
        case .cluster, .workaround, .regression, .known: return nil
        case let .newErrors(e): return each(e) { .newErrors($0) }
        case let .reply(r):
            // Each line keeps its own ticket's day; the claim's day is the oldest.
            return r.tickets.count > 1 ? zip(r.tickets, r.days).map { .reply(ReplyClaim(tickets: [$0.0], oldestDay: $0.1, days: [$0.1])) } : nil
        case let .ask(a): return each(a) { .ask($0) }
        case let .close(c): return each(c) { .close($0) }
        case let .reproduce(r): return each(r) { .reproduce($0) }
        case let .followUp(f): return each(f) { .followUp($0) }
        case let .afterUpdate(a): return each(a) { .afterUpdate($0) }
        case let .escalate(e): return each(e) { .escalate($0) }
        case let .repeats(r): return each(r) { .repeats($0) }
        case let .requests(r): return each(r) { .requests($0) }
        }
    }
}

/// A problem's counts for the period and the action they call for.
struct ClusterClaim: Sendable, Equatable {
    enum Action: String, Sendable {
        /// Reopened after being closed: two or more, a tenth or more.
        case recheckFix
        /// Three or more open and more than the previous period: the one problem to fix first.
        case fixFirst
        /// As `fixFirst`, for every rising problem after the first.
        case fixNext
        /// Most closed in the period, quickly: the answer is worth publishing.
        case documentFix
        /// Two or more open, not falling.
        case findCause
        /// Falling, some still open.
        case closeOut
    }

    var action: Action
    var clusterIDs: [String]
    /// The lead cluster's title, shortened (`RecommendationText.shortTitle`).
    var subject: String
    var period: Period
    var previous: Period?
    /// Members active in the period, by key.
    var tickets: [TicketKey]
    /// Members active in the previous period.
    var previousCount: Int?
    /// Open at the period's end, freshest first.
    var open: [TicketKey]
    var reopened: [TicketKey]
    var closedInPeriod: Int
    /// Closed in the period within `quickDays` of being opened, freshest first.
    var closedQuickly: [TicketKey]
    var quickDays: Int
    /// For `documentFix`: a quickly closed ticket and the team member who answered in it.
    var answer: Answer?
    /// Error signatures most members share (as written in the text: `HTTP 500`).
    var signatures: [String]
    var keywords: [String]
    /// One platform or version most of the members that give one report.
    var platform: Share?
    var version: Share?

    struct Answer: Sendable, Equatable {
        var ticket: TicketKey
        var author: String
    }

    struct Share: Sendable, Equatable {
        var value: String
        var count: Int
        var total: Int
    }

    var count: Int { tickets.count }
}

struct WorkaroundClaim: Sendable, Equatable {
    var clusterIDs: [String]
    var subject: String
    /// Threads of the problem (any time up to the period's end) where a team member gave a workaround.
    var threads: [TicketKey]
    /// Who gave it, in first-given order.
    var authors: [String]
    /// Members open at the period's end and active in it whose thread has no workaround.
    var withoutIt: [TicketKey]
    /// Members active in the period.
    var current: [TicketKey]
}

struct RegressionClaim: Sendable, Equatable {
    enum Basis: Sendable, Equatable {
        /// Every earlier report of the problem (before the period) names an
        /// older version, at most `earlierMax`, and is closed: it came back.
        case newerThanClosed(earlierMax: String, earlier: [TicketKey])
        /// Every report of the problem that names a version names `since` or
        /// later, while `olderTickets` other tickets opened from its first
        /// report to the period's end name older versions: people still on
        /// those did not report it, so it started in `since`.
        case startsAt(since: String, first: TicketKey, firstDay: CivilDate, olderTickets: Int)
    }

    var clusterIDs: [String]
    var subject: String
    /// The reports behind it and the version each names, in order of version then number.
    var reports: [Report]
    var basis: Basis

    struct Report: Sendable, Equatable {
        var ticket: TicketKey
        var version: String
    }
}

struct NewError: Sendable, Equatable {
    /// As written in the text: `SyncSocketException`, `HTTP 503`.
    var signature: String
    /// The scanner's form, for searching (`http:503`).
    var key: String
    /// Every ticket that mentions it, oldest first; none opened before the period.
    var tickets: [TicketKey]
    var firstDay: CivilDate
}

struct ReplyClaim: Sendable, Equatable {
    /// Open, active in the period, thread imported in full, nobody but the
    /// reporter (bots aside) wrote before the period's end; oldest first.
    var tickets: [TicketKey]
    var oldestDay: CivilDate
    /// The day each was opened, in `tickets` order.
    var days: [CivilDate]
}

struct AskItem: Sendable, Equatable {
    var ticket: TicketKey
    var lacks: [TicketEvidence.Lack]
}

struct CloseItem: Sendable, Equatable {
    enum Reason: Sendable, Equatable {
        /// The team's last comment, on `day`, says it is fixed; nobody wrote since.
        case fixAnnounced(author: String, day: CivilDate)
        /// A team member marked it a duplicate of another ticket.
        case duplicate(of: Int, author: String)
    }

    var ticket: TicketKey
    var reason: Reason
}

/// A report whose reporter says the problem began with an update.
struct AfterUpdateItem: Sendable, Equatable {
    var ticket: TicketKey
    /// The reporter's words, as written: "after the last update".
    var phrase: String
    /// The version its form gives, if any.
    var version: String?
}

struct EscalateItem: Sendable, Equatable {
    var ticket: TicketKey
    var concern: TicketEvidence.Concern
    /// The reporter's words that state it, as written.
    var quote: String
}

/// An open report of the period whose title is an earlier ticket's, by the
/// same reporter (or, a reporter unknown, filed within two days).
struct RepeatItem: Sendable, Equatable {
    var ticket: TicketKey
    /// The earliest ticket with that title, the day it was opened, and whether it is open at the period's end.
    var of: TicketKey
    var ofDay: CivilDate
    var ofOpen: Bool
}

struct RequestItem: Sendable, Equatable {
    var ticket: TicketKey
    /// "labelled enhancement", "titled as a feature request".
    var reason: String
}

/// A problem known before the period that new reports of the period join.
struct KnownClaim: Sendable, Equatable {
    var clusterIDs: [String]
    var subject: String
    /// Members opened in the period and open at its end, oldest first.
    var newReports: [TicketKey]
    /// Members opened before the period, oldest first, and the day the first was.
    var earlier: [TicketKey]
    var since: CivilDate
    /// Of `earlier`: open at the period's end; closed by then as done (not "not planned"), freshest first.
    var earlierOpen: [TicketKey]
    var resolved: [TicketKey]
}

struct ReproduceItem: Sendable, Equatable {
    var ticket: TicketKey
    /// From the issue form: the version's number and the platform, normalised (`Windows`).
    var version: String
    var platform: String
    var steps: Bool
    var logs: Bool
}

struct FollowUpItem: Sendable, Equatable {
    var ticket: TicketKey
    /// The day it was opened, and whole days from then to the period's end.
    var since: CivilDate
    var days: Int
}

// MARK: - Text

/// Renders a claim as a title and a text: the only source of generated words.
enum RecommendationText {
    /// Tickets named before "and N more".
    static let shownRefs = 3
    /// Items of a per-ticket list (asks, closes) named before "and N more".
    static let shownItems = 5
    /// New errors named in one recommendation.
    static let shownErrors = 3

    static func render(_ claim: RecommendationClaim) -> (title: String, text: String) {
        switch claim {
        case let .cluster(c): return cluster(c)
        case let .workaround(w): return workaround(w)
        case let .regression(r): return regression(r)
        case let .newErrors(e): return newErrors(e)
        case let .reply(r): return reply(r)
        case let .ask(a): return ask(a)
        case let .close(c): return close(c)
        case let .reproduce(r): return reproduce(r)
        case let .followUp(f): return followUp(f)
        case let .afterUpdate(a): return afterUpdate(a)
        case let .escalate(e): return escalate(e)
        case let .repeats(r): return repeats(r)
        case let .requests(r): return requests(r)
        case let .known(k): return known(k)
        }
    }

    static func cluster(_ f: ClusterClaim) -> (title: String, text: String) {
        let subject = "\"" + f.subject + "\""
        var counts = "\(f.count) ticket\(f.count == 1 ? "" : "s") \(periodPhrase(f.period))"
        if let prev = f.previous, let n = f.previousCount {
            let label = previousLabel(prev)
            counts += n == f.count ? " (as many as \(label))" : (n < f.count ? " (up from \(n) \(label))" : " (down from \(n) \(label))")
        }
        counts += ", \(f.open.count) open"
        var about = ""
        if !f.signatures.isEmpty {
            about = "they share " + list(f.signatures.map { "`\($0)`" })
            if !f.keywords.isEmpty { about += " (keywords: \(f.keywords.joined(separator: ", ")))" }
        } else if !f.keywords.isEmpty {
            about = "keywords: " + f.keywords.joined(separator: ", ")
        }
        let head = counts + (about.isEmpty ? "" : "; " + about) + "."

        let title: String
        let act: String
        switch f.action {
        case .recheckFix:
            title = "Recheck the fix for \(subject)"
            act = "\(refs(f.reopened)) \(f.reopened.count == 1 ? "was" : "were") reopened after being closed: the fix did not hold. "
                + "Verify it against \(f.reopened.count == 1 ? "this ticket" : "these tickets") before closing more."
        case .fixFirst:
            title = "Fix \(subject) first"
            act = "Reproduce it with \(refs(f.open)) and fix it before other work: it is growing."
        case .fixNext:
            title = "Fix \(subject) next"
            act = "Reproduce it with \(refs(f.open)): it is growing too."
        case .documentFix:
            title = "Add an FAQ entry for \(subject)"
            act = "\(f.closedQuickly.count) of \(f.closedInPeriod) closed in the period were closed within \(f.quickDays) days"
                + (f.answer.map { ", e.g. \(refs([$0.ticket])) after @\($0.author)'s answer" } ?? " (\(refs(f.closedQuickly)))")
                + ": publish that answer so the next reporters find it themselves."
        case .findCause:
            title = "Find the cause of \(subject)"
            act = "\(f.open.count) are still open (\(refs(f.open))): reproduce one and link the rest to it."
        case .closeOut:
            title = "Close out \(subject)"
            act = "It is receding: confirm the fix with the reporters of \(refs(f.open)) and close what is resolved."
        }
        var text = head + " " + act
        if f.action != .recheckFix, !f.reopened.isEmpty {
            text += " \(refs(f.reopened)) \(f.reopened.count == 1 ? "was" : "were") reopened after being closed."
        }
        if let p = f.platform { text += " \(p.count) of \(p.total) that name a platform are on \(p.value): test there first." }
        if let v = f.version { text += " \(v.count) of \(v.total) that give a version report \(v.value)." }
        if f.clusterIDs.count > 1 { text += " (Clusters \(f.clusterIDs.joined(separator: ", ")) are the same problem.)" }
        return (title, text)
    }

    static func workaround(_ w: WorkaroundClaim) -> (title: String, text: String) {
        let title = "Publish the workaround for \"\(w.subject)\""
        let who = list(w.authors.map { "@" + $0 })
        var text = "\(who) gave a workaround in \(w.threads.count) thread\(w.threads.count == 1 ? "" : "s") (\(refs(w.threads)))"
        if w.withoutIt.isEmpty {
            text += "; \(w.current.count) tickets of it are active in the period: add it to the FAQ so the next reporters find it."
        } else {
            text += "; \(refs(w.withoutIt)) \(w.withoutIt.count == 1 ? "is" : "are") open without it: "
                + "point \(w.withoutIt.count == 1 ? "it" : "them") to it and add it to the FAQ."
        }
        return (title, text)
    }

    static func regression(_ r: RegressionClaim) -> (title: String, text: String) {
        let reports = list(shown(r.reports.map { "#\($0.ticket.number) (\($0.version))" }, total: r.reports.count))
        switch r.basis {
        case let .newerThanClosed(earlierMax, earlier):
            let lowest = r.reports.first?.version ?? ""
            return ("Check \"\(r.subject)\" for a regression after \(earlierMax)",
                    "\(reports) report it on versions newer than every earlier report, which named \(earlierMax) at most "
                        + "and \(earlier.count == 1 ? "is" : "are") closed (\(refs(earlier))): "
                        + "it came back; find what changed between \(earlierMax) and \(lowest).")
        case let .startsAt(since, first, firstDay, olderTickets):
            let all = r.reports.count == 2 ? "Both reports" : "All \(r.reports.count) reports"
            return ("Check \"\(r.subject)\" for a regression in \(since)",
                    "\(all) of it that name a version give \(since) or later: \(reports), the first (#\(first.number)) opened on \(firstDay). "
                        + "The \(olderTickets) tickets opened since then that name an older version do not report it: "
                        + "look for what changed in \(since).")
        }
    }

    static func newErrors(_ errors: [NewError]) -> (title: String, text: String) {
        guard let top = errors.first else { return ("", "") }
        let title = errors.count == 1 ? "Watch the new error `\(top.signature)`" : "Watch \(errors.count) new errors"
        let parts = errors.map { "`\($0.signature)` first appears on \($0.firstDay) in \(refs($0.tickets))" }
        let one = errors.count == 1
        let text = parts.joined(separator: "; ") + ". No ticket opened before the period quotes " + (one ? "it" : "any of them")
            + ": ask \(errors.count == 1 && top.tickets.count == 1 ? "this reporter" : "these reporters") what changed before \(one ? "it" : "they") started (an update, a new setting) "
            + "and watch for more reports quoting \(one ? "it" : "them")."
        return (title, text)
    }

    static func reply(_ r: ReplyClaim) -> (title: String, text: String) {
        let n = r.tickets.count
        let title = n == 1 ? "Answer #\(r.tickets[0].number): nobody has replied" : "Answer the \(n) tickets nobody has replied to"
        let text = "Nobody but the reporter has written in \(refs(r.tickets, max: shownItems))"
            + (n == 1 ? ", open since \(r.oldestDay)" : ", open, the oldest since \(r.oldestDay)")
            + ": give \(n == 1 ? "it" : "each") a first answer."
        return (title, text)
    }

    static func lackPhrase(_ lacks: [TicketEvidence.Lack]) -> String {
        var gives: [String] = []
        for l in lacks {
            switch l {
            case .version: gives.append("no version number")
            case .platform: gives.append("no operating system")
            case .steps: gives.append("no steps to reproduce")
            case .logs: gives.append("no logs of the failure it reports")
            case .error: continue
            }
        }
        var out: [String] = []
        if !gives.isEmpty { out.append("gives " + list(gives)) }
        if lacks.contains(.error) { out.append("mentions an error without quoting it") }
        return list(out)
    }

    static func ask(_ items: [AskItem]) -> (title: String, text: String) {
        let n = items.count
        let title = n == 1 ? "Ask #\(items[0].ticket.number) for what its report leaves out" : "Ask \(n) reporters for what their reports leave out"
        var parts = items.prefix(shownItems).map { "#\($0.ticket.number)'s report \(lackPhrase($0.lacks))" }
        if n > shownItems { parts.append("\(n - shownItems) more leave out some of the same") }
        let text = parts.joined(separator: "; ") + ": ask " + (n == 1 ? "its reporter" : "each reporter") + " for exactly that."
        return (title, text)
    }

    static func close(_ items: [CloseItem]) -> (title: String, text: String) {
        let n = items.count
        let title = n == 1 ? "Close #\(items[0].ticket.number): it is resolved" : "Close \(n) resolved tickets"
        var parts = items.prefix(shownItems).map { item -> String in
            switch item.reason {
            case let .fixAnnounced(author, day):
                return "@\(author)'s last reply in #\(item.ticket.number), on \(day), says it is fixed and nobody has written since"
            case let .duplicate(of, author):
                return "@\(author) marked #\(item.ticket.number) a duplicate of #\(of)"
            }
        }
        if n > shownItems { parts.append("\(n - shownItems) more are resolved the same way") }
        return (title, parts.joined(separator: "; ") + ": close " + (n == 1 ? "it" : "them") + ".")
    }

    static func reproduce(_ items: [ReproduceItem]) -> (title: String, text: String) {
        let n = items.count
        let title = n == 1 ? "Reproduce #\(items[0].ticket.number) on \(items[0].version) (\(items[0].platform))"
            : "Reproduce \(n) complete reports"
        var parts = items.prefix(shownItems).map { i -> String in
            let with = [i.steps ? "steps" : nil, i.logs ? "logs" : nil].compactMap { $0 }
            return "#\(i.ticket.number) (\(i.version), \(i.platform), with \(with.isEmpty ? "a description" : list(with)))"
        }
        if n > shownItems { parts.append("\(n - shownItems) more") }
        let what = items.allSatisfy { $0.steps || $0.logs } ? "steps or logs" : "what happens"
        let text = list(parts) + (n == 1 ? " gives" : " give") + " the version, the operating system and "
            + what + (n == 1 ? "" : " each") + ": try "
            + (n == 1 ? "it on that version and system" : "each on its version and system") + " before asking the reporter anything."
        return (title, text)
    }

    static func followUp(_ items: [FollowUpItem]) -> (title: String, text: String) {
        let n = items.count
        let title = n == 1 ? "Follow up #\(items[0].ticket.number), open for \(items[0].days) days"
            : "Follow up \(n) tickets open for \(RecommendationGenerator.followUpDays) days or more"
        var parts = items.prefix(shownItems).map { "#\($0.ticket.number) (open \($0.days) days, since \($0.since))" }
        if n > shownItems { parts.append("\(n - shownItems) more") }
        let text = list(parts) + (n == 1 ? " is" : " are") + " still open \(RecommendationGenerator.followUpDays) days or more after "
            + (n == 1 ? "it was" : "they were") + " opened, and " + (n == 1 ? "was" : "were") + " active in the period: tell "
            + (n == 1 ? "the reporter" : "each reporter") + " where it stands (fixed in a release, waiting on them, or when) or close it."
        return (title, text)
    }

    static func afterUpdate(_ items: [AfterUpdateItem]) -> (title: String, text: String) {
        let n = items.count
        let title: String
        if n == 1 {
            title = "Check #\(items[0].ticket.number) for a regression " + (items[0].version.map { "in \($0)" } ?? "after an update")
        } else {
            title = "Check \(n) reports for a regression after an update"
        }
        var parts = items.prefix(shownItems).map { i in
            "#\(i.ticket.number) says \u{201C}\(i.phrase)\u{201D}" + (i.version.map { " (\($0))" } ?? "")
        }
        if n > shownItems { parts.append("\(n - shownItems) more say the same") }
        let text = parts.joined(separator: "; ") + ": ask " + (n == 1 ? "its reporter" : "each reporter")
            + " which version worked before the update, and look for what changed between the two."
        return (title, text)
    }

    static func concernPhrase(_ c: TicketEvidence.Concern) -> String {
        switch c {
        case .dataLoss: return "lost data"
        case .security: return "a security concern"
        case .billing: return "money taken"
        }
    }

    static func escalate(_ items: [EscalateItem]) -> (title: String, text: String) {
        let n = items.count
        let title = n == 1 ? "Escalate #\(items[0].ticket.number): \(concernPhrase(items[0].concern))" : "Escalate \(n) urgent reports"
        var parts = items.prefix(shownItems).map { "#\($0.ticket.number) says \u{201C}\($0.quote)\u{201D} (\(concernPhrase($0.concern)))" }
        if n > shownItems { parts.append("\(n - shownItems) more") }
        let one = n == 1
        let text = parts.joined(separator: "; ") + ": answer " + (one ? "it" : "each") + " today and give " + (one ? "it" : "each")
            + " an owner; lost data, a security concern or money taken does not wait for the next triage."
        return (title, text)
    }

    static func repeats(_ items: [RepeatItem]) -> (title: String, text: String) {
        let n = items.count
        let title = n == 1 ? "Compare #\(items[0].ticket.number) with #\(items[0].of.number): same title"
            : "Compare \(n) reports with the tickets whose titles they repeat"
        var parts = items.prefix(shownItems).map {
            "#\($0.ticket.number) repeats the title of #\($0.of.number) (opened on \($0.ofDay), \($0.ofOpen ? "open" : "closed"))"
        }
        if n > shownItems { parts.append("\(n - shownItems) more repeat an earlier title") }
        let text = parts.joined(separator: "; ") + ": if "
            + (n == 1 ? "they are one problem, close #\(items[0].ticket.number) as a duplicate of #\(items[0].of.number)"
                : "a pair is one problem, close the later as a duplicate")
            + " and answer in one thread."
        return (title, text)
    }

    static func requests(_ items: [RequestItem]) -> (title: String, text: String) {
        let n = items.count
        let title = n == 1 ? "Triage the request #\(items[0].ticket.number)" : "Triage \(n) requests and questions"
        var parts = items.prefix(shownItems).map { "#\($0.ticket.number) (\($0.reason))" }
        if n > shownItems { parts.append("\(n - shownItems) more") }
        let text = list(parts) + (n == 1 ? " asks" : " ask") + " for something rather than reporting a fault: answer a question, "
            + "or add a request to the feature backlog and tell the reporter where to follow it."
        return (title, text)
    }

    static func known(_ k: KnownClaim) -> (title: String, text: String) {
        let n = k.newReports.count
        let subject = "\"" + k.subject + "\""
        let title = n == 1 ? "Link #\(k.newReports[0].number) to the known problem \(subject)" : "Link \(n) new reports to the known problem \(subject)"
        let e = k.earlier.count
        var text = "\(refs(k.newReports)) \(n == 1 ? "is a new report" : "are new reports") of a problem known since \(k.since): "
            + "\(e) earlier report\(e == 1 ? "" : "s") (\(refs(k.earlier))), \(k.earlierOpen.count) still open."
        if !k.resolved.isEmpty {
            text += " \(refs(k.resolved)) \(k.resolved.count == 1 ? "was" : "were") closed: answer with what resolved "
                + (k.resolved.count == 1 ? "it" : "them") + "."
        } else if let oldest = k.earlierOpen.first {
            text += " None is closed yet: link \(n == 1 ? "it" : "them") to #\(oldest.number) and keep one thread."
        }
        return (title, text)
    }

    // MARK: - Pieces

    static func shown(_ items: [String], total: Int, max n: Int = shownRefs) -> [String] {
        total > n ? Array(items.prefix(n)) + ["\(total - n) more"] : items
    }

    static func refs(_ tickets: [TicketKey], max n: Int = shownRefs) -> String {
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

    /// `http:500` and `port:41837` (the scanner's normal forms) as people write them.
    static func readable(_ signature: String) -> String {
        if signature.hasPrefix("http:") { return "HTTP " + signature.dropFirst(5) }
        if signature.hasPrefix("port:") { return "port " + signature.dropFirst(5) }
        return signature
    }
}
