extension TicketGenerator {
    enum Role: UInt8 {
        case botTriage, staffAsk, staffReply, staffClose, author, authorLogs, other, stale, pullRequestNote
    }

    enum StateReason {
        case none, completed, notPlanned, reopened
    }

    /// Who wrote something: a reporter (uid >= 0), staff member k (-1 - k), or a bot.
    enum Person: Equatable {
        case user(Int)
        case staff(Int)
        case triageBot
        case housekeeperBot
    }

    /// One comment, decided by the issue's skeleton and written in the second pass,
    /// after all comments are sorted by time as the repository comments endpoint lists them.
    struct CommentRecord {
        var time: Int64
        var number: Int32
        var seq: Int16
        var role: Role
        var editSeconds: Int16
        var person: Person
    }

    struct Reactions {
        var plusOne = 0, minusOne = 0, laugh = 0, hooray = 0, confused = 0, heart = 0, rocket = 0, eyes = 0
        var total: Int { plusOne + minusOne + laugh + hooray + confused + heart + rocket + eyes }
    }

    /// What the comment pass needs to know about an issue.
    struct IssueBrief {
        var theme: UInt8 = 255
        var lang: UInt8 = 0
        var os: UInt8 = 0
        var osDetail: UInt8 = 0
        var editor: UInt8 = 0
        var release: Int32 = 0
        var port: Int32 = 39_300
    }

    /// Everything about one issue except its text.
    struct IssueFacts {
        var number: Int
        var isPullRequest = false
        var merged = false
        var theme = 0
        var created: Int64
        var updated: Int64
        var closed: Int64 = -1
        var reason = StateReason.none
        var author = Person.user(0)
        /// 0 NONE, 1 CONTRIBUTOR, 2 MEMBER.
        var association = 0
        /// 0 English, 1 Chinese, 2 Japanese.
        var lang = 0
        var os = 0
        var osDetail = 0
        var surface = 0
        var editor = 0
        var release = 0
        var port = 39_300
        var commentCount = 0
        var locked = false
        var assignees: [Int] = []
        var labels: UInt32 = 0
        var reactions = Reactions()
        var idJitter = 0

        init(number: Int, created: Int64) {
            self.number = number
            self.created = created
            updated = created
        }

        var brief: IssueBrief {
            IssueBrief(
                theme: isPullRequest ? 255 : UInt8(theme), lang: UInt8(lang), os: UInt8(os),
                osDetail: UInt8(osDetail), editor: UInt8(editor), release: Int32(release), port: Int32(port)
            )
        }
    }

    /// Labels in the alphabetical order GitHub returns them; bit i of `IssueFacts.labels` is entry i.
    static let labelTable: [(name: String, color: String, description: String)] = [
        ("app:core", "0e8a16", "Lumen Core background service"),
        ("app:desktop", "1d76db", "Lumen desktop app"),
        ("app:inkwell", "c5def5", "Inkwell plugin"),
        ("app:jetbrains", "8a2be2", "JetBrains plugin"),
        ("app:vscode", "006b75", "VS Code extension"),
        ("app:web-clipper", "bfdadc", "Browser web clipper"),
        ("bug", "d73a4a", "Something isn't working"),
        ("documentation", "0075ca", "Improvements or additions to documentation"),
        ("duplicate", "cfd3d7", "This issue or pull request already exists"),
        ("enhancement", "a2eeef", "New feature or request"),
        ("needs-info", "fbca04", "Waiting for more details from the reporter"),
        ("needs-triage", "ededed", "Not looked at by the team yet"),
        ("os:linux", "fef2c0", ""),
        ("os:macos", "5319e7", ""),
        ("os:windows", "0052cc", ""),
        ("priority:high", "e11d21", "Affects many users or loses data"),
        ("question", "d876e3", "Further information is requested"),
        ("regression", "b60205", "Worked in an earlier version"),
        ("wontfix", "ffffff", "This will not be worked on"),
    ]

    enum Label {
        static let appCore = 0, appDesktop = 1, appInkwell = 2, appJetBrains = 3, appVSCode = 4, appWebClipper = 5
        static let bug = 6, documentation = 7, duplicate = 8, enhancement = 9, needsInfo = 10, needsTriage = 11
        static let osLinux = 12, osMacOS = 13, osWindows = 14, priorityHigh = 15, question = 16, regression = 17, wontfix = 18
        static let forSurface = [appDesktop, appCore, appVSCode, appJetBrains, appInkwell, appWebClipper]
        static let forOS = [osWindows, osMacOS, osLinux]
    }
}

