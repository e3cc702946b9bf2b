import Foundation
import XCTest

/// `docket themes`, `docket tickets --theme` and `docket recommendations`,
/// run as a script would run them, across processes.
final class CurationCLITests: XCTestCase {
    var dir = ""
    var store: String { dir + "/store" }
    override func setUp() { dir = Docket.tempDir() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    /// A store of 400 generated tickets (the generator's data ends on 2026-03-31).
    private func importGenerated() throws {
        let file = dir + "/gen.json"
        XCTAssertEqual(try Docket.dev(["generate", "--tickets", "400", "--seed", "4", "--output", file]).status, 0)
        let r = try Docket.run(["import", "--store", store, file])
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    private func run(_ args: [String], _ env: [String: String] = [:]) throws -> Docket.Result {
        try Docket.run(args + ["--store", store], environment: env)
    }

    private func json(_ r: Docket.Result, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]], file: file, line: line)
    }

    func testThemesLifecycle() throws {
        try importGenerated()
        let tagged = try run(["tag", "1", "sync"])
        XCTAssertEqual(tagged.stdout, "#1: sync\n")
        XCTAssertTrue(tagged.stderr.contains("created the theme 'sync'"), tagged.stderr)
        XCTAssertEqual(try run(["tag", "2", "sync"]).stderr, "", "an existing theme is not created again")
        XCTAssertEqual(try run(["themes", "add", "crash", "--description", "Crashes at start", "--color", "red"]).status, 0)
        let dup = try run(["themes", "add", "crash"])
        XCTAssertEqual(dup.status, 1)
        XCTAssertTrue(dup.stderr.contains("already exists"), dup.stderr)
        XCTAssertEqual(try run(["themes", "edit", "crash", "--color", "purple"]).status, 64)
        XCTAssertEqual(try run(["themes", "edit", "sync", "--color", "cyan"]).status, 0)

        let listed = try json(try run(["themes", "--json"]))
        XCTAssertEqual(listed.map { $0["name"] as? String }, ["crash", "sync"])
        XCTAssertEqual(listed[1]["color"] as? String, "cyan")
        XCTAssertEqual(listed[1]["tickets"] as? Int, 2)
        XCTAssertEqual(listed[0]["description"] as? String, "Crashes at start")

        XCTAssertEqual(try run(["themes", "rename", "sync", "syncing"]).stdout, "renamed 'sync' to 'syncing' on 2 tickets\n")
        let byTheme = try json(try run(["tickets", "--theme", "syncing", "--json"]))
        XCTAssertEqual(Set(byTheme.compactMap { $0["number"] as? Int }), [1, 2])
        let unknown = try run(["tickets", "--theme", "sync"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("no theme 'sync'"), unknown.stderr)

        let refused = try run(["themes", "delete", "syncing"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("--force"), refused.stderr)
        XCTAssertEqual(try run(["themes", "delete", "syncing", "--force"]).stdout, "deleted theme 'syncing', removed from 2 tickets\n")
        XCTAssertEqual(try json(try run(["themes", "--json"])).map { $0["name"] as? String }, ["crash"])
    }

    func testSuggestCitesTaggedTickets() throws {
        try importGenerated()
        let none = try run(["themes", "suggest"])
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.stderr.contains("docket tag"), none.stderr)
        let tickets = try json(try run(["tickets", "--json"]))
        for t in tickets where (t["title"] as? String ?? "").lowercased().contains("sync") {
            _ = try run(["tag", String(t["number"] as? Int ?? 0), "sync"])
        }
        let s = try json(try run(["themes", "suggest", "--limit", "5", "--json"]))
        XCTAssertFalse(s.isEmpty)
        XCTAssertLessThanOrEqual(s.count, 5)
        for x in s {
            XCTAssertEqual(x["theme"] as? String, "sync")
            XCTAssertFalse((x["because"] as? [Int] ?? []).isEmpty)
            XCTAssertTrue((0...1).contains(x["confidence"] as? Double ?? -1))
        }
        XCTAssertEqual(try json(try run(["themes", "suggest", "--min-confidence", "1", "--json"])).count, 0)
    }

    func testRecommendationEditsPersistPerPeriod() throws {
        try importGenerated()
        let env = ["DOCKET_NOW": "2026-03-31T20:00:00Z"]
        let week = ["--period", "2026-03-25..2026-03-31"]
        let generated = try json(try run(["recommendations", "--json"] + week, env))
        XCTAssertFalse(generated.isEmpty)
        XCTAssertLessThanOrEqual(generated.count, 7)
        XCTAssertEqual(try json(try run(["recommendations", "--json"], env)).map { $0["id"] as? String },
                       generated.map { $0["id"] as? String }, "the default period is the last 7 days")
        let first = try XCTUnwrap(generated[0]["id"] as? String)

        XCTAssertEqual(try run(["recommendations", "add", "--title", "Call Acme", "--text", "They filed three"] + week, env).stdout, "added a-1\n")
        XCTAssertEqual(try run(["recommendations", "move", "a-1", "--to", "1"] + week, env).status, 0)
        XCTAssertEqual(try run(["recommendations", "edit", first, "--text", "Ship the hotfix"] + week, env).status, 0)
        let missing = try run(["recommendations", "remove", "r-nope"] + week, env)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no recommendation 'r-nope'"), missing.stderr)
        if generated.count > 1, let second = generated[1]["id"] as? String {
            XCTAssertEqual(try run(["recommendations", "remove", second] + week, env).status, 0)
        }

        let merged = try json(try run(["recommendations", "--json"] + week, env))
        XCTAssertEqual(merged.first?["id"] as? String, "a-1")
        XCTAssertEqual(merged.first?["origin"] as? String, "added")
        XCTAssertEqual(merged.count, generated.count + 1 - (generated.count > 1 ? 1 : 0))
        let edited = try XCTUnwrap(merged.first { $0["id"] as? String == first })
        XCTAssertEqual(edited["text"] as? String, "Ship the hotfix")
        XCTAssertEqual(edited["origin"] as? String, "edited")
        let text = try run(["recommendations"] + week, env).stdout
        XCTAssertTrue(text.contains("- **Call Acme:** They filed three"), text)
        // Another period is untouched.
        XCTAssertFalse(try json(try run(["recommendations", "--json", "--period", "2026-03-18..2026-03-24"], env))
            .contains { $0["origin"] as? String != "generated" })
    }

    func testHelp() throws {
        for (group, sub) in [("themes", "suggest"), ("recommendations", "move")] {
            let r = try Docket.run([group, "--help"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains(sub), "\(group) --help lists \(sub)")
        }
        for args in [["themes", "list", "--help"], ["themes", "suggest", "--help"], ["recommendations", "list", "--help"],
                     ["recommendations", "move", "--help"]] {
            let r = try Docket.run(args)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stdout.contains("--store"), "\(args) lacks --store")
        }
    }
}
