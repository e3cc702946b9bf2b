import Foundation
import XCTest

/// Tagging and cluster edits made in the real binary, checked afterwards
/// through the CLI: what the screen showed was saved to the store.
final class CurationTUITests: XCTestCase {
    private func demoStore(analyze: Bool) throws -> (dir: String, store: String) {
        let dir = Docket.tempDir()
        let store = dir + "/store"
        let prep = try Docket.run(["demo", "--store", store, "--prepare-only"])
        XCTAssertEqual(prep.status, 0, prep.stderr)
        if analyze {
            let a = try Docket.run(["analyze", "--store", store])
            XCTAssertEqual(a.status, 0, a.stderr)
        }
        return (dir, store)
    }

    private func json(_ args: [String]) throws -> [[String: Any]] {
        let r = try Docket.run(args)
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    }

    private func leadingNumber(_ line: String) -> Int? {
        Int(line.drop { !$0.isNumber }.prefix { $0.isNumber })
    }

    func testTaggingMarkedTicketsWithANewThemeIsSaved() throws {
        let bin = try Docket.requireBinary()
        let (dir, store) = try demoStore(analyze: false)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = try Tmux(command: "'\(bin)' --store '\(store)' --period all", width: 100, height: 30)
        let list = try t.waitForText("1 Tickets ")
        let first = try XCTUnwrap(leadingNumber(list[2])), second = try XCTUnwrap(leadingNumber(list[3]))
        try t.send("Space")
        try t.send("Space")
        try t.waitForText("2 marked")
        try t.send("t")
        try t.waitForText("Tag 2 tickets with")
        try t.send("-l", "onboarding")
        try t.waitForText("new theme: onboarding")
        try t.send("Enter")
        try t.waitForText("Tagged 2 tickets with onboarding")
        try t.send("q")
        XCTAssertEqual(t.exitStatus(), "0")
        let tagged = try json(["tickets", "--store", store, "--theme", "onboarding", "--json"]).compactMap { $0["number"] as? Int }
        XCTAssertEqual(Set(tagged), [first, second])
    }

    func testRenamingAClusterAndMovingATicketAreSaved() throws {
        let bin = try Docket.requireBinary()
        let (dir, store) = try demoStore(analyze: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = try Tmux(command: "'\(bin)' --store '\(store)' --period all", width: 100, height: 30)
        try t.waitForText("1 Tickets ")
        try t.send("3")
        let list = try t.waitForText("clusters · all time")
        let ids = list[2...3].map { $0.split(separator: " ").first.map(String.init) ?? "" }
        let (renamed, target) = (ids[0], ids[1])
        XCTAssertTrue(renamed.hasPrefix("c") && target.hasPrefix("c"), list.joined(separator: "\n"))
        try t.send("r")
        try t.waitForText("Rename \(renamed): ")
        try t.send("C-u")
        try t.send("-l", "Renamed in the TUI")
        try t.send("Enter")
        try t.waitForText("Renamed \(renamed): Renamed in the TUI")
        try t.send("Enter")
        let detail = try t.waitForText("Cluster \(renamed)")
        let row = try XCTUnwrap(detail.first { $0.hasPrefix("[ ]") }, detail.joined(separator: "\n"))
        let moved = try XCTUnwrap(leadingNumber(row))
        try t.send("m")
        try t.waitForText("Move #\(moved) to")
        try t.send("-l", target)
        try t.send("Enter")
        try t.waitForText("Moved #\(moved) to \(target)")
        try t.send("q")
        try t.waitForText("clusters · all time")
        try t.send("q")
        XCTAssertEqual(t.exitStatus(), "0")
        let clusters = try json(["clusters", "--store", store, "--period", "all", "--all", "--json"])
        let byID = Dictionary(clusters.compactMap { c in (c["id"] as? String).map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(byID[renamed]?["title"] as? String, "Renamed in the TUI")
        XCTAssertTrue((byID[target]?["members"] as? [Int])?.contains(moved) ?? false, "\(byID[target] ?? [:])")
        XCTAssertFalse((byID[renamed]?["members"] as? [Int])?.contains(moved) ?? true)
    }
}
