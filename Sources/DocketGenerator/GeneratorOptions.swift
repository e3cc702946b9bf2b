import Foundation

/// What to generate: how many tickets, from which seed, over which dates.
///
/// Everything the generator produces is a function of these values alone, so a
/// benchmark or test can name a corpus by its options instead of shipping it.
public struct GeneratorOptions: Sendable {
    /// Number of issues (pull requests come on top of these).
    public var tickets: Int
    public var seed: UInt64
    /// Latest possible `created_at`. Fixed by default, never "now", so the
    /// same options give the same bytes on any day.
    public var end: Date
    /// `created_at` values spread over this many days before `end`.
    public var days: Int
    /// Adds about 2% pull-request items (with a `pull_request` key), as the
    /// REST issues endpoint returns them and importers have to skip them.
    public var includePullRequests: Bool
    /// One JSON array holding issues then comments, instead of 100-item pages
    /// concatenated as `gh api --paginate` writes them.
    public var singleArray: Bool

    /// 2026-03-31T18:00:00Z.
    public static let defaultEnd = Date(timeIntervalSince1970: 1_774_980_000)

    public init(
        tickets: Int,
        seed: UInt64,
        end: Date = GeneratorOptions.defaultEnd,
        days: Int = 90,
        includePullRequests: Bool = true,
        singleArray: Bool = false
    ) {
        self.singleArray = singleArray
        self.tickets = tickets
        self.seed = seed
        self.end = end
        self.days = days
        self.includePullRequests = includePullRequests
    }
}
