import Foundation
import XCTest

/// `docket fetch` against a fake GitHub API on loopback: pages with Link
/// headers, comments, an ETag 304, an edited ticket, a rate-limit stop, 502s,
/// a timeout, a missing repository. The token is sent and never printed.
final class FetchTests: XCTestCase {
    var dir = ""
    override func setUp() { dir = NSTemporaryDirectory() + "/docket-fetch-\(UUID().uuidString)" }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    private static let token = "ghp_secretTOKEN123"
    private var env: [String: String] { ["GH_TOKEN": Self.token, "DOCKET_NO_GH": "1", "DOCKET_FETCH_TIMEOUT": "2"] }

    private static func issue(_ n: Int, title: String, updated: String = "2025-04-14T10:00:00Z", pr: Bool = false) -> String {
        """
        {"url":"https://api.github.com/repos/o/r/issues/\(n)","html_url":"https://github.com/o/r/issues/\(n)","number":\(n),\
        "title":"\(title)","user":{"login":"u\(n)","type":"User"},"labels":[],"state":"open","assignees":[],"comments":1,\
        "created_at":"2025-04-14T09:00:00Z","updated_at":"\(updated)","closed_at":null,"body":"It stops."\
        \(pr ? ",\"pull_request\":{\"url\":\"x\"}" : "")}
        """
    }

    private static let comment = """
        [{"url":"https://api.github.com/repos/o/r/issues/comments/77","issue_url":"https://api.github.com/repos/o/r/issues/1","id":77,\
        "user":{"login":"helper","type":"User"},"created_at":"2025-04-14T11:00:00Z","updated_at":"2025-04-14T11:00:00Z",\
        "author_association":"MEMBER","body":"Try restarting."}]
        """

    /// The repository: issues 1-3 over two pages (and a pull request), one comment.
    private func repository(_ server: @escaping () -> FakeGitHub?, edited: Bool = false, etag: String = "\"v1\"") -> (FakeGitHub.Request) -> FakeGitHub.Answer {
        { r in
            let base = server()?.base ?? ""
            if r.path.hasPrefix("/repos/o/r/issues/comments") { return .respond(status: 200, headers: [:], body: Self.comment) }
            guard r.path.hasPrefix("/repos/o/r/issues") else { return .respond(status: 404, headers: [:], body: "{\"message\":\"Not Found\"}") }
            if r.headers["if-none-match"] == etag { return .respond(status: 304, headers: ["ETag": etag], body: "") }
            if r.path.contains("page=2") {
                return .respond(status: 200, headers: ["X-RateLimit-Remaining": "4990"],
                                body: "[" + Self.issue(3, title: edited ? "Renamed" : "Third", updated: edited ? "2025-04-15T10:00:00Z" : "2025-04-14T10:00:00Z") + "]")
            }
            return .respond(status: 200, headers: ["ETag": etag, "X-RateLimit-Remaining": "4991",
                                                   "Link": "<\(base)/repos/o/r/issues?page=2&per_page=100>; rel=\"next\", <\(base)/repos/o/r/issues?page=2>; rel=\"last\""],
                            body: "[" + Self.issue(1, title: "First") + "," + Self.issue(2, title: "Second") + "," + Self.issue(9, title: "A PR", pr: true) + "]")
        }
    }

    private func fetch(_ server: FakeGitHub, _ extra: [String] = []) throws -> Docket.Result {
        try Docket.run(["fetch", "--store", dir, "--api-url", server.base] + extra + ["o/r"], environment: env)
    }

