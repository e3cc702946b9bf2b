import DocketModel
import DocketStore
import Foundation
import XCTest

/// `docket repair` (issue 17): a damaged file keeps every piece that still
/// reads, the original is set aside unchanged, and nothing else is touched.
final class RepairTests: ScratchDirTestCase {
    var store: String { dir + "/s" }

    private func run(_ args: [String]) throws -> Docket.Result { try Docket.run(args + ["--store", store]) }

    /// Twelve tickets, in one base corpus.
    private func make() throws {
        try Docket.issuesJSON(1...12, title: "Sync stalls").write(toFile: dir + "/a.json", atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(["import", dir + "/a.json"]).status, 0)
    }

    private func edit(_ name: String, _ change: (String) -> String) throws {
        let path = store + "/" + name
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let changed = change(text)
        XCTAssertNotEqual(changed, text, "the damage changed nothing in \(name)")
        try changed.write(toFile: path, atomically: false, encoding: .utf8)
    }

    private func aside() throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: store).filter { $0.hasPrefix("damaged-") }
        XCTAssertEqual(names.count, 1, "one set-aside directory: \(names)")
        return store + "/" + (names.first ?? "")
    }

    private func numbers() throws -> [Int] { try Store.open(store, mode: .existing).tickets.map(\.key.number).sorted() }

    func testOneChangedKeyInTheCorpusLosesNoTicketAndTheMessageSaysHow() throws {
        try make()
        try edit("corpus.json") { $0.replacingOccurrences(of: "\"tickets\"", with: "\"tickeTs\"") }
        let damaged = FileManager.default.contents(atPath: store + "/corpus.json")
        let read = try run(["tickets"])
        XCTAssertEqual(read.status, 1)
        XCTAssertTrue(read.stderr.contains("`docket repair --store ") && read.stderr.contains("/s` keeps what still reads"), read.stderr)

        let dry = try run(["repair", "--dry-run"])
        XCTAssertEqual(dry.status, 1, "a dry run that finds damage says so in its status")
        XCTAssertTrue(dry.stdout.contains("corpus.json: damaged (unknown key \"tickeTs\" at the top level); would keep 12 tickets"), dry.stdout)
        XCTAssertEqual(FileManager.default.contents(atPath: store + "/corpus.json"), damaged, "a dry run changed the file")
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: store).contains { $0.hasPrefix("damaged-") })

        let r = try run(["repair"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("kept 12 tickets"), r.stdout)
        XCTAssertTrue(r.stdout.contains("The store reads again: 12 tickets."), r.stdout)
        XCTAssertEqual(try numbers(), Array(1...12))
        XCTAssertEqual(FileManager.default.contents(atPath: try aside() + "/corpus.json"), damaged)
        // The store goes on as before: an import of the same tickets adds nothing.
        let again = try run(["import", dir + "/a.json"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try numbers(), Array(1...12))
    }

    func testATicketThatDoesNotReadIsSetAsideAndTheOthersAreKept() throws {
        try make()
        try edit("corpus.json") { $0.replacingOccurrences(of: "\"number\":5,", with: "\"numbr\":5,") }
        let r = try run(["repair"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("kept 11 tickets, 1 piece did not read"), r.stdout)
        XCTAssertTrue(r.stdout.contains("import the tickets again"), r.stdout)
        XCTAssertEqual(try numbers(), Array(1...4) + Array(6...12))
        let kept = try String(contentsOfFile: try aside() + "/corpus.json", encoding: .utf8)
        XCTAssertTrue(kept.contains("\"numbr\":5,"), "the ticket that did not read is in the copy set aside")
        // Importing it again brings it back.
        XCTAssertEqual(try run(["import", dir + "/a.json"]).status, 0)
        XCTAssertEqual(try numbers(), Array(1...12))
    }

    func testACutCorpusWithSegmentsKeepsTheLinesBeforeTheCutAndFoldsTheSegments() throws {
        try make()
        try Docket.issuesJSON(13...14, title: "Export fails").write(toFile: dir + "/b.json", atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(["import", dir + "/b.json"]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: store + "/corpus-000001.json"), "setup: a segment")
        let path = store + "/corpus.json"
        let data = try XCTUnwrap(FileManager.default.contents(atPath: path))
        try data.prefix(data.count * 2 / 3).write(to: URL(fileURLWithPath: path))
        let r = try run(["repair"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let n = try numbers()
        XCTAssertTrue(n.starts(with: [1, 2, 3, 4, 5]) && n.suffix(2) == [13, 14] && n.count < 14, "\(n)")
        let files = try FileManager.default.contentsOfDirectory(atPath: store)
        XCTAssertFalse(files.contains("corpus-000001.json"), "the segment is folded into the new base: \(files)")
    }

    func testAnnotationsKeepEveryEntryThemeAndNoteThatReads() throws {
        try make()
        for n in ["1", "2", "3"] { XCTAssertEqual(try run(["tag", n, "sync"]).status, 0) }
        XCTAssertEqual(try run(["themes", "add", "crash", "--description", "Crashes at start", "--color", "red"]).status, 0)
        XCTAssertEqual(try run(["tag", "4", "crash"]).status, 0)
        let s = try Store.open(store)
        let first = try XCTUnwrap(s.tickets.first { $0.key.number == 1 }).key
        try s.apply(.setNote(first, "Asked for the log on Monday"))
        try s.compact()
        try edit("annotations.json") { text in
            // One entry (ticket 2's) loses a key: the whole file no longer reads.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return lines.map { $0.contains("#2\"") ? $0.replacingOccurrences(of: "\"triage\"", with: "\"triagE\"") : $0 }.joined(separator: "\n")
        }
        XCTAssertEqual(try run(["tickets"]).status, 1, "the damage is refused before the repair")
        let r = try run(["repair"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("annotations.json: damaged"), r.stdout)
        XCTAssertTrue(r.stdout.contains("1 piece did not read"), r.stdout)
        let after = try Store.open(store, mode: .existing)
        func themes(_ n: Int) -> [String] { after.annotations.first { $0.key.number == n }?.value.themes ?? [] }
        XCTAssertEqual(themes(1), ["sync"])
        XCTAssertEqual(themes(2), [], "the entry that did not read")
        XCTAssertEqual(themes(3), ["sync"])
        XCTAssertEqual(themes(4), ["crash"])
        XCTAssertEqual(after.annotations[first]?.note, "Asked for the log on Monday")
        XCTAssertEqual(after.curation.themes["crash"]?.description, "Crashes at start")
        XCTAssertEqual(after.curation.themes["crash"]?.color, .red)
    }

    func testAJournalLineThatIsNotAnEditIsSetAsideAndTheEditsAroundItKept() throws {
        try make()
        for n in ["1", "2", "3"] { XCTAssertEqual(try run(["tag", n, "sync"]).status, 0) }
        try edit("journal.jsonl") { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let i = try? XCTUnwrap(lines.firstIndex { $0.contains("#2\"") })
            lines[i ?? 0] = "{\"op\":\"tag\",\"ticket\":"
            return lines.joined(separator: "\n")
        }
        XCTAssertEqual(try run(["tag", "5", "x"]).status, 1, "a write refuses the damaged journal")
        let r = try run(["repair"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("journal.jsonl: damaged (line"), r.stdout)
        XCTAssertTrue(r.stdout.contains("kept 3 edits") || r.stdout.contains("kept 2 edits"), r.stdout)
        let after = try Store.open(store, mode: .existing)
        let tagged = after.annotations.filter { $0.value.themes == ["sync"] }.map(\.key.number).sorted()
        XCTAssertEqual(tagged, [1, 3])
        XCTAssertEqual(try run(["tag", "5", "x"]).status, 0, "the journal takes edits again")
    }

    func testRepairNeedsAStoreAndSaysWhenThereIsNothingToDo() throws {
        let none = try Docket.run(["repair", "--store", dir + "/nowhere"])
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.stderr.contains("there is no Docket store at"), none.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/nowhere"), "repair made a store")
        try make()
        let r = try run(["repair"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("corpus.json: ok (12 tickets)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Nothing to repair: 12 tickets."), r.stdout)
        XCTAssertEqual(try run(["repair", "--dry-run"]).status, 0)
    }
}
