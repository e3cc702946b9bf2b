import Foundation
import XCTest

/// `docket report` as the pipeline runs it.
final class ReportCLITests: XCTestCase {
    var dir = ""
    override func setUp() { dir = Docket.tempDir() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    private var sharedIssues: String? {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let p = url.deletingLastPathComponent().appendingPathComponent("shared/data/pieces-support/issues.json").path
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    func testWeeklyLinksTheWeeksDailiesAndIsByteIdenticalForTheSameInputs() throws {
        let store = dir + "/store", out = dir + "/reports", file = dir + "/t.json"
        XCTAssertEqual(try Docket.run(["generate", "--tickets", "300", "--seed", "2", "--output", file]).status, 0)
        XCTAssertEqual(try Docket.run(["import", "--store", store, file]).status, 0)
        for (day, at) in [("2026-03-23", "2026-03-23T21:00:00Z"), ("2026-03-25", "2026-03-25T05:07:00Z"), ("2026-03-25", "2026-03-25T21:07:00Z")] {
            let r = try Docket.run(["report", "daily", "--store", store, "--date", day, "--out", out, "--generated-at", at])
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        let args = ["report", "weekly", "--store", store, "--date", "2026-03-27", "--out", out, "--generated-at", "2026-03-29T21:00:00Z"]
        let w = try Docket.run(args)
        XCTAssertEqual(w.status, 0, w.stderr)
        XCTAssertEqual(w.stdout, "\(out)/week/2026-03-23/week_summary.md\n\(out)/week/2026-03-23/week_summary.json\n")
        let md = try String(contentsOfFile: out + "/week/2026-03-23/week_summary.md", encoding: .utf8)
        XCTAssertTrue(md.contains("""
            ## Daily Reports
            Here are the daily reports for this week:

            - [report_210000](daily/2026-03-23/report_210000.md)
            - [report_050700](daily/2026-03-25/report_050700.md)
            - [report_210700](daily/2026-03-25/report_210700.md)

            """), md)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/week/2026-03-23/week_summary.json"))) as? [String: Any])
        XCTAssertEqual((json["daily_reports"] as? [String])?.count, 3)
        // Same store, same --generated-at: the same bytes.
        let again = try Docket.run(args)
        XCTAssertEqual(again.status, 0)
        XCTAssertEqual(try String(contentsOfFile: out + "/week/2026-03-23/week_summary.md", encoding: .utf8), md)
        let plain = try Docket.run(["report", "weekly", "--store", store, "--date", "2026-03-27", "--stdout", "--plain",
                                    "--generated-at", "2026-03-29T21:00:00Z", "--out", out])
        XCTAssertFalse(plain.stdout.contains("## Breakdown"))
        XCTAssertTrue(md.contains("## Breakdown"))
        let bad = try Docket.run(["report", "weekly", "--store", store, "--time-zone", "Mars/Olympus"])
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.contains("--time-zone"), bad.stderr)
    }

    func testReportOfTheRealTicketsAgreesWithTheTicketList() throws {
        guard let issues = sharedIssues else { throw XCTSkip("../shared/data is not beside this checkout") }
        let store = dir + "/store"
        XCTAssertEqual(try Docket.run(["import", "--store", store, issues]).status, 0)
        for (kind, date, since, until) in [("weekly", "2025-08-13", "2025-08-11", "2025-08-17"), ("daily", "2025-08-12", "2025-08-12", "2025-08-12")] {
            let r = try Docket.run(["report", kind, "--store", store, "--date", date, "--stdout", "--format", "json",
                                    "--generated-at", "\(until)T23:00:00Z"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let t = try Docket.run(["tickets", "--store", store, "--since", since, "--until", until, "--json"],
                                   environment: ["DOCKET_NOW": "\(until)T23:00:00Z"])
            let tickets = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(t.stdout.utf8)) as? [[String: Any]])
            let summary = try XCTUnwrap(report["summary"] as? [String: Int])
            XCTAssertEqual(summary["total_tickets"], tickets.count)
            XCTAssertGreaterThan(tickets.count, 0)
            XCTAssertEqual(summary["open_tickets"].map { $0 + (summary["resolved_tickets"] ?? 0) }, tickets.count)
            let active = try XCTUnwrap(report["most_active_tickets"] as? [[String: Any]])
            XCTAssertEqual(Set(active.compactMap { $0["number"] as? Int }).isSubset(of: Set(tickets.compactMap { $0["number"] as? Int })), true)
            for issue in report["common_issues"] as? [[String: Any]] ?? [] {
                let ids = (issue["related_issues"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                XCTAssertTrue(Set(ids).isSubset(of: Set(tickets.compactMap { $0["number"] as? Int })), "\(issue["title"] ?? "")")
                XCTAssertEqual(issue["frequency"] as? Int, ids.count)
            }
        }
    }
}