    func testFirstFetchThenNothingChangedThenAnEditedTicket() throws {
        var s: FakeGitHub?
        let server = try FakeGitHub { _ in .respond(status: 500, headers: [:], body: "") }
        s = server
        server.setHandler(repository({ s }))
        let first = try fetch(server)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("o/r: imported: 3 added"), first.stdout)
        XCTAssertFalse(first.stdout.contains(Self.token) || first.stderr.contains(Self.token), "the token is never printed")
        let asked = server.received
        XCTAssertTrue(asked.allSatisfy { $0.headers["authorization"] == "Bearer \(Self.token)" })
        XCTAssertTrue(asked[0].path.contains("per_page=100") && asked[0].path.contains("state=all") && !asked[0].path.contains("since="))
        XCTAssertTrue(asked.contains { $0.path.contains("page=2") }, "the Link header's next page was followed")
        let tickets = try Docket.run(["tickets", "--store", dir, "--period", "all", "--json"])
        XCTAssertTrue(tickets.stdout.contains("\"comments\":1") && !tickets.stdout.contains("A PR"), tickets.stdout)
        let cursorFile = try String(contentsOfFile: dir + "/fetch.json", encoding: .utf8)
        XCTAssertTrue(cursorFile.contains("\"since\":\"2025-04-14T10:00:00Z\"") && cursorFile.contains("v1") && !cursorFile.contains(Self.token))

