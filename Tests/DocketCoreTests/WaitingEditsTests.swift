@testable import DocketModel
@testable import DocketStore
import Foundation
import XCTest

/// Edits a browser showed while another process held the store, kept in
/// `waiting-PID.jsonl` (issue 15): a kill -9 before they were saved must not
/// lose them, so the next Docket to open the store saves them.
final class WaitingEditsTests: StoreDirTestCase {

    private func key(_ n: Int) -> TicketKey { TicketKey(source: "acme/help", number: n) }

    /// The pid of a process that has exited (and been reaped).
    private func deadPID() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    private func storeWithTickets() throws -> Store {
        let s = try Store.open(dir)
        try s.importBatch(try Fixtures.parse("[" + (1...3).map { Fixtures.issue($0) }.joined(separator: ",") + "]"))
        return s
    }

    func testEditsKeptByAKilledBrowserAreSavedByTheNextOpen() throws {
        let s = try storeWithTickets()
        try s.keepWaiting([.setTriage(key(1), .done), .setTriage(key(2), .done)])
        let own = dir + "/waiting-\(Platform.processID).jsonl"
        XCTAssertTrue(FileManager.default.fileExists(atPath: own))
        // This process is alive: its own file is not taken from it.
        let mine = try Store.open(dir)
        XCTAssertEqual(mine.adopted, 0)
        XCTAssertNil(mine.annotations[key(1)]?.triage)
        // As if it had been killed: the file now names a process that has gone.
        let pid = try deadPID()
        XCTAssertFalse(Platform.processIsAlive(pid))
        let orphan = dir + "/waiting-\(pid).jsonl"
        XCTAssertEqual(rename(own, orphan), 0)
        let next = try Store.open(dir)
        XCTAssertEqual(next.adopted, 2)
        XCTAssertEqual(next.annotations[key(1)]?.triage, .done)
        XCTAssertEqual(next.annotations[key(2)]?.triage, .done)
        XCTAssertNil(next.annotations[key(3)]?.triage)
        XCTAssertFalse(FileManager.default.fileExists(atPath: orphan), "saved once, then removed")
        // Saved in the journal: a later open sees them without the file.
        let again = try Store.open(dir)
        XCTAssertEqual(again.adopted, 0)
        XCTAssertEqual(again.annotations[key(2)]?.triage, .done)
    }

    func testAnEmptyListForgetsTheKeptEdits() throws {
        let s = try storeWithTickets()
        try s.keepWaiting([.setTriage(key(1), .done)])
        try s.keepWaiting([])
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/waiting-\(Platform.processID).jsonl"))
    }

    func testAKeptFileOfALiveProcessIsLeftToIt() throws {
        let s = try storeWithTickets()
        try s.keepWaiting([.setTriage(key(1), .done)])
        // pid 1 is always alive: its browser may still save the edit itself.
        let live = dir + "/waiting-1.jsonl"
        XCTAssertEqual(rename(dir + "/waiting-\(Platform.processID).jsonl", live), 0)
        let next = try Store.open(dir)
        XCTAssertEqual(next.adopted, 0)
        XCTAssertNil(next.annotations[key(1)]?.triage)
        XCTAssertTrue(FileManager.default.fileExists(atPath: live))
    }
}
