import Foundation

/// Open or closed, as the tracker says.
public enum TicketState: String, Sendable, Codable, CaseIterable {
    case open
    case closed
}

/// A comment on a ticket.
public struct Comment: Sendable, Equatable {
    /// The tracker's id when known (REST comments have one); 0 otherwise.
    public var id: Int
    public var author: String
    /// True for bot accounts (`type: Bot` or a `[bot]` login).
    public var authorIsBot: Bool
    /// GitHub's `author_association` (MEMBER, OWNER, COLLABORATOR, NONE...).
    public var association: String
    public var createdAt: Date
    public var body: String {
        get { bodyText.value }
        set { bodyText = LazyText(newValue) }
    }
    /// The body as stored: possibly still undecoded (see `LazyText`).
    public var bodyText: LazyText
    public var reactions: Int

    public init(id: Int = 0, author: String, authorIsBot: Bool = false, association: String = "",
                createdAt: Date, body: String, reactions: Int = 0) {
        self.id = id
        self.author = author
        self.authorIsBot = authorIsBot
        self.association = association
        self.createdAt = createdAt
        self.bodyText = LazyText(body)
        self.reactions = reactions
    }
}

/// An imported support ticket: everything here comes from the tracker and is
/// replaced when a newer version is imported. What people add (themes,
/// triage status, notes) lives in `TicketAnnotation`, never here.
public struct Ticket: Sendable, Equatable {
    /// Where the ticket lives, e.g. `owner/repo` for GitHub.
    public var source: String
    public var number: Int
    public var title: String
    /// The raw body, exactly as imported (empty when the tracker had none).
    public var body: String {
        get { bodyText.value }
        set { bodyText = LazyText(newValue) }
    }
    /// The body as stored: possibly still undecoded (see `LazyText`).
    public var bodyText: LazyText
    public var state: TicketState
    /// GitHub's `state_reason`: completed, not_planned, reopened, or nil.
    public var stateReason: String?
    public var labels: [String]
    public var author: String
    public var assignees: [String]
    public var createdAt: Date
    public var updatedAt: Date
    public var closedAt: Date?
    /// The tracker's comment count; may exceed `comments.count` when only
    /// the issue, not its comments, was imported.
    public var commentCount: Int
    /// Reactions on the ticket itself.
    public var reactions: Int
    public var comments: [Comment]
    /// The web page of the ticket.
    public var url: String
    /// How many times Docket saw this ticket go from closed back to open.
    public var reopenCount: Int
    /// False when the tracker gave no comment count at all (a `null` or
    /// missing `comments`): then `commentCount` is 0 for want of a number,
    /// not because nobody commented.
    public var commentCountKnown: Bool

    public init(source: String, number: Int, title: String, body: String = "", state: TicketState = .open,
                stateReason: String? = nil, labels: [String] = [], author: String = "", assignees: [String] = [],
                createdAt: Date, updatedAt: Date? = nil, closedAt: Date? = nil, commentCount: Int? = nil,
                reactions: Int = 0, comments: [Comment] = [], url: String = "", reopenCount: Int = 0,
                commentCountKnown: Bool = true) {
        self.source = source
        self.number = number
        self.title = title
        self.bodyText = LazyText(body)
        self.state = state
        self.stateReason = stateReason
        self.labels = labels
        self.author = author
        self.assignees = assignees
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.closedAt = closedAt
        self.commentCount = commentCount ?? comments.count
        self.reactions = reactions
        self.comments = comments
        self.url = url
        self.reopenCount = reopenCount
        self.commentCountKnown = commentCountKnown
    }

    /// Stable identity across imports: `source#number`.
    public var key: TicketKey { TicketKey(source: source, number: number) }

    /// This ticket with its body and comment bodies decoded once (see
    /// `LazyText`): for work that reads them many times, such as an analysis
    /// of a lazily loaded store, which would otherwise decode on every read.
    public func decoded() -> Ticket {
        var t = self
        t.body = body
        for i in t.comments.indices { t.comments[i].body = t.comments[i].body }
        return t
    }

    /// Sections of a GitHub issue form in the body.
    public var form: IssueForm { IssueForm(body: body) }

    /// The number of comments known, whichever is larger: the count the
    /// tracker reported or the comments actually imported.
    public var knownCommentCount: Int { max(commentCount, comments.count) }

    /// True when every comment the tracker counts was imported, so who
    /// wrote in the thread is known: not when only a count arrived, nor
    /// when not even the count did.
    public var threadKnown: Bool { commentCountKnown && comments.count >= commentCount }
}

/// Identifies a ticket across imports and sources.
public struct TicketKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var source: String
    public var number: Int

    public init(source: String, number: Int) {
        self.source = source
        self.number = number
    }

    public static func < (a: TicketKey, b: TicketKey) -> Bool {
        a.source != b.source ? a.source < b.source : a.number < b.number
    }

    public var description: String { "\(source)#\(number)" }

    /// How people write the ticket: `PROJ-123` for a Jira issue (source
    /// `jira/PROJ`), `#123` for GitHub and Zendesk.
    public var label: String {
        source.hasPrefix("jira/") ? "\(source.dropFirst("jira/".count))-\(number)" : "#\(number)"
    }

    /// The number alone: keys of one store rarely share it across sources,
    /// and hashing the source string too made building and probing a set of
    /// 100,000 keys about twice as slow. Equality still compares both.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(number)
    }

    /// Parses `owner/repo#12`.
    public init?(_ text: String) {
        guard let hash = text.lastIndex(of: "#"), let n = Int(text[text.index(after: hash)...]) else { return nil }
        self.init(source: String(text[..<hash]), number: n)
    }
}

extension Ticket {
    /// Closed before `end` (by its closing time, else its last update).
    package func isResolved(by end: Date) -> Bool {
        state == .closed && (closedAt ?? updatedAt) < end
    }
}