        // Unchanged: one request with the ETag, answered 304; nothing written.
        let before = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        let corpus = try Data(contentsOf: URL(fileURLWithPath: dir + "/corpus.json"))
        let n = server.received.count
        let again = try fetch(server)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("nothing changed since the last fetch"), again.stdout)
        XCTAssertEqual(server.received.count, n + 1)
        XCTAssertTrue(server.received[n].path.contains("since=2025-04-14T10:00:00Z"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), before)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/corpus.json")), corpus)

        // An edited ticket: a new ETag, the edit imported, --json for scripts.
        server.setHandler(repository({ s }, edited: true, etag: "\"v2\""))
        let edited = try fetch(server, ["--json"])
        XCTAssertEqual(edited.status, 0, edited.stderr)
        XCTAssertTrue(edited.stdout.contains("\"not_modified\":false") && edited.stdout.contains("\"updated\":1"), edited.stdout)
        let list = try Docket.run(["tickets", "--store", dir, "--period", "all", "--json"])
        XCTAssertTrue(list.stdout.contains("Renamed"), list.stdout)
    }

    func testRateLimitsAreWaitedOutAndServerErrorsRetried() throws {
        var s: FakeGitHub?
        var calls = 0
        let server = try FakeGitHub { _ in .respond(status: 500, headers: [:], body: "") }
        s = server
        let normal = repository({ s })
        server.setHandler { r in
            calls += 1
            switch calls {
            case 1: return .respond(status: 403, headers: ["X-RateLimit-Remaining": "0",
                                                           "X-RateLimit-Reset": String(Int(Date().timeIntervalSince1970) + 1)], body: "{}")
            case 2: return .respond(status: 502, headers: [:], body: "bad gateway")
            case 3: return .hang
            default: return normal(r)
            }
        }
        let r = try fetch(server)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("rate limit: waiting"), r.stderr)
        XCTAssertTrue(r.stderr.contains("GitHub answered 502; trying again"), r.stderr)
        XCTAssertTrue(r.stderr.contains("no answer from GitHub"), r.stderr)
        XCTAssertTrue(r.stdout.contains("3 added"), r.stdout)
    }

    /// Issue 14: a first fetch saves its pages as they come (here one page a
    /// commit). A page that keeps failing stops it with the pages before it
    /// saved, and the next fetch goes on from the last saved issue, asking
    /// for the comments from where the first one began (all of them).
    func testAFetchStoppedPartWayKeepsItsPagesAndTheNextOneGoesOn() throws {
        var s: FakeGitHub?
        var broken = true
        let lock = NSLock()
        let server = try FakeGitHub { _ in .respond(status: 500, headers: [:], body: "") }
        s = server
        server.setHandler { r in
            let base = s?.base ?? ""
            if r.path.hasPrefix("/repos/o/r/issues/comments") { return .respond(status: 200, headers: [:], body: Self.comment) }
            if r.path.contains("since=") {
                return .respond(status: 200, headers: [:], body: "[" + Self.issue(3, title: "Third", updated: "2025-04-14T10:10:00Z") + ","
                                + Self.issue(4, title: "Fourth", updated: "2025-04-14T10:15:00Z") + "]")
            }
            if r.path.contains("page=3") {
                lock.lock(); defer { lock.unlock() }
                return broken ? .respond(status: 502, headers: [:], body: "")
                    : .respond(status: 200, headers: [:], body: "[" + Self.issue(4, title: "Fourth", updated: "2025-04-14T10:15:00Z") + "]")
            }
            if r.path.contains("page=2") {
                return .respond(status: 200, headers: ["Link": "<\(base)/repos/o/r/issues?page=3&per_page=100>; rel=\"next\""],
                                body: "[" + Self.issue(3, title: "Third", updated: "2025-04-14T10:10:00Z") + "]")
            }
            return .respond(status: 200, headers: ["ETag": "\"v1\"", "Link": "<\(base)/repos/o/r/issues?page=2&per_page=100>; rel=\"next\""],
                            body: "[" + Self.issue(1, title: "First") + "," + Self.issue(2, title: "Second", updated: "2025-04-14T10:05:00Z") + "]")
        }
        var environment = env
        environment["DOCKET_FETCH_COMMIT_PAGES"] = "1"
        let stopped = try Docket.run(["fetch", "--store", dir, "--api-url", server.base, "o/r"], environment: environment)
        XCTAssertEqual(stopped.status, 1)
        XCTAssertTrue(stopped.stderr.contains("GitHub answered 502") && stopped.stderr.contains("the 3 issues of the first 2 pages are saved"),
                      stopped.stderr)
        let kept = try Docket.run(["tickets", "--store", dir, "--json", "--period", "all"])
        XCTAssertEqual(kept.stdout.components(separatedBy: "\"number\":").count - 1, 3, kept.stdout)
        let cursor = try String(contentsOfFile: dir + "/fetch.json", encoding: .utf8)
        XCTAssertTrue(cursor.contains("\"since\":\"2025-04-14T10:10:00Z\"") && cursor.contains("\"resume_comments_since\":null"), cursor)

        lock.lock(); broken = false; lock.unlock()
        let before = server.received.count
        let resumed = try Docket.run(["fetch", "--store", dir, "--api-url", server.base, "o/r"], environment: environment)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("1 added"), resumed.stdout)
        let asked = server.received.dropFirst(before).map(\.path)
        XCTAssertTrue(asked.contains { $0.hasPrefix("/repos/o/r/issues?") && $0.contains("since=2025-04-14T10:10:00Z") }, "\(asked)")
        XCTAssertTrue(asked.contains { $0.hasPrefix("/repos/o/r/issues/comments") && !$0.contains("since=") }, "comments from the start: \(asked)")
        let done = try String(contentsOfFile: dir + "/fetch.json", encoding: .utf8)
        XCTAssertFalse(done.contains("resume_comments_since"), done)
        XCTAssertTrue(done.contains("\"since\":\"2025-04-14T10:15:00Z\""), done)
        let all = try Docket.run(["tickets", "--store", dir, "--json", "--period", "all"])
        XCTAssertEqual(all.stdout.components(separatedBy: "\"number\":").count - 1, 4, all.stdout)
    }

    func testPersistentFailuresAndAMissingRepositoryWriteNothing() throws {
        let failing = try FakeGitHub { _ in .respond(status: 502, headers: [:], body: "") }
        let r = try fetch(failing)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("GitHub answered 502 4 times") && r.stderr.contains("nothing was written"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/fetch.json"))
        let missing = try FakeGitHub { _ in .respond(status: 404, headers: [:], body: "{\"message\":\"Not Found\"}") }
        let m = try fetch(missing)
        XCTAssertEqual(m.status, 1)
        XCTAssertTrue(m.stderr.contains("no repository o/r at"), m.stderr)
        let limited = try FakeGitHub { _ in
            .respond(status: 429, headers: ["Retry-After": "7200"], body: "{}")
        }
        let l = try fetch(limited)
        XCTAssertEqual(l.status, 1)
        XCTAssertTrue(l.stderr.contains("rate limit is spent until") && l.stderr.contains("set GH_TOKEN"), l.stderr)
        XCTAssertFalse(l.stderr.contains(Self.token))
        let usage = try Docket.run(["fetch", "--store", dir, "not-a-repo"], environment: env)
        XCTAssertNotEqual(usage.status, 0)
        XCTAssertTrue(usage.stderr.contains("OWNER/REPO"), usage.stderr)
    }
}
