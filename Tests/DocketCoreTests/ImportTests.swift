@testable import DocketAnalysis
@testable import DocketImport
@testable import DocketModel
@testable import DocketStore
import Foundation
import XCTest

final class ImportTests: XCTestCase {
    func testReadsOneArrayOfRESTIssues() throws {
        let b = try Fixtures.parse("[\(Fixtures.issue(1)),\(Fixtures.issue(2))]")
        XCTAssertEqual(b.tickets.map(\.number), [1, 2])
        let t = b.tickets[0]
        XCTAssertEqual(t.source, "acme/help")
        XCTAssertEqual(t.title, "Sync stalls at 99%")
        XCTAssertEqual(t.labels, ["bug"])
        XCTAssertEqual(t.author, "user1")
        XCTAssertEqual(t.url, "https://github.com/acme/help/issues/1")
        XCTAssertEqual(t.reactions, 2)
        XCTAssertEqual(t.createdAt, Fixtures.date("2025-04-14T09:00:00Z"))
    }

    func testReadsConcatenatedPagesAsGhPaginateWritesThem() throws {
        let b = try Fixtures.parse("[\(Fixtures.issue(1)),\(Fixtures.issue(2))][\(Fixtures.issue(3))]\n[]")
        XCTAssertEqual(b.tickets.map(\.number), [1, 2, 3])
    }

    func testReadsOneObjectPerLineAndASingleObject() throws {
        let lines = [Fixtures.issue(4), Fixtures.issue(5)].map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n")
        XCTAssertEqual(try Fixtures.parse(lines).tickets.map(\.number), [4, 5])
        XCTAssertEqual(try Fixtures.parse(Fixtures.issue(6)).tickets.map(\.number), [6])
    }

