import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP answer: the status, the headers (names in lower case) and the body.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, b in b })
        self.body = body
    }
}

/// A transport failure (no answer at all: refused, reset, timed out).
public struct HTTPTransportError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// What `GitHubFetch` needs of HTTP: a GET. `URLSessionClient` is the real
/// one; tests give a fake or point it at a server on loopback.
public protocol HTTPClient: Sendable {
    func get(_ url: URL, headers: [String: String]) throws -> HTTPResponse
}

/// GET through URLSession (FoundationNetworking on Linux), waiting for the
/// answer: the command line has nothing else to do meanwhile.
public struct URLSessionClient: HTTPClient {
    public var timeout: TimeInterval

    public init(timeout: TimeInterval = 30) { self.timeout = timeout }

    public func get(_ url: URL, headers: [String: String]) throws -> HTTPResponse {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = timeout
        config.urlCache = nil
        let session = URLSession(configuration: config)
        defer { session.finishTasksAndInvalidate() }
        let done = DispatchSemaphore(value: 0)
        final class Box: @unchecked Sendable { var result: Result<HTTPResponse, Error>? }
        let box = Box()
        session.dataTask(with: request) { data, response, error in
            if let error {
                box.result = .failure(HTTPTransportError(message: (error as NSError).localizedDescription))
            } else if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (k, v) in http.allHeaderFields { if let k = k as? String, let v = v as? String { headers[k] = v } }
                box.result = .success(HTTPResponse(status: http.statusCode, headers: headers, body: data ?? Data()))
            } else {
                box.result = .failure(HTTPTransportError(message: "no HTTP answer"))
            }
            done.signal()
        }.resume()
        done.wait()
        guard let result = box.result else { throw HTTPTransportError(message: "no answer") }
        return try result.get()
    }
}
