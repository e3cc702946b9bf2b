@testable import DocketAnalysis
@testable import DocketGenerator
@testable import DocketModel
import Foundation
import XCTest

/// Every generated recommendation, over a varied corpus, checked against
/// the tickets: each claim recomputed here from the raw data with rules
/// restated independently of `TicketEvidence` (regular expressions over
/// the text, not its byte scans), the words compared with a rendering of
/// the claim, and every number of the text found in the claim.
final class RecommendationAuditTests: XCTestCase {
    // MARK: - Corpora

    struct Case {
        var name: String
        var input: RecommendationInput
    }

    static func cases() throws -> [Case] {
        let lumen = LumenCorpus.tickets()
        var out: [Case] = []
        for (name, period) in [("week", LumenCorpus.week), ("quiet day", LumenCorpus.quietDay), ("day after", LumenCorpus.dayAfter),
                               ("day", Period(first: CivilDate(year: 2025, month: 4, day: 16), last: CivilDate(year: 2025, month: 4, day: 16))),
                               ("day 17", Period(first: CivilDate(year: 2025, month: 4, day: 17), last: CivilDate(year: 2025, month: 4, day: 17))),
                               ("day 18", Period(first: CivilDate(year: 2025, month: 4, day: 18), last: CivilDate(year: 2025, month: 4, day: 18))),
                               ("day 19", Period(first: CivilDate(year: 2025, month: 4, day: 19), last: CivilDate(year: 2025, month: 4, day: 19)))] {
            out.append(Case(name: "lumen \(name)", input: RecommendationInput(clusters: LumenCorpus.clusters(), tickets: lumen,
                                                                            period: period, staff: LumenCorpus.staff)))
            out.append(Case(name: "lumen \(name), no staff list", input: RecommendationInput(clusters: LumenCorpus.clusters(), tickets: lumen, period: period)))
        }
        // The receding export problem alone: in the full week it ranks below the seven kept.
        out.append(Case(name: "lumen week, export only",
                        input: RecommendationInput(clusters: LumenCorpus.clusters().filter { $0.id == "c-export" }, tickets: lumen,
                                                   period: LumenCorpus.week, staff: LumenCorpus.staff)))
        // Lumen with the clustering's own groups.
        let analysed = ClusterAnalysis.run(lumen).map {
            RecommendationInput.Cluster(id: $0.id, title: $0.title, keywords: $0.keywords, tickets: $0.members.map { lumen[$0].key })
        }
        out.append(Case(name: "lumen week, analysed", input: RecommendationInput(clusters: analysed, tickets: lumen, period: LumenCorpus.week)))
        // Generated tickets with planted threads, several periods.
        let options = GeneratorOptions(tickets: 2_000, seed: 11, days: 60)
        let generated = try GeneratedCorpus.tickets(options)
        let clusters = ClusterAnalysis.run(generated).map {
            RecommendationInput.Cluster(id: $0.id, title: $0.title, keywords: $0.keywords, tickets: $0.members.map { generated[$0].key })
        }
        let last = CivilDate(options.end, in: .utc)
        for (name, period) in [("last week", Period(first: last.adding(days: -6), last: last)),
                               ("a week a month ago", Period(first: last.adding(days: -36), last: last.adding(days: -30))),
                               ("last day", Period(first: last, last: last)),
                               ("a day", Period(first: last.adding(days: -20), last: last.adding(days: -20))),
                               ("all", Period.all())] {
            out.append(Case(name: "generated \(name)", input: RecommendationInput(clusters: clusters, tickets: generated, period: period)))
        }
        return out
    }

    // MARK: - The audit

    func testEveryClaimOfEveryRecommendationHoldsInTheData() throws {
        var kinds: [String: Int] = [:]
        for c in try Self.cases() {
            let plan = RecommendationGenerator.plan(c.input)
            XCTAssertLessThanOrEqual(plan.count, RecommendationGenerator.maximum, c.name)
            let audit = Audit(c.input)
            for p in plan {
                let where_ = "\(c.name): \(p.recommendation.title)"
                kinds[kindName(p.claim), default: 0] += 1
                let (title, text) = RecommendationText.render(p.claim)
                XCTAssertTrue(p.recommendation.title == title || p.recommendation.title.hasPrefix(title + " (#"), "title from the claim: \(where_)")
                XCTAssertEqual(p.recommendation.text, text, "text from the claim: \(where_)")
                XCTAssertEqual(p.recommendation.id, p.claim.id, where_)
                audit.check(p, where_)
                audit.checkNumbers(p, where_)
            }
            XCTAssertLessThanOrEqual(plan.filter { if case let .cluster(x) = $0.claim { return x.action == .fixFirst }; return false }.count, 1,
                                     "one 'first' at most: \(c.name)")
            XCTAssertEqual(Set(plan.map(\.recommendation.id)).count, plan.count, "ids unique: \(c.name)")
            assertNoFiller(plan, c.name)
            if ProcessInfo.processInfo.environment["DOCKET_SHOW_PLANS"] != nil {
                print("== \(c.name)"); for p in plan { print("  [\(p.score)] \(p.recommendation.title)") }
            }
        }
        // The corpus exercises every kind.
        for k in ["recheckFix", "fixFirst", "documentFix", "closeOut", "findCause", "workaround", "regression", "newErrors",
                  "reply", "ask", "close", "reproduce", "followUp", "afterUpdate", "escalate", "repeats", "requests", "known"] {
            XCTAssertGreaterThan(kinds[k] ?? 0, 0, "no '\(k)' recommendation in the corpus: \(kinds)")
        }
    }

