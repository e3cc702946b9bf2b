import ArgumentParser
import DocketApp
import DocketCLI
import DocketFetch
import DocketJSON
import DocketModel
import DocketStore
import Foundation

struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch a repository's issues and comments from the GitHub API into the store, incrementally.",
        discussion: """
            The first fetch reads every issue (pull requests are skipped) and comment; later ones ask only for
            what changed since the last (`since=` and the first page's ETag: an unchanged repository answers
            304 and nothing is written). Rate limits are waited out (up to 15 minutes, saying until when);
            5xx answers and timeouts are retried with backoff. A fetch stopped part way writes nothing and the
            next one resumes from the last cursor.

            Token: $GH_TOKEN, else $GITHUB_TOKEN, else `gh auth token` when gh is installed; never written
            anywhere. Without one, public repositories work at GitHub's lower limit (60 requests an hour).

            Example:
              docket fetch acme/helpdesk
              docket fetch --api-url https://github.example.com/api/v3 team/helpdesk
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The repository, as OWNER/REPO.", valueName: "owner/repo"))
    var repository: String

    @Option(name: .customLong("api-url"), help: ArgumentHelp("The API's base URL (GitHub Enterprise: https://HOST/api/v3).", valueName: "url"))
    var apiURL = "https://api.github.com"

    @Flag(name: .long, help: "Print a JSON summary on stdout.")
    var json = false

    func validate() throws {
        let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) } }) else {
            throw ValidationError("give the repository as OWNER/REPO, e.g. acme/helpdesk")
        }
        guard let u = URL(string: apiURL), let scheme = u.scheme, scheme == "https" || scheme == "http", u.host != nil else {
            throw ValidationError("--api-url must be an http(s) URL, e.g. https://github.example.com/api/v3")
        }
    }

    func run() throws {
        try reportingErrors {
            guard let api = URL(string: apiURL) else { throw CLIError("--api-url is not a URL") }
            let token = Self.token()
            let interactive = isatty(2) == 1
            if token == nil { printErr("docket: no token ($GH_TOKEN, $GITHUB_TOKEN or gh): fetching unauthenticated, at GitHub's limit of 60 requests an hour\n") }
            let store = try storeOptions.open(lazyText: true)
            let cursor = try store.fetchCursor(api: apiURL, repo: repository)
            // DOCKET_FETCH_TIMEOUT: seconds per request (tests make a hung server time out quickly).
            let timeout = ProcessInfo.processInfo.environment["DOCKET_FETCH_TIMEOUT"].flatMap(Double.init) ?? 30
            var fetch = GitHubFetch(api: api, repo: repository, token: token, client: URLSessionClient(timeout: timeout))
            fetch.progress = { line in printErr((interactive ? "\r\u{1B}[K" : "") + "docket: " + line + (interactive ? "" : "\n")) }
            // Pages are saved as they come, so a large first fetch that is
            // killed or stopped keeps what it read (DOCKET_FETCH_COMMIT_PAGES:
            // pages of 100 issues a commit; tests make it 1).
            let every = ProcessInfo.processInfo.environment["DOCKET_FETCH_COMMIT_PAGES"].flatMap(Int.init) ?? 10
            var summary = ImportSummary()
            var saved = (pages: 0, tickets: 0)
            let result: FetchResult
            do {
                result = try fetch.run(from: cursor, commitEvery: every) { batch, resume in
                    summary.add(try store.importBatch(batch))
                    try store.saveFetchCursor(resume, api: apiURL, repo: repository)
                    saved.pages += every
                    saved.tickets += batch.tickets.count
                }
            } catch let e as FetchError {
                if interactive { printErr("\n") }
                throw CLIError(e.description + (saved.pages == 0 ? " (nothing was written)"
                    : "; the \(saved.tickets) issues of the first \(saved.pages) pages are saved, and the next fetch goes on from there"))
            }
            if interactive && result.pages > 0 { printErr("\n") }
            if !result.notModified {
                summary.add(try store.importBatch(result.batch))
                try store.saveFetchCursor(result.cursor, api: apiURL, repo: repository)
            } else {
                summary.totalTickets = store.tickets.count
            }
            if json {
                var w = JSONWriter()
                w.raw("{"); w.key("repository"); w.string(repository)
                w.comma(); w.key("not_modified"); w.bool(result.notModified)
                for (k, v) in [("pages", result.pages), ("added", summary.added), ("updated", summary.updated),
                               ("unchanged", summary.unchanged), ("comments_added", summary.commentsAdded),
                               ("total_tickets", summary.totalTickets)] {
                    w.comma(); w.key(k); w.int(v)
                }
                w.comma(); w.key("rate_remaining"); if let r = result.rateRemaining { w.int(r) } else { w.null() }
                w.raw("}\n")
                printOut(String(decoding: w.bytes, as: UTF8.self))
            } else if result.notModified {
                printOut("\(repository): nothing changed since the last fetch; the store holds \(summary.totalTickets) tickets\n")
            } else {
                printOut("\(repository): " + summary.description + "\n")
            }
        }
    }

    /// $GH_TOKEN, $GITHUB_TOKEN, else what `gh auth token` prints (when gh is installed and logged in).
    static func token() -> String? {
        let env = ProcessInfo.processInfo.environment
        for name in ["GH_TOKEN", "GITHUB_TOKEN"] {
            if let t = env[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty { return t }
        }
        guard env["DOCKET_NO_GH"] == nil else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["gh", "auth", "token"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        let t = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }
}
