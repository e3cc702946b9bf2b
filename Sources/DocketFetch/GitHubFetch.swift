import DocketImport
import DocketModel
import Foundation

/// Why a fetch stopped, with what to do. The token never appears in a message.
public enum FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(repo: String, api: String)
    case unauthorized
    case rateLimited(until: Date)
    case server(status: Int, url: String, tries: Int)
    case transport(message: String, url: String, tries: Int)
    case unexpected(status: Int, url: String)
    case badPage(url: String, problem: String)

    public var description: String {
        switch self {
        case let .notFound(repo, api):
            return "no repository \(repo) at \(api) (or it is private): check OWNER/REPO, or set GH_TOKEN to a token that can read it"
        case .unauthorized:
            return "GitHub refused the token (401): set GH_TOKEN (or GITHUB_TOKEN) to a valid token, or unset it for public repositories"
        case let .rateLimited(until):
            return "GitHub's rate limit is spent until \(Timestamp.format(until)); fetch again then, or set GH_TOKEN for a higher limit (nothing was lost: the next fetch resumes)"
        case let .server(status, url, tries):
            return "GitHub answered \(status) \(tries) times for \(url); try again later"
        case let .transport(message, url, tries):
            return "no answer from \(url) after \(tries) tries (\(message)); check the network or --api-url"
        case let .unexpected(status, url):
            return "GitHub answered \(status) for \(url)"
        case let .badPage(url, problem):
            return "\(url) did not hold GitHub issues (\(problem)); check --api-url"
        }
    }
}

/// What one fetch brought.
public struct FetchResult: Sendable {
    public var batch = ImportBatch()
    /// Pages of issues, and their tickets, already handed to `commit`.
    public var committedPages = 0
    public var committedTickets = 0
    /// Pages read (issues and comments), and whether the first answer was 304.
    public var pages = 0
    public var notModified = false
    public var cursor: FetchCursor
    /// `X-RateLimit-Remaining` of the last answer, when GitHub said.
    public var rateRemaining: Int?
}

