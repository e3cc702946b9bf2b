import Foundation
import XCTest

/// Tagging and cluster edits made in the real binary, checked afterwards
/// through the CLI: what the screen showed was saved to the store.
final class ClusterThemeTUITests: XCTestCase {
    private func demoStore(analyze: Bool) throws -> (dir: String, store: String) {
        let dir = Docket.tempDir()
        return (dir, try Docket.demoStore(in: dir, analyze: analyze))
    }

    private func json(_ args: [String]) throws -> [[String: Any]] { try Docket.jsonList(args) }

    private func leadingNumber(_ line: String) -> Int? {
        Int(line.drop { !$0.isNumber }.prefix { $0.isNumber })
    }

    func testTaggingMarkedTicketsWithANewThemeIsSaved() throws {
        let bin = try Docket.requireBinary()
        let (dir, store) = try demoStore(analyze: false)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = try Tmux(command: "'\(bin)' --store '\(store)' --period all", width: 100, height: 30)
        let list = try t.waitForText("1 Tickets ", rows: 2...3) { $0.isNumber || $0 == "[" }
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
        let list = try t.waitForText("clusters · all time", rows: 2...3) { $0 == "c" }
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
        // Wait for the member rows, not the header: a capture can land while
        // the frame is half drawn (the header new, the rows still the list's).
        let detail = try t.waitFor("the members of \(renamed)") { screen in
            screen.contains { $0.contains("Cluster \(renamed)") } && screen.contains { $0.hasPrefix("[ ]") }
        }
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

/// The Recommendations and Report screens in the real binary, in tmux: an
/// edit made in `$EDITOR` reaches the store, and an exported report is the
/// one `docket report` writes.
final class RecommendationReportTUITests: XCTestCase {
    /// The demo's busiest recent week, with "now" pinned inside it.
    private let now = "2026-03-27T12:00:00Z"
    private let week = "2026-03-23..2026-03-29"

    /// A demo store with its clusters analysed.
    private func demoStore(in dir: String) throws -> String { try Docket.demoStore(in: dir, analyze: true) }

    private func recommendations(_ store: String) throws -> [[String: Any]] {
        try Docket.jsonList(["recommendations", "--store", store, "--period", week, "--json"])
    }

    func testEditingARecommendationInEditorSavesItAndRestoresTheScreen() throws {
        let bin = try Docket.requireBinary()
        let dir = Docket.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try demoStore(in: dir)
        let before = try recommendations(store)
        XCTAssertGreaterThan(before.count, 1)
        // The editor: a script that rewrites the file, and leaves a trace that it ran on a private file.
        let editor = dir + "/editor.sh"
        try """
            #!/bin/sh
            stat -c %a "$1" > '\(dir)/mode'
            sed -i 's/.*/Ship the hotfix today/' "$1"

            """.write(toFile: editor, atomically: true, encoding: .utf8)
        XCTAssertEqual(chmod(editor, 0o755), 0)
        let t = try Tmux(command: "'\(bin)' --store '\(store)' --period all", width: 100, height: 30,
                         environment: ["DOCKET_NOW": now, "EDITOR": editor, "TMPDIR": dir])
        try t.waitForText("1 Tickets ")
        try t.send("5")
        try t.waitForText("\(before.count) recommendations · week 2026-03-23 to 2026-03-29")
        try t.send("j")
        try t.waitForText(" 2/\(before.count)")
        try t.send("e")
        let screen = try t.waitForText("Recommendation edited")
        XCTAssertTrue(screen.contains { $0.contains("Ship the hotfix today") }, screen.joined(separator: "\n"))
        XCTAssertTrue(screen[0].contains("5 Recommendations"), "screen not redrawn after the editor:\n" + screen.joined(separator: "\n"))
        XCTAssertTrue(try t.alternateScreenOn())
        XCTAssertEqual(try String(contentsOfFile: dir + "/mode", encoding: .utf8), "600\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("docket-edit-") }, [],
                       "the temporary file was left behind")
        try t.send("q")
        XCTAssertEqual(t.exitStatus(), "0")
        let after = try recommendations(store)
        XCTAssertEqual(after.count, before.count)
        XCTAssertEqual(after[1]["id"] as? String, before[1]["id"] as? String)
        XCTAssertEqual(after[1]["text"] as? String, "Ship the hotfix today")
        XCTAssertEqual(after[1]["origin"] as? String, "edited")
        XCTAssertEqual(after[1]["title"] as? String, before[1]["title"] as? String)
        XCTAssertEqual(after[0]["text"] as? String, before[0]["text"] as? String)
    }

    func testExportingTheWeeklyReportWritesWhatTheReportCommandWrites() throws {
        let bin = try Docket.requireBinary()
        let dir = Docket.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try demoStore(in: dir)
        let work = dir + "/work"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        // Exports go to ./reports by default: run from a folder of our own.
        let t = try Tmux(command: "cd '\(work)' && '\(bin)' --store '\(store)' --period all", width: 100, height: 30,
                         environment: ["DOCKET_NOW": now])
        try t.waitForText("1 Tickets ")
        try t.send("6")
        try t.waitForText("Weekly report, 2026-03-23 to 2026-03-29")
        try t.waitForText("# Support Ticket Report")
        try t.send("x")
        try t.waitForText("Exported to reports/week/2026-03-23/: week_summary.md, week_summary.json")
        try t.send("q")
        XCTAssertEqual(t.exitStatus(), "0")
        for format in ["md", "json"] {
            let expected = try Docket.run(["report", "weekly", "--store", store, "--date", "2026-03-27", "--stdout",
                                           "--format", format, "--out", work + "/reports"], environment: ["DOCKET_NOW": now])
            XCTAssertEqual(expected.status, 0, expected.stderr)
            let path = work + "/reports/week/2026-03-23/week_summary." + format
            let exported = try String(contentsOfFile: path, encoding: .utf8)
            XCTAssertEqual(exported, expected.stdout, "\(path) differs from docket report weekly --format \(format)")
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            XCTAssertEqual(mode, 0o644)
        }
        XCTAssertTrue(try String(contentsOfFile: work + "/reports/week/2026-03-23/week_summary.md", encoding: .utf8)
            .contains("- Generated: 2026-03-27 12:00:00"))
    }
}
