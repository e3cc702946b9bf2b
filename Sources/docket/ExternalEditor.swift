import DocketTerminal
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Lets the user edit a text in `$EDITOR` (vi when unset), with the
/// terminal handed over meanwhile.
enum ExternalEditor {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes `text` to a temporary file only the user can read (0600),
    /// suspends the screen, runs `$EDITOR FILE` through /bin/sh on the
    /// terminal, then reads the file back and deletes it. The screen is
    /// restored and repainted on return, whatever the editor did.
    static func edit(_ text: String, terminal: Terminal, environment: [String: String]) throws(Failure) -> String {
        let editor = environment["EDITOR"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } ?? "vi"
        var base = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        if !base.hasSuffix("/") { base += "/" }
        var template = Array((base + "docket-edit-XXXXXX.txt").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else {
            throw Failure(description: "Cannot create a temporary file in \(base): \(String(cString: strerror(errno))); set TMPDIR")
        }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { unlink(path) }
        let bytes = Array((text + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else { throw Failure(description: "Cannot write \(path); nothing edited") }
        let status = terminal.suspend { run(editor, path) }
        guard status == 0 else { throw Failure(description: "\(editor) exited with status \(status); nothing saved") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "Cannot read \(path) back; nothing saved")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs `EDITOR "$1"` with `$1` = `path` (the editor may carry
    /// arguments, like `code --wait`; the path is never parsed by the
    /// shell) and waits. Ctrl-C belongs to the editor meanwhile: Docket
    /// ignores SIGINT and SIGQUIT until it returns, the editor gets the
    /// default handling. Returns the exit status (128 + signal when killed).
    private static func run(_ editor: String, _ path: String) -> Int32 {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGQUIT)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGDEF))

        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        sigemptyset(&ignore.sa_mask)
        var oldInt = sigaction(), oldQuit = sigaction()
        sigaction(SIGINT, &ignore, &oldInt)
        sigaction(SIGQUIT, &ignore, &oldQuit)
        defer {
            sigaction(SIGINT, &oldInt, nil)
            sigaction(SIGQUIT, &oldQuit, nil)
        }

        let words: [String] = ["/bin/sh", "-c", editor + " \"$1\"", "sh", path]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, &attr, argv, environ) == 0 else { return 127 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
