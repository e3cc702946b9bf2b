import DocketStore
import Foundation
import XCTest

/// The corruption matrix (issue 16): every store file damaged in every way
/// a disk, a sync tool or a person can damage it, then a read (`tickets`), a
/// write (`tag`) and the clusters. Never a crash; where the damage loses
/// data the commands refuse with one line naming the file and what to do;
/// the other files are never rewritten; a damaged file is never overwritten.
final class CorruptionMatrixTests: ScratchDirTestCase {

    enum Damage: String, CaseIterable {
        case truncated, zeroed, garbage, invalidUTF8, newerSchema, missing, directory, symlinkLoop
    }

    /// A store with a base corpus and one segment, a compacted snapshot, a
    /// journal line after it, and a saved analysis.
    private func store() throws -> String {
        let s = dir + "/store-\(UUID().uuidString.prefix(8))"
        // One new ticket on twelve: a segment, not folded into the base.
        try Docket.issuesJSON(1...12, title: "Sync stalls at 9% – résumé").write(toFile: dir + "/a.json", atomically: true, encoding: .utf8)
        try Docket.issuesJSON(13...13, title: "Sync stalls at 9% – résumé").write(toFile: dir + "/b.json", atomically: true, encoding: .utf8)
        XCTAssertEqual(try Docket.run(["import", "--store", s, dir + "/a.json"]).status, 0)
        XCTAssertEqual(try Docket.run(["tag", "1", "sync", "--store", s]).status, 0)
        try Store.open(s).compact()
        XCTAssertEqual(try Docket.run(["tag", "2", "sync", "--store", s]).status, 0)
        XCTAssertEqual(try Docket.run(["analyze", "--store", s]).status, 0)
        XCTAssertEqual(try Docket.run(["import", "--store", s, dir + "/b.json"]).status, 0)
        for f in ["corpus.json", "corpus-000001.json", "annotations.json", "journal.jsonl", "clusters.json", "lock"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: s + "/" + f), "setup made no \(f)")
        }
        return s
    }

    private func damage(_ path: String, _ d: Damage) throws {
        let fm = FileManager.default
        let data = fm.contents(atPath: path) ?? Data()
        switch d {
        case .truncated: try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
        case .zeroed: try Data(repeating: 0, count: max(64, data.count)).write(to: URL(fileURLWithPath: path))
        case .garbage:
            var g = SystemRandomNumberGenerator()
            try Data((0..<3000).map { _ in UInt8.random(in: 0...255, using: &g) }).write(to: URL(fileURLWithPath: path))
        case .invalidUTF8:
            // The é of a title becomes a lone continuation byte.
            var bytes = [UInt8](data)
            if let i = bytes.firstIndex(of: 0xC3) { bytes[i] = 0x80 } else { bytes.append(contentsOf: [0x22, 0xFF, 0x22]) }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        case .newerSchema:
            let text = String(decoding: data, as: UTF8.self)
            try text.replacingOccurrences(of: "\"schema\":", with: "\"schema\":99,\"was\":").write(toFile: path, atomically: false, encoding: .utf8)
        case .missing: try fm.removeItem(atPath: path)
        case .directory: try fm.removeItem(atPath: path); try fm.createDirectory(atPath: path, withIntermediateDirectories: false)
        case .symlinkLoop:
            try fm.removeItem(atPath: path)
            try fm.createSymbolicLink(atPath: path, withDestinationPath: (path as NSString).lastPathComponent)
        }
    }

    /// Damages `file` every way, runs the three commands, checks the rules,
    /// and returns the read command's exit status per damage.
    @discardableResult
    private func matrix(_ file: String, mustRefuse: Set<Damage>, clustersMustRefuse: Set<Damage> = []) throws -> [Damage: Int32] {
        var statuses: [Damage: Int32] = [:]
        for d in Damage.allCases {
            let s = try store()
            let path = s + "/" + file
            try damage(path, d)
            let kept = ["corpus.json", "corpus-000001.json", "annotations.json"].filter { $0 != file }
            let before = kept.map { FileManager.default.contents(atPath: s + "/" + $0) }
            let damaged = FileManager.default.contents(atPath: path)
            let read = try Docket.run(["tickets", "--store", s, "--json", "--period", "all"])
            let write = try Docket.run(["tag", "3", "login", "--store", s])
            let clusters = try Docket.run(["clusters", "--store", s, "--json"])
            let row = "\(file) \(d.rawValue)"
            for (name, r) in [("tickets", read), ("tag", write), ("clusters", clusters)] {
                XCTAssertTrue(r.status == 0 || r.status == 1, "\(row): \(name) ended with \(r.status) (a crash?): \(r.stderr)")
                if r.status != 0 {
                    let message = r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
                    XCTAssertFalse(message.contains("\n"), "\(row): \(name) printed more than one line: \(message)")
                    XCTAssertTrue(message.contains(file == "lock" ? "lock" : file), "\(row): \(name) does not name the file: \(message)")
                }
            }
            if mustRefuse.contains(d) {
                XCTAssertEqual(read.status, 1, "\(row): the read went on over the damage: \(read.stdout.prefix(200))")
                XCTAssertEqual(write.status, 1, "\(row): the write went on over the damage")
            }
            if clustersMustRefuse.contains(d) {
                XCTAssertEqual(clusters.status, 1, "\(row): clusters went on over the damage")
                XCTAssertEqual(read.status, 0, "\(row): the tickets do not need the clusters: \(read.stderr)")
            }
            XCTAssertEqual(kept.map { FileManager.default.contents(atPath: s + "/" + $0) }, before, "\(row): another file was rewritten")
            if read.status != 0 && write.status != 0 && d != .missing {
                XCTAssertEqual(FileManager.default.contents(atPath: path), damaged, "\(row): the damaged file was overwritten")
            }
            statuses[d] = read.status
            try repairs(s, file: file, d, damaged: damaged)
        }
        return statuses
    }

    /// `docket repair` on the damaged store: a newer file is left alone;
    /// anything else is set aside unchanged and the store reads and writes
    /// again, keeping what still read (issue 17).
    private func repairs(_ s: String, file: String, _ d: Damage, damaged: Data?) throws {
        let row = "\(file) \(d.rawValue): repair"
        let fm = FileManager.default
        let corpusFiles = ["corpus.json", "corpus-000001.json"]
        let untouched = (corpusFiles.contains(file) ? ["annotations.json", "journal.jsonl"] : corpusFiles).filter { $0 != file }
        let before = untouched.map { fm.contents(atPath: s + "/" + $0) }
        let r = try Docket.run(["repair", "--store", s])
        XCTAssertTrue(r.status == 0 || r.status == 1, "\(row) ended with \(r.status) (a crash?): \(r.stderr)")
        XCTAssertEqual(untouched.map { fm.contents(atPath: s + "/" + $0) }, before, "\(row) rewrote a file that was not damaged")
        let asides = (try fm.contentsOfDirectory(atPath: s)).filter { $0.hasPrefix("damaged-") }
        if d == .newerSchema && ["corpus.json", "corpus-000001.json", "annotations.json"].contains(file) {
            XCTAssertEqual(r.status, 1, "\(row): a newer store is not this Docket's to repair: \(r.stdout)")
            XCTAssertTrue(r.stderr.contains("newer Docket"), "\(row): \(r.stderr)")
            XCTAssertEqual(fm.contents(atPath: s + "/" + file), damaged, "\(row): the newer file was changed")
            XCTAssertEqual(asides, [], "\(row)")
            return
        }
        XCTAssertEqual(r.status, 0, "\(row): \(r.stdout) \(r.stderr)")
        // The original, as it was, in the set-aside directory.
        if let damaged, r.stdout.contains("\(file): damaged"), d != .directory, d != .symlinkLoop {
            XCTAssertEqual(asides.count, 1, "\(row): \(r.stdout)")
            XCTAssertEqual(fm.contents(atPath: s + "/" + (asides.first ?? "") + "/" + file), damaged, "\(row): the original was not kept")
        }
        let read = try Docket.run(["tickets", "--store", s, "--json", "--period", "all"])
        XCTAssertEqual(read.status, 0, "\(row): the store does not read after it: \(read.stderr)")
        // What read before the damage reads after the repair.
        let store = try Store.open(s, mode: .existing)
        let numbers = Set(store.tickets.map(\.key.number))
        let write = try Docket.run(["tag", String(numbers.min() ?? 1), "after-repair", "--store", s])
        XCTAssertEqual(write.status, 0, "\(row): the store cannot be written after it: \(write.stderr)")
        XCTAssertEqual(try Docket.run(["repair", "--store", s]).stdout.contains("Nothing to repair"), true, "\(row): a second repair found more")
        func themes(_ n: Int) -> [String] { store.annotations.first { $0.key.number == n }?.value.themes ?? [] }
        switch (file, d) {
        case ("corpus.json", .invalidUTF8), ("corpus-000001.json", .invalidUTF8), ("corpus.json", .newerSchema):
            XCTAssertEqual(numbers, Set(1...13), "\(row): every ticket still read")
        case ("corpus.json", .truncated):
            XCTAssertTrue(numbers.isSuperset(of: [1, 2, 3, 13]) && numbers.count < 13, "\(row): the lines before the cut: \(numbers.sorted())")
        case ("corpus.json", _):
            XCTAssertEqual(numbers, [13], "\(row): the segment's ticket")
        case ("corpus-000001.json", .missing):
            XCTAssertEqual(numbers, Set(1...12), "\(row)")
        case ("corpus-000001.json", _):
            XCTAssertEqual(numbers, Set(1...12), "\(row): the base's tickets")
        default:
            XCTAssertEqual(numbers, Set(1...13), "\(row): the corpus was not damaged")
        }
        // Ticket 1 was tagged in the snapshot, ticket 2 in the journal after it.
        if file != "annotations.json" || [.invalidUTF8, .newerSchema].contains(d) {
            XCTAssertTrue(themes(1).contains("sync"), "\(row): the snapshot's tag was lost")
        }
        // (A journal cut in half ends in its one edit cut short: lost by the cut, as in a crash.)
        if file != "journal.jsonl" || [.invalidUTF8, .newerSchema].contains(d) {
            XCTAssertTrue(themes(2).contains("sync"), "\(row): the journal's tag was lost")
        }
    }

    func testADamagedCorpusIsRefusedByName() throws {
        try matrix("corpus.json", mustRefuse: Set(Damage.allCases))
    }

    func testADamagedSegmentIsRefusedByName() throws {
        // A missing segment cannot be told from one never written: its
        // tickets come back with the next import of them.
        try matrix("corpus-000001.json", mustRefuse: Set(Damage.allCases).subtracting([.missing]))
    }

    func testDamagedAnnotationsAreRefusedByName() throws {
        // Missing: the journal since the last compaction is still read.
        try matrix("annotations.json", mustRefuse: Set(Damage.allCases).subtracting([.missing]))
    }

    func testADamagedJournalIsRefusedByName() throws {
        // Truncated: what is left ends in an edit cut short, as after a
        // crash, and is read up to it. No schema in a journal to be newer.
        try matrix("journal.jsonl", mustRefuse: Set(Damage.allCases).subtracting([.truncated, .missing, .newerSchema]))
    }

    func testDamagedClustersAreRefusedByNameAndNeverStopTheTickets() throws {
        try matrix("clusters.json", mustRefuse: [],
                   clustersMustRefuse: Set(Damage.allCases).subtracting([.missing]))
    }

    func testADamagedLockFileIsOnlyAProblemWhenItCannotBeOpened() throws {
        let statuses = try matrix("lock", mustRefuse: [.directory, .symlinkLoop])
        for d in [Damage.truncated, .zeroed, .garbage, .invalidUTF8, .newerSchema, .missing] {
            XCTAssertEqual(statuses[d], 0, "lock \(d): its content is only a note of the holder")
        }
    }

    /// A lock file naming a process that is gone is no lock: the advisory
    /// lock died with its holder.
    func testAStaleLockOfADeadProcessDoesNotBlock() throws {
        let s = try store()
        try "pid 999999 docket tag (killed)\n".write(toFile: s + "/lock", atomically: false, encoding: .utf8)
        let r = try Docket.run(["tag", "4", "crash", "--store", s], environment: ["DOCKET_LOCK_TIMEOUT": "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
    }
}