/// Issues and their comments from the GitHub REST API, incrementally: the
/// issues list sorted by update with `since=` the cursor, `per_page=100`,
/// following `Link: rel="next"`; the first page asked with the stored ETag
/// (`304 Not Modified` ends the fetch at no cost); then the comments updated
/// since. Rate limits are waited out up to `maxWait` (longer: an error
/// saying until when); 5xx answers and transport failures are retried with
/// backoff (1, 2, 4 s), then an error.
public struct GitHubFetch: Sendable {
    public var api: URL
    public var repo: String
    public var token: String?
    public var client: any HTTPClient
    public var maxWait: TimeInterval = 900
    public var tries = 4
    public var sleep: @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }
    public var now: @Sendable () -> Date = { Date() }
    /// One line per page and per wait, for stderr.
    public var progress: @Sendable (String) -> Void = { _ in }

    public init(api: URL, repo: String, token: String?, client: any HTTPClient) {
        self.api = api
        self.repo = repo
        self.token = token
        self.client = client
    }

    /// Fetches what changed since `cursor`. With `commit`, every
    /// `commitEvery` pages of issues (when more follow) are handed to it
    /// with a cursor to resume from, and left out of the result: a first
    /// fetch of a large repository that is killed or stopped by a failing
    /// page keeps what it read, and the next fetch goes on from there.
    public func run(from cursor: FetchCursor, commitEvery: Int = 10,
                    commit: ((ImportBatch, FetchCursor) throws -> Void)? = nil) throws -> FetchResult {
        var result = FetchResult(cursor: cursor)
        let since = cursor.since.map { "&since=" + Timestamp.format($0) } ?? ""
        var next: URL? = url("/repos/\(repo)/issues?state=all&sort=updated&direction=asc&per_page=100" + since)
        var first = true
        var newest = cursor.since
        var uncommitted = 0
        while let page = next {
            var headers: [String: String] = [:]
            if first, let etag = cursor.etag { headers["If-None-Match"] = etag }
            let r = try request(page, headers, &result)
            if first && r.status == 304 {
                result.notModified = true
                return result
            }
            if first { result.cursor.etag = r.headers["etag"] }
            first = false
            let batch = try parse(r.body, page)
            for t in batch.tickets where newest.map({ t.updatedAt > $0 }) ?? true { newest = t.updatedAt }
            result.batch.append(batch)
            progress("issues page \(result.pages): \(batch.tickets.count) issues" + (batch.skippedPullRequests > 0 ? ", \(batch.skippedPullRequests) pull requests skipped" : "")
                     + (result.rateRemaining.map { " (rate budget left: \($0))" } ?? ""))
            next = Self.nextLink(r.headers["link"])
            uncommitted += 1
            if let commit, next != nil, uncommitted >= max(1, commitEvery) {
                let resume = FetchCursor(since: newest, etag: nil, resuming: true, commentsSince: cursor.commentsFrom)
                try commit(result.batch, resume)
                result.committedPages += uncommitted
                result.committedTickets += result.batch.tickets.count
                result.batch = ImportBatch()
                uncommitted = 0
            }
        }
        let commentsSince = cursor.commentsFrom.map { "&since=" + Timestamp.format($0) } ?? ""
        next = url("/repos/\(repo)/issues/comments?sort=updated&direction=asc&per_page=100" + commentsSince)
        while let page = next {
            let r = try request(page, [:], &result)
            let batch = try parse(r.body, page)
            result.batch.append(batch)
            progress("comments page: \(batch.comments.count) comments" + (result.rateRemaining.map { " (rate budget left: \($0))" } ?? ""))
            next = Self.nextLink(r.headers["link"])
        }
        result.cursor.since = newest
        result.cursor.resuming = false
        result.cursor.commentsSince = nil
        return result
    }

    private func url(_ pathAndQuery: String) -> URL? {
        URL(string: api.absoluteString.trimmingSuffix("/") + pathAndQuery)
    }

    private func parse(_ body: Data, _ page: URL) throws -> ImportBatch {
        // An empty page is an empty list.
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D }) { return ImportBatch() }
        do {
            return try GitHubImporter.parse(body, path: page.absoluteString)
        } catch {
            throw FetchError.badPage(url: page.absoluteString, problem: "\(error)".replacingOccurrences(of: page.absoluteString + ":", with: ""))
        }
    }

    /// One GET, with the waits and retries above.
    private func request(_ url: URL, _ extra: [String: String], _ result: inout FetchResult) throws -> HTTPResponse {
        var headers = extra
        headers["Accept"] = "application/vnd.github+json"
        headers["X-GitHub-Api-Version"] = "2022-11-28"
        headers["User-Agent"] = "docket"
        if let token { headers["Authorization"] = "Bearer " + token }
        var failures = 0
        var waits = 0
        while true {
            let r: HTTPResponse
            do {
                r = try client.get(url, headers: headers)
            } catch let e as HTTPTransportError {
                failures += 1
                if failures >= tries { throw FetchError.transport(message: e.message, url: url.absoluteString, tries: failures) }
                progress("no answer from GitHub (\(e.message)); trying again in \(1 << (failures - 1)) s")
                sleep(TimeInterval(1 << (failures - 1)))
                continue
            }
            if let left = r.headers["x-ratelimit-remaining"].flatMap({ Int($0) }) { result.rateRemaining = left }
            switch r.status {
            case 200, 304:
                result.pages += 1
                return r
            case 401:
                throw FetchError.unauthorized
            case 404:
                throw FetchError.notFound(repo: repo, api: api.absoluteString)
            case 403, 429:
                // A 403 that is not a limit (no Retry-After, budget not spent) is a refusal.
                guard r.status == 429 || r.headers["retry-after"] != nil || r.headers["x-ratelimit-remaining"] == "0" else {
                    throw FetchError.unexpected(status: r.status, url: url.absoluteString)
                }
                let until = Self.waitUntil(r, now: now())
                let wait = max(1, until.timeIntervalSince(now()))
                waits += 1
                if wait > maxWait || waits > 3 { throw FetchError.rateLimited(until: until) }
                progress("GitHub's rate limit: waiting \(Int(wait.rounded(.up))) s, until \(Timestamp.format(until))")
                sleep(wait)
            case 500...599:
                failures += 1
                if failures >= tries { throw FetchError.server(status: r.status, url: url.absoluteString, tries: failures) }
                progress("GitHub answered \(r.status); trying again in \(1 << (failures - 1)) s")
                sleep(TimeInterval(1 << (failures - 1)))
            default:
                throw FetchError.unexpected(status: r.status, url: url.absoluteString)
            }
        }
    }

    /// When a limited answer says to come back: `Retry-After` seconds, else
    /// `X-RateLimit-Reset` (epoch seconds), else a minute (secondary limits).
    static func waitUntil(_ r: HTTPResponse, now: Date) -> Date {
        if let s = r.headers["retry-after"].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }) { return now.addingTimeInterval(s) }
        if let reset = r.headers["x-ratelimit-reset"].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }) {
            return Date(timeIntervalSince1970: reset)
        }
        return now.addingTimeInterval(60)
    }

    /// The `rel="next"` URL of a `Link` header.
    static func nextLink(_ header: String?) -> URL? {
        guard let header else { return nil }
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count >= 2, pieces.dropFirst().contains(where: { $0 == "rel=\"next\"" || $0 == "rel=next" }) else { continue }
            let target = pieces[0]
            guard target.hasPrefix("<"), target.hasSuffix(">") else { continue }
            return URL(string: String(target.dropFirst().dropLast()))
        }
        return nil
    }
}

extension String {
    fileprivate func trimmingSuffix(_ s: String) -> String { hasSuffix(s) ? String(dropLast(s.count)) : self }
}
