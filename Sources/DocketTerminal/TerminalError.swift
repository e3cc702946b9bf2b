/// Why the terminal could not be started. Each case says what to do instead.
public enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Standard input or output is a pipe or a file, not a terminal.
    case notATerminal
    /// curses does not know the terminal type (`TERM` unset, empty or unknown).
    case noUsableTerminal(term: String?)
    /// A `Terminal` is already running in this process; stop it first.
    case alreadyRunning
    /// The terminal's file descriptors could not be opened as streams.
    case cannotOpenStreams(errno: Int32)

    public var description: String {
        switch self {
        case .notATerminal:
            return "standard input and output must be a terminal; run Docket in a terminal or use the CLI commands"
        case .noUsableTerminal(let term):
            let shown = term.map { $0.isEmpty ? "(empty)" : $0 } ?? "(unset)"
            return "no usable terminal: TERM=\(shown); run Docket in a terminal or use the CLI commands"
        case .alreadyRunning:
            return "the terminal is already in use by this process; stop it before starting another"
        case .cannotOpenStreams(let code):
            return "cannot open the terminal's input and output (errno \(code)); run Docket in a terminal or use the CLI commands"
        }
    }
}
