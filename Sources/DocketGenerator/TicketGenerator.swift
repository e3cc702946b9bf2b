/// Deterministic synthetic support tickets for a fictional product ("Lumen"),
/// shaped exactly like GitHub REST v3 output, for benchmarks, demos and
/// clustering evaluation.
///
/// Each issue carries one of ``themeNames`` as its hidden ground truth
/// (``plantedThemes(_:)``); its text mixes that theme's vocabulary with
/// boilerplate shared by all themes, so grouping tickets is realistic work.
/// The same options always give the same bytes.
public enum TicketGenerator {
    static let apiRepo: StaticString = "https://api.github.com/repos/acme/lumen"
    static let webRepo: StaticString = "https://github.com/acme/lumen"
    /// Pages are flushed to the caller once this many bytes are buffered.
    static let chunkBytes = 1 << 20

    /// Streams a GitHub-REST-shaped JSON document to `write`, in chunks of
    /// about a megabyte (the whole document is never held in memory).
    ///
    /// With `singleArray`, the same items form one JSON array instead, which
    /// any JSON tool reads (Docket imports both).
    ///
    /// Otherwise the output is what `gh api --paginate` prints for the issues endpoint
    /// followed by the repository comments endpoint: arrays of at most 100
    /// items concatenated without separators (`[...][...]`). Issues come newest
    /// first, as the issues endpoint lists them; comments come oldest first.
    /// About 2% of the issue items are pull requests (they have a
    /// `pull_request` key) and some comments belong to them.
    ///
    /// - Complexity: O(tickets) time; memory O(tickets) for the comment index,
    ///   a few dozen bytes per ticket.
    public static func generate(_ options: GeneratorOptions, write: (String) throws -> Void) rethrows {
        let plan = Plan(options)
        var sink = ByteSink(capacity: chunkBytes + (1 << 18))
        var composer = Composer(catalog: plan.catalog)
        var records: [CommentRecord] = []
        records.reserveCapacity(plan.total * 2)
        var briefs = [IssueBrief](repeating: IssueBrief(), count: plan.total)

        sink.byte(0x5B)
        var onPage = 0
        var number = plan.total
        while number >= 1 {
            if onPage == 100 {
                if options.singleArray { sink.byte(0x2C) } else { sink.raw("][") }
                onPage = 0
            } else if onPage > 0 {
                sink.byte(0x2C)
            }
            let facts = plan.skeleton(number, comments: &records)
            briefs[number - 1] = facts.brief
            writeIssue(facts, plan: plan, composer: &composer, &sink)
            onPage += 1
            if sink.bytes.count >= chunkBytes { try write(sink.take()) }
            number -= 1
        }
        if !options.singleArray { sink.byte(0x5D) }

        records.sort { a, b in
            if a.time != b.time { return a.time < b.time }
            if a.number != b.number { return a.number < b.number }
            return a.seq < b.seq
        }
        if !options.singleArray {
            sink.byte(0x5B)
        } else if plan.total > 0, !records.isEmpty {
            sink.byte(0x2C)
        }
        onPage = 0
        for (index, record) in records.enumerated() {
            if onPage == 100 {
                if options.singleArray { sink.byte(0x2C) } else { sink.raw("][") }
                onPage = 0
            } else if onPage > 0 {
                sink.byte(0x2C)
            }
            writeComment(record, index: index, brief: briefs[Int(record.number) - 1], plan: plan, composer: &composer, &sink)
            onPage += 1
            if sink.bytes.count >= chunkBytes { try write(sink.take()) }
        }
        sink.byte(0x5D)
        try write(sink.take())
    }

    /// The planted theme of each generated issue, keyed by issue number
    /// (pull requests have none and are absent). Ground truth for clustering.
    public static func plantedThemes(_ options: GeneratorOptions) -> [Int: String] {
        let plan = Plan(options)
        var result: [Int: String] = [:]
        result.reserveCapacity(plan.issueCount)
        for number in stride(from: 1, through: plan.total, by: 1) where !plan.isPullRequest[number - 1] {
            var rng = SplitMix64(seed: plan.seed, stream: UInt64(number), 1)
            let theme = plan.theme(at: plan.created[number - 1], &rng)
            result[number] = plan.catalog.themes[theme].name
        }
        return result
    }

    /// The names of all planted themes, in a fixed order.
    public static var themeNames: [String] {
        Catalog.shared.themes.map(\.name)
    }

    // MARK: - Objects

