import Foundation

/// Where the last fetch of one repository stopped: the newest `updated_at`
/// it saw (the next fetch asks only for what changed since), and the ETag
/// of the first page it asked for (an unchanged repository answers 304 and
/// costs nothing).
public struct FetchCursor: Sendable, Equatable {
    public var since: Date?
    public var etag: String?

    public init(since: Date? = nil, etag: String? = nil) {
        self.since = since
        self.etag = etag
    }
}
