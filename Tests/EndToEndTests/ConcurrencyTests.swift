import DocketModel
import DocketStore
import Foundation
import XCTest

/// Many `docket` processes writing one store at the same moment (issue 16):
/// a rename, tags under the old name, a colour change, notes by script and
/// an import, all started together, several rounds. Whatever the order the
/// lock gives them, every edit a command acknowledged (exit 0) is in the
/// final store, and no ticket carries a theme the catalogue lost.
final class ConcurrencyTests: ScratchDirTestCase {

    func testEveryAcknowledgedEditOfConcurrentWritersSurvives() throws {
        let rounds = 4
        for round in 0..<rounds {
            let s = dir + "/store\(round)"
            let first = dir + "/first.json", more = dir + "/more.json"
            try Docket.issuesJSON(1...8, title: "Sync stalls").write(toFile: first, atomically: true, encoding: .utf8)
            try Docket.issuesJSON(9...12, title: "Sync stalls").write(toFile: more, atomically: true, encoding: .utf8)
            XCTAssertEqual(try Docket.run(["import", "--store", s, first]).status, 0)
            XCTAssertEqual(try Docket.run(["themes", "add", "sync", "--store", s, "--description", "Sync conflicts"]).status, 0)
            XCTAssertEqual(try Docket.run(["tag", "1", "sync", "--store", s]).status, 0)

            var commands: [[String]] = [
                ["themes", "rename", "sync", "syncing", "--store", s],
                ["themes", "edit", "sync", "--color", "cyan", "--store", s],
                ["import", "--store", s, more],
            ]
            for n in 2...7 { commands.append(["tag", String(n), "sync", "--store", s]) }
            let results = try runTogether(commands)

            let store = try Store.open(s, mode: .existing)
            XCTAssertEqual(store.tickets.count, results[2].status == 0 ? 12 : 8, results[2].stderr)
            let defined = Set(store.curation.themes.keys)
            for (key, a) in store.annotations {
                for name in a.themes {
                    XCTAssertTrue(defined.contains(name), "round \(round): #\(key.number) carries \(name), which no theme defines")
                }
            }
            XCTAssertEqual(results[0].status, 0, results[0].stderr)
            XCTAssertEqual(store.annotation(TicketKey(source: "o/r", number: 1)).themes, ["syncing"], "round \(round)")
            for n in 2...7 where results[1 + n].status == 0 {
                // Tagged before the rename (renamed with it), concurrently
                // (follows it) or after it by a command that no longer knew
                // the old name (defines it anew): never lost.
                let themes = store.annotation(TicketKey(source: "o/r", number: n)).themes
                XCTAssertEqual(themes.count, 1, "round \(round): #\(n) \(themes)")
                XCTAssertTrue(themes == ["syncing"] || themes == ["sync"], "round \(round): #\(n) \(themes)")
            }
            XCTAssertEqual(store.curation.themes["syncing"]?.description, "Sync conflicts", "round \(round)")
            if results[1].status == 0 {
                // An edit that ran before or alongside the rename reaches the
                // renamed theme; one that loaded after it found "sync" only
                // when a tag had defined the name anew, and changed that one.
                let colours = [store.curation.themes["syncing"]?.color, store.curation.themes["sync"]?.color]
                XCTAssertTrue(colours.contains(.cyan), "round \(round): \(colours)")
            } else {
                XCTAssertTrue(results[1].stderr.contains("sync"), results[1].stderr)
            }
        }
    }

    /// Starts every command at once, each from its own thread, and waits for all.
    private func runTogether(_ commands: [[String]]) throws -> [Docket.Result] {
        final class Box: @unchecked Sendable {
            let lock = NSLock()
            var results: [Int: Docket.Result] = [:]
            var failure: Error?
        }
        let box = Box()
        let group = DispatchGroup()
        for (i, c) in commands.enumerated() {
            group.enter()
            Thread {
                defer { group.leave() }
                do {
                    let r = try Docket.run(c)
                    box.lock.lock(); box.results[i] = r; box.lock.unlock()
                } catch {
                    box.lock.lock(); box.failure = error; box.lock.unlock()
                }
            }.start()
        }
        group.wait()
        if let f = box.failure { throw f }
        return commands.indices.compactMap { box.results[$0] }
    }
}
