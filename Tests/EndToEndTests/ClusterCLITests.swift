import Foundation
import XCTest

/// `docket analyze`, `docket clusters` and `docket cluster ...` as a script uses them.
final class ClusterCLITests: XCTestCase {
    var dir = ""
    override func setUp() { dir = Docket.tempDir() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    private func clusters(_ store: String, _ extra: [String] = []) throws -> [[String: Any]] {
        let r = try Docket.run(["clusters", "--store", store, "--json"] + extra)
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    }

    func testEditsSurviveReanalysisAsNewTicketsArrive() throws {
        let store = dir + "/store"
        let file = dir + "/t.json"
        XCTAssertEqual(try Docket.dev(["generate", "--tickets", "400", "--seed", "4", "--output", file]).status, 0)
        XCTAssertEqual(try Docket.run(["import", "--store", store, file]).status, 0)
        let analyzed = try Docket.run(["analyze", "--store", store])
        XCTAssertEqual(analyzed.status, 0, analyzed.stderr)
        XCTAssertTrue(analyzed.stdout.hasPrefix("full analysis of "), analyzed.stdout)

        let before = try clusters(store)
        XCTAssertGreaterThan(before.count, 3)
        for key in ["id", "title", "summary", "members", "primary", "related", "keywords", "facets"] {
            XCTAssertNotNil(before[0][key], "missing \(key)")
        }
        // One primary cluster per ticket; members list primary ones first.
        let primaries = before.flatMap { $0["primary"] as? [Int] ?? [] }
        XCTAssertEqual(primaries.count, Set(primaries).count)
        for c in before {
            let members = c["members"] as? [Int] ?? [], primary = c["primary"] as? [Int] ?? []
            XCTAssertEqual(Array(members.prefix(primary.count)), primary)
            XCTAssertFalse((c["title"] as? String ?? "").isEmpty)
        }

        let a = before[0]["id"] as! String, b = before[1]["id"] as! String
        let moved = (before[0]["primary"] as! [Int]).last!
        XCTAssertEqual(try Docket.run(["cluster", "rename", "--store", store, b, "Named | by a person"]).status, 0)
        XCTAssertEqual(try Docket.run(["cluster", "move", "--store", store, String(moved), b]).status, 0)
        XCTAssertEqual(try Docket.run(["cluster", "hide", "--store", store, before[2]["id"] as! String]).status, 0)
        let unknown = try Docket.run(["cluster", "rename", "--store", store, "c-nope", "x"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("no cluster c-nope"), unknown.stderr)

        // More tickets arrive (the generator's numbers continue), then a full re-analysis.
        // Import keeps the saved analysis current: 88 new tickets (pull
        // requests take some of the numbers) on a model fitted on 400 are
        // past a tenth, so it re-fits; 22 more after that fit are placed
        // incrementally.
        XCTAssertEqual(try Docket.dev(["generate", "--tickets", "480", "--seed", "4", "--output", file]).status, 0)
        let refit = try Docket.run(["import", "--store", store, file])
        XCTAssertEqual(refit.status, 0, refit.stderr)
        XCTAssertTrue(refit.stdout.contains("clusters: 88 new tickets analysed (full analysis"), refit.stdout)
        XCTAssertEqual(try Docket.dev(["generate", "--tickets", "500", "--seed", "4", "--output", file]).status, 0)
        let placed = try Docket.run(["import", "--store", store, file])
        XCTAssertEqual(placed.status, 0, placed.stderr)
        XCTAssertTrue(placed.stdout.contains("clusters: 22 new tickets analysed (incremental)"), placed.stdout)
        XCTAssertEqual(try Docket.run(["analyze", "--store", store, "--full"]).status, 0)
        let after = try clusters(store)
        let byID = Dictionary(uniqueKeysWithValues: after.map { ($0["id"] as! String, $0) })
        XCTAssertEqual(byID[b]?["title"] as? String, "Named | by a person")
        XCTAssertTrue((byID[b]?["primary"] as? [Int] ?? []).contains(moved))
        XCTAssertFalse((byID[a]?["primary"] as? [Int] ?? [moved]).contains(moved))
        XCTAssertNil(byID[before[2]["id"] as! String], "a hidden cluster was listed")
        XCTAssertNotNil(try clusters(store, ["--all"]).first { $0["id"] as? String == before[2]["id"] as? String })
        for c in before where c["id"] as? String != before[2]["id"] as? String {
            XCTAssertNotNil(byID[c["id"] as! String], "cluster \(c["id"]!) disappeared")
        }
    }
}
