import Foundation
import XCTest

/// The real binary in a real terminal (tmux), as a user drives it.
final class TUITests: XCTestCase {
    func testDemoOpensMovesOpensATicketAndQuitsRestoringTheScreen() throws {
        let bin = try Docket.requireBinary()
        let t = try Tmux(command: "'\(bin)' demo", width: 100, height: 30)
        let list = try t.waitForText("1 Tickets ")
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
        try t.waitForText("1 Tickets ")
        try t.send("q")
        XCTAssertEqual(t.exitStatus(), "0")
        let after = try t.waitForText("AFTER-EXIT")
        XCTAssertFalse(try t.alternateScreenOn())
        XCTAssertFalse(after.contains { $0.contains("1 Tickets ") }, "the list is still on screen:\n" + after.joined(separator: "\n"))
    }

    func testTypingASlashFilterNarrowsTheListAndEscClearsIt() throws {
        let bin = try Docket.requireBinary()
        let t = try Tmux(command: "'\(bin)' demo", width: 100, height: 30)
        // The whole first frame: the tab bar and the status bar's "N of N tickets".
        let count = #"(\d+) of (\d+) tickets"#
        let list = try t.waitFor("the list and its count") { lines in
            lines.contains { $0.contains("1 Tickets ") } && lines.contains { $0.range(of: count, options: .regularExpression) != nil }
        }
        let status = list.first { $0.range(of: count, options: .regularExpression) != nil } ?? ""
        let shown = status.range(of: count, options: .regularExpression).map { String(status[$0]) } ?? ""
        let parts = shown.split(separator: " ")
        let total = parts.count == 4 ? String(parts[2]) : "?"
        XCTAssertEqual(shown, "\(total) of \(total) tickets", "every ticket listed before the filter")
        try t.send("/")
        try t.send("-l", "pdf")
        try t.waitFor("the query in the status bar") { $0.contains { $0.contains("/pdf") } }
        try t.send("-l", " blank")
        let narrowed = try t.waitFor("only matching rows") { lines in
            lines.contains { $0.contains("/pdf blank") } && lines.count > 2 && lines[2].contains("Export to PDF gives a blank page")
        }
        XCTAssertFalse(narrowed.contains { $0.contains("Signed out every time") }, narrowed.joined(separator: "\n"))
        // Enter keeps the filter and q is a key again, not text; Esc clears the filter.
        try t.send("Enter")
        try t.waitFor("filter kept") { $0.contains { $0.contains("/pdf blank") && !$0.contains("▏") } }
        try t.send("Escape")
        try t.waitFor("every ticket back") { $0.contains { $0.contains("\(total) of \(total) tickets") } }
        try t.send("q")
        XCTAssertEqual(t.exitStatus(), "0")
    }

    func testHelpOverlayAndResize() throws {
        let bin = try Docket.requireBinary()
        let t = try Tmux(command: "'\(bin)' demo", width: 100, height: 30)
        try t.waitForText("1 Tickets ")
        try t.send("?")
        try t.waitForText("Open the selected ticket")
        try t.send("Escape")
        try t.waitFor("help closed") { !$0.contains { $0.contains("Open the selected ticket") } }
        try t.tmux(["resize-window", "-t", "0", "-x", "70", "-y", "20"])
        try t.waitForText("need 80x24")
        try t.tmux(["resize-window", "-t", "0", "-x", "85", "-y", "24"])
        try t.waitFor("redraw at 85 columns") { lines in
            lines.contains { $0.contains("1 Tickets ") } && lines.allSatisfy { $0.count <= 85 }
        }
        try t.send("q")
        XCTAssertEqual(t.exitStatus(), "0")
    }

