#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The few POSIX calls Docket needs, in one place: durable atomic writes,
/// appends, advisory locks, process identity.
public enum Platform {
    public struct SystemError: Error, CustomStringConvertible, Sendable {
        public var operation: String
        public var path: String
        public var code: Int32
        public var description: String {
            if code == ELOOP { return "\(operation) \(path): it is a symbolic link, which Docket does not write through; replace it with the file itself" }
            return "\(operation) \(path): \(String(cString: strerror(code)))"
        }
    }

    /// Writes `bytes` to `path` atomically and durably: a temporary file in the
    /// same directory, fsync, chmod 0600, rename over the target, fsync the
    /// directory. Readers see the old file or the new one, never a mix.
    public static func writeAtomically(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        // An unpredictable name, created only if nothing is there (O_EXCL,
        // never through a symlink): a name planted in advance cannot
        // redirect the write.
        var tmp = ""
        var fd: Int32 = -1
        for _ in 0..<8 {
            tmp = dir + "/." + (path as NSString).lastPathComponent + ".tmp-\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
            fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw SystemError(operation: "create", path: tmp, code: errno) }
        var ok = false
        defer { if !ok { unlink(tmp) } }
        do {
            try writeAll(fd, bytes, path: tmp)
            guard fchmod(fd, 0o600) == 0 else { throw SystemError(operation: "chmod", path: tmp, code: errno) }
            guard fsync(fd) == 0 else { throw SystemError(operation: "fsync", path: tmp, code: errno) }
        } catch {
            close(fd)
            throw error
        }
        close(fd)
        guard rename(tmp, path) == 0 else { throw SystemError(operation: "rename", path: path, code: errno) }
        ok = true
        try syncDirectory(dir)
    }

    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        try bytes.withUnsafeBytes { try writeAtomically($0, to: path) }
    }

    /// Appends `bytes` to `path` (created 0600 if missing) and fsyncs it.
    /// If the file ends in a torn line from a crash, that fragment is cut off
    /// first: it was never acknowledged to anyone.
    public static func appendDurably(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SystemError(operation: "open", path: path, code: errno) }
        defer { close(fd) }
        let size = lseek(fd, 0, SEEK_END)
        if size > 0 {
            var last: UInt8 = 0
            if pread(fd, &last, 1, size - 1) == 1, last != 0x0A {
                // Find the end of the last complete line and truncate there.
                var end = size
                var chunk = [UInt8](repeating: 0, count: 4096)
                var found: off_t = 0
                search: while end > 0 {
                    let start = max(0, end - off_t(chunk.count))
                    let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, Int(end - start), start) }
                    guard n > 0 else { break }
                    for i in stride(from: n - 1, through: 0, by: -1) where chunk[i] == 0x0A {
                        found = start + off_t(i) + 1
                        break search
                    }
                    end = start
                }
                guard ftruncate(fd, found) == 0 else { throw SystemError(operation: "truncate", path: path, code: errno) }
            }
        }
        guard lseek(fd, 0, SEEK_END) >= 0 else { throw SystemError(operation: "seek", path: path, code: errno) }
        try bytes.withUnsafeBytes { try writeAll(fd, $0, path: path) }
        guard fsync(fd) == 0 else { throw SystemError(operation: "fsync", path: path, code: errno) }
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var off = 0
        while off < bytes.count {
            let n = write(fd, bytes.baseAddress?.advanced(by: off), bytes.count - off)
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError(operation: "write", path: path, code: errno)
            }
            off += n
        }
    }

    public static func syncDirectory(_ dir: String) throws {
        let fd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError(operation: "open", path: dir, code: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw SystemError(operation: "fsync", path: dir, code: errno) }
    }

    /// Creates `dir` (and parents) with mode 0700 if it does not exist.
    public static func makePrivateDirectory(_ dir: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
            if !isDir.boolValue { throw SystemError(operation: "use as a directory", path: dir, code: ENOTDIR) }
            try tightenDirectory(dir)
            return
        }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        _ = chmod(dir, 0o700)
    }

    /// A store directory others can write is made 0700 when it is ours, and
    /// refused when it is not: anyone who can write it can replace its files.
    public static func tightenDirectory(_ dir: String) throws {
        var st = stat()
        guard stat(dir, &st) == 0 else { return }
        guard st.st_mode & 0o022 != 0 else { return }
        if st.st_uid == getuid() {
            guard chmod(dir, 0o700) == 0 else { throw SystemError(operation: "make private (chmod 700)", path: dir, code: errno) }
        } else {
            throw SystemError(operation: "use as a store (others can write it and it is not yours)", path: dir, code: EPERM)
        }
    }

    /// Temporary files of `writeAtomically` in `dir` whose process has gone
    /// (a killed import leaves its half-written corpus): removed, and the
    /// bytes reclaimed returned. Files of a running process are kept.
    public static func removeStaleTemporaries(in dir: String) -> (files: Int, bytes: Int) {
        var files = 0, bytes = 0
        for name in staleTemporaries(in: dir) {
            let path = dir + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG || st.st_mode & S_IFMT == S_IFLNK else { continue }
            if unlink(path) == 0 {
                files += 1
                bytes += Int(st.st_size)
            }
        }
        return (files, bytes)
    }

    /// Whether `removeStaleTemporaries` would find anything (no lock needed to look).
    public static func hasStaleTemporaries(in dir: String) -> Bool { !staleTemporaries(in: dir).isEmpty }

    /// Names in `dir` of `writeAtomically`'s temporaries (`.NAME.tmp-PID…`)
    /// whose process has gone.
    static func staleTemporaries(in dir: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return names.filter { name in
            guard name.hasPrefix("."), let r = name.range(of: ".tmp-"), let pid = Int32(name[r.upperBound...].prefix { $0.isNumber }) else { return false }
            return !isAlive(pid)
        }
    }

    static func isAlive(_ pid: Int32) -> Bool { pid > 0 && (kill(pid, 0) == 0 || errno != ESRCH) }

    /// The mode bits of a file, for tests and checks.
    public static func permissions(of path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int(st.st_mode & 0o777)
    }

    /// Identity of a file's current contents (device, inode, size, change
    /// time): equal stamps mean nobody replaced the file in between. Nil when
    /// it does not exist.
    public static func stamp(of path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return "\(st.st_dev):\(st.st_ino):\(st.st_size):\(st.st_ctim.tv_sec).\(st.st_ctim.tv_nsec)"
    }

    /// The whole file at `path`, read into memory with `read(2)` (not
    /// mapped): what it held when read, whatever happens to it afterwards.
    /// Reads until end of file, so a file that grows while it is read is
    /// read to where it ended.
    public static func readFile(_ path: String) throws -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError(operation: "open", path: path, code: errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw SystemError(operation: "stat", path: path, code: errno) }
        // Uninitialised memory (Data(count:) would zero it first), one byte
        // more than the size so that reaching the end does not grow it.
        var capacity = max(0, Int(st.st_size)) + 1
        var start: UnsafeMutableRawPointer?
        // A large file goes to 2 MiB-aligned memory the kernel may back with
        // huge pages: a 150 MB corpus is then a few dozen page faults, not 37,000.
        let huge = 2 << 20
        if capacity >= 4 * huge, posix_memalign(&start, huge, capacity) == 0, let p = start {
            #if canImport(Glibc)
            _ = madvise(p, capacity, MADV_HUGEPAGE)
            #endif
        } else {
            start = malloc(capacity)
        }
        guard var buffer = start else { throw SystemError(operation: "read", path: path, code: ENOMEM) }
        var filled = 0
        while true {
            if filled == capacity {
                capacity += max(65_536, capacity / 8)
                guard let grown = realloc(buffer, capacity) else {
                    free(buffer)
                    throw SystemError(operation: "read", path: path, code: ENOMEM)
                }
                buffer = grown
            }
            let n = readBytes(fd, buffer + filled, capacity - filled)
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                free(buffer)
                throw SystemError(operation: "read", path: path, code: code)
            }
            if n == 0 { break }
            filled += n
        }
        return Data(bytesNoCopy: buffer, count: filled, deallocator: .free)
    }

    /// Whether anything is at `path`, a symbolic link included (also one
    /// that leads nowhere or in a loop, which `fileExists` calls absent): a
    /// store file that is there but cannot be read must be an error naming
    /// it, never an empty file.
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// The size of the file at `path` in bytes, or nil when there is none.
    public static func size(of path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int(st.st_size)
    }

    public static var processID: Int32 { getpid() }

    /// True unless no process has this id (a process of another user counts
    /// as alive).
    public static func processIsAlive(_ pid: Int32) -> Bool { isAlive(pid) }

    // MARK: - Locks

    public enum LockKind { case shared, exclusive }

    /// Opens `path` and takes an advisory `flock`. Returns the descriptor, or
    /// nil when another process holds a conflicting lock.
    public static func tryLock(_ path: String, _ kind: LockKind) throws -> Int32? {
        var fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if fd < 0, kind == .shared, errno == EROFS || errno == EACCES || errno == EPERM {
            // A store on a read-only medium, or one only readable by us: a
            // shared lock needs no write access (and where even the lock file
            // cannot be opened, nobody can write the store either).
            fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            if fd < 0, errno == ENOENT || errno == EROFS || errno == EACCES { return readOnlyNoLock }
        }
        guard fd >= 0 else { throw SystemError(operation: "open", path: path, code: errno) }
        if flock(fd, (kind == .shared ? LOCK_SH : LOCK_EX) | LOCK_NB) == 0 { return fd }
        let e = errno
        close(fd)
        if e == EWOULDBLOCK || e == EAGAIN || e == EINTR { return nil }
        throw SystemError(operation: "lock", path: path, code: e)
    }

    /// What `tryLock` returns for a store nobody can write: no descriptor to hold.
    public static let readOnlyNoLock: Int32 = -2

    /// Replaces the contents of the lock file held by `fd` with `text`.
    public static func writeLockOwner(_ fd: Int32, _ text: String) {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        var t = text
        t.withUTF8 { buf in _ = pwrite(fd, buf.baseAddress, buf.count, 0) }
    }

    public static func unlock(_ fd: Int32) {
        guard fd >= 0 else { return }
        _ = flock(fd, LOCK_UN)
        close(fd)
    }

    public static func sleep(milliseconds: Int) {
        usleep(useconds_t(milliseconds * 1000))
    }

    /// This process's command line, for naming a lock holder.
    public static var commandLine: String {
        let args = CommandLine.arguments
        guard let program = args.first else { return "" }
        return ([(program as NSString).lastPathComponent] + args.dropFirst().prefix(5)).joined(separator: " ")
    }
}

/// `read(2)`, named apart from the store's own `read` methods.
private func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
