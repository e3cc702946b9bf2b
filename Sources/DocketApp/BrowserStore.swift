import DocketModel
import DocketStore
import Foundation

/// What the browser runtime needs of a store, on the thread that draws:
/// its data as values, durable edits, and whether another process wrote it.
/// `Store` conforms; the runtime's tests use a fake.
public protocol BrowserStore: AnyObject {
    var contents: StoreContents { get }
    /// Records `edits` durably, in order, before returning; throws when one
    /// could not be saved (those before it were). `lockWait`: how long to
    /// wait for another process that holds the store (nil: the store's own
    /// timeout); past it, `StoreError.locked` naming the holder.
    func save(_ edits: [Edit], lockWait: TimeInterval?) throws
    /// Keeps the edits that wait (shown, not saved: another process holds
    /// the store) where the next open finds them if this process is killed;
    /// an empty list forgets them.
    func keepWaiting(_ edits: [Edit]) throws
    /// Whether another process changed the files since this store read them.
    func changedOnDisk() -> Bool
    /// What work on another thread may use of this store.
    var files: any StoreFiles { get }
}

/// The part of a store that background work uses: files only, never the
/// loaded store (which goes on taking edits on the drawing thread), so it is
/// safe to use from any thread.
public protocol StoreFiles: Sendable {
    /// The saved analysis, or nil when none was made.
    func loadClusters() throws -> ClusterSnapshot?
    func saveClusters(_ snapshot: ClusterSnapshot) throws
    /// The store opened afresh (after another process wrote it), for the
    /// drawing thread to take over.
    func reopen() throws -> Handoff<any BrowserStore>
}

/// A value made on one thread and handed to another that alone uses it from
/// then on: how a freshly opened store crosses from the worker to the
/// drawing thread. The worker keeps no reference to it.
public final class Handoff<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}

extension Store: BrowserStore {
    public func save(_ edits: [Edit], lockWait: TimeInterval?) throws {
        let timeout = lockTimeout
        defer { lockTimeout = timeout }
        if let lockWait { lockTimeout = lockWait }
        for e in edits { try apply(e) }
    }

    public func keepWaiting(_ edits: [Edit]) throws { try keepWaiting(edits, at: Date()) }

    public var files: any StoreFiles { JSONStoreFiles(directory: directory, lockTimeout: lockTimeout, lazyText: lazyText) }
}

/// The JSON-file store's files, by directory.
public struct JSONStoreFiles: StoreFiles {
    public var directory: String
    public var lockTimeout: Double
    public var lazyText: Bool

    public func loadClusters() throws -> ClusterSnapshot? {
        try Store.loadClusters(directory: directory, lockTimeout: lockTimeout)
    }

    public func saveClusters(_ snapshot: ClusterSnapshot) throws {
        try Store.saveClusters(snapshot, directory: directory, lockTimeout: lockTimeout)
    }

    public func reopen() throws -> Handoff<any BrowserStore> {
        Handoff(try Store.open(directory, mode: .existing, lockTimeout: lockTimeout, lazyText: lazyText))
    }
}
