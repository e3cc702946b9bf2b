@preconcurrency import CNcursesw

/// Keeps the terminal restorable on every exit path: SIGINT, SIGTERM and
/// SIGHUP restore it and exit with 128 + signo; `exit()` restores it through
/// an atexit hook. SIGWINCH stays with ncurses, which turns it into
/// `KEY_RESIZE`.
///
/// The shim keeps this state in a `static inline` function's static, so each
/// object file that calls the shim's signal functions gets a private copy:
/// every such call lives in this file, and nowhere else.
enum SignalGuard {
    /// Takes the fatal signals; call before `newterm`.
    static func install() {
        docket_install_signal_handlers()
    }

    /// Gives the fatal signals back to whoever had them before `install`.
    static func uninstall() {
        docket_uninstall_signal_handlers()
    }

    /// Whether a signal or exit should call `endwin`: true while a screen is up.
    static var isArmed: Bool {
        get { docket_is_armed() != 0 }
        set { docket_arm(newValue ? 1 : 0) }
    }
}
