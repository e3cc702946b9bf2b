import DocketTerminal
import DocketUI
import Foundation
import XCTest

/// Runs real ncurses on a pseudo-terminal and checks the bytes it sends, the
/// way a terminal emulator would receive them.
final class TerminalScreenTests: XCTestCase {
    private static let rmcup = "\u{1b}[?1049l"
    private static let smcup = "\u{1b}[?1049h"

    private var pty: PseudoTerminal!
    private var terminal: Terminal?
    private var savedNoColor: String?

    override func setUpWithError() throws {
        pty = try PseudoTerminal(width: 40, height: 8)
        // The colour tests must not depend on the developer's own NO_COLOR.
        savedNoColor = ProcessInfo.processInfo.environment["NO_COLOR"]
        unsetenv("NO_COLOR")
    }

    override func tearDown() {
        terminal?.stop()
        terminal = nil
        pty = nil
        if let savedNoColor { setenv("NO_COLOR", savedNoColor, 1) } else { unsetenv("NO_COLOR") }
    }

    private func start(colors: ColorMode = .auto) throws -> Terminal {
        let terminal = try Terminal.start(input: pty.slave, output: pty.slave, terminalType: "xterm-256color", colors: colors)
        self.terminal = terminal
        pty.drain()
        return terminal
    }

    private func sample(width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        buffer.put("hello, docket", x: 0, y: 0)
        buffer.put("日本", x: 2, y: 1)
        buffer.put("🎉 done", x: 10, y: 1)
        return buffer
    }

    private func nonBlankCells(_ buffer: Buffer) -> Int {
        buffer.cells.filter { !$0.isContinuation && $0 != .blank }.count
    }

    func testReportsThePseudoTerminalsSize() throws {
        let terminal = try start()
        XCTAssertEqual(terminal.size.width, 40)
        XCTAssertEqual(terminal.size.height, 8)
    }

    func testDrawSendsAsciiCjkAndEmojiAsUtf8() throws {
        let terminal = try start()
        let buffer = sample(width: 40, height: 8)
        terminal.draw(buffer)
        let bytes = pty.drain()
        XCTAssertTrue(bytes.containsBytes(of: "hello, docket"), bytes.visible)
        XCTAssertTrue(bytes.containsBytes(of: "日本"), bytes.visible)
        XCTAssertTrue(bytes.containsBytes(of: "🎉 done"), bytes.visible)
        XCTAssertEqual(terminal.cellsWrittenInLastDraw, nonBlankCells(buffer))
    }

    func testRedrawingTheSameBufferWritesNothing() throws {
        let terminal = try start()
        let buffer = sample(width: 40, height: 8)
        terminal.draw(buffer)
        pty.drain()
        terminal.draw(buffer)
        XCTAssertEqual(terminal.cellsWrittenInLastDraw, 0)
        let bytes = pty.drain()
        XCTAssertFalse(bytes.containsBytes(of: "hello"), bytes.visible)
    }

    func testOnlyChangedCellsAreWritten() throws {
        let terminal = try start()
        var buffer = sample(width: 40, height: 8)
        terminal.draw(buffer)
        pty.drain()
        buffer.put("J", x: 0, y: 0)
        terminal.draw(buffer)
        XCTAssertEqual(terminal.cellsWrittenInLastDraw, 1)
        let bytes = pty.drain()
        XCTAssertTrue(bytes.containsBytes(of: "J"), bytes.visible)
        XCTAssertFalse(bytes.containsBytes(of: "ello"), bytes.visible)
    }

    func testWideCharacterReplacingNarrowOnesIsWrittenOnce() throws {
        let terminal = try start()
        var buffer = Buffer(width: 40, height: 8)
        buffer.put("ab", x: 0, y: 3)
        terminal.draw(buffer)
        pty.drain()
        buffer.put("字", x: 0, y: 3)
        terminal.draw(buffer)
        XCTAssertEqual(terminal.cellsWrittenInLastDraw, 1, "the continuation cell is not drawn")
        XCTAssertTrue(pty.drain().containsBytes(of: "字"))
    }

