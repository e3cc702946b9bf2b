@testable import DocketGenerator
import Foundation
import XCTest


final class GeneratorTests: XCTestCase {
    // MARK: Helpers

    private static func output(_ options: GeneratorOptions) -> (text: String, chunks: [Int]) {
        var text = ""
        var chunks: [Int] = []
        TicketGenerator.generate(options) { chunk in
            chunks.append(chunk.utf8.count)
            text += chunk
        }
        return (text, chunks)
    }

    /// Splits `gh api --paginate` output (`[...][...]`) into its arrays by
    /// tracking strings and nesting, since "][" can also occur inside bodies.
    private static func pages(_ text: String) -> [Data] {
        let bytes = Array(text.utf8)
        var result: [Data] = []
        var depth = 0
        var inString = false
        var escaped = false
        var start = 0
        for (i, b) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                continue
            }
            switch b {
            case 0x22: inString = true
            case 0x5B, 0x7B:
                if depth == 0 { start = i }
                depth += 1
            case 0x5D, 0x7D:
                depth -= 1
                if depth == 0 { result.append(Data(bytes[start...i])) }
            default: break
            }
        }
        return result
    }

    private struct Corpus {
        var issuePages: [[[String: Any]]] = []
        var commentPages: [[[String: Any]]] = []
        var issues: [[String: Any]] { issuePages.flatMap { $0 } }
        var comments: [[String: Any]] { commentPages.flatMap { $0 } }
    }

    private static func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Corpus {
        var corpus = Corpus()
        for page in pages(text) {
            let array = try XCTUnwrap(try JSONSerialization.jsonObject(with: page) as? [[String: Any]], file: file, line: line)
            if let first = array.first, first["issue_url"] != nil {
                corpus.commentPages.append(array)
            } else if let first = array.first, first["number"] != nil {
                XCTAssertTrue(corpus.commentPages.isEmpty, "issue pages must all come before comment pages", file: file, line: line)
                corpus.issuePages.append(array)
            }
        }
        return corpus
    }

    private static func date(_ value: Any?) -> Date? {
        guard let s = value as? String else { return nil }
        return try? Date.ISO8601FormatStyle().parse(s)
    }

    private static let sample = GeneratorOptions(tickets: 1_500, seed: 42)
    private static let sampleOutput = output(sample)

    // MARK: PRNG

    func testSplitMix64MatchesReferenceSequence() {
        var rng = SplitMix64(seed: 0)
        XCTAssertEqual(rng.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(rng.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(rng.next(), 0x06C4_5D18_8009_454F)
    }

    func testBelowStaysInRangeAndCoversIt() {
        var rng = SplitMix64(seed: 7)
        var seen = [Int](repeating: 0, count: 7)
        for _ in 0..<7_000 {
            let v = rng.below(7)
            XCTAssertTrue((0..<7).contains(v))
            seen[v] += 1
        }
        for count in seen { XCTAssertGreaterThan(count, 800) }
        XCTAssertEqual(rng.below(1), 0)
        XCTAssertEqual(rng.below(0), 0)
    }

    func testStreamsDifferByPurpose() {
        var a = SplitMix64(seed: 1, stream: 5, 1)
        var b = SplitMix64(seed: 1, stream: 5, 2)
        var c = SplitMix64(seed: 1, stream: 6, 1)
        let x = a.next()
        XCTAssertNotEqual(x, b.next())
        XCTAssertNotEqual(x, c.next())
    }

    // MARK: Determinism and streaming

    func testSameOptionsGiveIdenticalBytesAndChunks() {
        let again = Self.output(Self.sample)
        XCTAssertEqual(again.text, Self.sampleOutput.text)
        XCTAssertEqual(again.chunks, Self.sampleOutput.chunks)
    }

    func testDifferentSeedGivesDifferentOutput() {
        var other = Self.sample
        other.seed = 43
        XCTAssertNotEqual(Self.output(other).text, Self.sampleOutput.text)
    }

    func testLargeOutputArrivesInBoundedChunks() {
        let result = Self.output(GeneratorOptions(tickets: 2_500, seed: 3))
        XCTAssertGreaterThan(result.chunks.count, 2, "a multi-megabyte corpus must be streamed, not returned whole")
        for size in result.chunks {
            XCTAssertGreaterThan(size, 0)
            XCTAssertLessThan(size, 3 << 20)
        }
    }

    func testZeroTicketsGivesEmptyPages() throws {
        let text = Self.output(GeneratorOptions(tickets: 0, seed: 1)).text
        XCTAssertEqual(text, "[][]")
        XCTAssertTrue(TicketGenerator.plantedThemes(GeneratorOptions(tickets: 0, seed: 1)).isEmpty)
    }

    // MARK: Shape

    func testIssuesHaveTheRESTShape() throws {
        let corpus = try Self.parse(Self.sampleOutput.text)
        let issues = corpus.issues
        XCTAssertGreaterThan(issues.count, Self.sample.tickets)
        for page in corpus.issuePages + corpus.commentPages {
            XCTAssertLessThanOrEqual(page.count, 100)
        }
        var previous = Int.max
        for issue in issues {
            let number = try XCTUnwrap(issue["number"] as? Int)
            XCTAssertLessThan(number, previous, "issues are listed newest first")
            previous = number
            for key in ["url", "repository_url", "html_url", "comments_url", "title", "state", "created_at", "updated_at", "author_association"] {
                XCTAssertNotNil(issue[key] as? String, "#\(number) \(key)")
            }
            XCTAssertNotNil(issue["id"] as? Int)
            XCTAssertNotNil(issue["comments"] as? Int)
            XCTAssertNotNil(issue["locked"] as? Bool)
            XCTAssertTrue(issue["body"] is String || issue["body"] is NSNull, "#\(number) body")
            XCTAssertTrue(issue["closed_at"] is String || issue["closed_at"] is NSNull)
            XCTAssertTrue(issue["state_reason"] is String || issue["state_reason"] is NSNull)
            let user = try XCTUnwrap(issue["user"] as? [String: Any])
            XCTAssertNotNil(user["login"] as? String)
            XCTAssertNotNil(user["id"] as? Int)
            XCTAssertNotNil(user["type"] as? String)
            let labels = try XCTUnwrap(issue["labels"] as? [[String: Any]])
            for label in labels {
                XCTAssertNotNil(label["id"] as? Int)
                XCTAssertNotNil(label["name"] as? String)
                XCTAssertNotNil(label["color"] as? String)
                XCTAssertTrue(label["description"] is String || label["description"] is NSNull)
            }
            let assignees = try XCTUnwrap(issue["assignees"] as? [[String: Any]])
            for a in assignees { XCTAssertNotNil(a["login"] as? String) }
            let reactions = try XCTUnwrap(issue["reactions"] as? [String: Any])
            var sum = 0
            for key in ["+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"] {
                sum += try XCTUnwrap(reactions[key] as? Int)
            }
            XCTAssertEqual(reactions["total_count"] as? Int, sum)
            let url = try XCTUnwrap(issue["url"] as? String)
            let repository = try XCTUnwrap(issue["repository_url"] as? String)
            XCTAssertEqual(url, "\(repository)/issues/\(number)")
            XCTAssertTrue(repository.hasPrefix("https://api.github.com/repos/"))
            XCTAssertEqual(issue["comments_url"] as? String, "\(url)/comments")
            XCTAssertTrue(["NONE", "CONTRIBUTOR", "MEMBER"].contains(issue["author_association"] as? String ?? ""))
        }
    }

    func testCommentsHaveTheRESTShapeAndRealisticAuthors() throws {
        let corpus = try Self.parse(Self.sampleOutput.text)
        var ids = Set<Int>()
        var previous = Date.distantPast
        var bots = 0, staff = 0, users = 0
        for comment in corpus.comments {
            for key in ["url", "html_url", "issue_url", "created_at", "updated_at", "author_association", "body"] {
                XCTAssertNotNil(comment[key] as? String, key)
            }
            let id = try XCTUnwrap(comment["id"] as? Int)
            XCTAssertTrue(ids.insert(id).inserted, "comment ids are unique")
            let html = try XCTUnwrap(comment["html_url"] as? String)
            XCTAssertTrue(html.hasSuffix("#issuecomment-\(id)"))
            let created = try XCTUnwrap(Self.date(comment["created_at"]))
            XCTAssertGreaterThanOrEqual(created, previous, "the comments endpoint lists oldest first")
            previous = created
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(Self.date(comment["updated_at"])), created)
            let user = try XCTUnwrap(comment["user"] as? [String: Any])
            let login = try XCTUnwrap(user["login"] as? String)
            let association = comment["author_association"] as? String
            if user["type"] as? String == "Bot" {
                XCTAssertTrue(login.hasSuffix("[bot]"))
                XCTAssertEqual(association, "NONE")
                bots += 1
            } else if association == "MEMBER" {
                staff += 1
            } else {
                XCTAssertEqual(association, "NONE")
                users += 1
            }
            XCTAssertNotNil(comment["reactions"] as? [String: Any])
        }
        XCTAssertGreaterThan(bots, 0)
        XCTAssertGreaterThan(staff, 0)
        XCTAssertGreaterThan(users, staff / 2)
    }

    func testCommentCountsMatchCommentObjects() throws {
        let corpus = try Self.parse(Self.sampleOutput.text)
        var counted: [String: Int] = [:]
        for comment in corpus.comments {
            counted[comment["issue_url"] as? String ?? "", default: 0] += 1
        }
        var declaredTotal = 0
        var busiest = 0
        for issue in corpus.issues {
            let url = try XCTUnwrap(issue["url"] as? String)
            let declared = try XCTUnwrap(issue["comments"] as? Int)
            XCTAssertEqual(counted[url] ?? 0, declared, url)
            declaredTotal += declared
            busiest = max(busiest, declared)
        }
        XCTAssertEqual(declaredTotal, corpus.comments.count, "every comment belongs to a listed issue")
        XCTAssertGreaterThanOrEqual(busiest, 20, "a few tickets have long threads")
    }

    func testTimesAndStatesAreConsistent() throws {
        try checkTimesAndStates(Self.sample, Self.sampleOutput.text)
    }

    func testShortWindowSqueezesThreadsBeforeTheEnd() throws {
        let options = GeneratorOptions(tickets: 400, seed: 8, end: Date(timeIntervalSince1970: 1_748_779_200), days: 2)
        let text = Self.output(options).text
        try checkTimesAndStates(options, text)
        let corpus = try Self.parse(text)
        let latest = try XCTUnwrap(corpus.comments.compactMap { Self.date($0["updated_at"]) }.max())
        XCTAssertLessThanOrEqual(latest, options.end)
    }

    private func checkTimesAndStates(_ options: GeneratorOptions, _ text: String) throws {
        let corpus = try Self.parse(text)
        var lastComment: [String: Date] = [:]
        for comment in corpus.comments {
            let url = comment["issue_url"] as? String ?? ""
            let created = try XCTUnwrap(Self.date(comment["created_at"]))
            lastComment[url] = max(lastComment[url] ?? .distantPast, created)
        }
        let end = options.end
        let start = end.addingTimeInterval(-Double(options.days) * 86_400)
        var closed = 0
        var byNumber: [(Int, Date)] = []
        for issue in corpus.issues {
            let number = try XCTUnwrap(issue["number"] as? Int)
            let created = try XCTUnwrap(Self.date(issue["created_at"]))
            let updated = try XCTUnwrap(Self.date(issue["updated_at"]))
            XCTAssertGreaterThanOrEqual(created, start)
            XCTAssertLessThanOrEqual(created, end)
            XCTAssertGreaterThanOrEqual(updated, created, "#\(number)")
            XCTAssertLessThanOrEqual(updated, end, "#\(number)")
            if let last = lastComment[issue["url"] as? String ?? ""] {
                XCTAssertGreaterThanOrEqual(updated, last, "#\(number) updated_at precedes a comment")
                XCTAssertGreaterThanOrEqual(last, created, "#\(number) comment precedes the issue")
            }
            let reason = issue["state_reason"] as? String
            if issue["state"] as? String == "closed" {
                closed += 1
                let closedAt = try XCTUnwrap(Self.date(issue["closed_at"]), "#\(number) closed without closed_at")
                XCTAssertGreaterThanOrEqual(closedAt, created)
                XCTAssertLessThanOrEqual(closedAt, updated)
                if issue["pull_request"] == nil {
                    XCTAssertTrue(["completed", "not_planned"].contains(reason ?? ""), "#\(number) \(String(describing: reason))")
                }
            } else {
                XCTAssertEqual(issue["state"] as? String, "open")
                XCTAssertTrue(issue["closed_at"] is NSNull, "#\(number) open with closed_at")
                XCTAssertTrue(reason == nil || reason == "reopened")
            }
            byNumber.append((number, created))
        }
        byNumber.sort { $0.0 < $1.0 }
        for (a, b) in zip(byNumber, byNumber.dropFirst()) {
            XCTAssertLessThanOrEqual(a.1, b.1, "numbers follow creation order (#\(a.0), #\(b.0))")
        }
        if options.days >= 30 {
            let share = Double(closed) / Double(corpus.issues.count)
            XCTAssertGreaterThan(share, 0.3)
            XCTAssertLessThan(share, 0.55)
        }
    }

    func testDefaultEndIsFixedAndReached() throws {
        let options = GeneratorOptions(tickets: 200, seed: 5)
        XCTAssertEqual(options.end, Date(timeIntervalSince1970: 1_774_980_000))
        XCTAssertEqual(options.days, 90)
        XCTAssertTrue(options.includePullRequests)
        let corpus = try Self.parse(Self.output(options).text)
        let latest = try XCTUnwrap(corpus.issues.compactMap { $0["created_at"] as? String }.max())
        XCTAssertTrue(latest.hasPrefix("2026-03-31T"), latest)
        XCTAssertLessThanOrEqual(latest, "2026-03-31T18:00:00Z")
    }

    // MARK: Pull requests and themes

    func testPullRequestsAreMarkedAndCarryNoTheme() throws {
        let corpus = try Self.parse(Self.sampleOutput.text)
        let themes = TicketGenerator.plantedThemes(Self.sample)
        let pulls = corpus.issues.filter { $0["pull_request"] != nil }
        XCTAssertEqual(pulls.count, Self.sample.tickets / 50)
        XCTAssertEqual(corpus.issues.count - pulls.count, Self.sample.tickets)
        for pull in pulls {
            let number = try XCTUnwrap(pull["number"] as? Int)
            XCTAssertNil(themes[number])
            let link = try XCTUnwrap(pull["pull_request"] as? [String: Any])
            XCTAssertNotNil(link["url"] as? String)
            XCTAssertTrue((pull["html_url"] as? String ?? "").contains("/pull/"))
        }
        var without = Self.sample
        without.includePullRequests = false
        let plain = try Self.parse(Self.output(without).text)
        XCTAssertTrue(plain.issues.allSatisfy { $0["pull_request"] == nil })
        XCTAssertEqual(plain.issues.count, Self.sample.tickets)
    }

    func testPlantedThemesCoverEveryIssue() throws {
        let corpus = try Self.parse(Self.sampleOutput.text)
        let themes = TicketGenerator.plantedThemes(Self.sample)
        let numbers = Set(corpus.issues.filter { $0["pull_request"] == nil }.compactMap { $0["number"] as? Int })
        XCTAssertEqual(Set(themes.keys), numbers)
        let names = Set(TicketGenerator.themeNames)
        XCTAssertGreaterThanOrEqual(names.count, 10)
        XCTAssertTrue(Set(themes.values).isSubset(of: names))
        XCTAssertGreaterThanOrEqual(Set(themes.values).count, 10)
        XCTAssertEqual(themes, TicketGenerator.plantedThemes(Self.sample), "ground truth is deterministic")
    }

    func testLabelsNeverNameTheTheme() throws {
        let corpus = try Self.parse(Self.sampleOutput.text)
        let themeNames = Set(TicketGenerator.themeNames)
        var labelled = 0
        for issue in corpus.issues {
            let labels = (issue["labels"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            if !labels.isEmpty { labelled += 1 }
            XCTAssertTrue(themeNames.isDisjoint(with: labels), "\(labels)")
        }
        XCTAssertGreaterThan(labelled, corpus.issues.count / 2)
    }

    /// A nearest-centroid classifier trained on half the tickets must recover
    /// most themes of the other half: the text really carries the planted signal.
    func testThemesAreRecoverableFromText() throws {
        let corpus = try Self.parse(Self.sampleOutput.text)
        let themes = TicketGenerator.plantedThemes(Self.sample)
        func words(_ issue: [String: Any]) -> [String: Double] {
            let text = ((issue["title"] as? String ?? "") + " " + (issue["body"] as? String ?? "")).lowercased()
            var bag: [String: Double] = [:]
            for token in text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }) where token.count >= 3 {
                bag[String(token), default: 0] += 1
            }
            let norm = bag.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? bag.mapValues { $0 / norm } : bag
        }
        var centroids: [String: [String: Double]] = [:]
        var test: [([String: Double], String)] = []
        for issue in corpus.issues {
            guard let number = issue["number"] as? Int, let theme = themes[number] else { continue }
            let vector = words(issue)
            if number % 2 == 0 {
                centroids[theme, default: [:]].merge(vector, uniquingKeysWith: +)
            } else {
                test.append((vector, theme))
            }
        }
        for (theme, c) in centroids {
            let norm = c.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            centroids[theme] = c.mapValues { $0 / norm }
        }
        var correct = 0
        for (vector, theme) in test {
            var best = ("", -1.0)
            for (name, c) in centroids {
                var score = 0.0
                for (w, v) in vector { score += v * (c[w] ?? 0) }
                if score > best.1 { best = (name, score) }
            }
            if best.0 == theme { correct += 1 }
        }
        let accuracy = Double(correct) / Double(test.count)
        XCTAssertGreaterThan(accuracy, 0.6, "themes should be recoverable from ticket text")
        XCTAssertLessThan(accuracy, 0.995, "some tickets should be vague or mixed, as real ones are")
    }

    // MARK: Hostile content

    func testBodiesContainRealWorldMess() throws {
        let text = Self.sampleOutput.text
        XCTAssertTrue(text.contains("\\u001b["), "raw ANSI escapes are encoded as \\u001b")
        XCTAssertTrue(text.contains("\\r\\n"), "some bodies use Windows line endings")
        let corpus = try Self.parse(text)
        let bodies = corpus.issues.compactMap { $0["body"] as? String } + corpus.comments.compactMap { $0["body"] as? String }
        let titles = corpus.issues.compactMap { $0["title"] as? String }
        let all = bodies + titles
        func any(_ predicate: (Unicode.Scalar) -> Bool) -> Bool {
            all.contains { $0.unicodeScalars.contains(where: predicate) }
        }
        XCTAssertTrue(any { (0x4E00...0x9FFF).contains($0.value) }, "Chinese text")
        XCTAssertTrue(any { (0x3040...0x30FF).contains($0.value) }, "Japanese kana")
        XCTAssertTrue(any { $0.value == 0x200D }, "emoji ZWJ sequences")
        XCTAssertTrue(any { (0x1F1E6...0x1F1FF).contains($0.value) }, "flag emoji")
        XCTAssertTrue(any { $0.value == 0x1B }, "ESC survives decoding")
        XCTAssertTrue(bodies.contains { $0.contains("\r\n") })
        XCTAssertTrue(bodies.contains { $0.contains("<script>") })
        XCTAssertTrue(bodies.contains { $0.contains("](https://") })
        XCTAssertTrue(bodies.contains { $0.contains("|---|") })
        XCTAssertTrue(bodies.contains { $0.contains("\\") }, "backslashes (Windows paths)")
        XCTAssertTrue(titles.contains { $0.contains("|") })
        XCTAssertTrue(titles.contains { $0.contains("`") })
        XCTAssertTrue(corpus.issues.contains { $0["body"] is NSNull }, "some bodies are null")
        XCTAssertTrue(bodies.contains { $0.hasPrefix("### Software\n\n") && $0.contains("- [ ] I searched existing issues") })
        let longLog = bodies.contains { body in
            body.contains("```") && body.split(separator: "\n", omittingEmptySubsequences: false).count > 60
        }
        XCTAssertTrue(longLog, "some tickets paste long logs")
    }

    func testAverageSizeSuitsTheBenchmarkScale() throws {
        let size = Self.sampleOutput.text.utf8.count / Self.sample.tickets
        XCTAssertGreaterThan(size, 1_500)
        XCTAssertLessThan(size, 3_500)
    }

    func testCatalogTemplatesAllResolve() {
        XCTAssertEqual(TicketGenerator.Catalog.shared.problems, [])
        for theme in TicketGenerator.Catalog.shared.themes {
            XCTAssertFalse(theme.titles.isEmpty, theme.name)
            XCTAssertFalse(theme.sentences.isEmpty, theme.name)
            XCTAssertFalse(theme.staff.isEmpty, theme.name)
            XCTAssertFalse(theme.zhTitles.isEmpty || theme.jaTitles.isEmpty, theme.name)
        }
    }
}
