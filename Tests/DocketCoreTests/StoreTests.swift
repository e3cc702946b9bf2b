@testable import DocketModel
@testable import DocketStore
import Foundation
import XCTest

final class StoreTests: StoreDirTestCase {

    private func bytes(_ name: String) -> Data? { FileManager.default.contents(atPath: dir + "/" + name) }

    func testRoundTripLoadsBackIdentically() throws {
        let s = try Store.open(dir)
        let tricky = "emoji 😀 CJK 日本 ctl \u{1B}[31m quote \" \r\n tab\t"
        try s.importBatch(try Fixtures.parse("[\(Fixtures.issue(1, body: tricky)),\(Fixtures.issue(2, state: "closed", closed: "2025-04-14T12:00:00Z"))][\(Fixtures.comment(5, issue: 1))]"))
        try s.apply(.tag(TicketKey(source: "acme/help", number: 1), theme: "sync"))
        try s.apply(.setTriage(TicketKey(source: "acme/help", number: 2), .done))
        let again = try Store.open(dir)
        XCTAssertEqual(again.tickets, s.tickets)
        XCTAssertEqual(again.annotations, s.annotations)
        XCTAssertEqual(again.tickets[0].body, tricky)
        XCTAssertEqual(again.tickets[0].comments.map(\.id), [5])
        // Re-encoding what was loaded gives the same bytes.
        XCTAssertEqual(CorpusCodec.encode(again.tickets), Array(bytes("corpus.json") ?? Data()))
    }

    func testImportingTheSameFileTwiceLeavesTheStoreByteIdentical() throws {
        let doc = "[\(Fixtures.issue(1)),\(Fixtures.issue(2))][\(Fixtures.comment(5, issue: 1))]"
        let s = try Store.open(dir)
        let first = try s.importBatch(try Fixtures.parse(doc))
        XCTAssertEqual(first.added, 2)
        XCTAssertEqual(first.commentsAdded, 1)
        let before = bytes("corpus.json")
        let second = try s.importBatch(try Fixtures.parse(doc))
        XCTAssertEqual(second.added, 0)
        XCTAssertEqual(second.updated, 0)
        XCTAssertEqual(second.unchanged, 2)
        XCTAssertEqual(second.commentsAdded, 0)
        XCTAssertEqual(bytes("corpus.json"), before)
    }

    func testNewerUpdateRefreshesImportedFieldsButNeverAnnotations() throws {
        let s = try Store.open(dir)
        try s.importBatch(try Fixtures.parse("[\(Fixtures.issue(1, title: "Old title"))]"))
        let key = TicketKey(source: "acme/help", number: 1)
        try s.apply(.tag(key, theme: "sync"))
        try s.apply(.setNote(key, "call the customer"))
        let annotationsBefore = bytes("annotations.json")
        let journalBefore = bytes("journal.jsonl")

        // Older data never wins.
        let stale = try s.importBatch(try Fixtures.parse("[\(Fixtures.issue(1, title: "Stale", updated: "2025-04-14T09:30:00Z"))]"))
        XCTAssertEqual(stale.updated, 0)
        XCTAssertEqual(s.ticket(key)?.title, "Old title")

        let r = try s.importBatch(try Fixtures.parse("[\(Fixtures.issue(1, title: "New title", state: "closed", updated: "2025-04-15T10:00:00Z", closed: "2025-04-15T10:00:00Z"))]"))
        XCTAssertEqual(r.updated, 1)
        XCTAssertEqual(s.ticket(key)?.title, "New title")
        XCTAssertEqual(s.ticket(key)?.state, .closed)
        XCTAssertEqual(s.annotation(key).themes, ["sync"])
        XCTAssertEqual(s.annotation(key).note, "call the customer")
        XCTAssertEqual(bytes("annotations.json"), annotationsBefore)
        XCTAssertEqual(bytes("journal.jsonl"), journalBefore)
        XCTAssertEqual(try Store.open(dir).annotation(key).themes, ["sync"])
    }

    /// A store opened before another process imported must merge into what
    /// that process wrote, not into its own stale copy.
    func testImportAfterAnotherWriterKeepsTheirTickets() throws {
        let early = try Store.open(dir)
        let other = try Store.open(dir)
        try other.importBatch(try Fixtures.parse("[\(Fixtures.issue(1))]"))
        try early.importBatch(try Fixtures.parse("[\(Fixtures.issue(2))]"))
        XCTAssertEqual(try Store.open(dir).tickets.map(\.number), [1, 2])
        XCTAssertEqual(early.tickets.map(\.number), [1, 2])
    }