    func kindName(_ c: RecommendationClaim) -> String {
        switch c {
        case let .cluster(x): return x.action.rawValue
        case .workaround: return "workaround"
        case .regression: return "regression"
        case .newErrors: return "newErrors"
        case .reply: return "reply"
        case .ask: return "ask"
        case .close: return "close"
        case .reproduce: return "reproduce"
        case .followUp: return "followUp"
        case .afterUpdate: return "afterUpdate"
        case .escalate: return "escalate"
        case .repeats: return "repeats"
        case .requests: return "requests"
        case .known: return "known"
        }
    }

    /// No stock advice: the words outside the problem's own title and keywords say none of it.
    func assertNoFiller(_ plan: [RecommendationGenerator.Planned], _ name: String) {
        let filler = ["improve documentation", "monitor", "enhance", "consider", "continue to", "best practice", "ensure"]
        for p in plan {
            let r = p.recommendation
            var words = (r.title + " " + r.text).lowercased()
            var own: [String] = []
            switch p.claim {
            case let .cluster(c): own = [c.subject] + c.keywords
            case let .workaround(w): own = [w.subject]
            case let .regression(x): own = [x.subject]
            case let .known(x): own = [x.subject]
            case let .requests(x): own = x.map(\.reason)
            default: break
            }
            for o in own { words = words.replacingOccurrences(of: o.lowercased(), with: " ") }
            for f in filler { XCTAssertFalse(words.contains(f), "generic filler '\(f)' in \(name): \(r.title): \(r.text)") }
            XCTAssertTrue(words.contains("#") || words.contains("`"), "cites tickets or an error: \(r.title)")
        }
    }

    /// The independent recomputation.
    struct Audit {
        let input: RecommendationInput
        let byKey: [TicketKey: Ticket]
        let byCluster: [String: RecommendationInput.Cluster]
        var p: Period { input.period }

        init(_ input: RecommendationInput) {
            self.input = input
            var k: [TicketKey: Ticket] = [:]
            for t in input.tickets where k[t.key] == nil { k[t.key] = t }
            byKey = k
            var c: [String: RecommendationInput.Cluster] = [:]
            for x in input.clusters where c[x.id] == nil { c[x.id] = x }
            byCluster = c
        }

        func t(_ k: TicketKey) -> Ticket {
            guard let t = byKey[k] else { XCTFail("\(k) is not a ticket of the input"); return Ticket(source: "", number: 0, title: "", createdAt: Date()) }
            return t
        }

