@preconcurrency import CNcursesw
import DocketUI

/// The curses screen: draws `Buffer`s and reads `InputEvent`s.
///
/// All curses setup and teardown lives here. Call every method from the
/// thread that called `start` (this ncurses is not reentrant); the type is
/// deliberately not `Sendable`. Only one `Terminal` runs at a time.
public final class Terminal {
    private enum State { case active, suspended, stopped }

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let outputStream: UnsafeMutablePointer<FILE>
    private let inputStream: UnsafeMutablePointer<FILE>
    private var state = State.active

    /// The colour mode in effect: `.monochrome` when asked for, when
    /// `NO_COLOR` is set, or when the terminal has too few colours.
    public let colorMode: ColorMode

    /// Attributes and colour pair per `Role.rawValue`, fixed at start.
    private let roleAttributes: [attr_t]
    private let rolePairs: [Int16]
    private let replacement: Unicode.Scalar

    private var lastDrawn: Buffer?
    private var lastScreenSize: (width: Int, height: Int) = (0, 0)
    private var needsFullRedraw = true
    private var cchar = cchar_t()
    private var wideChars = [wchar_t](repeating: 0, count: CellGlyph.maxCombining + 2)

    /// Buffer cells sent to curses by the last `draw` (a wide character
    /// counts once). Zero when nothing changed: what benchmarks watch.
    public private(set) var cellsWrittenInLastDraw = 0

    private init(
        screen: OpaquePointer, window: UnsafeMutablePointer<WINDOW>,
        output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>,
        colorMode: ColorMode
    ) {
        self.screen = screen
        self.window = window
        self.outputStream = output
        self.inputStream = input
        self.colorMode = colorMode
        let slots = Int(Role.allCases.map(\.rawValue).max() ?? 0) + 1
        var attributes = [attr_t](repeating: docket_a_normal(), count: slots)
        var pairs = [Int16](repeating: 0, count: slots)
        for role in Role.allCases {
            let appearance = colorMode == .monochrome ? RoleAppearance.monochrome(role) : RoleAppearance.colored(role)
            attributes[Int(role.rawValue)] = Self.cursesAttributes(appearance.attributes)
            pairs[Int(role.rawValue)] = colorMode == .auto && appearance.usesColor ? Self.pairNumber(role) : 0
        }
        roleAttributes = attributes
        rolePairs = pairs
        replacement = docket_wcwidth(0xFFFD) == 1 ? "\u{FFFD}" : "?"
    }

    deinit { stop() }

    // MARK: Starting

    /// Takes over the controlling terminal (standard input and output).
    ///
    /// - Parameters:
    ///   - colors: `.auto` draws in colour unless `NO_COLOR` is set or the
    ///     terminal has none.
    ///   - mouse: whether to ask for clicks and wheel events. While on, most
    ///     terminals need Shift held to select text.
    /// - Throws: `TerminalError.notATerminal` when either is redirected,
    ///   `.noUsableTerminal` when `TERM` is unset or unknown.
    public static func start(colors: ColorMode = .auto, mouse: Bool = true) throws(TerminalError) -> Terminal {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        return try start(input: STDIN_FILENO, output: STDOUT_FILENO, colors: colors, mouse: mouse)
    }