    func testStyleChangeOnContinuationAloneNeverSplitsTheWideCharacter() throws {
        let terminal = try start()
        var buffer = Buffer(width: 40, height: 8)
        buffer.put("字", x: 0, y: 3)
        buffer.put("z", x: 2, y: 3)
        terminal.draw(buffer)
        pty.drain()
        buffer.setStyle(Rect(x: 1, y: 3, width: 1, height: 1), Style(.selection))
        terminal.draw(buffer)
        // The wide character keeps its own style; writing anything into its
        // right half would erase it on screen.
        let bytes = pty.drain()
        XCTAssertFalse(bytes.containsBytes(of: " "), bytes.visible)
        XCTAssertFalse(bytes.containsSGR(parameter: 7), bytes.visible)
        XCTAssertFalse(bytes.containsSGR(parameter: 46), bytes.visible)
    }

    func testContinuationAfterANarrowCellPadsThatCell() throws {
        // Not what Buffer.put makes, but a hand-built buffer must still keep
        // the grid: the stale "b" has to go.
        let terminal = try start()
        var buffer = Buffer(width: 40, height: 8)
        buffer.put("ab", x: 0, y: 3)
        terminal.draw(buffer)
        pty.drain()
        buffer[1, 3] = Cell("")
        terminal.draw(buffer)
        XCTAssertEqual(terminal.cellsWrittenInLastDraw, 1)
        let bytes = pty.drain()
        XCTAssertFalse(bytes.containsBytes(of: "b"), bytes.visible)
        XCTAssertFalse(bytes.isEmpty, "the stale cell must be blanked")
    }

    func testControlCharacterPlacedDirectlyInACellNeverReachesTheTerminal() throws {
        let terminal = try start()
        var buffer = Buffer(width: 40, height: 8)
        buffer[0, 0] = Cell("\u{1b}")
        buffer[1, 0] = Cell("x")
        terminal.draw(buffer)
        let bytes = pty.drain()
        XCTAssertTrue(bytes.containsBytes(of: "\u{FFFD}x"), bytes.visible)
    }

    func testMonochromeDrawsSelectionInReverseVideo() throws {
        let terminal = try start(colors: .monochrome)
        XCTAssertEqual(terminal.colorMode, .monochrome)
        var buffer = Buffer(width: 40, height: 8)
        buffer.put("picked", x: 0, y: 2, style: Style(.selection))
        terminal.draw(buffer)
        let bytes = pty.drain()
        XCTAssertTrue(bytes.containsSGR(parameter: 7), "reverse video expected: \(bytes.visible)")
        XCTAssertFalse(bytes.containsSGR(parameter: 46), bytes.visible)
    }

    func testColourDrawsSelectionWithItsColourPair() throws {
        let terminal = try start()
        XCTAssertEqual(terminal.colorMode, .auto)
        var buffer = Buffer(width: 40, height: 8)
        buffer.put("picked", x: 0, y: 2, style: Style(.selection))
        terminal.draw(buffer)
        let bytes = pty.drain()
        XCTAssertTrue(bytes.containsSGR(parameter: 46), "cyan background expected: \(bytes.visible)")
        XCTAssertFalse(bytes.containsSGR(parameter: 7), bytes.visible)
    }

    func testNoColorEnvironmentForcesMonochrome() throws {
        setenv("NO_COLOR", "1", 1)
        let terminal = try start()
        XCTAssertEqual(terminal.colorMode, .monochrome)
    }

    func testKeysArriveAsDecodedEvents() throws {
        let terminal = try start()
        pty.type("a\u{1b}OA\u{03}日\t")
        XCTAssertEqual(terminal.nextEvent(timeoutMilliseconds: 1000), .key(.char("a")))
        XCTAssertEqual(terminal.nextEvent(timeoutMilliseconds: 1000), .key(.up))
        XCTAssertEqual(terminal.nextEvent(timeoutMilliseconds: 1000), .key(.ctrl("c")))
        XCTAssertEqual(terminal.nextEvent(timeoutMilliseconds: 1000), .key(.char("日")))
        XCTAssertEqual(terminal.nextEvent(timeoutMilliseconds: 1000), .key(.tab))
    }

    func testLoneEscapeArrivesAfterTheShortEscapeDelay() throws {
        let terminal = try start()
        pty.type("\u{1b}")
        let clock = ContinuousClock()
        let started = clock.now
        XCTAssertEqual(terminal.nextEvent(timeoutMilliseconds: 2000), .key(.escape))
        XCTAssertLessThan(started.duration(to: clock.now), .milliseconds(500))
    }

    func testTimeoutWithoutInputReturnsNil() throws {
        let terminal = try start()
        XCTAssertNil(terminal.nextEvent(timeoutMilliseconds: 50))
    }