        func within(_ d: Date, _ q: Period) -> Bool { q.isAll || (d >= q.start && d < q.end) }
        func active(_ t: Ticket, _ q: Period) -> Bool {
            within(t.createdAt, q) || within(t.updatedAt, q) || (t.closedAt.map { within($0, q) } ?? false)
                || t.comments.contains { within($0.createdAt, q) }
        }
        func open(_ t: Ticket) -> Bool {
            guard t.state == .closed else { return true }
            return (t.closedAt ?? t.updatedAt) >= p.end
        }
        func staff(_ c: Comment) -> Bool {
            !c.authorIsBot && (["OWNER", "MEMBER", "COLLABORATOR"].contains(c.association) || input.staff.contains(c.author))
        }
        func day(_ d: Date) -> CivilDate { CivilDate(d, in: p.zone) }
        func members(_ ids: [String]) -> [Ticket] {
            var seen = Set<TicketKey>()
            return ids.flatMap { byCluster[$0]?.tickets ?? [] }.filter { seen.insert($0).inserted }.compactMap { byKey[$0] }
        }
        func has(_ pattern: String, _ text: String, _ options: NSRegularExpression.Options = [.caseInsensitive, .anchorsMatchLines]) -> Bool {
            guard let re = try? NSRegularExpression(pattern: pattern, options: options) else { XCTFail("bad pattern \(pattern)"); return false }
            return re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
        func report(_ t: Ticket) -> String { (t.title + "\n" + t.body).replacingOccurrences(of: "\r", with: "\n") }
        func formValue(_ t: Ticket, _ heading: String) -> String? {
            // The first "### ...<heading>..." section's text; "_No response_" is none.
            var lines = t.body.replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n")[...]
            while let l = lines.first, !(l.hasPrefix("### ") && l.lowercased().contains(heading)) { lines = lines.dropFirst() }
            guard !lines.isEmpty else { return nil }
            let value = lines.dropFirst().prefix { !$0.hasPrefix("### ") }.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty || value == "_No response_" ? nil : value
        }
        func version(_ t: Ticket) -> String? {
            guard let v = formValue(t, "version"), let r = v.range(of: #"\d+(\.\d+)+"#, options: .regularExpression) else { return nil }
            return String(v[r])
        }
        func vless(_ a: String, _ b: String) -> Bool {
            let x = a.split(separator: ".").map { Int($0) ?? 0 }, y = b.split(separator: ".").map { Int($0) ?? 0 }
            for i in 0..<max(x.count, y.count) where (i < x.count ? x[i] : 0) != (i < y.count ? y[i] : 0) {
                return (i < x.count ? x[i] : 0) < (i < y.count ? y[i] : 0)
            }
            return false
        }
        func mentions(_ t: Ticket, _ signature: String) -> Bool {
            let all = ([t.title, t.body] + t.comments.map(\.body)).joined(separator: "\n").lowercased()
            if signature.hasPrefix("HTTP ") { return all.contains("http") && has(#"\b"# + signature.dropFirst(5) + #"\b"#, all) }
            if signature.hasPrefix("port ") { return has(#"\b"# + signature.dropFirst(5) + #"\b"#, all) }
            return all.contains(signature.lowercased())
        }

        // The rules of what a report leaves out, restated.
        let platformWords = #"\b(windows|win10|win11|macos|mac|osx|darwin|macbook|imac|sonoma|sequoia|ventura|monterey|linux|ubuntu|debian|fedora|arch|mint|manjaro|centos|rhel|opensuse|nixos|wsl|ios|iphone|ipad|android|chromeos)\b"#
        func givesVersion(_ t: Ticket) -> Bool { has(#"\d\.\d"#, report(t)) }
        func givesPlatform(_ t: Ticket) -> Bool { has(platformWords, report(t)) || formValue(t, "operating system") != nil }
        func givesSteps(_ t: Ticket) -> Bool {
            let prose = report(t).components(separatedBy: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }.joined(separator: "\n")
            return has(#"^\s*\d+[.)]\s"#, prose) || has(#"\b(steps?|reproduc\w*|repro)\b"#, prose)
                || prose.components(separatedBy: "\n").filter { has(#"^\s*[-*+] (?!\[)"#, $0) }.count >= 2
        }
        func showsLog(_ t: Ticket) -> Bool {
            let r = report(t)
            return has(#"```|~~~|!\[|<img|\.log\b|\.txt\b|\.zip\b|user-attachments/|["“”`]|\d:\d\d:\d\d|0x[0-9a-f]|[a-z](error|exception)\b|error\s*[:-]|error code|^\s*at\s|\b[45]\d\d\b"#, r)
                || has(#"^(    |\t)\s*\S"#, r) || has(#"\bE[A-Z]{4,}\b"#, r, [])
        }
        func isRequest(_ t: Ticket) -> Bool {
            t.labels.contains { has("enhancement|feature|question|documentation|discussion", $0) } || has(#"feature request|\[feature"#, t.title)
        }

        func proseWords(_ t: Ticket) -> Int {
            var n = 0, fence = false
            for l in report(t).components(separatedBy: "\n") {
                let x = l.trimmingCharacters(in: .whitespaces)
                if x.hasPrefix("```") || x.hasPrefix("~~~") { fence.toggle(); continue }
                if fence || x.hasPrefix("#") || x.hasPrefix("- [") { continue }
                n += x.split { !($0.isLetter || $0.isNumber || $0 == "_") }.count
            }
            return n
        }
        /// The reporter's words, whitespace collapsed, contain `quote`.
        func says(_ t: Ticket, _ quote: String) -> Bool {
            report(t).split(whereSeparator: \.isWhitespace).joined(separator: " ").contains(quote.split(whereSeparator: \.isWhitespace).joined(separator: " "))
        }
        func staffReplied(_ t: Ticket) -> Bool { t.comments.contains { $0.createdAt < p.end && staff($0) } }

        // MARK: Claims

        func check(_ planned: RecommendationGenerator.Planned, _ w: String) {
            let r = planned.recommendation
            switch planned.claim {
            case let .cluster(c): checkCluster(c, r, w)
            case let .workaround(x): checkWorkaround(x, r, w)
            case let .regression(x): checkRegression(x, w)
            case let .newErrors(x): checkNewErrors(x, r, w)
            case let .reply(x): checkReply(x, r, w)
            case let .ask(x): checkAsk(x, r, w)
            case let .close(x): checkClose(x, r, w)
            case let .reproduce(x): checkReproduce(x, r, w)
            case let .followUp(x): checkFollowUp(x, r, w)
            case let .afterUpdate(x): checkAfterUpdate(x, r, w)
            case let .escalate(x): checkEscalate(x, r, w)
            case let .repeats(x): checkRepeats(x, r, w)
            case let .requests(x): checkRequests(x, r, w)
            case let .known(x): checkKnown(x, r, w)
            }
            for k in r.tickets { XCTAssertNotNil(byKey[k], "cites a ticket of the input: \(w)") }
            for id in r.clusterIDs { XCTAssertNotNil(byCluster[id], "names a cluster of the input: \(w)") }
        }

        func checkCluster(_ c: ClusterClaim, _ r: Recommendation, _ w: String) {
            let m = members(c.clusterIDs)
            let current = m.filter { active($0, p) }
            XCTAssertEqual(Set(c.tickets), Set(current.map(\.key)), "the members active in the period: \(w)")
            XCTAssertEqual(r.tickets, c.tickets, w)
            XCTAssertEqual(r.clusterIDs, c.clusterIDs, w)
            if let prev = input.previous {
                XCTAssertEqual(c.previousCount, m.filter { active($0, prev) }.count, "previous count: \(w)")
            } else {
                XCTAssertNil(c.previousCount, w)
            }
            let opened = current.filter(open)
            XCTAssertEqual(Set(c.open), Set(opened.map(\.key)), "open: \(w)")
            XCTAssertEqual(Set(c.reopened), Set(current.filter { $0.reopenCount > 0 || $0.stateReason == "reopened" }.map(\.key)), "reopened: \(w)")
            let closedIn = current.filter { !open($0) && ($0.closedAt.map { within($0, p) } ?? false) }
            XCTAssertEqual(c.closedInPeriod, closedIn.count, "closed in the period: \(w)")
            let quick = closedIn.filter { ($0.closedAt ?? .distantFuture).timeIntervalSince($0.createdAt) <= Double(c.quickDays) * 86_400 }
            XCTAssertEqual(Set(c.closedQuickly), Set(quick.map(\.key)), "closed quickly: \(w)")
            let n = current.count, prev = c.previousCount ?? n, o = opened.count, re = c.reopened.count
            switch c.action {
            case .recheckFix: XCTAssertTrue(re >= 2 && re * 10 >= n, w)
            case .fixFirst, .fixNext: XCTAssertTrue(o >= 3 && n > prev, "rising with three open: \(w)")
            case .documentFix: XCTAssertTrue(quick.count >= 2 && quick.count * 2 >= closedIn.count && o * 2 <= n, w)
            case .findCause: XCTAssertTrue(o >= 2 && n >= prev, w)
            case .closeOut: XCTAssertTrue(n < prev && o > 0, w)
            }
            XCTAssertGreaterThanOrEqual(n, 2, "a problem needs two tickets in the period: \(w)")
            if let a = c.answer {
                XCTAssertTrue(c.closedQuickly.contains(a.ticket), w)
                let tk = t(a.ticket)
                XCTAssertTrue(tk.comments.contains { $0.author == a.author && staff($0) && $0.createdAt <= (tk.closedAt ?? p.end) },
                              "a team member answered in \(a.ticket): \(w)")
            }
            let keywords = c.clusterIDs.flatMap { byCluster[$0]?.keywords ?? [] }
            for k in c.keywords { XCTAssertTrue(keywords.contains(k), "keyword \(k) is the cluster's: \(w)") }
            for s in c.signatures {
                let inText = current.filter { mentions($0, s) }.count
                let sigKeyword = keywords.contains { $0.lowercased() == "sig:" + s.lowercased() || $0.lowercased() == "sig:" + s.lowercased().replacingOccurrences(of: "http ", with: "http:") }
                XCTAssertTrue(sigKeyword || inText >= max(2, (n + 2) / 3), "`\(s)` shared: \(inText) of \(n): \(w)")
            }
            for share in [c.platform, c.version].compactMap({ $0 }) {
                XCTAssertLessThanOrEqual(share.count, share.total, w)
                XCTAssertLessThanOrEqual(share.total, n, w)
                XCTAssertGreaterThanOrEqual(Double(share.count), 0.7 * Double(share.total), w)
                XCTAssertGreaterThanOrEqual(current.filter { report($0).lowercased().contains(share.value.lowercased()) }.count, share.count,
                                            "\(share.value) in \(share.count) reports: \(w)")
            }
        }

        func offersWorkaround(_ c: Comment) -> Bool { has("workaround|work around|work-around|in the meantime|temporary fix", c.body) }

        func checkWorkaround(_ x: WorkaroundClaim, _ r: Recommendation, _ w: String) {
            let m = members(x.clusterIDs).filter { $0.createdAt < p.end }
            let withIt = m.filter { tk in tk.comments.contains { $0.createdAt < p.end && $0.author != tk.author && staff($0) && offersWorkaround($0) } }
            XCTAssertEqual(Set(x.threads), Set(withIt.map(\.key)), "threads with a workaround: \(w)")
            XCTAssertFalse(x.threads.isEmpty, w)
            let givers = Set(withIt.flatMap { tk in tk.comments.filter { $0.createdAt < p.end && staff($0) && offersWorkaround($0) && $0.author != tk.author }.map(\.author) })
            XCTAssertEqual(Set(x.authors), givers, "who gave it: \(w)")
            let current = m.filter { active($0, p) }
            XCTAssertEqual(Set(x.current), Set(current.map(\.key)), w)
            XCTAssertEqual(Set(x.withoutIt), Set(current.filter { open($0) && !x.threads.contains($0.key) }.map(\.key)), "open without it: \(w)")
            XCTAssertEqual(Set(r.tickets), Set(x.current + x.threads), w)
        }

        func checkRegression(_ x: RegressionClaim, _ w: String) {
            let m = members(x.clusterIDs).filter { $0.createdAt < p.end }
            for rep in x.reports { XCTAssertEqual(version(t(rep.ticket)), rep.version, "\(rep.ticket) reports \(rep.version): \(w)") }
            switch x.basis {
            case let .newerThanClosed(top, earlier):
                let before = m.filter { $0.createdAt < p.start && version($0) != nil }
                XCTAssertEqual(Set(earlier), Set(before.map(\.key)), "the earlier reports: \(w)")
                XCTAssertTrue(before.allSatisfy { $0.state == .closed && ($0.closedAt ?? $0.updatedAt) < p.start }, "earlier all closed: \(w)")
                XCTAssertTrue(before.allSatisfy { !vless(top, version($0) ?? "") }, "\(top) is the highest earlier: \(w)")
                XCTAssertTrue(before.contains { version($0) == top }, w)
                let newer = m.filter { within($0.createdAt, p) && version($0).map { vless(top, $0) } == true }
                XCTAssertEqual(Set(x.reports.map(\.ticket)), Set(newer.map(\.key)), "the newer reports: \(w)")
                XCTAssertFalse(newer.isEmpty, w)
            case let .startsAt(since, first, firstDay, older):
                let versioned = m.filter { version($0) != nil }
                XCTAssertEqual(Set(x.reports.map(\.ticket)), Set(versioned.map(\.key)), w)
                XCTAssertGreaterThanOrEqual(versioned.count, 2, w)
                XCTAssertTrue(versioned.allSatisfy { !vless(version($0) ?? "", since) }, "all \(since) or later: \(w)")
                let earliest = m.min { $0.createdAt != $1.createdAt ? $0.createdAt < $1.createdAt : $0.key < $1.key }
                XCTAssertEqual(earliest?.key, first, w)
                XCTAssertEqual(earliest.map { day($0.createdAt) }, firstDay, w)
                let keys = Set(m.map(\.key))
                let olderOnes = byKey.values.filter { tk in
                    tk.createdAt >= (earliest?.createdAt ?? .distantFuture) && tk.createdAt < p.end && !keys.contains(tk.key)
                        && (version(tk).map { vless($0, since) } ?? false)
                }
                XCTAssertEqual(olderOnes.count, older, "tickets on older versions since it began: \(w)")
                XCTAssertTrue(versioned.contains { within($0.createdAt, p) }, "reported in the period: \(w)")
            }
        }

        func checkNewErrors(_ errors: [NewError], _ r: Recommendation, _ w: String) {
            XCTAssertFalse(errors.isEmpty, w)
            for e in errors {
                for tk in byKey.values where tk.createdAt < p.start {
                    XCTAssertFalse(mentions(tk, e.signature), "`\(e.signature)` is new, but \(tk.key) quotes it: \(w)")
                }
                let quoting = byKey.values.filter { within($0.createdAt, p) && mentions($0, e.signature) }
                XCTAssertEqual(Set(e.tickets), Set(quoting.map(\.key)), "the tickets quoting `\(e.signature)`: \(w)")
                XCTAssertEqual(day(quoting.map(\.createdAt).min() ?? .distantPast), e.firstDay, "first day of `\(e.signature)`: \(w)")
                XCTAssertFalse(e.signature.hasPrefix("port "), w)
            }
            XCTAssertEqual(Set(r.tickets), Set(errors.flatMap(\.tickets)), w)
        }

        func checkReply(_ x: ReplyClaim, _ r: Recommendation, _ w: String) {
            let waiting = byKey.values.filter { tk in
                tk.createdAt < p.end && active(tk, p) && open(tk) && tk.commentCountKnown && tk.comments.count >= tk.commentCount
                    && !tk.comments.contains { $0.createdAt < p.end && !$0.authorIsBot && $0.author != tk.author }
            }
            // All of them, or one of them on a line of its own.
            if x.tickets.count == 1 {
                XCTAssertTrue(waiting.contains { $0.key == x.tickets[0] }, "nobody answered \(x.tickets[0]): \(w)")
                XCTAssertEqual(x.oldestDay, day(t(x.tickets[0]).createdAt), w)
            } else {
                XCTAssertEqual(Set(x.tickets), Set(waiting.map(\.key)), "the tickets nobody answered: \(w)")
                XCTAssertEqual(x.oldestDay, day(waiting.map(\.createdAt).min() ?? .distantPast), w)
            }
            XCTAssertEqual(r.tickets, x.tickets, w)
        }

        func checkAsk(_ items: [AskItem], _ r: Recommendation, _ w: String) {
            for i in items {
                let tk = t(i.ticket)
                XCTAssertTrue(within(tk.createdAt, p) && open(tk), "new and open: \(w)")
                XCTAssertFalse(isRequest(tk), w)
                XCTAssertFalse(tk.comments.contains { $0.createdAt < p.end && staff($0) }, "no team reply yet: \(w)")
                XCTAssertFalse(i.lacks.isEmpty, w)
                for l in i.lacks {
                    switch l {
                    case .version: XCTAssertFalse(givesVersion(tk), "\(tk.key) gives a version: \(w)")
                    case .platform: XCTAssertFalse(givesPlatform(tk), "\(tk.key) names a platform: \(w)")
                    case .steps:
                        XCTAssertFalse(givesSteps(tk), "\(tk.key) gives steps: \(w)")
                        XCTAssertFalse(showsLog(tk), "\(tk.key) asked for steps though it has a log: \(w)")
                    case .logs: XCTAssertFalse(showsLog(tk), "\(tk.key) shows a log: \(w)")
                    case .error:
                        XCTAssertFalse(showsLog(tk), "\(tk.key) quotes its error: \(w)")
                        XCTAssertTrue(has(#"\berrors?\b"#, report(tk)), "\(tk.key) mentions an error: \(w)")
                    }
                }
            }
            XCTAssertEqual(r.tickets, items.map(\.ticket), w)
        }

        func saysFixed(_ c: Comment) -> Bool {
            has(#"\b(fixed|resolved|released|shipped)\b|is out|is live|available in"#, c.body)
                && !has(#"\b(not|never|once|until|will|yet|upcoming|investigating)\b|n't|next release|working on|looking into"#, c.body)
        }

        func checkClose(_ items: [CloseItem], _ r: Recommendation, _ w: String) {
            for i in items {
                let tk = t(i.ticket)
                XCTAssertTrue(open(tk) && active(tk, p), "open, in the period: \(w)")
                let thread = tk.comments.filter { $0.createdAt < p.end }.sorted { $0.createdAt < $1.createdAt }
                switch i.reason {
                case let .fixAnnounced(author, d):
                    let people = thread.filter { !$0.authorIsBot }
                    XCTAssertTrue(tk.comments.count >= tk.commentCount && tk.commentCountKnown, "thread known: \(w)")
                    guard let last = people.last else { XCTFail("no comment: \(w)"); continue }
                    XCTAssertEqual(last.author, author, "the last word is \(author)'s: \(w)")
                    XCTAssertTrue(staff(last) && saysFixed(last), "a team member says it is fixed: \(w)")
                    XCTAssertEqual(day(last.createdAt), d, w)
                case let .duplicate(of, author):
                    XCTAssertTrue(thread.contains { $0.author == author && staff($0) && has("duplicate of #\(of)\\b", $0.body) }, w)
                    XCTAssertNotNil(byKey[TicketKey(source: tk.source, number: of)], "#\(of) is in the store: \(w)")
                }
            }
            XCTAssertEqual(r.tickets, items.map(\.ticket), w)
        }

        func checkReproduce(_ items: [ReproduceItem], _ r: Recommendation, _ w: String) {
            for i in items {
                let tk = t(i.ticket)
                XCTAssertTrue(within(tk.createdAt, p) && open(tk), w)
                // The form's, or an app report's first "...Version: N.N" and "Operating System: X" lines.
                func field(_ key: String) -> String? {
                    for l in tk.body.components(separatedBy: "\n").prefix(80) {
                        guard let r = l.range(of: #"^\s*(?:[-*] )?(?:\*\*)?[A-Za-z][^:]{0,39}:\s+"#, options: .regularExpression) else { continue }
                        let k = l[r].lowercased().replacingOccurrences(of: "*", with: "")
                        if has(key, k) { return String(l[r.upperBound...]) }
                    }
                    return nil
                }
                let fieldVersion = field(#"version:"#).flatMap { v in v.range(of: #"^\d+(\.\d+)+"#, options: .regularExpression).map { String(v[$0]) } }
                XCTAssertEqual(version(tk) ?? fieldVersion, i.version, w)
                let os = formValue(tk, "operating system") ?? formValue(tk, "platform") ?? field(#"\b(os|operating system|platform)\b[^:]*:"#) ?? ""
                XCTAssertTrue(os.lowercased().contains(i.platform.lowercased()) || (i.platform == "macOS" && has(#"\bmac"#, os)),
                              "\(i.platform) from '\(os)': \(w)")
                XCTAssertEqual(i.steps, givesSteps(tk), "steps: \(w)")
                if i.logs { XCTAssertTrue(showsLog(tk), "logs: \(w)") }
                if !i.steps && !i.logs {
                    // "With a description": enough words, a version and a system, no failure left unshown.
                    XCTAssertGreaterThanOrEqual(proseWords(tk), 30, "described at length: \(w)")
                    XCTAssertFalse(has(#"\b(errors?|crash\w*|freez\w*|frozen|hang\w*|fail\w*|stuck|unresponsive|won't)\b|not working|does(n't| not) work|not responding"#,
                                       report(tk)), "a failure without a log is asked about, not reproduced: \(w)")
                    XCTAssertTrue(givesVersion(tk) && givesPlatform(tk), w)
                }
                XCTAssertFalse(tk.comments.contains { $0.createdAt < p.end && staff($0) }, w)
            }
            XCTAssertEqual(r.tickets, items.map(\.ticket), w)
        }

        func checkFollowUp(_ items: [FollowUpItem], _ r: Recommendation, _ w: String) {
            let days = RecommendationGenerator.followUpDays
            for i in items {
                let tk = t(i.ticket)
                XCTAssertTrue(active(tk, p) && open(tk), "open and active in the period: \(w)")
                XCTAssertFalse(isRequest(tk), "not a feature request: \(w)")
                XCTAssertEqual(i.since, day(tk.createdAt), w)
                let age = Int(p.end.timeIntervalSince(tk.createdAt) / 86_400)
                XCTAssertEqual(i.days, age, "days open: \(w)")
                XCTAssertGreaterThanOrEqual(i.days, days, w)
            }
            // Every open old ticket of the period is followed up, or asked to be answered or closed.
            let old = input.tickets.filter { active($0, p) && open($0) && !isRequest($0) && $0.createdAt < p.end
                && p.end.timeIntervalSince($0.createdAt) >= Double(days) * 86_400 }
            XCTAssertTrue(Set(items.map(\.ticket)).isSubset(of: Set(old.map(\.key))), w)
            XCTAssertEqual(r.tickets, items.map(\.ticket), w)
            XCTAssertEqual(items.map(\.ticket), items.sorted { t($0.ticket).createdAt != t($1.ticket).createdAt
                ? t($0.ticket).createdAt < t($1.ticket).createdAt : $0.ticket < $1.ticket }.map(\.ticket), "oldest first: \(w)")
        }

        func checkAfterUpdate(_ items: [AfterUpdateItem], _ r: Recommendation, _ w: String) {
            for i in items {
                let tk = t(i.ticket)
                XCTAssertTrue(within(tk.createdAt, p) && open(tk) && !isRequest(tk), "a new open report: \(w)")
                XCTAssertTrue(says(tk, i.phrase), "\(tk.key) says '\(i.phrase)': \(w)")
                XCTAssertTrue(has(#"^(after|since)\b.*\b(update[sd]?|updating|upgrade[d]?|upgrading)$"#, i.phrase), "'\(i.phrase)' says it began with an update: \(w)")
                XCTAssertLessThanOrEqual(i.phrase.split(separator: " ").count, 6, w)
                XCTAssertEqual(i.version, version(tk), w)
            }
            XCTAssertEqual(r.tickets, items.map(\.ticket), w)
        }

        func checkEscalate(_ items: [EscalateItem], _ r: Recommendation, _ w: String) {
            for i in items {
                let tk = t(i.ticket)
                XCTAssertTrue(active(tk, p) && open(tk) && !staffReplied(tk), "open, unanswered by the team: \(w)")
                XCTAssertTrue(says(tk, i.quote), "\(tk.key) says '\(i.quote)': \(w)")
                let pattern: String
                switch i.concern {
                case .dataLoss: pattern = #"\b(lost|lose|losing|deleted|wiped|erased|disappeared|vanished|gone|restor\w*)\b|data loss"#
                case .security: pattern = #"vulnerab|exploit|security|leak|expos|plaintext"#
                case .billing: pattern = #"charged|refund|bill|invoice"#
                }
                XCTAssertTrue(has(pattern, i.quote), "'\(i.quote)' states \(i.concern): \(w)")
                XCTAssertFalse(has(#"\b(not|no|never|without|didn't|don't|doesn't|haven't|hasn't|wasn't|isn't|won't|can't|cannot|nothing)\s+(\S+\s+){0,2}"#
                                   + NSRegularExpression.escapedPattern(for: i.quote), report(tk)), "not negated: \(w)")
            }
            XCTAssertEqual(r.tickets, items.map(\.ticket), w)
        }

        /// A title as compared for repeats, restated: lower-cased words, a "[tag]" or "Bug:" in front dropped, three words or more.
        func sameTitleKey(_ title: String) -> String? {
            var s = title.lowercased()
            if s.hasPrefix("["), let c = s.firstIndex(of: "]") { s = String(s[s.index(after: c)...]) }
            var words = s.split { !($0.isLetter || $0.isNumber || $0 == "'") }.map(String.init)
            if let f = words.first, ["bug", "issue", "problem", "question"].contains(f), s.contains(f + ":") { words.removeFirst() }
            return words.count >= 3 ? words.joined(separator: " ") : nil
        }

        func checkRepeats(_ items: [RepeatItem], _ r: Recommendation, _ w: String) {
            for i in items {
                let tk = t(i.ticket), of = t(i.of)
                XCTAssertTrue(within(tk.createdAt, p) && open(tk), "a new open report: \(w)")
                let key = sameTitleKey(tk.title)
                XCTAssertNotNil(key, w)
                XCTAssertEqual(key, sameTitleKey(of.title), "same title: \(w)")
                // The same reporter, or (one unknown) within two days.
                let first = input.tickets.filter { e in
                    e.createdAt < p.end && sameTitleKey(e.title) == key && e.key != tk.key && e.createdAt <= tk.createdAt
                        && (e.author.isEmpty || tk.author.isEmpty ? tk.createdAt.timeIntervalSince(e.createdAt) <= 2 * 86_400 : e.author == tk.author)
                }.min { $0.createdAt != $1.createdAt ? $0.createdAt < $1.createdAt : $0.key < $1.key }
                XCTAssertEqual(first?.key, of.key, "the earliest with that title: \(w)")
                XCTAssertNotEqual(of.key, tk.key, w)
                XCTAssertEqual(i.ofDay, day(of.createdAt), w)
                XCTAssertEqual(i.ofOpen, open(of), w)
            }
            var keys: [TicketKey] = []
            for i in items { for k in [i.ticket, i.of] where !keys.contains(k) { keys.append(k) } }
            XCTAssertEqual(r.tickets, keys, w)
        }

        func checkRequests(_ items: [RequestItem], _ r: Recommendation, _ w: String) {
            for i in items {
                let tk = t(i.ticket)
                XCTAssertTrue(within(tk.createdAt, p) && open(tk) && isRequest(tk) && !staffReplied(tk), w)
                if i.reason.hasPrefix("labelled ") { XCTAssertTrue(tk.labels.contains(String(i.reason.dropFirst(9))), w) }
            }
            XCTAssertEqual(r.tickets, items.map(\.ticket), w)
        }

        func checkKnown(_ x: KnownClaim, _ r: Recommendation, _ w: String) {
            let m = members(x.clusterIDs)
            func older(_ a: Ticket, _ b: Ticket) -> Bool { a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.key < b.key }
            XCTAssertEqual(x.newReports, m.filter { within($0.createdAt, p) && open($0) }.sorted(by: older).map(\.key), w)
            let earlier = m.filter { $0.createdAt < p.start }.sorted(by: older)
            XCTAssertEqual(x.earlier, earlier.map(\.key), w)
            XCTAssertEqual(x.since, day(earlier.first?.createdAt ?? .distantPast), w)
            XCTAssertEqual(x.earlierOpen, earlier.filter(open).map(\.key), w)
            XCTAssertEqual(Set(x.resolved), Set(earlier.filter { !open($0) && $0.stateReason != "not_planned" && $0.stateReason != "duplicate" }.map(\.key)), w)
            XCTAssertFalse(x.newReports.isEmpty || (x.resolved.isEmpty && x.earlierOpen.isEmpty), w)
        }

        // MARK: Numbers

        /// Every number of the text is one the claim holds: quoted titles,
        /// backticked errors, @logins and cluster ids are taken out (each
        /// checked to be the claim's), then dates, versions, ticket numbers
        /// and counts are looked up.
        func checkNumbers(_ planned: RecommendationGenerator.Planned, _ w: String) {
            var text = planned.recommendation.title + " " + planned.recommendation.text
            var counts = Set<Int>(), dates = Set<String>(), versions = Set<String>(), tickets = Set<Int>()
            var subjects: [String] = [], signatures: [String] = [], logins: [String] = [], clusterIDs: [String] = []
            func list(_ n: Int, shown: Int) { counts.insert(n); counts.insert(n - shown) }
            func period(_ q: Period?) { if let q { dates.insert(q.first.description); dates.insert(q.last.description); counts.insert(q.days) } }
            switch planned.claim {
            case let .cluster(c):
                subjects = [c.subject]; signatures = c.signatures; clusterIDs = c.clusterIDs; period(c.period); period(c.previous)
                counts.formUnion([c.count, c.open.count, c.closedInPeriod, c.closedQuickly.count, c.quickDays, c.reopened.count])
                if let n = c.previousCount { counts.insert(n) }
                for l in [c.open, c.reopened, c.closedQuickly] { list(l.count, shown: 3) }
                for s in [c.platform, c.version].compactMap({ $0 }) { counts.formUnion([s.count, s.total]); versions.insert(s.value) }
                tickets = Set((c.tickets + (c.answer.map { [$0.ticket] } ?? [])).map(\.number))
                if let a = c.answer { logins = [a.author] }
                // A platform value may hold a digit ("Windows 11"): it is the claim's.
                if let v = c.platform?.value { subjects.append(v) }
                if let v = c.version?.value { subjects.append(v) }
            case let .workaround(x):
                subjects = [x.subject]; logins = x.authors
                list(x.threads.count, shown: 3); list(x.withoutIt.count, shown: 3); counts.insert(x.current.count)
                tickets = Set((x.threads + x.withoutIt).map(\.number))
            case let .regression(x):
                subjects = [x.subject]
                list(x.reports.count, shown: 3)
                versions = Set(x.reports.map(\.version))
                tickets = Set(x.reports.map(\.ticket.number))
                switch x.basis {
                case let .newerThanClosed(top, earlier):
                    versions.insert(top); list(earlier.count, shown: 3); tickets.formUnion(earlier.map(\.number))
                case let .startsAt(since, first, d, older):
                    versions.insert(since); tickets.insert(first.number); dates.insert(d.description); counts.insert(older)
                }
            case let .newErrors(e):
                signatures = e.map(\.signature); counts.insert(e.count)
                for x in e { list(x.tickets.count, shown: 3); dates.insert(x.firstDay.description); tickets.formUnion(x.tickets.map(\.number)) }
            case let .reply(x):
                list(x.tickets.count, shown: 5); dates.insert(x.oldestDay.description); tickets = Set(x.tickets.map(\.number))
            case let .ask(x):
                list(x.count, shown: 5); tickets = Set(x.map(\.ticket.number))
            case let .close(x):
                list(x.count, shown: 5); tickets = Set(x.map(\.ticket.number))
                for i in x {
                    switch i.reason {
                    case let .fixAnnounced(a, d): logins.append(a); dates.insert(d.description)
                    case let .duplicate(of, a): logins.append(a); tickets.insert(of)
                    }
                }
            case let .reproduce(x):
                list(x.count, shown: 5); tickets = Set(x.map(\.ticket.number)); versions = Set(x.map(\.version))
            case let .followUp(x):
                list(x.count, shown: 5); tickets = Set(x.map(\.ticket.number)); counts.insert(RecommendationGenerator.followUpDays)
                for i in x { counts.insert(i.days); dates.insert(i.since.description) }
            case let .afterUpdate(x):
                list(x.count, shown: 5); tickets = Set(x.map(\.ticket.number)); versions = Set(x.compactMap(\.version))
                subjects = x.map(\.phrase)
            case let .escalate(x):
                list(x.count, shown: 5); tickets = Set(x.map(\.ticket.number)); subjects = x.map(\.quote)
            case let .repeats(x):
                list(x.count, shown: 5); tickets = Set(x.flatMap { [$0.ticket.number, $0.of.number] })
                for i in x { dates.insert(i.ofDay.description) }
            case let .requests(x):
                list(x.count, shown: 5); tickets = Set(x.map(\.ticket.number)); subjects = x.map(\.reason)
            case let .known(x):
                subjects = [x.subject]; dates.insert(x.since.description)
                for l in [x.newReports, x.earlier, x.resolved] { list(l.count, shown: 3) }
                counts.formUnion([x.earlier.count, x.earlierOpen.count])
                tickets = Set((x.newReports + x.earlier + x.resolved + x.earlierOpen.prefix(1)).map(\.number))
            }
            func cut(_ pattern: String, _ each: (String) -> Void) {
                guard let re = try? NSRegularExpression(pattern: pattern) else { return }
                let ns = text as NSString
                for m in re.matches(in: text, range: NSRange(location: 0, length: ns.length)).reversed() {
                    each(ns.substring(with: m.range(at: m.numberOfRanges > 1 ? 1 : 0)))
                    text = (text as NSString).replacingCharacters(in: m.range, with: " ")
                }
            }
            for s in subjects { text = text.replacingOccurrences(of: s, with: " ") }
            cut("`([^`]*)`") { XCTAssertTrue(signatures.contains($0), "`\($0)` is a signature of the claim: \(w)") }
            cut(#"@([A-Za-z0-9_-]+)"#) { XCTAssertTrue(logins.contains($0), "@\($0) is in the claim: \(w)") }
            cut(#"\(Clusters ([^)]*) are the same problem\.\)"#) { XCTAssertEqual($0, clusterIDs.joined(separator: ", "), w) }
            cut(#"(\d{4}-\d{2}-\d{2})"#) { XCTAssertTrue(dates.contains($0), "date \($0) is in the claim: \(w)") }
            cut(#"(\d+(?:\.\d+)+)"#) { XCTAssertTrue(versions.contains($0), "version \($0) is in the claim: \(w)") }
            cut(#"#(\d+)"#) { XCTAssertTrue(tickets.contains(Int($0) ?? -1), "#\($0) is a ticket of the claim: \(w)") }
            cut(#"(\d+)"#) { XCTAssertTrue(counts.contains(Int($0) ?? -1), "the number \($0) is a count of the claim \(counts): \(w)") }
        }
    }
}
