import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal for running curses headless: the test plays the
/// terminal emulator on `master`, the code under test gets `slave`.
final class PseudoTerminal {
    let master: Int32
    let slave: Int32
    /// Everything read from `master` so far.
    private(set) var output: [UInt8] = []

    /// Throws `XCTSkip` where no pseudo-terminal can be had.
    init(width: Int, height: Int) throws {
        // posix_openpt and friends hide behind _XOPEN_SOURCE in Swift's Glibc
        // module, and the _IOR/_IOW ioctl macros are not imported: on Linux
        // (asm-generic numbering, as on x86-64 and arm64) this is what
        // unlockpt and ptsname do.
        #if os(Linux) && (arch(x86_64) || arch(arm64))
        let lockRequest: UInt = 0x4004_5431  // TIOCSPTLCK
        let numberRequest: UInt = 0x8004_5430  // TIOCGPTN
        #else
        throw XCTSkip("pseudo-terminal set-up is written for Linux on x86-64 and arm64")
        #endif
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw XCTSkip("no pseudo-terminal available (/dev/ptmx: errno \(errno))") }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(master, lockRequest, &unlock) == 0, ioctl(master, numberRequest, &number) == 0 else {
            close(master)
            throw XCTSkip("cannot unlock pseudo-terminal")
        }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else {
            close(master)
            throw XCTSkip("cannot open pseudo-terminal slave")
        }
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        self.master = master
        self.slave = slave
        resize(width: width, height: height)
    }

    deinit {
        close(slave)
        close(master)
    }

    func resize(width: Int, height: Int) {
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Types `text` as if on the keyboard.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
    }

    /// Reads what has been written until none arrives for `quietMilliseconds`;
    /// returns just the new bytes.
    @discardableResult
    func drain(quietMilliseconds: Int32 = 100) -> [UInt8] {
        var fresh: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&fds, 1, quietMilliseconds) > 0 else { break }
            let n = chunk.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            fresh += chunk[0..<n]
        }
        output += fresh
        return fresh
    }

    /// Reads until `needle` has appeared in all output, or `seconds` pass.
    @discardableResult
    func read(until needle: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if output.containsBytes(of: needle) { return true }
            drain(quietMilliseconds: 50)
        }
        return output.containsBytes(of: needle)
    }

    /// Whether the slave is in cooked mode with echo: as a shell leaves it.
    var isCookedWithEcho: Bool {
        var attributes = termios()
        guard tcgetattr(slave, &attributes) == 0 else { return false }
        return attributes.c_lflag & tcflag_t(ECHO) != 0 && attributes.c_lflag & tcflag_t(ICANON) != 0
    }
}

extension Array where Element == UInt8 {
    func containsBytes(of text: String) -> Bool { range(of: text) != nil }

    /// Where `text`'s UTF-8 first occurs, searching from `start`.
    func range(of text: String, from start: Int = 0) -> Range<Int>? {
        let needle = Array(text.utf8)
        guard !needle.isEmpty, count >= needle.count, start <= count - needle.count else { return nil }
        for i in start...(count - needle.count) where self[i..<(i + needle.count)].elementsEqual(needle) {
            return i..<(i + needle.count)
        }
        return nil
    }

    /// Whether any CSI "m" (SGR) sequence sets `parameter`: ncurses writes
    /// reverse video as `ESC[7m` or folded into `ESC[0;7m`.
    func containsSGR(parameter: Int) -> Bool {
        var i = 0
        while i + 1 < count {
            guard self[i] == 0x1B, self[i + 1] == UInt8(ascii: "[") else { i += 1; continue }
            var j = i + 2
            while j < count, (self[j] >= UInt8(ascii: "0") && self[j] <= UInt8(ascii: "9")) || self[j] == UInt8(ascii: ";") { j += 1 }
            if j < count, self[j] == UInt8(ascii: "m") {
                let parameters = String(decoding: self[(i + 2)..<j], as: UTF8.self).split(separator: ";")
                if parameters.contains(Substring(String(parameter))) { return true }
            }
            i = j
        }
        return false
    }

    /// For failure messages: escapes made visible.
    var visible: String {
        String(decoding: self, as: UTF8.self).replacingOccurrences(of: "\u{1b}", with: "\\e")
    }
}