    /// What the TUI polls: another process's import or edit is noticed, its
    /// own edits are not, and an edit squeezed in just before its own is not
    /// lost from sight.
    func testChangedOnDiskSeesOtherWritersButNotItsOwn() throws {
        let tui = try Store.open(dir)
        let cli = try Store.open(dir)
        XCTAssertFalse(tui.changedOnDisk())
        try cli.importBatch(try Fixtures.parse("[\(Fixtures.issue(1)), \(Fixtures.issue(2))]"))
        XCTAssertTrue(tui.changedOnDisk())
        try tui.reload()
        XCTAssertFalse(tui.changedOnDisk())
        let k1 = tui.tickets[0].key, k2 = tui.tickets[1].key
        try tui.apply(.tag(k1, theme: "mine"))
        XCTAssertFalse(tui.changedOnDisk(), "its own edit is not a change from outside")
        try cli.apply(.tag(k2, theme: "theirs"))
        XCTAssertTrue(tui.changedOnDisk())
        try tui.apply(.tag(k1, theme: "mine too"))
        XCTAssertTrue(tui.changedOnDisk(), "the other writer's edit came before this one and is not in memory yet")
        try tui.reload()
        XCTAssertFalse(tui.changedOnDisk())
        XCTAssertEqual(tui.annotation(k2).themes, ["theirs"])
        XCTAssertEqual(tui.annotation(k1).themes, ["mine", "mine too"])
        try cli.compact()
        XCTAssertTrue(tui.changedOnDisk())
    }

    func testReopeningIsCounted() throws {
        let s = try Store.open(dir)
        try s.importBatch(try Fixtures.parse("[\(Fixtures.issue(1, state: "closed", updated: "2025-04-14T10:00:00Z", closed: "2025-04-14T10:00:00Z"))]"))
        let r = try s.importBatch(try Fixtures.parse("[\(Fixtures.issue(1, state: "open", updated: "2025-04-16T10:00:00Z"))]"))
        XCTAssertEqual(r.reopened, 1)
        XCTAssertEqual(s.tickets[0].reopenCount, 1)
    }