extension TicketGenerator.Plan {
    typealias Facts = TicketGenerator.IssueFacts
    typealias Record = TicketGenerator.CommentRecord
    typealias Role = TicketGenerator.Role
    typealias Person = TicketGenerator.Person

    static let hour: Int64 = 3600
    static let day: Int64 = 86_400

    /// The non-text facts of issue `number`, appending its comments to `comments`.
    func skeleton(_ number: Int, comments: inout [Record]) -> Facts {
        var r = SplitMix64(seed: seed, stream: UInt64(number), 1)
        let created = self.created[number - 1]
        var f = Facts(number: number, created: created)
        if isPullRequest[number - 1] {
            pullRequest(&f, &r, &comments)
            return f
        }
        // The theme must stay the first draw: `plantedThemes` replays only this one.
        f.theme = theme(at: created, &r)
        let spec = catalog.themes[f.theme]
        let langRoll = r.below(1000)
        f.lang = langRoll < 18 ? 1 : (langRoll < 30 ? 2 : 0)
        f.os = r.weighted(spec.os)
        f.osDetail = r.below(catalog.osDetails[f.os].count)
        f.surface = r.weighted(spec.surfaces)
        switch f.surface {
        case 2: f.editor = r.chance(850) ? 0 : 1
        case 3: f.editor = r.within(2...5)
        case 4: f.editor = 6
        default: f.editor = r.below(catalog.editors.count)
        }
        let lagRoll = r.below(1000)
        let lag = lagRoll < 750 ? 0 : (lagRoll < 930 ? r.within(1...2) : r.within(3...8))
        f.release = Self.release(at: created) - lag
        f.port = r.chance(900) ? 39_300 : [39_301, 39_310, 8_087, 5_323][r.below(4)]
        f.idJitter = r.below(211)
        if r.chance(20) {
            f.author = .staff(r.below(TicketGenerator.staffLogins.count))
            f.association = 2
        } else {
            f.author = .user(reporter(&r))
            f.association = r.chance(50) ? 1 : 0
        }

        let age = end - created
        let firstComment = comments.count
        var count: Int
        let roll = r.below(1000)
        switch roll {
        case ..<620: count = 0
        case ..<822: count = 1
        case ..<895: count = 2
        case ..<940: count = 3
        case ..<983: count = r.within(4...8)
        case ..<997: count = r.within(9...19)
        default: count = r.within(20...58)
        }
        // Fresh tickets draw more attention than the backlog.
        if age < 14 * Self.day && count == 0 && r.chance(150) { count = r.within(1...3) }
        if age < Self.hour { count = min(count, 1) } else if age < Self.day { count = min(count, 4) }

        let staffMain = r.below(TicketGenerator.staffLogins.count)
        let authorIsStaff = f.association == 2
        var t = created
        var previous = 1  // 0 staff, 1 author, 2 other
        var previousRole = Role.author
        var hadStaff = false
        var hadStaffReply = false
        var lastStaffAsked = false
        let bot = count > 0 && r.chance(400)
        for k in 0..<count {
            var role: Role
            var person: Person
            var gap: Int64
            if k == 0 && bot {
                role = .botTriage
                person = .triageBot
                gap = Int64(r.within(20...300))
                previous = 1
            } else {
                let p = r.below(100)
                var who: Int
                switch previous {
                case 0: who = p < 60 ? 1 : (p < 85 ? 2 : 0)
                case 2: who = p < 45 ? 2 : (p < 75 ? 0 : 1)
                default: who = p < 55 ? 0 : (p < 80 ? 2 : 1)
                }
                if who == 1 && authorIsStaff { who = 0 }
                switch who {
                case 0:
                    role = !hadStaff ? (r.chance(650) ? .staffAsk : .staffReply) : (r.chance(250) ? .staffAsk : .staffReply)
                    person = .staff(r.chance(800) ? staffMain : r.below(TicketGenerator.staffLogins.count))
                    gap = Self.gap(staff: &r)
                    hadStaff = true
                    if role == .staffReply { hadStaffReply = true }
                    lastStaffAsked = role == .staffAsk
                case 1:
                    role = previousRole == .staffAsk && r.chance(450) ? .authorLogs : .author
                    person = f.author
                    gap = Self.gap(author: &r)
                    lastStaffAsked = false
                default:
                    role = .other
                    var uid = reporter(&r)
                    if case .user(let a) = f.author, a == uid { uid = (uid + 1) % logins.count }
                    person = .user(uid)
                    gap = Self.gap(other: &r)
                }
                previous = who
            }
            t += gap
            previousRole = role
            let edit = r.chance(80) ? Int16(r.within(30...600)) : 0
            comments.append(Record(time: t, number: Int32(number), seq: Int16(k), role: role, editSeconds: edit, person: person))
        }
        compress(&comments, from: firstComment, created: created)

        var lastActivity = comments.count > firstComment ? comments[comments.count - 1].time : created
        var closeChance = age > 30 * Self.day ? 380 : (age > 7 * Self.day ? 300 : (age > Self.day ? 150 : 40))
        if hadStaffReply { closeChance += 100 }
        if r.chance(closeChance) {
            f.closed = min(end, lastActivity + Int64(r.within(600...(3 * 86_400))))
            f.reason = r.chance(780) ? .completed : .notPlanned
            if comments.count - firstComment < 60 && previous != 0 && r.chance(250) {
                comments.append(Record(
                    time: f.closed, number: Int32(number), seq: Int16(comments.count - firstComment),
                    role: .staffClose, editSeconds: 0, person: .staff(staffMain)))
                hadStaff = true
            }
        } else if age > 35 * Self.day && end - lastActivity > 21 * Self.day && r.chance(350) {
            let marked = lastActivity + 21 * Self.day
            comments.append(Record(
                time: marked, number: Int32(number), seq: Int16(comments.count - firstComment),
                role: .stale, editSeconds: 0, person: .housekeeperBot))
            lastActivity = marked
            if marked + 7 * Self.day <= end && r.chance(600) {
                f.closed = marked + 7 * Self.day
                f.reason = .notPlanned
            }
        }
        if f.closed < 0 && comments.count - firstComment >= 2 && r.chance(70) {
            f.reason = .reopened
        }
        f.commentCount = comments.count - firstComment

        var updated = max(created, f.closed)
        for c in comments[firstComment...] { updated = max(updated, c.time + Int64(c.editSeconds)) }
        if r.chance(250) { updated += Int64(r.within(60...(3 * 86_400))) }
        f.updated = min(end, updated)
        // Comment edits may not outlive the snapshot either.
        for i in firstComment..<comments.count where comments[i].time + Int64(comments[i].editSeconds) > end {
            comments[i].editSeconds = 0
        }

        f.locked = f.closed >= 0 && age > 60 * Self.day && r.chance(60)
        if hadStaff || f.closed >= 0 {
            if r.chance(600) { f.assignees.append(staffMain) }
            if r.chance(80) {
                let second = (staffMain + 1 + r.below(TicketGenerator.staffLogins.count - 1)) % TicketGenerator.staffLogins.count
                f.assignees.append(second)
            }
        }
        f.labels = labels(f, spec: spec, hadStaff: hadStaff, lastStaffAsked: lastStaffAsked, &r)
        f.reactions = Self.reactions(comments: f.commentCount, &r)
        return f
    }