    /// Runs curses on the given file descriptors, which are duplicated (the
    /// caller keeps and closes its own). For tests on a pseudo-terminal, and
    /// anything else that is not standard input and output.
    ///
    /// - Parameter terminalType: a terminfo name; nil reads `TERM`.
    public static func start(
        input: Int32, output: Int32, terminalType: String? = nil,
        colors: ColorMode = .auto, mouse: Bool = true
    ) throws(TerminalError) -> Terminal {
        guard !SignalGuard.isArmed else { throw .alreadyRunning }
        let environment = Environment()
        let type = terminalType ?? environment["TERM"]
        guard let type, !type.isEmpty else { throw .noUsableTerminal(term: type) }
        configureLocale()

        let (outputStream, inputStream) = try openStreams(input: input, output: output)

        // Anything the program printed must reach the screen before curses
        // takes it over, not be flushed into the middle of it.
        fflush(nil)
        SignalGuard.install()
        guard let screen = newterm(type, outputStream, inputStream), let window = docket_stdscr() else {
            fclose(outputStream)
            fclose(inputStream)
            SignalGuard.uninstall()
            throw .noUsableTerminal(term: type)
        }
        SignalGuard.isArmed = true

        // raw, not cbreak: Ctrl-C, Ctrl-Z, Ctrl-S and Ctrl-Q arrive as keys
        // the keymap can bind instead of signalling or freezing output.
        raw()
        noecho()
        nonl()
        keypad(window, true)
        // Hiding the cursor and leaving it wherever the last write put it
        // saves a cursor move per frame.
        leaveok(window, true)
        _ = curs_set(0)
        _ = docket_set_escdelay(25)
        if mouse {
            // No click resolution: presses arrive at once instead of after
            // curses waits to see whether a click follows.
            _ = mouseinterval(0)
            _ = mousemask(MouseDecoder.wantedEvents, nil)
        }

        let mode = setUpColors(requested: colors, environment: environment)
        let terminal = Terminal(screen: screen, window: window, output: outputStream, input: inputStream, colorMode: mode)
        terminal.lastScreenSize = terminal.size
        return terminal
    }

    /// Private `FILE`s over duplicates of the descriptors, so that closing
    /// them on stop leaves the caller's descriptors open.
    private static func openStreams(
        input: Int32, output: Int32
    ) throws(TerminalError) -> (output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>) {
        let outputFD = dup(output)
        guard outputFD >= 0 else { throw .cannotOpenStreams(errno: docket_errno()) }
        guard let outputStream = fdopen(outputFD, "w") else {
            let code = docket_errno()
            close(outputFD)
            throw .cannotOpenStreams(errno: code)
        }
        let inputFD = dup(input)
        guard inputFD >= 0 else {
            let code = docket_errno()
            fclose(outputStream)
            throw .cannotOpenStreams(errno: code)
        }
        guard let inputStream = fdopen(inputFD, "r") else {
            let code = docket_errno()
            close(inputFD)
            fclose(outputStream)
            throw .cannotOpenStreams(errno: code)
        }
        return (outputStream, inputStream)
    }

    /// `setlocale(LC_ALL, "")`, so that ncurses encodes and measures wide
    /// characters. An unset locale (plain "C", as in many containers) is
    /// upgraded to C.UTF-8 for character handling, since nearly every
    /// terminal today is UTF-8; a deliberately chosen non-UTF-8 locale is
    /// honoured.
    private static func configureLocale() {
        setlocale(LC_ALL, "")
        guard docket_locale_is_utf8() == 0 else { return }
        let current = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "C"
        if current == "C" || current == "POSIX" {
            if setlocale(LC_CTYPE, "C.UTF-8") == nil { setlocale(LC_CTYPE, "C") }
        }
    }

    private static func setUpColors(requested: ColorMode, environment: Environment) -> ColorMode {
        guard requested == .auto,
              !ColorMode.noColorRequested(environment: environment.variables),
              has_colors()
        else { return .monochrome }
        start_color()
        let useDefault = use_default_colors() == docket_ok()
        guard let highest = Role.allCases.map(pairNumber).max(), docket_color_pairs() > Int32(highest) else {
            return .monochrome
        }
        for role in Role.allCases {
            let appearance = RoleAppearance.colored(role)
            guard appearance.usesColor else { continue }
            _ = init_pair(
                pairNumber(role),
                cursesColor(appearance.foreground, useDefault: useDefault, fallback: Int16(COLOR_WHITE)),
                cursesColor(appearance.background, useDefault: useDefault, fallback: Int16(COLOR_BLACK)))
        }
        return .auto
    }

    /// Curses pair for `role`; pair 0 is the terminal's default, never a role's.
    private static func pairNumber(_ role: Role) -> Int16 { Int16(role.rawValue) + 1 }

