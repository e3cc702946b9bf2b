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
        XCTAssertEqual(try Docket.dev(["generate", "--tickets", "300", "--seed", "2", "--output", file]).status, 0)
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

    func testCuratedTitlesHiddenClustersAndEditedRecommendationsAreWhatIsExported() throws {
        let store = dir + "/store", file = dir + "/t.json"
        XCTAssertEqual(try Docket.dev(["generate", "--tickets", "600", "--seed", "6", "--output", file]).status, 0)
        XCTAssertEqual(try Docket.run(["import", "--store", store, file]).status, 0)
        let week = ["--period", "2026-03-23..2026-03-29"]
        let listed = try Docket.run(["clusters", "--store", store, "--json"] + week)
        let clusters = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let common = clusters.filter { ($0["members"] as? [Int] ?? []).count >= 2 }
        XCTAssertGreaterThanOrEqual(common.count, 3, listed.stdout)
        let renamed = common[0]["id"] as! String, hidden = common[1]["id"] as! String
        func exportedIDs() throws -> [String] {
            let j = try Docket.run(["report", "weekly", "--store", store, "--date", "2026-03-25", "--stdout", "--format", "json"])
            let obj = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
            return (obj["common_issues"] as? [[String: Any]] ?? []).compactMap { $0["cluster_id"] as? String }
        }
        XCTAssertTrue(try exportedIDs().contains(hidden))
        XCTAssertEqual(try Docket.run(["cluster", "rename", "--store", store, renamed, "Curated <title> | by the editor"]).status, 0)
        XCTAssertEqual(try Docket.run(["cluster", "summary", "--store", store, renamed, "Written by a person."]).status, 0)
        XCTAssertEqual(try Docket.run(["cluster", "hide", "--store", store, hidden]).status, 0)
        let recs = try Docket.run(["recommendations", "--store", store, "--json"] + week)
        let list = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(recs.stdout.utf8)) as? [[String: Any]])
        let first = try XCTUnwrap(list.first?["id"] as? String, recs.stdout)
        XCTAssertEqual(try Docket.run(["recommendations", "edit", first, "--store", store, "--text", "Ship the hotfix today."] + week).status, 0)
        XCTAssertEqual(try Docket.run(["recommendations", "add", "--store", store, "--title", "Thank the reporters", "--text", "They found it first."] + week).status, 0)

        let r = try Docket.run(["report", "weekly", "--store", store, "--date", "2026-03-25", "--stdout", "--generated-at", "2026-03-29T22:00:00Z", "--format", "md"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("### 1. Curated \\<title> \\| by the editor\nWritten by a person.\n"), r.stdout)
        XCTAssertFalse(try exportedIDs().contains(hidden), "a hidden cluster was exported")
        XCTAssertTrue(r.stdout.contains(":** Ship the hotfix today.\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("- **Thank the reporters:** They found it first.\n"), r.stdout)
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
