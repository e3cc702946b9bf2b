import DocketTerminal
import DocketUI
import Foundation
import XCTest

/// Fatal signals and `exit()` must leave the user's terminal usable. Each
/// test runs this same test binary as a child on a pseudo-terminal (see
/// `SignalTestChild`), lets it take the screen, then ends it.
final class TerminalSignalTests: XCTestCase {
    private static let rmcup = "\u{1b}[?1049l"
    private static let showCursor = "\u{1b}[?25h"

    func testSigtermWhileBlockedOnInputRestoresTerminalAndExits143() throws {
        try checkChild(mode: "wait", signal: SIGTERM, expectedStatus: 128 + SIGTERM)
    }

    func testSighupRestoresTerminalAndExits129() throws {
        try checkChild(mode: "wait", signal: SIGHUP, expectedStatus: 128 + SIGHUP)
    }

    func testSigintRestoresTerminalAndExits130() throws {
        try checkChild(mode: "wait", signal: SIGINT, expectedStatus: 128 + SIGINT)
    }

    func testExitWithoutStopRestoresTerminalThroughAtexit() throws {
        try checkChild(mode: "exit", signal: nil, expectedStatus: 7)
    }

    private func checkChild(mode: String, signal: Int32?, expectedStatus: Int32) throws {
        let pty = try PseudoTerminal(width: 40, height: 10)
        let child = Process()
        child.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        child.arguments = ["DocketTerminalTests.SignalTestChild/testRunAsSignalTestChild"]
        var environment = ProcessInfo.processInfo.environment
        environment[SignalTestChild.modeVariable] = mode
        child.environment = environment
        let handle = FileHandle(fileDescriptor: pty.slave, closeOnDealloc: false)
        child.standardInput = handle
        child.standardOutput = handle
        child.standardError = handle
        try child.run()
        defer { if child.isRunning { kill(child.processIdentifier, SIGKILL) } }

        XCTAssertTrue(pty.read(until: SignalTestChild.readyText, seconds: 30), "child never drew: \(pty.output.visible)")
        if let signal {
            XCTAssertFalse(pty.isCookedWithEcho, "curses should own the terminal before the signal")
            waitUntilSleeping(child.processIdentifier)
            kill(child.processIdentifier, signal)
        }
        let deadline = Date().addingTimeInterval(30)
        while child.isRunning, Date() < deadline { pty.drain(quietMilliseconds: 20) }
        XCTAssertFalse(child.isRunning, "child did not exit")
        child.waitUntilExit()
        pty.drain()

        XCTAssertEqual(child.terminationReason, .exit)
        XCTAssertEqual(child.terminationStatus, expectedStatus)
        guard let ready = pty.output.range(of: SignalTestChild.readyText) else { return }
        XCTAssertNotNil(pty.output.range(of: Self.rmcup, from: ready.upperBound), "no exit from the alternate screen: \(pty.output.visible)")
        XCTAssertNotNil(pty.output.range(of: Self.showCursor, from: ready.upperBound), "cursor left hidden: \(pty.output.visible)")
        XCTAssertTrue(pty.isCookedWithEcho, "terminal left in raw mode")
    }

    /// Waits for the child's main thread to sleep (in `wget_wch`), so the
    /// signal interrupts a blocking read rather than start-up.
    private func waitUntilSleeping(_ pid: Int32) {
        let path = "/proc/\(pid)/task/\(pid)/stat"
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if let stat = try? String(contentsOfFile: path, encoding: .utf8),
               let close = stat.lastIndex(of: ")"),
               stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("S") {
                return
            }
            usleep(10_000)
        }
    }
}

/// The child side of `TerminalSignalTests`; skipped in a normal test run.
final class SignalTestChild: XCTestCase {
    static let modeVariable = "DOCKET_TERMINAL_SIGNAL_TEST_CHILD"
    static let readyText = "CHILD-READY"

    func testRunAsSignalTestChild() throws {
        guard let mode = ProcessInfo.processInfo.environment[Self.modeVariable] else {
            throw XCTSkip("runs only as the child process of TerminalSignalTests")
        }
        let terminal = try Terminal.start(input: STDIN_FILENO, output: STDOUT_FILENO, terminalType: "xterm-256color")
        var buffer = Buffer(width: terminal.size.width, height: terminal.size.height)
        buffer.put(Self.readyText, x: 0, y: 0)
        terminal.draw(buffer)
        switch mode {
        case "wait":
            // The parent signals while this blocks; returning means it did not.
            _ = terminal.nextEvent(timeoutMilliseconds: 20_000)
            exit(3)
        default:
            exit(7)
        }
    }
}