    private static func cursesColor(_ color: RoleAppearance.Color, useDefault: Bool, fallback: Int16) -> Int16 {
        switch color {
        case .terminalDefault: useDefault ? -1 : fallback
        case .black: Int16(COLOR_BLACK)
        case .red: Int16(COLOR_RED)
        case .green: Int16(COLOR_GREEN)
        case .yellow: Int16(COLOR_YELLOW)
        case .blue: Int16(COLOR_BLUE)
        case .magenta: Int16(COLOR_MAGENTA)
        case .cyan: Int16(COLOR_CYAN)
        case .white: Int16(COLOR_WHITE)
        }
    }

    private static func cursesAttributes(_ attributes: RoleAppearance.Attributes) -> attr_t {
        var result = docket_a_normal()
        if attributes.contains(.bold) { result |= docket_a_bold() }
        if attributes.contains(.underline) { result |= docket_a_underline() }
        if attributes.contains(.reverse) { result |= docket_a_reverse() }
        if attributes.contains(.dim) { result |= docket_a_dim() }
        return result
    }

    // MARK: Size and drawing

    /// The screen's size in cells, as curses last saw it (after a resize
    /// event, the new size).
    public var size: (width: Int, height: Int) {
        guard state != .stopped else { return lastScreenSize }
        return (Int(docket_max_x(window)), Int(docket_max_y(window)))
    }

    /// Shows `buffer`, sending curses only the cells that differ from the
    /// last buffer drawn. A new size clears and repaints.
    /// Cells beyond the screen are clipped.
    ///
    /// - Complexity: O(cells) to diff; curses work proportional to the
    ///   number of changed cells.
    public func draw(_ buffer: Buffer) {
        guard state == .active else { return }
        let screenSize = size
        let full = needsFullRedraw || lastDrawn.map { $0.width != buffer.width || $0.height != buffer.height } ?? true
            || screenSize != lastScreenSize
        var written = 0
        if full {
            // wclear, unlike werase, makes the next refresh clear the real
            // screen too, so nothing left by a resize or a child survives.
            wclear(window)
            for index in buffer.cells.indices {
                let cell = buffer.cells[index]
                if cell.isContinuation || cell == .blank { continue }
                if drawCell(index, of: buffer, screenWidth: screenSize.width, screenHeight: screenSize.height) {
                    written += 1
                }
            }
        } else if let previous = lastDrawn {
            var lastIndex = -1
            for index in buffer.diff(from: previous) {
                var target = index
                if buffer.cells[index].isContinuation, index % buffer.width > 0 {
                    // A continuation that changed alone (a style spanning half
                    // a wide character) is redrawn through the cell it belongs to.
                    target = index - 1
                    if target == lastIndex { continue }
                }
                if drawCell(target, of: buffer, screenWidth: screenSize.width, screenHeight: screenSize.height) {
                    written += 1
                }
                lastIndex = target
            }
        }
        wnoutrefresh(window)
        doupdate()
        lastDrawn = buffer
        lastScreenSize = screenSize
        needsFullRedraw = false
        cellsWrittenInLastDraw = written
    }

    /// Writes one buffer cell; false when it lies off screen.
    private func drawCell(_ index: Int, of buffer: Buffer, screenWidth: Int, screenHeight: Int) -> Bool {
        let x = index % buffer.width, y = index / buffer.width
        guard x < screenWidth, y < screenHeight else { return false }
        let cell = buffer.cells[index]
        let attributes = roleAttributes[Int(cell.style.role.rawValue)]
            | (cell.style.bold ? docket_a_bold() : 0)
            | (cell.style.underline ? docket_a_underline() : 0)
        let pair = rolePairs[Int(cell.style.role.rawValue)]

        if cell.isContinuation {
            // Only a continuation in column 0 gets here: it has no owner.
            put([" "], x: x, y: y, attributes: attributes, pair: pair)
            return true
        }
        let hasContinuation = x + 1 < buffer.width && x + 1 < screenWidth && buffer.cells[index + 1].isContinuation
        let columns = hasContinuation ? 2 : 1
        let utf8 = cell.symbol.utf8
        if utf8.count == 1, let byte = utf8.first, byte >= 0x20, byte < 0x7F {
            put([Unicode.Scalar(byte)], x: x, y: y, attributes: attributes, pair: pair)
            if columns == 2 { put([" "], x: x + 1, y: y, attributes: attributes, pair: pair) }
            return true
        }
        let glyph = CellGlyph.plan(cell.symbol, columns: columns, replacement: replacement) { scalar in
            Int(docket_wcwidth(wchar_t(bitPattern: scalar.value)))
        }
        put(glyph.scalars, x: x, y: y, attributes: attributes, pair: pair)
        for offset in 0..<glyph.padding {
            put([" "], x: x + columns - glyph.padding + offset, y: y, attributes: attributes, pair: pair)
        }
        return true
    }