    static func writeIssue(_ f: IssueFacts, plan: Plan, composer: inout Composer, _ s: inout ByteSink) {
        s.crlf = false
        s.raw("{\"url\":\""); s.raw(apiRepo); s.raw("/issues/"); s.int(f.number)
        s.raw("\",\"repository_url\":\""); s.raw(apiRepo)
        s.raw("\",\"comments_url\":\""); s.raw(apiRepo); s.raw("/issues/"); s.int(f.number)
        s.raw("/comments\",\"html_url\":\""); s.raw(webRepo)
        s.raw(f.isPullRequest ? "/pull/" : "/issues/"); s.int(f.number)
        s.raw("\",\"id\":"); s.int(1_900_000_000 + f.number * 211 + f.idJitter)
        s.raw(",\"number\":"); s.int(f.number)

        var facts = TextFacts()
        facts.release = f.release
        facts.currentRelease = Plan.release(at: f.created)
        facts.os = f.os
        facts.osDetail = f.osDetail
        facts.editor = f.editor
        facts.port = f.port
        facts.created = f.created
        facts.login = login(f.author, plan: plan)
        var rng = SplitMix64(seed: plan.seed, stream: UInt64(f.number), 2)
        facts.pct = rng.within(3...99)
        facts.memTenths = rng.within(12...190)
        facts.sizeMB = rng.within(180...9_000)
        composer.begin(rng: rng, facts: facts)

        let theme = f.isPullRequest ? nil : plan.catalog.themes[f.theme]
        let oldForm = f.created < plan.start + (plan.end - plan.start) / 3
        let body = composer.bodyPlan(lang: f.lang, oldForm: oldForm)
        s.raw(",\"title\":\"")
        if let theme {
            composer.title(theme, lang: f.lang, surface: f.surface, plan: body, &s)
        } else {
            composer.one(plan.catalog.prTitles, &s)
        }
        s.raw("\",\"user\":")
        user(f.author, plan: plan, &s)
        s.raw(",\"labels\":[")
        var first = true
        for (i, label) in labelTable.enumerated() where f.labels & (1 << UInt32(i)) != 0 {
            if !first { s.byte(0x2C) }
            first = false
            s.raw("{\"id\":"); s.int(6_100_000_000 + i * 7_919)
            s.raw(",\"name\":\""); s.escaped(label.name)
            s.raw("\",\"color\":\""); s.escaped(label.color)
            s.raw("\",\"description\":")
            if label.description.isEmpty { s.raw("null") } else { s.byte(0x22); s.escaped(label.description); s.byte(0x22) }
            s.byte(0x7D)
        }
        s.raw("],\"state\":\""); s.raw(f.closed >= 0 ? "closed" : "open")
        s.raw("\",\"locked\":"); s.raw(f.locked ? "true" : "false")
        s.raw(",\"assignees\":[")
        for (i, a) in f.assignees.enumerated() {
            if i > 0 { s.byte(0x2C) }
            user(.staff(a), plan: plan, &s)
        }
        s.raw("],\"comments\":"); s.int(f.commentCount)
        s.raw(",\"created_at\":\""); s.isoTimestamp(f.created)
        s.raw("\",\"updated_at\":\""); s.isoTimestamp(f.updated)
        s.raw("\",\"closed_at\":")
        if f.closed >= 0 { s.byte(0x22); s.isoTimestamp(f.closed); s.byte(0x22) } else { s.raw("null") }
        s.raw(",\"author_association\":\"")
        s.raw(f.association == 2 ? "MEMBER" : (f.association == 1 ? "CONTRIBUTOR" : "NONE"))
        s.raw("\",\"body\":")
        if let theme {
            if body.isNull {
                s.raw("null")
            } else {
                s.byte(0x22)
                composer.body(theme, lang: f.lang, surface: f.surface, plan: body, &s)
                s.crlf = false
                s.byte(0x22)
            }
        } else {
            s.byte(0x22); composer.one(plan.catalog.prBodies, &s); s.byte(0x22)
        }
        s.raw(",\"reactions\":")
        reactions(f.reactions, url: { s in s.raw("/issues/"); s.int(f.number) }, &s)
        s.raw(",\"state_reason\":")
        switch f.reason {
        case .none: s.raw("null")
        case .completed: s.raw("\"completed\"")
        case .notPlanned: s.raw("\"not_planned\"")
        case .reopened: s.raw("\"reopened\"")
        }
        if f.isPullRequest {
            s.raw(",\"draft\":false,\"pull_request\":{\"url\":\""); s.raw(apiRepo); s.raw("/pulls/"); s.int(f.number)
            s.raw("\",\"html_url\":\""); s.raw(webRepo); s.raw("/pull/"); s.int(f.number)
            s.raw("\",\"diff_url\":\""); s.raw(webRepo); s.raw("/pull/"); s.int(f.number)
            s.raw(".diff\",\"patch_url\":\""); s.raw(webRepo); s.raw("/pull/"); s.int(f.number)
            s.raw(".patch\",\"merged_at\":")
            if f.merged && f.closed >= 0 { s.byte(0x22); s.isoTimestamp(f.closed); s.byte(0x22) } else { s.raw("null") }
            s.byte(0x7D)
        }
        s.byte(0x7D)
    }

