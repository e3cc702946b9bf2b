import DocketModel
import Foundation

/// What the application layer uses of a store: the tickets and what people
/// added to them as values, durable edits, imports, the saved analysis, and
/// whether another process changed it. `Store` (the JSON files in a
/// directory) is the conformance; the curation methods (themes,
/// recommendations) are built on this surface (`TicketStore+Curation.swift`),
/// so another store gets them too.
///
/// A store is used from one thread at a time; background work takes
/// values (`StoreContents` in DocketApp) or the files alone.
public protocol TicketStore: AnyObject {
    /// Every ticket, in the store's order.
    var tickets: [Ticket] { get }
    /// What people added to tickets, by ticket.
    var annotations: [TicketKey: TicketAnnotation] { get }
    /// Themes, recommendation edits and cluster decisions.
    var curation: Curation { get }

    func ticket(_ key: TicketKey) -> Ticket?

    /// Records an edit durably before returning, then applies it in memory
    /// as `EditHistory.apply` does.
    func apply(_ edit: Edit, at date: Date) throws

    /// Merges an import: new tickets added, changed ones updated, comments
    /// attached.
    @discardableResult
    func importBatch(_ batch: ImportBatch) throws -> ImportSummary

    /// True when another process changed the store since this one last read
    /// or wrote it: the caller should `reload()`.
    func changedOnDisk() -> Bool
    /// Reads the store again, replacing what is in memory.
    func reload() throws

    /// Whether an analysis was saved (without reading it).
    var hasClusters: Bool { get }
    /// The last saved analysis, or nil when none was made yet.
    func loadClusters() throws -> ClusterSnapshot?
    func saveClusters(_ snapshot: ClusterSnapshot) throws
}

extension TicketStore {
    /// What people decided about clusters (names, moves, merges...).
    public var clusterCuration: ClusterCuration { curation.clusters }

    /// What people added to `key` (empty when nothing).
    public func annotation(_ key: TicketKey) -> TicketAnnotation { annotations[key] ?? TicketAnnotation() }
}

extension Store: TicketStore {}
