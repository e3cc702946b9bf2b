import Foundation

/// Where the last fetch of one repository stopped: the newest `updated_at`
/// it saw (the next fetch asks only for what changed since), and the ETag
/// of the first page it asked for (an unchanged repository answers 304 and
/// costs nothing).
public struct FetchCursor: Sendable, Equatable {
    public var since: Date?
    public var etag: String?
    /// Set while a fetch stopped part way (killed, or a page that kept
    /// failing) after saving its first pages of issues: `since` is where the
    /// issues go on, and comments must still be asked for from where the
    /// interrupted fetch began, `commentsSince` (nil: all of them).
    public var resuming = false
    public var commentsSince: Date?

    public init(since: Date? = nil, etag: String? = nil, resuming: Bool = false, commentsSince: Date? = nil) {
        self.since = since
        self.etag = etag
        self.resuming = resuming
        self.commentsSince = commentsSince
    }

    /// Where the comments of the next fetch start.
    public var commentsFrom: Date? { resuming ? commentsSince : since }
}
