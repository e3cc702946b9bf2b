import Foundation
import XCTest

/// The real binary in a real terminal (tmux), as a user drives it.
final class TUITests: XCTestCase {
    func testDemoOpensMovesOpensATicketAndQuitsRestoringTheScreen() throws {
        let bin = try Docket.requireBinary()
        let t = try Tmux(command: "'\(bin)' demo", width: 100, height: 30)
        let list = try t.waitForText("Tickets by activity")
        XCTAssertTrue(try t.alternateScreenOn())
        XCTAssertTrue(list.contains { $0.contains("Activity") && $0.contains("Title") }, list.joined(separator: "\n"))
        // The third ticket row: two moves down from the first.
        guard list.count > 4 else { return XCTFail("screen too short") }
        let row = list[4].trimmingCharacters(in: .whitespaces)
        let number = String(row.prefix { $0.isNumber })
        XCTAssertFalse(number.isEmpty, "no ticket number in row: \(row)")
        try t.send("Down")
        try t.send("Down")
        try t.waitFor("selection on row 3") { $0.last(where: { !$0.isEmpty })?.hasSuffix(" 3/22") ?? false }
        try t.send("Enter")
        let detail = try t.waitForText("Ticket #\(number)")
        XCTAssertTrue(detail[1].contains("#\(number) "), detail.joined(separator: "\n"))
        let titleStart = row.dropFirst(number.count).trimmingCharacters(in: .whitespaces).prefix(12)
        XCTAssertTrue(detail[1].contains(titleStart), "title '\(titleStart)' not on: \(detail[1])")
        try t.send("q")
        try t.waitForText("Tickets by activity")
        try t.send("q")
        XCTAssertEqual(t.exitStatus(), "0")
        let after = try t.waitForText("AFTER-EXIT")
        XCTAssertFalse(try t.alternateScreenOn())
        XCTAssertFalse(after.contains { $0.contains("Tickets by activity") }, "the list is still on screen:\n" + after.joined(separator: "\n"))
    }

    func testHelpOverlayAndResize() throws {
        let bin = try Docket.requireBinary()
        let t = try Tmux(command: "'\(bin)' demo", width: 100, height: 30)
        try t.waitForText("Tickets by activity")
        try t.send("?")
        try t.waitForText("Open the selected ticket")
        try t.send("Escape")
        try t.waitFor("help closed") { !$0.contains { $0.contains("Open the selected ticket") } }
        try t.tmux(["resize-window", "-t", "0", "-x", "70", "-y", "20"])
        try t.waitFor("redraw at 70 columns") { lines in
            lines.contains { $0.contains("Tickets by activity") } && lines.allSatisfy { $0.count <= 70 }
        }
        try t.send("q")
        XCTAssertEqual(t.exitStatus(), "0")
    }

    func testSigtermAndCtrlCRestoreTheTerminal() throws {
        let bin = try Docket.requireBinary()
        let t = try Tmux(command: "'\(bin)' demo", width: 100, height: 30)
        try t.waitForText("Tickets by activity")
        try t.send("C-c")
        XCTAssertNotNil(t.exitStatus())
        try t.waitForText("AFTER-EXIT")
        XCTAssertFalse(try t.alternateScreenOn())

        let u = try Tmux(command: "'\(bin)' demo", width: 100, height: 30)
        try u.waitForText("Tickets by activity")
        let pane = try u.tmux(["list-panes", "-t", "0", "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        // The pane runs sh, whose child is docket.
        let kill = Process()
        kill.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        kill.arguments = ["pkill", "-TERM", "-P", pane, "docket"]
        try kill.run()
        kill.waitUntilExit()
        XCTAssertEqual(u.exitStatus(), "143")
        try u.waitForText("AFTER-EXIT")
        XCTAssertFalse(try u.alternateScreenOn())
    }
}

extension TUITests {
    /// Bare `docket` defaults to the last 7 days and widens to all time, with
    /// a note in the status bar, when nothing was active then.
    func testDefaultPeriodFallsBackToAllWithANote() throws {
        let bin = try Docket.requireBinary()
        let dir = Docket.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let prep = try Docket.run(["demo", "--store", dir + "/store", "--prepare-only"])
        XCTAssertEqual(prep.status, 0, prep.stderr)
        let far = try Tmux(command: "'\(bin)' --store '\(dir)/store'", environment: ["DOCKET_NOW": "2030-01-01T00:00:00Z"])
        let screen = try far.waitForText("last 7 days empty")
        XCTAssertTrue(screen.last(where: { !$0.isEmpty })?.contains("200 tickets") ?? false, screen.joined(separator: "\n"))
        XCTAssertTrue(screen.contains { $0.contains("all time") })
        try far.send("q")
        XCTAssertEqual(far.exitStatus(), "0")

        let recent = try Tmux(command: "'\(bin)' --store '\(dir)/store'", environment: ["DOCKET_NOW": "2026-03-31T20:00:00Z"])
        let shown = try recent.waitForText("2026-03-25..2026-03-31")
        XCTAssertFalse(shown.contains { $0.contains("days empty") })
        try recent.send("q")
        XCTAssertEqual(recent.exitStatus(), "0")
    }
}
