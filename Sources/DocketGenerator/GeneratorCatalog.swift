extension TicketGenerator {
    /// Per-ticket values a template can name directly.
    enum Dynamic: String, Sendable, CaseIterable {
        case ver, oldver, fixver, os, osname, editor, port
        case n, n2, big, big2, pct, mem, size, line, col, hex4, hexid, date, uuid, user
    }

    enum Piece: Sendable {
        case text(Fragment)
        case pool(Int)
        case dynamic(Dynamic)
    }

    /// A sentence with slots, parsed once so generation never scans text.
    struct Template: Sendable {
        var parts: [Piece]
    }

    struct Theme: Sendable {
        let name: String
        let weight: Int
        let os: [Int]
        let surfaces: [Int]
        let titles: [Template]
        let sentences: [Template]
        let steps: [Template]
        let expected: [Template]
        /// Log lines that report the theme's error (they name `{sig}`), and the rest.
        let errorLogs: [Template]
        let noteLogs: [Template]
        let frames: [Template]
        let staff: [Template]
        let followUps: [Template]
        let hints: [Template]
        let zhTitles: [Template]
        let zhSentences: [Template]
        let jaTitles: [Template]
        let jaSentences: [Template]
        /// Renders one of the theme's error signatures (the `{sig}` pool).
        let signature: Template
    }

    /// All text the generator can emit, compiled from the theme and vocabulary sources.
    struct Catalog: Sendable {
        var pools: [[Template]] = []
        var themes: [Theme] = []
        var sentences: [Template] = []
        var vagueTitles: [Template] = []
        var vagueBodies: [Template] = []
        var steps: [Template] = []
        var expected: [Template] = []
        var environment: [Template] = []
        var logs: [Template] = []
        var frames: [Template] = []
        var greetings: [Template] = []
        var signoffs: [Template] = []
        var hostile: [Template] = []
        var emoji: [Fragment] = []
        var staffAsk: [Template] = []
        var staffGeneric: [Template] = []
        var staffClosing: [Template] = []
        var other: [Template] = []
        var author: [Template] = []
        var authorLogs: [Template] = []
        var botTriage: [Template] = []
        var stale: [Template] = []
        var prTitles: [Template] = []
        var prBodies: [Template] = []
        var prComments: [Template] = []
        var zhGeneric: [Template] = []
        var jaGeneric: [Template] = []
        var zhComments: [Template] = []
        var jaComments: [Template] = []

        let osFamilies = ["Windows", "macOS", "Linux"].map(Fragment.init)
        let osDetails: [[Fragment]] = [
            ["Windows 11 23H2", "Windows 11 24H2", "Windows 10 22H2", "Windows 11 Pro 23H2 (x64)", "Windows 10 LTSC 2021", "Windows 11 on ARM"],
            ["macOS 14.5 Sonoma (M1)", "macOS 15.2 Sequoia (M3 Pro)", "macOS 13.6 Ventura (Intel)", "macOS 15.3 (Apple Silicon)", "macOS 14.7 (Intel i7)"],
            ["Ubuntu 22.04 LTS", "Ubuntu 24.04", "Fedora 40 (Wayland)", "Arch Linux (KDE Plasma 6)", "Linux Mint 21.3", "Debian 12", "Pop!_OS 22.04", "openSUSE Tumbleweed"],
        ].map { $0.map(Fragment.init) }
        /// Desktop app, Lumen Core, VS Code, JetBrains, Inkwell, web clipper.
        let surfaceNames = ["Desktop App", "Lumen Core", "VS Code extension", "JetBrains plugin", "Inkwell plugin", "Web Clipper"].map(Fragment.init)
        let editors = ["VS Code", "VSCodium", "IntelliJ IDEA", "PyCharm", "WebStorm", "Rider", "Inkwell"].map(Fragment.init)

        /// Slot names that matched no pool while compiling: a catalog typo.
        var problems: [String] = []

        static let shared = Catalog.build()

        static func build() -> Catalog {
            var c = Catalog()
            var problems: [String] = []
            var generic: [String: Int] = [:]
            var pending: [(Int, [String])] = []
            for (name, items) in VocabularySource.slots {
                generic[name] = c.pools.count
                pending.append((c.pools.count, items))
                c.pools.append([])
            }
            for (index, items) in pending {
                c.pools[index] = items.map { compile($0, scope: generic, problems: &problems) }
            }
            func list(_ items: [String]) -> [Template] {
                items.map { compile($0, scope: generic, problems: &problems) }
            }
            c.sentences = list(VocabularySource.sentences)
            c.vagueTitles = list(VocabularySource.vagueTitles)
            c.vagueBodies = list(VocabularySource.vagueBodies)
            c.steps = list(VocabularySource.steps)
            c.expected = list(VocabularySource.expected)
            c.environment = list(VocabularySource.environment)
            c.logs = list(VocabularySource.logs)
            c.frames = list(VocabularySource.frames)
            c.greetings = list(VocabularySource.greetings)
            c.signoffs = list(VocabularySource.signoffs)
            c.hostile = list(VocabularySource.hostile)
            c.emoji = VocabularySource.emoji.map(Fragment.init)
            c.staffAsk = list(VocabularySource.staffAsk)
            c.staffGeneric = list(VocabularySource.staffGeneric)
            c.staffClosing = list(VocabularySource.staffClosing)
            c.other = list(VocabularySource.other)
            c.author = list(VocabularySource.author)
            c.authorLogs = list(VocabularySource.authorLogs)
            c.botTriage = list(VocabularySource.botTriage)
            c.stale = list(VocabularySource.stale)
            c.prTitles = list(VocabularySource.prTitles)
            c.prBodies = list(VocabularySource.prBodies)
            c.prComments = list(VocabularySource.prComments)
            c.zhGeneric = list(VocabularySource.zhGeneric)
            c.jaGeneric = list(VocabularySource.jaGeneric)
            c.zhComments = list(VocabularySource.zhComments)
            c.jaComments = list(VocabularySource.jaComments)

            for source in themeSources() {
                var scope = generic
                var themePending: [(Int, [String])] = []
                for (name, items) in source.slots {
                    scope[name] = c.pools.count
                    themePending.append((c.pools.count, items))
                    c.pools.append([])
                }
                let signaturePool = c.pools.count
                scope["sig"] = signaturePool
                themePending.append((c.pools.count, source.signatures))
                c.pools.append([])
                for (index, items) in themePending {
                    c.pools[index] = items.map { compile($0, scope: scope, problems: &problems) }
                }
                func themed(_ items: [String]) -> [Template] {
                    items.map { compile($0, scope: scope, problems: &problems) }
                }
                c.themes.append(Theme(
                    name: source.name, weight: source.weight, os: source.os, surfaces: source.surfaces,
                    titles: themed(source.titles), sentences: themed(source.sentences),
                    steps: themed(source.steps), expected: themed(source.expected),
                    errorLogs: themed(source.logs.filter { $0.contains("{sig}") }),
                    noteLogs: themed(source.logs.filter { !$0.contains("{sig}") }),
                    frames: themed(source.frames),
                    staff: themed(source.staff), followUps: themed(source.followUps),
                    hints: themed(source.hints),
                    zhTitles: themed(source.zhTitles), zhSentences: themed(source.zhSentences),
                    jaTitles: themed(source.jaTitles), jaSentences: themed(source.jaSentences),
                    signature: Template(parts: [.pool(signaturePool)])
                ))
            }
            c.problems = problems
            return c
        }

        /// Splits `{name}` slots out of a sentence. Braces that do not enclose a
        /// plain lowercase name (JSON in log lines, `${HOME}`) stay literal text.
        static func compile(_ text: String, scope: [String: Int], problems: inout [String]) -> Template {
            var parts: [Piece] = []
            var literal = ""
            var i = text.startIndex
            while i < text.endIndex {
                let ch = text[i]
                if ch == "{", let close = text[text.index(after: i)...].firstIndex(of: "}") {
                    let name = text[text.index(after: i)..<close]
                    let isName = !name.isEmpty && name.count <= 16 && name.allSatisfy { c in
                        ("a"..."z").contains(c) || ("0"..."9").contains(c)
                    }
                    if isName {
                        let key = String(name)
                        var resolved: Piece?
                        if let index = scope[key] {
                            resolved = .pool(index)
                        } else if let d = Dynamic(rawValue: key) {
                            resolved = .dynamic(d)
                        } else {
                            problems.append("unknown slot {\(key)} in \"\(text)\"")
                        }
                        if let piece = resolved {
                            if !literal.isEmpty {
                                parts.append(.text(Fragment(literal)))
                                literal = ""
                            }
                            parts.append(piece)
                            i = text.index(after: close)
                            continue
                        }
                    }
                }
                literal.append(ch)
                i = text.index(after: i)
            }
            if !literal.isEmpty { parts.append(.text(Fragment(literal))) }
            return Template(parts: parts)
        }
    }

    /// Ticket facts that templates can mention.
    struct TextFacts {
        var release = 0
        /// The release current when the text is written (for "fixed in {fixver}").
        var currentRelease = 0
        var os = 0
        var osDetail = 0
        var editor = 0
        var port = 39_300
        var pct = 50
        var memTenths = 20
        var sizeMB = 900
        var created: Int64 = 0
        var login: [UInt8] = []
    }

    /// Renders templates for one ticket or comment at a time.
    ///
    /// A slot keeps its first value for the whole ticket, so the module named
    /// in the title is the one in the body and the logs.
    struct Composer {
        let catalog: Catalog
        var rng = SplitMix64(seed: 0)
        var facts = TextFacts()
        private var memo: [Int32]
        private var touched: [Int] = []

        init(catalog: Catalog) {
            self.catalog = catalog
            memo = Array(repeating: -1, count: catalog.pools.count)
            touched.reserveCapacity(32)
        }

        mutating func begin(rng: SplitMix64, facts: TextFacts) {
            for index in touched { memo[index] = -1 }
            touched.removeAll(keepingCapacity: true)
            self.rng = rng
            self.facts = facts
        }

        mutating func render(_ template: Template, _ sink: inout ByteSink) {
            for piece in template.parts {
                switch piece {
                case .text(let f):
                    sink.fragment(f)
                case .pool(let index):
                    let items = catalog.pools[index]
                    var k = Int(memo[index])
                    if k < 0 {
                        k = rng.below(items.count)
                        memo[index] = Int32(k)
                        touched.append(index)
                    }
                    render(items[k], &sink)
                case .dynamic(let d):
                    dynamic(d, &sink)
                }
            }
        }

        /// Renders one template picked at random from `list`.
        mutating func one(_ list: [Template], _ sink: inout ByteSink) {
            guard !list.isEmpty else { return }
            render(list[rng.below(list.count)], &sink)
        }

        /// Picks `count` distinct indices of `list` (fewer if it is shorter), in random order.
        mutating func distinct(_ count: Int, of size: Int) -> [Int] {
            let wanted = min(count, size)
            var chosen: [Int] = []
            chosen.reserveCapacity(wanted)
            while chosen.count < wanted {
                let k = rng.below(size)
                if !chosen.contains(k) { chosen.append(k) }
            }
            return chosen
        }

        mutating func version(_ release: Int, _ sink: inout ByteSink) {
            // Three releases a month; a minor bump every fourth, major every fortieth.
            guard release >= 0 else {
                sink.raw("3.9.")
                sink.int(max(0, 4 + release))
                return
            }
            sink.int(4 + release / 40); sink.byte(0x2E)
            sink.int(release / 4 % 10); sink.byte(0x2E)
            sink.int(release % 4)
        }

        mutating func dynamic(_ d: Dynamic, _ sink: inout ByteSink) {
            switch d {
            case .ver: version(facts.release, &sink)
            case .oldver: version(facts.release - 1 - Int(facts.created % 3), &sink)
            case .fixver: version(max(facts.release, facts.currentRelease) + 1, &sink)
            case .os: sink.fragment(catalog.osDetails[facts.os][facts.osDetail])
            case .osname: sink.fragment(catalog.osFamilies[facts.os])
            case .editor: sink.fragment(catalog.editors[facts.editor])
            case .port: sink.int(facts.port)
            case .n: sink.int(rng.within(2...9))
            case .n2: sink.int(rng.within(1...5))
            case .big: sink.int(rng.within(1000...99_999))
            case .big2: sink.int(rng.within(1000...99_999))
            case .pct: sink.int(facts.pct)
            case .mem:
                sink.int(facts.memTenths / 10); sink.byte(0x2E); sink.int(facts.memTenths % 10)
            case .size:
                if facts.sizeMB >= 1024 {
                    sink.int(facts.sizeMB / 1024); sink.byte(0x2E); sink.int(facts.sizeMB % 1024 * 10 / 1024)
                    sink.raw(" GB")
                } else {
                    sink.int(facts.sizeMB); sink.raw(" MB")
                }
            case .line: sink.int(rng.within(12...2400))
            case .col: sink.int(rng.within(1...80))
            case .hex4: sink.hex(rng.next(), digits: 4)
            case .hexid: sink.hex(rng.next(), digits: 12)
            case .date: sink.isoDate(facts.created)
            case .uuid:
                let a = rng.next(), b = rng.next()
                sink.hex(a >> 32, digits: 8); sink.byte(0x2D)
                sink.hex(a >> 16, digits: 4); sink.byte(0x2D)
                sink.hex(a, digits: 4); sink.byte(0x2D)
                sink.hex(b >> 48, digits: 4); sink.byte(0x2D)
                sink.hex(b, digits: 12)
            case .user: sink.raw(facts.login)
            }
        }
    }
}