    func testReadsSearchResultItems() throws {
        let b = try Fixtures.parse(#"{"total_count":1,"incomplete_results":false,"items":[\#(Fixtures.issue(7))]}"#)
        XCTAssertEqual(b.tickets.map(\.number), [7])
    }

    func testSkipsAndCountsPullRequests() throws {
        let pr = Fixtures.issue(8, extra: #","pull_request":{"url":"https://api.github.com/repos/acme/help/pulls/8"}"#)
        let b = try Fixtures.parse("[\(Fixtures.issue(1)),\(pr)]")
        XCTAssertEqual(b.tickets.map(\.number), [1])
        XCTAssertEqual(b.skippedPullRequests, 1)
    }

    func testReadsCommentsEndpointItems() throws {
        let b = try Fixtures.parse("[\(Fixtures.comment(77, issue: 1))]")
        XCTAssertEqual(b.comments.count, 1)
        XCTAssertEqual(b.comments[0].0, TicketKey(source: "acme/help", number: 1))
        XCTAssertEqual(b.comments[0].1.id, 77)
        XCTAssertEqual(b.comments[0].1.author, "helper")
        XCTAssertEqual(b.comments[0].1.association, "MEMBER")
    }

    func testReadsGhIssueListJSON() throws {
        let gh = """
        [{"number":12,"title":"Export to PDF is blank","body":"### Operating System\\n\\nmacOS\\n\\n### Version\\n\\n4.1.0",
          "state":"CLOSED","stateReason":"COMPLETED","labels":[{"id":"LA_1","name":"bug","description":"","color":"d73a4a"}],
          "author":{"id":"U_1","is_bot":false,"login":"kim","name":"Kim"},"createdAt":"2025-04-10T08:00:00Z",
          "updatedAt":"2025-04-12T08:00:00Z","closedAt":"2025-04-12T08:00:00Z",
          "comments":[{"id":"IC_1","author":{"login":"sam"},"authorAssociation":"MEMBER","body":"Fixed in 4.1.1",
                       "createdAt":"2025-04-11T08:00:00Z","reactionGroups":[{"content":"THUMBS_UP","users":{"totalCount":3}}]}],
          "url":"https://github.com/acme/help/issues/12"}]
        """
        let b = try Fixtures.parse(gh)
        XCTAssertEqual(b.tickets.count, 1)
        let t = b.tickets[0]
        XCTAssertEqual(t.state, .closed)
        XCTAssertEqual(t.stateReason, "completed")
        XCTAssertEqual(t.source, "acme/help")
        XCTAssertEqual(t.author, "kim")
        XCTAssertEqual(t.comments.map(\.author), ["sam"])
        XCTAssertEqual(t.comments[0].reactions, 3)
        XCTAssertEqual(t.form.platform, "macOS")
        XCTAssertEqual(t.form.version, "4.1.0")
    }

    func testNullStateFallsBackToClosedAt() throws {
        let s = Fixtures.issue(9).replacingOccurrences(of: #""state":"open""#, with: #""state":null"#)
        XCTAssertEqual(try Fixtures.parse("[\(s)]").tickets[0].state, .open)
    }

    func testSyntaxErrorNamesFileLineAndColumn() {
        XCTAssertThrowsError(try Fixtures.parse("[\n{\"number\": 1,, }]", path: "bad.json")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("bad.json:2:"), text)
            XCTAssertTrue(text.contains("not valid JSON"), text)
            XCTAssertTrue(text.contains("nothing was imported"), text)
        }
    }

    func testBadItemNamesItsIndexAndTheProblem() {
        let bad = Fixtures.issue(3, created: "yesterday")
        let doc = "[\(Fixtures.issue(1)),\n\(bad)]"
        let lineOfBad = doc.components(separatedBy: bad)[0].filter { $0 == "\n" }.count + 1
        XCTAssertThrowsError(try Fixtures.parse(doc, path: "x.json")) { error in
            guard case let ImportError.badItem(path, item, pos, problem) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "x.json")
            XCTAssertEqual(item, 2)
            XCTAssertEqual(pos.line, lineOfBad)
            XCTAssertEqual(pos.column, 1)
            XCTAssertTrue(problem.contains("created_at"), problem)
        }
        XCTAssertThrowsError(try Fixtures.parse("[1]")) { error in
            XCTAssertTrue("\(error)".contains("item 1: expected an issue object, found a number"), "\(error)")
        }
        XCTAssertThrowsError(try Fixtures.parse(#"[{"id":1}]"#)) { error in
            XCTAssertTrue("\(error)".contains("expected a GitHub issue"), "\(error)")
        }
    }

    /// An object of no known shape is named by its own top-level keys (not
    /// only those the importer reads), sanitized and at most eight, with the
    /// shape that was expected.
    func testAnObjectOfNoKnownShapeIsNamedByItsOwnKeys() {
        func message(_ doc: String) -> String {
            do { _ = try Fixtures.parse(doc, path: "x.json"); return "no error" } catch { return "\(error)" }
        }
        // GitHub's reply to a bad token, saved instead of the issues.
        let reply = message(#"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}"#)
        XCTAssertTrue(reply.hasPrefix("x.json:1:1: item 1: "), reply)
        XCTAssertTrue(reply.contains(#"found an object with keys "message", "documentation_url", "status";"#), reply)
        XCTAssertTrue(reply.contains(#"expected a GitHub issue (an object with "number" and "title""#), reply)
        XCTAssertTrue(reply.contains(#"or an issue comment (with "issue_url")"#), reply)
        // In an array, in a search result's items, and keys the importer also reads.
        let label = message(#"[{"name":"bug","color":"d73a4a","id":7}]"#)
        XCTAssertTrue(label.contains(#"found an object with keys "name", "color", "id";"#), label)
        let items = message(#"{"total_count":1,"items":[{"sha":"abc","commit":{"message":"x"}}]}"#)
        XCTAssertTrue(items.contains(#"found an object with keys "sha", "commit";"#), items)
        // Many keys: the first eight, then how many in all.
        let many = message("{" + (1...12).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}")
        XCTAssertTrue(many.contains(#"keys "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", … (12 keys);"#), many)
        // Keys are sanitized: no control characters or escape sequences, long ones cut.
        let hostile = message(#"{"a\u001b[31mb\nc":1,"\#(String(repeating: "x", count: 100))":2}"#)
        XCTAssertFalse(hostile.contains("\u{1B}") || hostile.contains("\n"), hostile)
        XCTAssertTrue(hostile.contains(#"keys "ab c", "\#(String(repeating: "x", count: 39))…";"#), hostile)
        XCTAssertTrue(message("[{}]").contains("found an empty object;"), message("[{}]"))
    }

    func testWrongShapesAndEmptyFilesAreExplained() {
        XCTAssertThrowsError(try Fixtures.parse("\"just a string\"")) { error in
            guard case ImportError.wrongShape = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try Fixtures.parse("  \n")) { error in
            XCTAssertEqual(error as? ImportError, .empty(path: "test.json"))
        }
        XCTAssertThrowsError(try GitHubImporter.read(path: "/nonexistent/issues.json")) { error in
            XCTAssertEqual(error as? ImportError, .fileNotFound(path: "/nonexistent/issues.json"))
        }
    }

    func testParsesIssueFormSections() {
        let body = "### Software\r\n\r\nDesktop App\r\n\r\n### Operating System\r\n\r\nWindows\r\n\r\n### Your App Version\r\n\r\n4.2.1\r\n\r\n### Describe the bug\r\n\r\nIt crashes.\r\n```\r\n### not a heading inside a fence\r\n```"
        let form = IssueForm(body: body)
        XCTAssertEqual(form.fields.map(\.heading), ["Software", "Operating System", "Your App Version", "Describe the bug"])
        XCTAssertEqual(form.platform, "Windows")
        XCTAssertEqual(form.version, "4.2.1")
        XCTAssertEqual(form.software, "Desktop App")
        XCTAssertTrue(form.fields[3].value.contains("### not a heading inside a fence"))
        XCTAssertNil(IssueForm(body: "### Version\n\n_No response_").version)
    }

    func testImportsTheRealSharedTickets() throws {
        guard let path = Fixtures.sharedIssuesPath else { throw XCTSkip("../shared/data is not present") }
        let b = try GitHubImporter.read(path: path)
        XCTAssertEqual(b.tickets.count, 172)
        XCTAssertEqual(Set(b.tickets.map(\.key)).count, 172)
        XCTAssertTrue(b.tickets.contains { $0.body.contains("\r\n") })
        XCTAssertTrue(b.tickets.allSatisfy { $0.source.contains("/") && $0.url.hasPrefix("https://") })
        let dir = Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Store.open(dir)
        try store.importBatch(b)
        let ranked = Ranking.rank(store.tickets, period: .all())
        XCTAssertEqual(ranked.count, 172)
        XCTAssertTrue(ranked.first.map { $0.activity > 0 } ?? false)
    }
}

extension ImportTests {
    /// The form accessors follow the analysis' heading rule: a heading naming
    /// both the OS and a version is the version, and "OS" must be a word.
    func testFormHeadingsFollowTheFacetRule() {
        let form = IssueForm(body: "### Your Lumen OS Version\n\n5.8.3\n\n### Costs\n\nnone\n\n### OS\n\nLinux")
        XCTAssertEqual(form.version, "5.8.3")
        XCTAssertEqual(form.platform, "Linux")
    }
}
