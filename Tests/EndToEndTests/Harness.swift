import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Finds and runs the built `docket` binary. End-to-end tests exercise the
/// real executable, as a user or a cron job would.
enum Docket {
    /// `$DOCKET_BIN`, else `docket` beside the test bundle (SwiftPM puts both
    /// in the same build folder).
    static var binary: String? { find("docket", env: "DOCKET_BIN") }

    /// The development tools (`docket-dev generate`), found the same way.
    static var devBinary: String? { find("docket-dev", env: "DOCKET_DEV_BIN") }

    static func find(_ name: String, env: String) -> String? {
        if let b = ProcessInfo.processInfo.environment[env], FileManager.default.isExecutableFile(atPath: b) { return b }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        var repo = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { repo.deleteLastPathComponent() }
        for build in [".build/debug/", ".build/release/"] {
            let p = repo.appendingPathComponent(build + name).path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    static func requireBinary() throws -> String {
        guard let b = binary else { throw XCTSkip("the docket binary is not built; run `swift build` first") }
        return b
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// GitHub REST issues numbered `numbers`, open, one line of body each:
    /// `title` followed by the number.
    static func issuesJSON(_ numbers: ClosedRange<Int>, title: String) -> String {
        "[" + numbers.map { n in
            """
            {"number":\(n),"title":"\(title) \(n)","state":"open","created_at":"2025-04-14T09:00:00Z",
             "updated_at":"2025-04-14T10:00:00Z","html_url":"https://github.com/o/r/issues/\(n)","user":{"login":"a"},
             "labels":[],"comments":0,"body":"The sync bar stops at 9\(n)% and the journal never uploads."}
            """
        }.joined(separator: ",") + "]"
    }

    /// Runs `docket-dev` (synthetic tickets) with `arguments`, as `run` runs docket.
    @discardableResult
    static func dev(_ arguments: [String]) throws -> Result {
        guard let b = devBinary else { throw XCTSkip("the docket-dev binary is not built; run `swift build` first") }
        return try run(arguments, binary: b)
    }

    /// Runs docket with `arguments`, no terminal, and waits.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil, binary: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try binary ?? requireBinary())
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["DOCKET_STORE"] = nil
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let input = stdin.map { _ in Pipe() }
        p.standardInput = input ?? FileHandle.nullDevice
        try p.run()
        if let input, let stdin {
            let w = input.fileHandleForWriting
            Thread { w.write(stdin); try? w.close() }.start()
        }
        // Read before waiting so a large output cannot fill the pipe and block.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// A store in `dir` holding the built-in demo tickets (as `docket demo
    /// --store DIR --prepare-only` makes it), analysed when asked.
    static func demoStore(in dir: String, analyze: Bool = false, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let store = dir + "/store"
        let prep = try run(["demo", "--store", store, "--prepare-only"])
        XCTAssertEqual(prep.status, 0, prep.stderr, file: file, line: line)
        if analyze {
            let a = try run(["analyze", "--store", store])
            XCTAssertEqual(a.status, 0, a.stderr, file: file, line: line)
        }
        return store
    }

    /// Runs docket and reads its `--json` output, a list of objects.
    static func jsonList(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let r = try run(arguments)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]], file: file, line: line)
    }

    static func tempDir() -> String {
        let d = NSTemporaryDirectory() + "docket-e2e-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }
}

/// A private tmux server driving the real binary in a real terminal.
final class Tmux {
    let socket: String
    let dir: String
    let statusFile: String

    static var available: Bool {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `command` in a new detached session of `width`x`height`. When the
    /// command exits, its status goes to a file and the pane stays (a shell
    /// sleeps) so the restored screen can be inspected.
    init(command: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        guard Tmux.available else { throw XCTSkip("tmux is not installed") }
        dir = Docket.tempDir()
        socket = dir + "/tmux.sock"
        statusFile = dir + "/status"
        var args = ["-S", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)",
                    "-e", "LANG=C.UTF-8", "-e", "TERM=tmux-256color"]
        for (k, v) in environment { args += ["-e", "\(k)=\(v)"] }
        let script = "\(command); echo $? > \(statusFile); echo AFTER-EXIT; sleep 60"
        args += ["sh", "-c", script]
        // Not captured: the tmux server it forks would inherit the pipe and
        // keep it open, so reading to the end would never finish.
        try tmux(args, captureOutput: false)
    }

    deinit {
        _ = try? tmux(["-S", socket, "kill-server"], captureOutput: false)
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Runs tmux with posix_spawn and waitpid. (Foundation's Process did
    /// not reap the tmux client that forks the server, and hung.)
    @discardableResult
    func tmux(_ args: [String], captureOutput: Bool = true) throws -> String {
        let full = ["tmux"] + (args.first == "-S" ? args : ["-S", socket] + args)
        let outPath = dir + "/tmux-out-\(UUID().uuidString.prefix(6))"
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, captureOutput ? outPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = full.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, "tmux", &actions, nil, argv, environ)
        guard rc == 0 else { throw XCTSkip("cannot run tmux (error \(rc))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard captureOutput else { return "" }
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "0"] + keys) }

    func screen() throws -> [String] {
        try tmux(["capture-pane", "-p", "-t", "0"]).components(separatedBy: "\n")
    }

    func alternateScreenOn() throws -> Bool {
        try tmux(["display-message", "-p", "-t", "0", "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// Polls the screen until `predicate` holds; fails after `timeout`.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 30, file: StaticString = #filePath, line: UInt = #line,
                 _ predicate: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [String] = []
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            usleep(50_000)
        }
        XCTFail("timed out waiting for \(what); screen was:\n" + last.joined(separator: "\n"), file: file, line: line)
        throw XCTSkip("aborted after timeout")
    }

    @discardableResult
    func waitForText(_ text: String, timeout: Double = 30, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        try waitFor("'\(text)'", timeout: timeout, file: file, line: line) { $0.contains { $0.contains(text) } }
    }

    /// Waits for `text` and for each of `rows` to start (after spaces) the
    /// way `rowStart` says: a capture can land while a frame is half drawn,
    /// the tab bar new and the rows below not yet, or still the last screen's.
    @discardableResult
    func waitForText(_ text: String, rows: ClosedRange<Int>, file: StaticString = #filePath, line: UInt = #line,
                     rowStart: @escaping (Character) -> Bool) throws -> [String] {
        try waitFor("'\(text)' with rows \(rows) drawn", file: file, line: line) { screen in
            screen.contains { $0.contains(text) } && rows.allSatisfy { r in
                r < screen.count && screen[r].first { $0 != " " }.map(rowStart) == true
            }
        }
    }

    /// The pid of the program the pane runs (the child of the pane's shell).
    func appPID() throws -> Int32 {
        let pane = try XCTUnwrap(Int32(try tmux(["display-message", "-p", "-t", "0", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)))
        let pgrep = Process()
        pgrep.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        pgrep.arguments = ["pgrep", "-P", String(pane)]
        let out = Pipe()
        pgrep.standardOutput = out
        try pgrep.run()
        let found = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        pgrep.waitUntilExit()
        return try XCTUnwrap(found.split(separator: "\n").compactMap { Int32($0) }.first, "no process under the pane")
    }

    /// The exit status the pane's command wrote, waiting for it.
    func exitStatus(timeout: Double = 15) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let s = try? String(contentsOfFile: statusFile, encoding: .utf8), s.hasSuffix("\n") {
                return s.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            usleep(50_000)
        }
        return nil
    }
}
