import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A GitHub API stand-in on a loopback port, for `docket fetch` end to end:
/// each request is answered by `handler` (or left unanswered, to time out),
/// one request per connection. Requests are recorded.
final class FakeGitHub: @unchecked Sendable {
    struct Request {
        var path: String
        var headers: [String: String]
    }

    enum Answer {
        case respond(status: Int, headers: [String: String], body: String)
        /// Read the request and never answer (a timeout).
        case hang
    }

    let port: Int
    var base: String { "http://127.0.0.1:\(port)" }
    private let fd: Int32
    private let lock = NSLock()
    private var requests: [Request] = []
    private var handler: (Request) -> Answer
    private var hung: [Int32] = []

    init(_ handler: @escaping (Request) -> Answer) throws {
        self.handler = handler
        let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard sock >= 0 else { throw NSError(domain: "FakeGitHub", code: 1) }
        var yes: Int32 = 1
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(sock, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(sock, 16) == 0 else { close(sock); throw NSError(domain: "FakeGitHub", code: 2) }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(sock, $0, &len) } }
        fd = sock
        port = Int(UInt16(bigEndian: addr.sin_port))
        let t = Thread { [weak self] in self?.serve() }
        t.start()
    }

    deinit {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        for h in hung { close(h) }
    }

    var received: [Request] { lock.lock(); defer { lock.unlock() }; return requests }

    func setHandler(_ h: @escaping (Request) -> Answer) { lock.lock(); handler = h; lock.unlock() }

    private func serve() {
        while true {
            let c = accept(fd, nil, nil)
            if c < 0 { return }
            var data = [UInt8]()
            var buf = [UInt8](repeating: 0, count: 4096)
            while !data.hasHeaderEnd {
                let n = read(c, &buf, buf.count)
                if n <= 0 { break }
                data += buf[0..<n]
            }
            let text = String(decoding: data, as: UTF8.self)
            let lines = text.components(separatedBy: "\r\n")
            let path = lines.first?.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
            var headers: [String: String] = [:]
            for l in lines.dropFirst() {
                guard let colon = l.firstIndex(of: ":") else { continue }
                headers[l[..<colon].lowercased()] = l[l.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let request = Request(path: path, headers: headers)
            lock.lock()
            requests.append(request)
            let answer = handler(request)
            lock.unlock()
            switch answer {
            case .hang:
                lock.lock(); hung.append(c); lock.unlock()
            case let .respond(status, extra, body):
                let bytes = Array(body.utf8)
                var head = "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Status")\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n"
                if status != 304 { head += "Content-Type: application/json\r\n" }
                for (k, v) in extra { head += "\(k): \(v)\r\n" }
                let all = Array((head + "\r\n").utf8) + (status == 304 ? [] : bytes)
                var off = 0
                while off < all.count {
                    let n = all[off...].withUnsafeBufferPointer { write(c, $0.baseAddress, $0.count) }
                    if n <= 0 { break }
                    off += n
                }
                close(c)
            }
        }
    }
}

extension Array where Element == UInt8 {
    /// Holds the blank line that ends a request's headers (a GET has no body).
    fileprivate var hasHeaderEnd: Bool {
        guard count >= 4 else { return false }
        for i in 0...(count - 4) where self[i] == 13 && self[i + 1] == 10 && self[i + 2] == 13 && self[i + 3] == 10 { return true }
        return false
    }
}