    static func writeComment(_ c: CommentRecord, index: Int, brief: IssueBrief, plan: Plan, composer: inout Composer, _ s: inout ByteSink) {
        var rng = SplitMix64(seed: plan.seed, stream: UInt64(c.number), 1_000 + UInt64(c.seq))
        let id = 2_500_000_000 + index * 31 + rng.below(31)
        let isPullRequest = brief.theme == 255
        s.crlf = false
        s.raw("{\"url\":\""); s.raw(apiRepo); s.raw("/issues/comments/"); s.int(id)
        s.raw("\",\"html_url\":\""); s.raw(webRepo); s.raw(isPullRequest ? "/pull/" : "/issues/"); s.int(Int(c.number))
        s.raw("#issuecomment-"); s.int(id)
        s.raw("\",\"issue_url\":\""); s.raw(apiRepo); s.raw("/issues/"); s.int(Int(c.number))
        s.raw("\",\"id\":"); s.int(id)
        s.raw(",\"user\":"); user(c.person, plan: plan, &s)
        s.raw(",\"created_at\":\""); s.isoTimestamp(c.time)
        s.raw("\",\"updated_at\":\""); s.isoTimestamp(c.time + Int64(c.editSeconds))
        s.raw("\",\"author_association\":\"")
        if case .staff = c.person { s.raw("MEMBER") } else { s.raw("NONE") }
        s.raw("\",\"body\":\"")
        var facts = TextFacts()
        facts.release = Int(brief.release)
        facts.currentRelease = Plan.release(at: c.time)
        facts.os = Int(brief.os)
        facts.osDetail = Int(brief.osDetail)
        facts.editor = Int(brief.editor)
        facts.port = Int(brief.port)
        facts.created = c.time
        facts.login = login(c.person, plan: plan)
        facts.pct = rng.within(3...99)
        facts.memTenths = rng.within(12...190)
        facts.sizeMB = rng.within(180...9_000)
        composer.begin(rng: rng, facts: facts)
        let theme = isPullRequest ? nil : plan.catalog.themes[Int(brief.theme)]
        composer.commentBody(c.role, theme: theme, lang: Int(brief.lang), &s)
        s.crlf = false
        s.raw("\",\"reactions\":")
        var x = Reactions()
        if composer.rng.chance(70) {
            x.plusOne = composer.rng.within(1...3)
            if composer.rng.chance(200) { x.heart = 1 }
        }
        reactions(x, url: { s in s.raw("/issues/comments/"); s.int(id) }, &s)
        s.byte(0x7D)
    }

    static func login(_ person: Person, plan: Plan) -> [UInt8] {
        switch person {
        case .user(let uid): return plan.logins[uid]
        case .staff(let k): return Array(staffLogins[k].utf8)
        case .triageBot: return Array(triageBot.utf8)
        case .housekeeperBot: return Array(housekeeperBot.utf8)
        }
    }

    static func user(_ person: Person, plan: Plan, _ s: inout ByteSink) {
        s.raw("{\"login\":\"")
        switch person {
        case .user(let uid):
            s.raw(plan.logins[uid]); s.raw("\",\"id\":"); s.int(plan.userID(uid)); s.raw(",\"type\":\"User\"}")
        case .staff(let k):
            s.escaped(staffLogins[k]); s.raw("\",\"id\":"); s.int(5_100_000 + k * 17); s.raw(",\"type\":\"User\"}")
        case .triageBot:
            s.escaped(triageBot); s.raw("\",\"id\":190000001,\"type\":\"Bot\"}")
        case .housekeeperBot:
            s.escaped(housekeeperBot); s.raw("\",\"id\":190000002,\"type\":\"Bot\"}")
        }
    }

    static func reactions(_ x: Reactions, url: (inout ByteSink) -> Void, _ s: inout ByteSink) {
        s.raw("{\"url\":\""); s.raw(apiRepo); url(&s); s.raw("/reactions\",\"total_count\":"); s.int(x.total)
        s.raw(",\"+1\":"); s.int(x.plusOne)
        s.raw(",\"-1\":"); s.int(x.minusOne)
        s.raw(",\"laugh\":"); s.int(x.laugh)
        s.raw(",\"hooray\":"); s.int(x.hooray)
        s.raw(",\"confused\":"); s.int(x.confused)
        s.raw(",\"heart\":"); s.int(x.heart)
        s.raw(",\"rocket\":"); s.int(x.rocket)
        s.raw(",\"eyes\":"); s.int(x.eyes)
        s.byte(0x7D)
    }
}