    func testMouseClicksAndWheelArriveInCellCoordinates() throws {
        let terminal = try start()
        // SGR (1006) reports, 1-based: what xterm-256color's kmous asks for.
        pty.type("\u{1b}[<0;5;3M")
        XCTAssertEqual(terminal.nextEvent(timeoutMilliseconds: 1000), .mouse(MouseEvent(kind: .press, x: 4, y: 2)))
        pty.type("\u{1b}[<0;5;3m")
        XCTAssertEqual(terminal.nextEvent(timeoutMilliseconds: 1000), .mouse(MouseEvent(kind: .release, x: 4, y: 2)))
        pty.type("\u{1b}[<64;2;7M")
        XCTAssertEqual(terminal.nextEvent(timeoutMilliseconds: 1000), .mouse(MouseEvent(kind: .wheelUp, x: 1, y: 6)))
        pty.type("\u{1b}[<65;2;7M")
        XCTAssertEqual(terminal.nextEvent(timeoutMilliseconds: 1000), .mouse(MouseEvent(kind: .wheelDown, x: 1, y: 6)))
    }

    func testResizeIsAnEventAndTheNextDrawRepaintsEverything() throws {
        let terminal = try start()
        terminal.draw(sample(width: 40, height: 8))
        pty.drain()
        pty.resize(width: 30, height: 5)
        kill(getpid(), SIGWINCH)
        let clock = ContinuousClock()
        let started = clock.now
        XCTAssertEqual(terminal.nextEvent(timeoutMilliseconds: 5000), .resize(width: 30, height: 5))
        XCTAssertLessThan(started.duration(to: clock.now), .seconds(1), "a resize must not wait for the timeout")
        XCTAssertEqual(terminal.size.width, 30)
        let buffer = sample(width: 30, height: 5)
        terminal.draw(buffer)
        XCTAssertEqual(terminal.cellsWrittenInLastDraw, nonBlankCells(buffer))
        let bytes = pty.drain()
        XCTAssertTrue(bytes.containsBytes(of: "hello, docket"), bytes.visible)
    }

    func testBottomRightCellIsDrawn() throws {
        let terminal = try start()
        var buffer = Buffer(width: 40, height: 8)
        buffer.put("Z", x: 39, y: 7)
        terminal.draw(buffer)
        XCTAssertEqual(terminal.cellsWrittenInLastDraw, 1)
        XCTAssertTrue(pty.drain().containsBytes(of: "Z"))
    }

    func testWideCharacterCutByTheScreenEdgeBecomesOneColumnReplacement() throws {
        // The app drew for a wider screen than it has: the last column
        // cannot hold both halves, and curses must not wrap it to the next row.
        let terminal = try start()
        var buffer = Buffer(width: 41, height: 8)
        buffer.put("字", x: 39, y: 0)
        terminal.draw(buffer)
        let bytes = pty.drain()
        XCTAssertFalse(bytes.containsBytes(of: "字"), bytes.visible)
        XCTAssertTrue(bytes.containsBytes(of: "\u{FFFD}"), bytes.visible)
    }

    func testBufferLargerThanScreenIsClipped() throws {
        let terminal = try start()
        var buffer = Buffer(width: 60, height: 12)
        buffer.put("left", x: 0, y: 0)
        buffer.put("offscreen", x: 45, y: 0)
        buffer.put("below", x: 0, y: 10)
        terminal.draw(buffer)
        XCTAssertEqual(terminal.cellsWrittenInLastDraw, 4)
        let bytes = pty.drain()
        XCTAssertTrue(bytes.containsBytes(of: "left"))
        XCTAssertFalse(bytes.containsBytes(of: "offscreen"))
        XCTAssertFalse(bytes.containsBytes(of: "below"))
    }

    func testSuspendLeavesCursesAndComesBackWithAFullRepaint() throws {
        let terminal = try start()
        XCTAssertFalse(pty.isCookedWithEcho)
        let buffer = sample(width: 40, height: 8)
        terminal.draw(buffer)
        pty.drain()
        var wasCooked = false
        let result = terminal.suspend { () -> Int in
            wasCooked = pty.isCookedWithEcho
            return 42
        }
        XCTAssertEqual(result, 42)
        XCTAssertTrue(wasCooked, "the child must get a normal terminal")
        XCTAssertFalse(pty.isCookedWithEcho)
        XCTAssertEqual(terminal.cellsWrittenInLastDraw, nonBlankCells(buffer))
        let bytes = pty.drain()
        guard let left = bytes.range(of: Self.rmcup), let back = bytes.range(of: Self.smcup, from: left.upperBound) else {
            return XCTFail("expected leaving and re-entering the alternate screen: \(bytes.visible)")
        }
        XCTAssertNotNil(bytes.range(of: "hello, docket", from: back.upperBound), bytes.visible)
    }

