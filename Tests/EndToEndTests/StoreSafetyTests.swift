import Foundation
import XCTest

/// Tests that work in a scratch directory of their own, removed after each test.
class ScratchDirTestCase: XCTestCase {
    var dir = ""

    override func setUp() {
        super.setUp()
        dir = NSTemporaryDirectory() + "/docket-e2e-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: dir)
        super.tearDown()
    }
}

/// The store never writes through a symlink, cannot be redirected by a
/// planted temporary name, is made private, and cleans what killed writers
/// left behind (each case reproduced against the built binary).
final class StoreSafetyTests: ScratchDirTestCase {

    private let issues = """
        [{"number":1,"title":"Sync stalls","state":"open","created_at":"2025-04-14T09:00:00Z","updated_at":"2025-04-14T10:00:00Z",
          "html_url":"https://github.com/o/r/issues/1","user":{"login":"a"},"labels":[],"comments":0,"body":"x"}]
        """

    private func store() throws -> String {
        let file = dir + "/issues.json"
        try issues.write(toFile: file, atomically: true, encoding: .utf8)
        let s = dir + "/store"
        let r = try Docket.run(["import", "--store", s, file])
        XCTAssertEqual(r.status, 0, r.stderr)
        return s
    }

    private func victim() throws -> String {
        let v = dir + "/victim.txt"
        try "precious".write(toFile: v, atomically: true, encoding: .utf8)
        return v
    }

    func testALockOrJournalSymlinkIsNeverWrittenThrough() throws {
        let s = try store()
        let v = try victim()
        try FileManager.default.removeItem(atPath: s + "/lock")
        try FileManager.default.createSymbolicLink(atPath: s + "/lock", withDestinationPath: v)
        let read = try Docket.run(["tickets", "--store", s])
        XCTAssertEqual(read.status, 1)
        XCTAssertTrue(read.stderr.contains("symbolic link"), read.stderr)
        XCTAssertEqual(try String(contentsOfFile: v, encoding: .utf8), "precious")
        try FileManager.default.removeItem(atPath: s + "/lock")
        try FileManager.default.createSymbolicLink(atPath: s + "/journal.jsonl", withDestinationPath: v)
        let tag = try Docket.run(["tag", "--store", s, "1", "sync"])
        XCTAssertNotEqual(tag.status, 0)
        XCTAssertEqual(try String(contentsOfFile: v, encoding: .utf8), "precious", "the journal's target is untouched")
    }

    func testStaleTemporariesOfKilledWritersAreRemovedAndReported() throws {
        let s = try store()
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        let stale = s + "/.corpus.json.tmp-\(dead.processIdentifier)"
        _ = FileManager.default.createFile(atPath: stale, contents: Data(repeating: 0x41, count: 2_000_000))
        let live = s + "/.corpus.json.tmp-\(ProcessInfo.processInfo.processIdentifier)-ab12"
        _ = FileManager.default.createFile(atPath: live, contents: Data("x".utf8))
        let r = try Docket.run(["tickets", "--store", s])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("removed 1 temporary file that killed Docket processes left") && r.stderr.contains("2.0 MB reclaimed"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale))
        XCTAssertTrue(FileManager.default.fileExists(atPath: live), "a running process's file is kept")
        let again = try Docket.run(["tickets", "--store", s])
        XCTAssertFalse(again.stderr.contains("removed"), again.stderr)
    }

    func testAStoreDirectoryOthersCanWriteIsMadePrivate() throws {
        let s = try store()
        XCTAssertEqual(chmod(s, 0o777), 0)
        let r = try Docket.run(["import", "--store", s, dir + "/issues.json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        var st = stat()
        XCTAssertEqual(stat(s, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o700)
    }

    /// Issue 17: a ticket "updated" in 9999 would rank first forever; no
    /// tracker exports a date after tomorrow, so the import refuses it,
    /// naming the ticket and the field, and imports nothing.
    func testADateInTheFutureIsRefusedAndNothingIsImported() throws {
        let future = issues.replacingOccurrences(of: "\"updated_at\":\"2025-04-14T10:00:00Z\"", with: "\"updated_at\":\"9999-12-31T00:00:00Z\"")
        XCTAssertNotEqual(future, issues)
        let file = dir + "/future.json"
        try future.write(toFile: file, atomically: true, encoding: .utf8)
        let r = try Docket.run(["import", "--store", dir + "/s", file])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("#1 of o/r: updated_at 9999-12-31T00:00:00Z is in the future") && r.stderr.contains("nothing was imported"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/s/corpus.json"))
    }
}

/// Error messages quote input; none may carry its control bytes.
final class ErrorMessageTests: XCTestCase {
    func testQuotedInputIsSanitizedAndTheMessageIsOneLine() throws {
        let dir = NSTemporaryDirectory() + "/docket-err-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/bad.csv"
        try "Summary,Issue key,Created\nA title,SUP-1,\u{1B}]0;pwned\u{07}\u{1B}[31mtomorrow\nnext line\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try Docket.run(["import", "--store", dir + "/s", file])
        XCTAssertEqual(r.status, 1)
        XCTAssertFalse(r.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F }, r.stderr.debugDescription)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("tomorrow"), r.stderr)
    }
}

/// Inputs that are not regular files, and usage slips.
final class InputKindsTests: ScratchDirTestCase {

    private let issue = #"[{"number":5,"title":"From a pipe","state":"open","created_at":"2025-04-14T09:00:00Z","updated_at":"2025-04-14T09:00:00Z","html_url":"https://github.com/o/r/issues/5","user":{"login":"a"},"labels":[],"comments":0,"body":"x"}]"#

    func testImportReadsStandardInputAndAFIFO() throws {
        let viaDash = try Docket.run(["import", "--store", dir + "/s", "-"], stdin: Data(issue.utf8))
        XCTAssertEqual(viaDash.status, 0, viaDash.stderr)
        XCTAssertTrue(viaDash.stdout.contains("1 added"), viaDash.stdout)
        let fifo = dir + "/issues.fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let text = issue.replacingOccurrences(of: "\"number\":5", with: "\"number\":6")
        let writer = Thread {
            if let h = FileHandle(forWritingAtPath: fifo) { h.write(Data(text.utf8)); try? h.close() }
        }
        writer.start()
        let viaFIFO = try Docket.run(["import", "--store", dir + "/s", fifo])
        XCTAssertEqual(viaFIFO.status, 0, viaFIFO.stderr)
        XCTAssertTrue(viaFIFO.stdout.contains("1 added"), viaFIFO.stdout)
    }

    func testAnEmptyStoreFlagAndTicketNumberZeroAreRefused() throws {
        let empty = try Docket.run(["tickets", "--store", ""])
        XCTAssertNotEqual(empty.status, 0)
        XCTAssertTrue(empty.stderr.contains("--store needs a directory"), empty.stderr)
        let file = dir + "/zero.json"
        try issue.replacingOccurrences(of: "\"number\":5", with: "\"number\":0").write(toFile: file, atomically: true, encoding: .utf8)
        let zero = try Docket.run(["import", "--store", dir + "/s", file])
        XCTAssertEqual(zero.status, 1)
        XCTAssertTrue(zero.stderr.contains("\"number\" must be a positive integer, found 0"), zero.stderr)
    }

}