    /// One `cchar_t` at (x, y). Never `waddnstr`: it counts bytes and can
    /// split a UTF-8 sequence.
    private func put(_ scalars: [Unicode.Scalar], x: Int, y: Int, attributes: attr_t, pair: Int16) {
        let count = min(scalars.count, wideChars.count - 1)
        for i in 0..<count { wideChars[i] = wchar_t(bitPattern: scalars[i].value) }
        wideChars[count] = 0
        let status = wideChars.withUnsafeBufferPointer { chars in
            setcchar(&cchar, chars.baseAddress, attributes, pair, nil)
        }
        guard status == docket_ok() else { return }
        // The bottom-right cell returns ERR because the cursor cannot move
        // past it, yet the character is stored: nothing to handle.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cchar)
    }

    // MARK: Input

    /// Waits up to `timeoutMilliseconds` (negative: forever) for a key, a
    /// click or a resize; nil when the time passes first. Input Docket does
    /// not understand is skipped.
    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        guard state == .active else { return nil }
        let clock = ContinuousClock()
        let deadline = timeoutMilliseconds >= 0 ? clock.now.advanced(by: .milliseconds(timeoutMilliseconds)) : nil
        while true {
            var wait = Self.longestWait
            if let deadline {
                let left = clock.now.duration(to: deadline)
                let leftMilliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
                wait = Int(max(0, min(Int64(wait), leftMilliseconds)))
            }
            wtimeout(window, Int32(wait))
            var value: wint_t = 0
            let status = wget_wch(window, &value)
            let code = Int32(truncatingIfNeeded: value)
            if status == docket_key_code_yes(), code == docket_key_resize() {
                let current = size
                return .resize(width: current.width, height: current.height)
            } else if status == docket_key_code_yes(), code == docket_key_mouse() {
                var report = MEVENT()
                if getmouse(&report) == docket_ok(),
                   let event = MouseDecoder.decode(
                       buttonState: UInt32(truncatingIfNeeded: report.bstate), x: Int(report.x), y: Int(report.y)) {
                    return .mouse(event)
                }
            } else if status != docket_err(), let key = KeyDecoder.decode(status: status, value: UInt32(value)) {
                return .key(key)
            }
            if let deadline, clock.now >= deadline { return nil }
        }
    }

    /// The longest single wait inside curses. SIGWINCH may be delivered to
    /// any thread, and a read on the main thread that it does not interrupt
    /// only notices the resize when it returns: waiting in slices bounds how
    /// late a `.resize` can be.
    private static let longestWait = 100

    // MARK: Suspending and stopping

    /// Gives the terminal back for the duration of `body` (to run `$EDITOR`,
    /// say), then takes it over again and repaints everything.
    public func suspend<R>(_ body: () throws -> R) rethrows -> R {
        guard state == .active else { return try body() }
        endwin()
        state = .suspended
        defer { resume() }
        return try body()
    }

    private func resume() {
        guard state == .suspended else { return }
        state = .active
        needsFullRedraw = true
        if let lastDrawn {
            draw(lastDrawn)
        } else {
            // Any refresh after endwin puts the terminal back in curses mode.
            wrefresh(window)
        }
    }

    /// Restores the terminal as it was before `start`. Safe to call twice;
    /// also done on deinit, on exit and on SIGINT/SIGTERM/SIGHUP.
    public func stop() {
        guard state != .stopped else { return }
        lastScreenSize = size
        if isendwin() == false { endwin() }
        SignalGuard.isArmed = false
        delscreen(screen)
        fclose(outputStream)
        fclose(inputStream)
        SignalGuard.uninstall()
        state = .stopped
    }

    /// Whether the terminal is still in use (started, and not stopped).
    public var isRunning: Bool { state != .stopped }
}