    private func labels(_ f: Facts, spec: TicketGenerator.Theme, hadStaff: Bool, lastStaffAsked: Bool, _ r: inout SplitMix64) -> UInt32 {
        typealias L = TicketGenerator.Label
        var mask: UInt32 = 0
        func add(_ i: Int) { mask |= 1 << UInt32(i) }
        // Nobody has looked at many open tickets yet, so nobody labelled them.
        if f.closed < 0 && !hadStaff && r.chance(300) { return 0 }
        let kind = r.below(100)
        switch spec.name {
        case "licensing-billing": if kind < 50 { add(L.question) } else if kind < 75 { add(L.bug) }
        case "keyboard-shortcuts": if kind < 25 { add(L.enhancement) } else if kind < 85 { add(L.bug) }
        default: if kind < 75 { add(L.bug) } else if kind < 87 { add(L.question) } else if kind < 90 { add(L.enhancement) }
        }
        if f.closed < 0 && !hadStaff && r.chance(500) { add(L.needsTriage) }
        if f.closed < 0 && lastStaffAsked { add(L.needsInfo) }
        if r.chance(450) { add(L.forOS[f.os]) }
        if r.chance(400) { add(L.forSurface[f.surface]) }
        if ["startup-crash", "upgrade-data-loss", "update-install"].contains(spec.name) && r.chance(300) { add(L.regression) }
        if (spec.name == "upgrade-data-loss" && r.chance(400)) || (f.commentCount >= 15 && r.chance(500)) { add(L.priorityHigh) }
        if f.reason == .notPlanned {
            let k = r.below(100)
            if k < 50 { add(L.duplicate) } else if k < 65 { add(L.wontfix) }
        }
        return mask
    }

