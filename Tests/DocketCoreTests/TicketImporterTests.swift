@testable import DocketImport
import Foundation
import XCTest

final class TicketImporterTests: XCTestCase {
    private let ghCLI = """
        [{"number":7,"title":"Crash","body":"It crashed.","state":"OPEN","labels":[],
          "author":{"login":"kim","is_bot":false},"createdAt":"2025-04-10T08:00:00Z","updatedAt":"2025-04-10T08:00:00Z",
          "url":"https://github.com/acme/help/issues/7"}]
        """

    func testEachGitHubShapeGoesToItsImporter() throws {
        XCTAssertTrue(TicketImporters.importer(for: Data(ghCLI.utf8)) == GitHubCLIImporter.self)
        let rest = "[" + Fixtures.issue(1) + "," + Fixtures.comment(5, issue: 1) + "]"
        XCTAssertTrue(TicketImporters.importer(for: Data(rest.utf8)) == GitHubRESTImporter.self)
        // A key's name inside a body is not a key.
        let quoted = "[" + Fixtures.issue(2, body: #"we saw "author": in the log"#) + "]"
        XCTAssertTrue(TicketImporters.importer(for: Data(quoted.utf8)) == GitHubRESTImporter.self)
        XCTAssertEqual(try TicketImporters.parse(Data(ghCLI.utf8), path: "cli.json").tickets.map(\.number), [7])
        XCTAssertEqual(try TicketImporters.parse(Data(rest.utf8), path: "rest.json").comments.count, 1)
    }

    func testWhatNoImporterAcceptsIsExplainedByTheFallback() {
        for text in ["", "  \n"] {
            XCTAssertTrue(TicketImporters.importer(for: Data(text.utf8)) == TicketImporters.fallback)
            XCTAssertThrowsError(try TicketImporters.parse(Data(text.utf8), path: "x")) { error in
                XCTAssertEqual("\(error)", Self.error(text))
            }
        }
        // A CSV that is no helpdesk's export is told so, with the header it has.
        XCTAssertThrowsError(try TicketImporters.parse(Data("number,title\n1,Crash\n".utf8), path: "x")) { error in
            XCTAssertTrue("\(error)".hasPrefix("x: a CSV header Docket does not recognise (\"number\", \"title\")"), "\(error)")
        }
        XCTAssertThrowsError(try TicketImporters.read(path: "/nonexistent/issues.json")) { error in
            XCTAssertEqual(error as? ImportError, .fileNotFound(path: "/nonexistent/issues.json"))
        }
    }

    private static func error(_ text: String) -> String {
        do { _ = try GitHubImporter.parse(Data(text.utf8), path: "x"); return "" } catch { return "\(error)" }
    }

    func testEveryImporterHasAName() {
        XCTAssertEqual(TicketImporters.all.map { $0.formatName }, ["gh issue list JSON", "GitHub REST API JSON", "Zendesk ticket export (CSV)", "Jira issue export (CSV)"])
    }
}