    func testEditsDoNotRewriteTheCorpus() throws {
        let s = try Store.open(dir)
        try s.importBatch(try Fixtures.parse("[\(Fixtures.issue(1))]"))
        let path = dir + "/corpus.json"
        let before = try FileManager.default.attributesOfItem(atPath: path)
        try s.apply(.tag(TicketKey(source: "acme/help", number: 1), theme: "login"))
        let after = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual(before[.systemFileNumber] as? Int, after[.systemFileNumber] as? Int)
        XCTAssertEqual(before[.modificationDate] as? Date, after[.modificationDate] as? Date)
        XCTAssertTrue(String(decoding: bytes("journal.jsonl") ?? Data(), as: UTF8.self).contains(#""op":"tag""#))
    }

    func testFilesArePrivate() throws {
        let s = try Store.open(dir + "/nested/store")
        try s.importBatch(try Fixtures.parse("[\(Fixtures.issue(1))]"))
        try s.apply(.setTriage(TicketKey(source: "acme/help", number: 1), .done))
        XCTAssertEqual(Platform.permissions(of: dir + "/nested/store"), 0o700)
        XCTAssertEqual(Platform.permissions(of: dir + "/nested/store/corpus.json"), 0o600)
        XCTAssertEqual(Platform.permissions(of: dir + "/nested/store/journal.jsonl"), 0o600)
    }

    func testTornJournalLineFromACrashIsIgnoredAndRepaired() throws {
        let s = try Store.open(dir)
        let key = TicketKey(source: "acme/help", number: 1)
        try s.apply(.tag(key, theme: "a"))
        // Simulate kill -9 in the middle of the next append.
        let h = try XCTUnwrap(FileHandle(forWritingAtPath: dir + "/journal.jsonl"))
        h.seekToEndOfFile()
        h.write(Data(#"{"at":"2025-01-01T00:00:00Z","op":"tag","tick"#.utf8))
        try h.close()
        let reopened = try Store.open(dir)
        XCTAssertEqual(reopened.annotation(key).themes, ["a"])
        try reopened.apply(.tag(key, theme: "b"))
        XCTAssertEqual(try Store.open(dir).annotation(key).themes, ["a", "b"])
    }

    func testCompactionKeepsEveryEditAndReplayIsIdempotent() throws {
        let s = try Store.open(dir)
        let key = TicketKey(source: "acme/help", number: 3)
        try s.apply(.tag(key, theme: "x"))
        try s.apply(.untag(key, theme: "x"))
        try s.apply(.tag(key, theme: "y"))
        let journal = try XCTUnwrap(bytes("journal.jsonl"))
        try s.compact()
        XCTAssertEqual(bytes("journal.jsonl"), Data())
        XCTAssertEqual(try Store.open(dir).annotation(key).themes, ["y"])
        // A crash between writing the snapshot and emptying the journal
        // leaves edits that are already in the snapshot: replaying is harmless.
        try journal.write(to: URL(fileURLWithPath: dir + "/journal.jsonl"))
        XCTAssertEqual(try Store.open(dir).annotation(key).themes, ["y"])
    }

    func testWriterGivesUpNamingTheProcessThatHoldsTheLock() throws {
        let s = try Store.open(dir, lockTimeout: 0.2)
        guard let fd = try Platform.tryLock(dir + "/lock", .exclusive) else { return XCTFail("could not take the lock") }
        Platform.writeLockOwner(fd, "pid 4242, `docket import big.json`, writing since 2025-04-14T09:00:00Z\n")
        defer { Platform.unlock(fd) }
        XCTAssertThrowsError(try s.apply(.tag(TicketKey(source: "a/b", number: 1), theme: "t"))) { error in
            guard case let StoreError.locked(_, owner) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(owner.contains("pid 4242"), owner)
            XCTAssertTrue("\(error)".contains("try again"), "\(error)")
        }
    }

    /// Issue 17: readers share the lock and each leaves its note, so the
    /// process named may have exited while another holds the lock: the
    /// message says so instead of naming a process that is gone.
    func testALockMessageNeverNamesAHolderThatExitedAsTheHolder() throws {
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let dead = Store.describeHolder("pid \(gone.processIdentifier), `docket tickets`, reading since 2025-04-14T09:00:00Z")
        XCTAssertTrue(dead.hasPrefix("a Docket process that did not leave its name; the last one named, pid \(gone.processIdentifier)"), dead)
        XCTAssertTrue(dead.hasSuffix("has exited"), dead)
        let alive = "pid \(getpid()), `docket import`, writing since 2025-04-14T09:00:00Z"
        XCTAssertEqual(Store.describeHolder(alive), alive)
        XCTAssertEqual(Store.describeHolder(""), "unknown process")
    }

    func testRefusesAStoreFromANewerSchema() throws {
        try Data(#"{"schema":99,"kind":"docket-corpus","tickets":[]}"#.utf8).write(to: URL(fileURLWithPath: dir + "/corpus.json"))
        XCTAssertThrowsError(try Store.open(dir)) { error in
            guard case StoreError.newerSchema(_, 99, CorpusCodec.schema) = error else { return XCTFail("\(error)") }
        }
    }

    func testDamagedCorpusIsReportedNotOverwritten() throws {
        try Data("{\"schema\":1,\"tickets\":[{".utf8).write(to: URL(fileURLWithPath: dir + "/corpus.json"))
        XCTAssertThrowsError(try Store.open(dir)) { error in
            XCTAssertTrue("\(error)".contains("damaged"), "\(error)")
        }
        XCTAssertEqual(bytes("corpus.json"), Data("{\"schema\":1,\"tickets\":[{".utf8))
    }

    func testOpeningAMissingStoreForReadingFailsNamingThePathAndCreatesNothing() throws {
        let missing = dir + "/stroe"
        XCTAssertThrowsError(try Store.open(missing, mode: .existing)) { error in
            XCTAssertEqual(error as? StoreError, .noStore(dir: missing))
            let text = "\(error)"
            XCTAssertTrue(text.contains("no Docket store at \(missing)"), text)
            XCTAssertTrue(text.contains("docket import --store \(missing) FILE"), text)
            XCTAssertTrue(text.contains("docket demo --store \(missing)"), text)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing), "a read created the store")
        XCTAssertTrue("\(StoreError.noStore(dir: "/tmp/my store"))".contains("`docket import --store '/tmp/my store' FILE`"))
        // A folder that holds no Docket file is not a store either.
        XCTAssertThrowsError(try Store.open(dir, mode: .existing)) { error in
            XCTAssertEqual(error as? StoreError, .noStore(dir: dir))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [], "a read wrote into the folder")
    }

    func testAnyImportOrEditMakesAStoreThatOpensForReading() throws {
        let imported = dir + "/imported", tagged = dir + "/tagged"
        try Store.open(imported).importBatch(ImportBatch())  // even an import of no tickets
        XCTAssertEqual(try Store.open(imported, mode: .existing).tickets, [])
        try Store.open(tagged).apply(.defineTheme(Theme(name: "sync")))
        XCTAssertEqual(try Store.open(tagged, mode: .existing).themes.map(\.theme.name), ["sync"])
    }

    func testStoreLocationPrecedence() {
        XCTAssertEqual(StoreLocation.resolve(flag: "/x", environment: ["DOCKET_STORE": "/y"]), "/x")
        XCTAssertEqual(StoreLocation.resolve(flag: nil, environment: ["DOCKET_STORE": "/y", "XDG_DATA_HOME": "/z"]), "/y")
        XCTAssertEqual(StoreLocation.resolve(flag: nil, environment: ["XDG_DATA_HOME": "/z", "HOME": "/h"]), "/z/docket")
        XCTAssertEqual(StoreLocation.resolve(flag: nil, environment: ["HOME": "/h"]), "/h/.local/share/docket")
    }

    /// A symlink planted at a temporary name (as the old `.NAME.tmp-PID` was
    /// predictable) cannot redirect an atomic write: names are random and
    /// created with O_EXCL | O_NOFOLLOW.
    func testAPlantedTemporaryNameCannotRedirectAWrite() throws {
        let victim = dir + "/victim"
        try "precious".write(toFile: victim, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/s", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/s/.corpus.json.tmp-\(getpid())", withDestinationPath: victim)
        try Platform.writeAtomically(Array("new".utf8), to: dir + "/s/corpus.json")
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "precious")
        XCTAssertEqual(try String(contentsOfFile: dir + "/s/corpus.json", encoding: .utf8), "new")
    }

    /// Issue 16: another program truncating or rewriting corpus.json in
    /// place (a `cp` of a backup) while a store holds it loaded lazily must
    /// not kill the process with SIGBUS when a body is read afterwards: the
    /// store reads a copy of the file, sees the change, and the reload says
    /// what is wrong with the new file.
    func testACorpusTruncatedInPlaceUnderALoadedStoreIsNoCrash() throws {
        let s = try Store.open(dir)
        let long = String(repeating: "The sync bar stops at 99% and the journal never uploads. ", count: 2_000)
        try s.importBatch(try Fixtures.parse("[" + (1...40).map { Fixtures.issue($0, body: long + "\($0)") }.joined(separator: ",") + "]"))
        let lazy = try Store.open(dir, lazyText: true)
        // Truncate in place (same inode), as `cp` or `: > file` does, then write a little.
        let fd = open(dir + "/corpus.json", O_WRONLY | O_TRUNC)
        XCTAssertGreaterThanOrEqual(fd, 0)
        _ = "{\"schema\":2".withCString { write(fd, $0, strlen($0)) }
        close(fd)
        XCTAssertEqual(lazy.tickets.last?.body.hasSuffix("uploads. 40"), true, "the body as loaded, not a SIGBUS")
        XCTAssertTrue(lazy.changedOnDisk())
        XCTAssertThrowsError(try lazy.reload()) { XCTAssertTrue("\($0)".contains("corpus.json"), "\($0)") }
        XCTAssertEqual(lazy.tickets.count, 40, "a failed reload keeps what was loaded")
    }

    /// An edit is saved once it is in the journal: a compaction after it that
    /// cannot write does not report the edit as unsaved (a retry would record
    /// it twice); the reason is kept, and the next edit tries again.
    func testAFailedCompactionDoesNotUnsaveTheEdit() throws {
        let s = try Store.open(dir)
        try s.importBatch(try Fixtures.parse("[\(Fixtures.issue(1))]"))
        s.journalLength = Store.journalCompactionThreshold - 1
        try FileManager.default.createDirectory(atPath: dir + "/annotations.json", withIntermediateDirectories: false)
        // As this store's own view, not another writer's: the edit does not
        // read the snapshot again first (it would refuse a damaged one).
        s.curationStamps = [Platform.stamp(of: dir + "/annotations.json"), Platform.stamp(of: dir + "/journal.jsonl")]
        let k = TicketKey(source: "acme/help", number: 1)
        XCTAssertNoThrow(try s.apply(.tag(k, theme: "sync")))
        XCTAssertNotNil(s.compactionProblem)
        try FileManager.default.removeItem(atPath: dir + "/annotations.json")
        XCTAssertEqual(try Store.open(dir).annotation(k).themes, ["sync"], "the edit was durable, once")
        let journal = try String(contentsOfFile: dir + "/journal.jsonl", encoding: .utf8)
        XCTAssertEqual(journal.components(separatedBy: "\"tag\"").count - 1, 1)
    }
}