    private static func reactions(comments: Int, _ r: inout SplitMix64) -> TicketGenerator.Reactions {
        var x = TicketGenerator.Reactions()
        guard r.chance(comments > 5 ? 700 : 150) else { return x }
        x.plusOne = 1 + r.below(comments / 2 + 3)
        if r.chance(100) { x.heart = r.within(1...3) }
        if r.chance(100) { x.eyes = r.within(1...4) }
        if r.chance(50) { x.confused = r.within(1...2) }
        if r.chance(20) { x.laugh = 1 }
        if r.chance(20) { x.hooray = 1 }
        if r.chance(30) { x.rocket = 1 }
        if r.chance(20) { x.minusOne = 1 }
        return x
    }

    private func pullRequest(_ f: inout Facts, _ r: inout SplitMix64, _ comments: inout [Record]) {
        f.isPullRequest = true
        f.idJitter = r.below(211)
        if r.chance(850) {
            f.author = .staff(r.below(TicketGenerator.staffLogins.count))
            f.association = 2
        } else {
            f.author = .user(reporter(&r))
            f.association = 1
        }
        let age = end - f.created
        let count = age > Self.hour ? r.below(3) : 0
        var t = f.created
        for k in 0..<count {
            t += Int64(r.within(600...(2 * 86_400)))
            comments.append(Record(
                time: min(end, t), number: Int32(f.number), seq: Int16(k), role: .pullRequestNote,
                editSeconds: 0, person: .staff(r.below(TicketGenerator.staffLogins.count))))
        }
        f.commentCount = count
        let last = count > 0 ? min(end, t) : f.created
        if age > Self.day && r.chance(880) {
            f.closed = min(end, last + Int64(r.within(600...(4 * 86_400))))
            f.merged = r.chance(900)
        }
        f.updated = max(last, f.closed)
        if f.assignees.isEmpty && r.chance(300) { f.assignees.append(r.below(TicketGenerator.staffLogins.count)) }
        f.labels = r.chance(600) ? 1 << UInt32(TicketGenerator.Label.documentation) : 0
    }

    /// Squeezes a thread that would run past the snapshot into the time left,
    /// keeping its order and relative spacing.
    private func compress(_ comments: inout [Record], from first: Int, created: Int64) {
        guard comments.count > first else { return }
        let last = comments[comments.count - 1].time
        guard last > end else { return }
        let span = last - created
        // Land somewhere before the snapshot, not every squeezed thread exactly at it.
        var r = SplitMix64(seed: seed, stream: UInt64(comments[first].number), 3)
        let room = max(0, end - created) * Int64(r.within(55...100)) / 100
        for i in first..<comments.count {
            comments[i].time = created + (comments[i].time - created) * room / span
        }
    }

    private static func gap(staff r: inout SplitMix64) -> Int64 {
        let p = r.below(100)
        if p < 40 { return Int64(r.within(900...7_200)) }
        if p < 80 { return Int64(r.within(7_200...86_400)) }
        return Int64(r.within(86_400...(4 * 86_400)))
    }

    private static func gap(author r: inout SplitMix64) -> Int64 {
        let p = r.below(100)
        if p < 35 { return Int64(r.within(300...3_600)) }
        if p < 70 { return Int64(r.within(3_600...43_200)) }
        if p < 90 { return Int64(r.within(43_200...(3 * 86_400))) }
        return Int64(r.within((3 * 86_400)...(14 * 86_400)))
    }

    private static func gap(other r: inout SplitMix64) -> Int64 {
        let p = r.below(100)
        if p < 20 { return Int64(r.within(3_600...43_200)) }
        if p < 60 { return Int64(r.within(43_200...(5 * 86_400))) }
        return Int64(r.within((5 * 86_400)...(30 * 86_400)))
    }
}