    func testSigtermAndCtrlCRestoreTheTerminal() throws {
        let bin = try Docket.requireBinary()
        let t = try Tmux(command: "'\(bin)' demo", width: 100, height: 30)
        try t.waitForText("1 Tickets ")
        try t.send("C-c")
        XCTAssertNotNil(t.exitStatus())
        try t.waitForText("AFTER-EXIT")
        XCTAssertFalse(try t.alternateScreenOn())

        let u = try Tmux(command: "'\(bin)' demo", width: 100, height: 30)
        try u.waitForText("1 Tickets ")
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
        _ = try Docket.demoStore(in: dir)
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

/// Workflows of a triager in the real binary: triage, undo, and edits that
/// survive kill -9.
final class TriageWorkflowTests: XCTestCase {
    func testTriageThreeTicketsThenKillDashNineLosesNothing() throws {
        let bin = try Docket.requireBinary()
        let dir = Docket.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Docket.demoStore(in: dir)
        let t = try Tmux(command: "'\(bin)' --store '\(store)' --period all", width: 100, height: 30)
        try t.waitForText("1 Tickets ")
        try t.send("2")
        let inbox = try t.waitForText("untriaged ·")
        let total = inbox.last { !$0.isEmpty }.flatMap { line in Int(line.split(separator: " ").first ?? "") } ?? 0
        XCTAssertGreaterThan(total, 3, inbox.joined(separator: "\n"))
        try t.send("d")
        try t.waitForText("Marked #")
        try t.send("d")
        try t.send("d")
        try t.waitFor("three marked done") { $0.filter { $0.hasPrefix("[x]") }.count == 3 }
        // Undo the third, redo it: still three done.
        try t.send("u")
        try t.waitForText("Undid: #")
        try t.send("U")
        try t.waitForText("Redid: #")
        let screen = try t.screen()
        let done = screen.filter { $0.hasPrefix("[x]") }.compactMap { Int($0.dropFirst(3).trimmingCharacters(in: .whitespaces).prefix { $0.isNumber }) }
        XCTAssertEqual(done.count, 3, screen.joined(separator: "\n"))
        // kill -9 right after the last edit was shown.
        kill(try t.appPID(), SIGKILL)
        XCTAssertEqual(t.exitStatus(), "137")  // killed, no chance to save anything more
        let tickets = try Docket.jsonList(["tickets", "--store", store, "--json"])
        let triaged = tickets.filter { $0["triage"] as? String == "done" }.compactMap { $0["number"] as? Int }
        XCTAssertEqual(Set(triaged), Set(done), "the store does not hold the three marks")
        let u = try Tmux(command: "'\(bin)' --store '\(store)' --period all", width: 100, height: 30)
        try u.waitForText("1 Tickets ")
        try u.send("2")
        let again = try u.waitForText("\(total - 3) untriaged · 3 done")
        let doneAgain = again.filter { $0.hasPrefix("[x]") }.compactMap { Int($0.dropFirst(3).trimmingCharacters(in: .whitespaces).prefix { $0.isNumber }) }
        XCTAssertEqual(Set(doneAgain), Set(done))
        try u.send("q")
        XCTAssertEqual(u.exitStatus(), "0")
    }

    /// Another process (a cron import) holds the store's lock: keys go on,
    /// the edit shows as waiting, and it is saved once the lock is free — or,
    /// when the browser is killed meanwhile, by the next Docket to open it.
    func testAnEditWhileTheStoreIsHeldWaitsAndSurvivesKillDashNine() throws {
        let bin = try Docket.requireBinary()
        let dir = Docket.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for killed in [false, true] {
            let store = try Docket.demoStore(in: dir + (killed ? "/killed" : "/saved"))
            let t = try Tmux(command: "'\(bin)' --store '\(store)' --period all", width: 100, height: 30)
            try t.waitForText("1 Tickets ")
            try t.send("2")
            let inbox = try t.waitForText("untriaged ·", rows: 2...2) { $0 == "[" }
            let number = try XCTUnwrap(Int(inbox[2].dropFirst(3).trimmingCharacters(in: .whitespaces).prefix { $0.isNumber }), inbox.joined(separator: "\n"))
            // The holder: flock(1) on the store's lock until told to let go.
            let held = store + "-held", release = store + "-release"
            try? FileManager.default.removeItem(atPath: held)
            try? FileManager.default.removeItem(atPath: release)
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            holder.arguments = ["flock", store + "/lock", "sh", "-c", "touch '\(held)'; while [ ! -e '\(release)' ]; do sleep 0.05; done"]
            try holder.run()
            defer { _ = FileManager.default.createFile(atPath: release, contents: nil); holder.waitUntilExit() }
            let deadline = Date().addingTimeInterval(30)
            while !FileManager.default.fileExists(atPath: held), Date() < deadline { usleep(20_000) }
            XCTAssertTrue(FileManager.default.fileExists(atPath: held), "flock never took the lock")

            try t.send("d")
            let waiting = try t.waitForText("Not saved yet (1 edit")
            XCTAssertTrue(waiting.contains { $0.hasPrefix("[x]") && $0.contains("\(number)") }, waiting.joined(separator: "\n"))
            // Keys go on while it waits.
            try t.send("j")
            try t.send("d")
            try t.waitForText("Not saved yet (2 edits")
            let kept = try FileManager.default.contentsOfDirectory(atPath: store).filter { $0.hasPrefix("waiting-") }
            XCTAssertEqual(kept.count, 1, "the waiting edits are kept aside: \(kept)")
            if killed {
                kill(try t.appPID(), SIGKILL)
                XCTAssertEqual(t.exitStatus(), "137")
            }
            XCTAssertTrue(FileManager.default.createFile(atPath: release, contents: nil))
            holder.waitUntilExit()
            if !killed {
                try t.waitForText("Saved 2 edits (the store was busy")
                try t.send("q")
                XCTAssertEqual(t.exitStatus(), "0")
            }
            let list = try Docket.run(["tickets", "--store", store, "--json"])
            XCTAssertEqual(list.status, 0, list.stderr)
            if killed {
                XCTAssertTrue(list.stderr.contains("saved 2 edits that a Docket browser had kept"), list.stderr)
            } else {
                XCTAssertFalse(list.stderr.contains("had kept"), list.stderr)
            }
            let tickets = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
            XCTAssertTrue(tickets.contains { $0["number"] as? Int == number && $0["triage"] as? String == "done" }, "#\(number) not saved")
            XCTAssertEqual(tickets.filter { $0["triage"] as? String == "done" }.count, 2)
            XCTAssertTrue(try FileManager.default.contentsOfDirectory(atPath: store).filter { $0.hasPrefix("waiting-") }.isEmpty)
        }
    }

    func testAnEditFromAnotherProcessShowsUpWithoutRestarting() throws {
        let bin = try Docket.requireBinary()
        let dir = Docket.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Docket.demoStore(in: dir)
        let t = try Tmux(command: "'\(bin)' --store '\(store)' --period all", width: 100, height: 30)
        let list = try t.waitForText("1 Tickets ", rows: 2...2) { $0.isNumber }
        let number = list[2].trimmingCharacters(in: .whitespaces).prefix { $0.isNumber }
        try t.send("Enter")
        try t.waitForText("Ticket #\(number)")
        // A script tags the open ticket while the browser is open.
        XCTAssertEqual(try Docket.run(["tag", String(number), "from-cron", "--store", store]).status, 0)
        try t.waitForText("The store changed on disk: reloaded", timeout: 10)
        try t.waitForText("Themes: from-cron")
        try t.send("q")
        try t.send("q")
        XCTAssertEqual(t.exitStatus(), "0")
    }
}