    func testSuspendRethrowsAndStillResumes() throws {
        struct Boom: Error {}
        let terminal = try start()
        terminal.draw(sample(width: 40, height: 8))
        XCTAssertThrowsError(try terminal.suspend { throw Boom() })
        XCTAssertFalse(pty.isCookedWithEcho)
        XCTAssertTrue(terminal.isRunning)
    }

    func testStopRestoresTheTerminalAndIsIdempotent() throws {
        let terminal = try start()
        terminal.draw(sample(width: 40, height: 8))
        pty.drain()
        XCTAssertFalse(pty.isCookedWithEcho)
        terminal.stop()
        let bytes = pty.drain()
        XCTAssertTrue(bytes.containsBytes(of: Self.rmcup), bytes.visible)
        XCTAssertTrue(pty.isCookedWithEcho)
        XCTAssertFalse(terminal.isRunning)
        terminal.stop()
        terminal.draw(sample(width: 40, height: 8))
        XCTAssertNil(terminal.nextEvent(timeoutMilliseconds: 0))
        XCTAssertTrue(pty.drain().isEmpty, "nothing may be written after stop")
    }

    func testAnotherTerminalCanStartAfterStop() throws {
        try start().stop()
        let second = try start()
        second.draw(sample(width: 40, height: 8))
        XCTAssertTrue(pty.drain().containsBytes(of: "日本"))
    }

    func testOnlyOneTerminalRunsAtATime() throws {
        _ = try start()
        XCTAssertThrowsError(try Terminal.start(input: pty.slave, output: pty.slave, terminalType: "xterm-256color")) { error in
            XCTAssertEqual(error as? TerminalError, .alreadyRunning)
        }
    }

    func testUnknownTerminalTypeIsATypedErrorNamingTerm() throws {
        XCTAssertThrowsError(try Terminal.start(input: pty.slave, output: pty.slave, terminalType: "no-such-terminal-docket")) { error in
            XCTAssertEqual(error as? TerminalError, .noUsableTerminal(term: "no-such-terminal-docket"))
            XCTAssertTrue(String(describing: error).contains("TERM=no-such-terminal-docket"))
            XCTAssertTrue(String(describing: error).contains("CLI"))
        }
        // A failed start must leave nothing armed behind.
        _ = try start()
    }

    func testRunnerDrawsUntilHandlerQuits() throws {
        let terminal = try start()
        pty.type("xyq")
        var seen: [InputEvent] = []
        var frames = 0
        TerminalRunner(terminal: terminal, idleTimeoutMilliseconds: 1000).run(
            draw: { width, height in
                frames += 1
                var buffer = Buffer(width: width, height: height)
                buffer.put("frame \(frames)", x: 0, y: 0)
                return buffer
            },
            handle: { event in
                seen.append(event)
                return event != .key(.char("q"))
            },
            idle: { false })
        XCTAssertEqual(seen, [.key(.char("x")), .key(.char("y")), .key(.char("q"))])
        XCTAssertEqual(frames, 3)
        XCTAssertEqual(terminal.cellsWrittenInLastDraw, 1, "frame 3 differs from frame 2 in one digit")
        let bytes = pty.drain()
        XCTAssertTrue(bytes.containsBytes(of: "frame 1"), bytes.visible)
        XCTAssertTrue(bytes.containsBytes(of: "3"), bytes.visible)
    }

    func testRunnerStopsWhenTheDrawnHookSaysSoBeforeReadingInput() throws {
        let terminal = try start()
        pty.type("x")
        var handled = 0
        var drawnCalls = 0
        TerminalRunner(terminal: terminal, idleTimeoutMilliseconds: 1000).run(
            draw: { width, height in Buffer(width: width, height: height) },
            handle: { _ in handled += 1; return true },
            idle: { false },
            drawn: { drawnCalls += 1; return false })
        XCTAssertEqual(drawnCalls, 1)
        XCTAssertEqual(handled, 0, "input was read after the hook asked to stop")
    }
}
