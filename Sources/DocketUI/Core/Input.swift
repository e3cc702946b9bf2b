import DocketModel
import DocketReport
import Foundation

/// A key press, decoded by the terminal backend from curses' key codes.
public enum Key: Hashable, Sendable {
    /// A printable character (including space).
    case char(Character)
    /// Ctrl plus a letter, lower-cased: Ctrl-C is `.ctrl("c")`.
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab, delete, insert
    case function(Int)
}

/// A mouse event in buffer coordinates.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, release, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int
    public init(kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// Everything the runtime feeds into `update`.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    case mouse(MouseEvent)
    /// The generated recommendations of a period (by `Recommendations.key`),
    /// after an `Effect.loadRecommendations`.
    case recommendationsLoaded(period: String, [Recommendation])
    /// A report's Markdown, after an `Effect.loadReport`.
    case reportLoaded(Report.Kind, CivilDate, markdown: String)
    /// The files an `Effect.export` wrote.
    case exported([String])
    /// The export found the same report already written (only its
    /// generation time would differ): nothing written; these are its files.
    case exportUnchanged([String])
    /// The text as `$EDITOR` left it, after an `Effect.editExternally`.
    case edited(EditPurpose, String)
    /// An effect that could not be carried out, and why.
    case failed(String)
    /// Work the runtime started in the background (an analysis, a report),
    /// for the status bar until its answer arrives; nil when none is left.
    case working(String?)
    /// The store's data as the runtime read it again (another process wrote
    /// it), or the saved analysis once it was read or brought up to date.
    case loaded(StoreData)
}

/// Data the runtime read from the store, for `InputEvent.loaded`: what is
/// nil did not change. Two values are equal when they are the same read
/// (`generation`, given by `init`), so comparing events never compares
/// whole corpora.
public struct StoreData: Hashable, Sendable {
    public let generation: Int
    public var tickets: [Ticket]?
    public var annotations: [TicketKey: TicketAnnotation]?
    public var curation: Curation?
    public var clusters: ClusterSnapshot?
    /// What the status bar says (a reload says so; a first load of the
    /// saved analysis says nothing).
    public var message: String?

    public init(tickets: [Ticket]? = nil, annotations: [TicketKey: TicketAnnotation]? = nil,
                curation: Curation? = nil, clusters: ClusterSnapshot? = nil, message: String? = nil) {
        self.generation = Self.counter.next()
        self.tickets = tickets
        self.annotations = annotations
        self.curation = curation
        self.clusters = clusters
        self.message = message
    }

    public static func == (a: StoreData, b: StoreData) -> Bool { a.generation == b.generation }
    public func hash(into h: inout Hasher) { h.combine(generation) }

    private static let counter = Counter()

    /// Numbers the reads; any thread may make one.
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }
}
