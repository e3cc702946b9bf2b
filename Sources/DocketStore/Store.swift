import DocketModel
import Foundation

/// What an import changed.
public struct ImportSummary: Sendable, Equatable, CustomStringConvertible {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var skippedPullRequests = 0
    public var commentsAdded = 0
    public var orphanComments = 0
    public var reopened = 0
    public var totalTickets = 0

    public init() {}

    public var changed: Bool { added > 0 || updated > 0 }

    /// Adds a later import's counts to these (the store's total is the later one's).
    public mutating func add(_ o: ImportSummary) {
        added += o.added; updated += o.updated; unchanged += o.unchanged
        skippedPullRequests += o.skippedPullRequests; commentsAdded += o.commentsAdded
        orphanComments += o.orphanComments; reopened += o.reopened
        totalTickets = o.totalTickets
    }

    public var description: String {
        var parts = ["\(added) added", "\(updated) updated", "\(unchanged) unchanged"]
        if commentsAdded > 0 { parts.append("\(commentsAdded) comments attached") }
        if skippedPullRequests > 0 { parts.append("\(skippedPullRequests) pull requests skipped") }
        if orphanComments > 0 { parts.append("\(orphanComments) comments skipped (their tickets are not in the store)") }
        if reopened > 0 { parts.append("\(reopened) reopened") }
        return "imported: " + parts.joined(separator: ", ") + "; the store now holds \(totalTickets) tickets"
    }
}

/// The in-memory store, persisted as JSON files in one directory:
///
/// - `corpus.json` and `corpus-NNNNNN.json`: imported tickets. An import
///   writes only what it changed, as a new segment file (the changed tickets
///   whole); loading reads the base and lays the segments over it in order,
///   the last copy of a ticket winning. Segments are folded together when
///   there are many, and into the base when they reach a quarter of it, so
///   an import costs about what it brings and loading stays one scan (see
///   `importBatch`).
/// - `annotations.json`: a snapshot of what people added.
/// - `journal.jsonl`: edits since that snapshot, one line each, appended and
///   fsynced before an edit is acknowledged, so an edit costs the same at 100
///   tickets and at 100,000 and survives `kill -9`.
/// - `lock`: an advisory lock; writers hold it exclusively, loads shared.
///   Its contents name the holder, for the message another process prints.
///
/// Files are 0600, the directory 0700; every rewrite is atomic.
public final class Store {
    public let directory: String
    public private(set) var tickets: [Ticket]
    public private(set) var annotations: [TicketKey: TicketAnnotation]
    /// Themes and recommendation edits (see `TicketStore+Curation.swift`).
    public private(set) var curation = Curation()
    private var index: [TicketKey: Int]
    /// How long a writer waits for another process's lock.
    public var lockTimeout: Double
    /// Loads leave bodies undecoded until read (see `LazyText`).
    public let lazyText: Bool

    public static let journalCompactionThreshold = 5_000
    var journalLength = 0
    /// Bytes of the journal's complete lines that memory holds (read or
    /// written by this store): where the edits of other processes begin.
    private var journalBytes = 0
    /// `corpusFilesStamp()` when `tickets` was read or written.
    private var corpusStamp: String?
    /// The corpus files as last read or written (sizes, segments).
    private var layout = CorpusLayout()
    /// Stamps of annotations.json and journal.jsonl as this store last read or wrote them.
    var curationStamps: [String?] = []
    /// Another process wrote the journal just before one of this store's
    /// own appends: what it wrote is not in memory until `reload()`.
    private var missedExternalWrite = false
    /// Stale temporary files removed when the store was opened, and their bytes.
    public internal(set) var reclaimed: (files: Int, bytes: Int) = (0, 0)
    /// Edits that killed processes had kept aside while they waited for the
    /// store (`keepWaiting`), saved into the journal when this store opened.
    public internal(set) var adopted = 0

    var corpusPath: String { directory + "/corpus.json" }
    var annotationsPath: String { directory + "/annotations.json" }
    var journalPath: String { directory + "/journal.jsonl" }
    var lockPath: String { directory + "/lock" }

    private init(directory: String, tickets: [Ticket], annotations: [TicketKey: TicketAnnotation], lockTimeout: Double,
                 lazyText: Bool = false) {
        self.directory = directory
        self.lazyText = lazyText
        self.tickets = tickets
        self.annotations = annotations
        self.lockTimeout = lockTimeout
        self.index = Dictionary(tickets.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// How `open` treats a directory that holds no store.
    public enum OpenMode: Sendable {
        /// Create the store if needed: for commands that write (import, tag...).
        case create
        /// Fail with `StoreError.noStore`, creating nothing: for commands that
        /// only read, where a misspelt path must not pass for an empty store.
        case existing
    }

    /// The files whose presence makes a directory a store (the lock alone
    /// does not: any open used to leave one).
    static let dataFiles = ["corpus.json", "annotations.json", "journal.jsonl"]

    /// Whether `directory` holds a Docket store (without reading or locking it).
    public static func exists(at directory: String) -> Bool {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else { return false }
        return dataFiles.contains { Platform.exists(directory + "/" + $0) }
    }

    /// Opens the store in `directory` and loads it, creating it first if
    /// needed unless `mode` is `.existing`.
    /// `lazyText` leaves bodies undecoded until they are read: the browser
    /// uses it to show its first frame without decoding the whole corpus.
    public static func open(_ directory: String, mode: OpenMode = .create, lockTimeout: Double? = nil,
                            lazyText: Bool = false) throws -> Store {
        let timeout = lockTimeout ?? ProcessInfo.processInfo.environment["DOCKET_LOCK_TIMEOUT"].flatMap(Double.init) ?? 10
        switch mode {
        case .existing:
            guard exists(at: directory) else { throw StoreError.noStore(dir: directory) }
        case .create:
            do {
                try Platform.makePrivateDirectory(directory)
            } catch {
                throw StoreError.io("cannot create the store directory \(directory): \(error); choose another with --store DIR")
            }
        }
        let store = Store(directory: directory, tickets: [], annotations: [:], lockTimeout: timeout, lazyText: lazyText)
        // Edits a killed browser kept while it waited for the store: into
        // the journal before anything reads it (not for a read-only store).
        if !store.waitingFilesOfDeadProcesses().isEmpty, mode == .create || access(directory, W_OK) == 0 {
            // Busy or unreadable: the next open tries again; this one reads without them.
            store.adopted = (try? store.withLock(.exclusive) { try store.adoptWaitingEdits() }) ?? 0
        }
        try store.reload()
        // A corpus that vanished under what people added to its tickets: a
        // read would report an empty store as if nothing were wrong. Writers
        // (an import above all, the way back) go on.
        if mode == .existing, let missing = store.missingCorpus { throw StoreError.io(missing) }
        // What killed writers left behind, under the lock so that no writer
        // of this store is running; a read-only store is left as it is.
        if Platform.hasStaleTemporaries(in: directory), mode == .create || access(directory, W_OK) == 0 {
            store.reclaimed = (try? store.withLock(.exclusive) { Platform.removeStaleTemporaries(in: directory) }) ?? (0, 0)
        }
        return store
    }

    /// Reads the files again (under a shared lock), replacing memory.
    public func reload() throws {
        try withLock(.shared) {
            let stamp = corpusFilesStamp()
            let (tickets, layout) = try Trace.measure("decode corpus") { try readCorpus(lazyText: lazyText) }
            self.corpusStamp = stamp
            self.layout = layout
            self.curationStamps = [Platform.stamp(of: annotationsPath), Platform.stamp(of: journalPath)]
            self.missedExternalWrite = false
            let added = try readAdded()
            self.tickets = tickets
            self.annotations = added.annotations
            self.curation = added.curation
            self.journalLength = added.edits
            self.journalBytes = added.journalBytes
            self.index = Dictionary(tickets.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    private func read(_ path: String) throws -> Data { try Self.read(path) }

    /// The file's bytes, copied into memory: never mapped, because another
    /// program that truncates or rewrites a store file in place (a `cp` of
    /// a backup, a sync tool) would turn every later read of the mapped
    /// pages (a ticket's body, decoded lazily) into a SIGBUS. A copy is
    /// what the file held when read; a change shows in the stamps, and the
    /// caller reloads.
    static func read(_ path: String) throws -> Data {
        do {
            return try Platform.readFile(path)
        } catch {
            let reason = (error as? Platform.SystemError).map { String(cString: strerror($0.code)) } ?? "\(error)"
            throw StoreError.io("cannot read \(path): \(reason)")
        }
    }

    /// When corpus.json is gone while people's edits name tickets (the store
    /// is not empty, its tickets are missing): what to say and do; else nil.
    public var missingCorpus: String? {
        guard layout.baseMissing, !annotations.isEmpty else { return nil }
        return "\(corpusPath) is missing, while \(annotations.count) tickets have tags, marks or notes; restore it from a backup, "
            + "or import the tickets again with `docket import --store \(StoreError.shellQuoted(directory)) FILE`"
    }

    public func ticket(_ key: TicketKey) -> Ticket? { index[key].map { tickets[$0] } }

    // MARK: - Edits

    /// Records an edit: appended to the journal and fsynced under the lock
    /// before memory changes, so when the caller shows it, it is durable.
    /// - Complexity: O(1) in the number of tickets (amortised; the journal is
    ///   compacted into the snapshot every few thousand edits).
    ///
    /// When another process wrote edits since this store last read or wrote
    /// the journal, they are read first and `edit` is restated over them
    /// (`EditRebase`): what the other process changed stays changed.
    public func apply(_ edit: Edit, at date: Date = Date()) throws {
        try withLock(.exclusive) {
            var written = edit
            if [Platform.stamp(of: annotationsPath), Platform.stamp(of: journalPath)] != curationStamps {
                missedExternalWrite = true
                let base = curation
                let concurrent = try catchUp()
                written = EditRebase.rebase(edit, concurrent: concurrent, base: base, fresh: curation, freshAnnotations: annotations)
            }
            let line = AnnotationCodec.encodeEdit(written, at: date)
            do {
                try Platform.appendDurably(line, to: journalPath)
            } catch {
                throw StoreError.io("cannot save the edit to \(journalPath): \(error)")
            }
            curationStamps = [Platform.stamp(of: annotationsPath), Platform.stamp(of: journalPath)]
            journalBytes = Platform.size(of: journalPath) ?? (journalBytes + line.count)
            Self.apply(written, to: &annotations, &curation)
        }
        journalLength += 1
        // The edit is durable once in the journal: a compaction that cannot
        // write (a full disk, a read-only folder) loses nothing and must not
        // report the edit as unsaved (a retry would record it twice). It is
        // tried again at the next edit; the reason is kept for a note.
        if journalLength >= Self.journalCompactionThreshold {
            do {
                try compact()
                compactionProblem = nil
            } catch {
                compactionProblem = "\(error)"
            }
        }
    }

    // MARK: - Edits that wait

    /// This process's file of edits that wait for the store.
    var waitingPath: String { directory + "/waiting-\(Platform.processID).jsonl" }

    /// Keeps `edits` (shown, not saved yet: another process holds the
    /// store) in this process's own file, without the lock, durably: if this
    /// process is killed before they are saved, the next Docket to open the
    /// store saves them. An empty list removes the file.
    public func keepWaiting(_ edits: [Edit], at date: Date = Date()) throws {
        guard !edits.isEmpty else {
            if unlink(waitingPath) == 0 { try? Platform.syncDirectory(directory) }
            return
        }
        do {
            try Platform.writeAtomically(edits.flatMap { AnnotationCodec.encodeEdit($0, at: date) }, to: waitingPath)
        } catch {
            throw StoreError.io("cannot keep the edits that wait in \(waitingPath): \(error)")
        }
    }

    /// Names of `waiting-PID.jsonl` files whose process has gone.
    func waitingFilesOfDeadProcesses() -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { name in
            guard name.hasPrefix("waiting-"), name.hasSuffix(".jsonl"),
                  let pid = Int32(name.dropFirst("waiting-".count).dropLast(".jsonl".count)) else { return false }
            return pid != Platform.processID && !Platform.processIsAlive(pid)
        }.sorted()
    }

    /// Appends the edits of dead processes' waiting files to the journal and
    /// removes the files; a file that does not read is left (and named by
    /// the error). Under the exclusive lock. Returns the edits saved.
    func adoptWaitingEdits() throws -> Int {
        var count = 0
        for name in waitingFilesOfDeadProcesses() {
            let path = directory + "/" + name
            let data = try read(path)
            let edits = try AnnotationCodec.decodeJournal(data, path: path)
            let complete = data.lastIndex(of: 0x0A).map { data.prefix(through: $0) } ?? Data()
            if !complete.isEmpty {
                do {
                    try Platform.appendDurably([UInt8](complete), to: journalPath)
                } catch {
                    throw StoreError.io("cannot save the edits kept in \(path) to \(journalPath): \(error)")
                }
            }
            // Saved twice if killed right here: edits are settings, so the replay changes nothing.
            unlink(path)
            count += edits.count
        }
        try? Platform.syncDirectory(directory)
        return count
    }

    /// Reads what other processes wrote to the journal since this store
    /// last read or wrote it, applies it in memory and returns it. Called
    /// under the exclusive lock. When another process compacted the journal
    /// meanwhile (the snapshot changed, or the journal is shorter), both are
    /// read again whole; which of their edits are new to this store cannot
    /// be told after a compaction, so none are returned (an edit then
    /// follows no concurrent rename), but memory is the latest state.
    private func catchUp() throws -> [Edit] {
        let snapshotChanged = Platform.stamp(of: annotationsPath) != curationStamps.first ?? nil
        let size = Platform.size(of: journalPath) ?? 0
        if snapshotChanged || size < journalBytes {
            let added = try readAdded()
            annotations = added.annotations
            curation = added.curation
            journalLength = added.edits
            journalBytes = added.journalBytes
            return []
        }
        let (edits, bytes) = try readJournal(from: journalBytes)
        for e in edits { Self.apply(e, to: &annotations, &curation) }
        journalLength += edits.count
        journalBytes = bytes
        return edits
    }

    /// What people added, from the files: the snapshot with the whole
    /// journal applied, how many edits the journal holds and the bytes of
    /// its complete lines. Called under a lock.
    private func readAdded() throws -> (annotations: [TicketKey: TicketAnnotation], curation: Curation, edits: Int, journalBytes: Int) {
        var ann: [TicketKey: TicketAnnotation] = [:]
        var cur = Curation()
        if Platform.exists(annotationsPath) {
            (ann, cur) = try AnnotationCodec.decodeSnapshot(try read(annotationsPath), path: annotationsPath)
        }
        let (edits, bytes) = try readJournal(from: 0)
        for e in edits { Self.apply(e, to: &ann, &cur) }
        return (ann, cur, edits.count, bytes)
    }

    /// The complete edits of the journal from byte `offset` (the start of a
    /// line), and the offset just past the last complete line.
    private func readJournal(from offset: Int) throws -> ([Edit], Int) {
        guard Platform.exists(journalPath) else { return ([], 0) }
        let data = try read(journalPath)
        guard offset < data.count else { return ([], data.count) }
        let tail = data.subdata(in: offset..<data.count)
        let complete = (tail.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
        let edits = try AnnotationCodec.decodeJournal(tail, path: journalPath)
        return (edits, offset + complete)
    }

    /// Why the last compaction after an edit failed (the edit itself was
    /// saved in the journal), or nil.
    public internal(set) var compactionProblem: String?

    static func apply(_ edit: Edit, to ann: inout [TicketKey: TicketAnnotation], _ curation: inout Curation) {
        EditHistory.apply(edit, annotations: &ann, curation: &curation)
    }

    /// Folds the journal into `annotations.json`. Re-reads both under the
    /// exclusive lock so that edits another process appended are kept.
    public func compact() throws {
        try withLock(.exclusive) {
            let added = try readAdded()
            let (ann, cur) = (added.annotations, added.curation)
            do {
                try Platform.writeAtomically(AnnotationCodec.encodeSnapshot(ann, curation: cur), to: annotationsPath)
                // A crash between these two writes replays edits already in
                // the snapshot; the edits are idempotent, so that is harmless.
                try Platform.writeAtomically([UInt8](), to: journalPath)
            } catch {
                throw StoreError.io("cannot compact the store's journal: \(error)")
            }
            annotations = ann
            curation = cur
            journalLength = 0
            journalBytes = 0
            curationStamps = [Platform.stamp(of: annotationsPath), Platform.stamp(of: journalPath)]
            missedExternalWrite = false  // both files were just read again
        }
    }

    /// True when another process changed the corpus or what people added
    /// since this store last read or wrote them (an import from cron, the
    /// CLI tagging a ticket): the caller should `reload()`.
    /// - Complexity: a directory listing and a `stat` per store file.
    public func changedOnDisk() -> Bool {
        missedExternalWrite || corpusFilesStamp() != corpusStamp
            || [Platform.stamp(of: annotationsPath), Platform.stamp(of: journalPath)] != curationStamps
    }

    // MARK: - Clusters

    var clustersPath: String { directory + "/clusters.json" }

    /// Whether an analysis was saved (without reading it).
    public var hasClusters: Bool { Platform.exists(clustersPath) }

    /// The last saved analysis, or nil when none was made yet.
    public func loadClusters() throws -> ClusterSnapshot? {
        try Self.loadClusters(directory: directory, lockTimeout: lockTimeout)
    }

    /// `loadClusters` without a loaded store (see `saveClusters(_:directory:lockTimeout:)`).
    public static func loadClusters(directory: String, lockTimeout: Double) throws -> ClusterSnapshot? {
        let path = directory + "/clusters.json"
        return try withLock(directory: directory, timeout: lockTimeout, .shared) {
            guard Platform.exists(path) else { return nil }
            return try ClusterCodec.decode(try read(path), path: path)
        }
    }

    /// Saves an analysis atomically (the old file stays whole until the new one is in place).
    public func saveClusters(_ snapshot: ClusterSnapshot) throws {
        try Self.saveClusters(snapshot, directory: directory, lockTimeout: lockTimeout)
    }

    /// `saveClusters` without a loaded store: touches nothing but the lock
    /// and clusters.json, so a background task can save an analysis while
    /// the store it was made from goes on taking edits on another thread.
    public static func saveClusters(_ snapshot: ClusterSnapshot, directory: String, lockTimeout: Double) throws {
        let path = directory + "/clusters.json"
        try withLock(directory: directory, timeout: lockTimeout, .exclusive) {
            do {
                try Platform.writeAtomically(ClusterCodec.encode(snapshot), to: path)
            } catch {
                throw StoreError.io("cannot write \(path): \(error); the previous analysis was kept")
            }
        }
    }

    // MARK: - Import

    /// Merges a batch into the store and writes what changed. Imported
    /// fields are replaced only by a strictly newer `updated_at`; annotations
    /// are never touched. Runs under the exclusive lock, re-reading the corpus
    /// if another process changed it since this store read it, so a
    /// concurrent writer is not undone.
    ///
    /// What it writes (each file atomically; a crash leaves the old or the new):
    /// - the first import, or when the segments would pass a quarter of the
    ///   base's size: the whole corpus as `corpus.json`, recording the last
    ///   segment it holds, then the segments are deleted;
    /// - when `maxSegments` segments exist: one segment holding all of them
    ///   and the changes (the others are then deleted);
    /// - otherwise the changed tickets as the next segment.
    /// A crash before deletions leaves segments that replay harmlessly: each
    /// holds whole tickets, and those folded into the base are skipped.
    /// - Complexity: O(n) in memory for the merge and the index; the bytes
    ///   written are the changed tickets', amortised.
    @discardableResult
    public func importBatch(_ batch: ImportBatch) throws -> ImportSummary { try importBatch(batch, now: Date()) }

    /// `importBatch`, with dates after `now` (and a day) refused.
    @discardableResult
    public func importBatch(_ batch: ImportBatch, now: Date) throws -> ImportSummary {
        try Self.checkDates(batch, now: now)
        var summary = ImportSummary()
        try withLock(.exclusive) {
            // What is in memory is current unless another process changed
            // the corpus since it was read; only then read it again.
            var merged: [Ticket]
            var layout = self.layout
            let stamp = corpusFilesStamp()
            if stamp != corpusStamp {
                (merged, layout) = try Trace.measure("read corpus") { try readCorpus(lazyText: lazyText) }
            } else {
                // Merged in place rather than copied (a copy of 100,000
                // tickets is most of a small import's merge); if writing
                // fails, what memory holds is read again from the files.
                merged = tickets
                tickets = []
            }
            var changed = Set<TicketKey>()
            summary = Trace.measure("merge") { Self.merge(batch, into: &merged, changed: &changed) }
            do {
                do {
                    try Trace.measure("write") { try write(merged, changed: changed, layout: &layout) }
                } catch {
                    merged = []
                    if let (t, l) = try? readCorpus(lazyText: lazyText) {
                        tickets = t
                        self.layout = l
                        corpusStamp = corpusFilesStamp()
                    } else {
                        corpusStamp = nil
                    }
                    index = Dictionary(tickets.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
                    throw error
                }
            } catch let e as StoreError {
                throw e
            } catch {
                throw StoreError.io("cannot write the corpus in \(directory): \(error); the store was not changed")
            }
            corpusStamp = corpusFilesStamp()
            self.layout = layout
            tickets = merged
            index = Dictionary(merged.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        }
        summary.totalTickets = tickets.count
        return summary
    }

    /// Segments kept before they are folded into one.
    public static let maxSegments = 16

    /// Writes an import's result (see `importBatch`). Called under the lock.
    private func write(_ merged: [Ticket], changed: Set<TicketKey>, layout: inout CorpusLayout) throws {
        // The first import writes the corpus even when it adds nothing, so
        // that what it made is a store that reads can open.
        if layout.baseMissing {
            try writeBase(merged, layout: &layout)
            return
        }
        guard !changed.isEmpty else { return }
        func tickets(_ keys: Set<TicketKey>) -> [Ticket] {
            keys.sorted().compactMap { Self.position(of: $0, in: merged, below: merged.count).map { merged[$0] } }
        }
        let fold = layout.segments.count + 1 > Self.maxSegments
        let keys = fold ? changed.union(layout.segmentKeys) : changed
        let bytes = Trace.measure("encode") { CorpusCodec.encode(tickets(keys), segment: layout.lastSegment + 1) }
        let segmentBytes = (fold ? 0 : layout.segmentBytes) + bytes.count
        if segmentBytes * 4 > layout.baseBytes {
            try writeBase(merged, layout: &layout)
            return
        }
        let n = layout.lastSegment + 1
        let path = segmentPath(n)
        do {
            try Platform.writeAtomically(bytes, to: path)
        } catch {
            throw StoreError.io("cannot write \(path): \(error); the store was not changed")
        }
        // Folded segments, and any a crash left after a fold into the base.
        removeSegments((fold ? layout.segments : []) + layout.staleSegments)
        layout.staleSegments = []
        layout.segments = (fold ? [] : layout.segments) + [CorpusLayout.Segment(number: n, bytes: bytes.count)]
        layout.segmentKeys = fold ? keys : layout.segmentKeys.union(keys)
        layout.lastSegment = n
    }

    private func writeBase(_ merged: [Ticket], layout: inout CorpusLayout) throws {
        let bytes = Trace.measure("encode") { CorpusCodec.encode(merged, segmentsThrough: layout.lastSegment) }
        do {
            try Platform.writeAtomically(bytes, to: corpusPath)
        } catch {
            throw StoreError.io("cannot write \(corpusPath): \(error); the store was not changed")
        }
        removeSegments(layout.segments + layout.staleSegments)
        layout = CorpusLayout(baseMissing: false, baseBytes: bytes.count, lastSegment: layout.lastSegment)
    }

    /// Deletes segment files, oldest first (so that what a crash leaves is
    /// a suffix, which replays to the same tickets). A failure leaves a
    /// file that is harmless to read again.
    private func removeSegments(_ segments: [CorpusLayout.Segment]) {
        if segments.isEmpty { return }
        for s in segments.sorted(by: { $0.number < $1.number }) { unlink(segmentPath(s.number)) }
        try? Platform.syncDirectory(directory)
    }

    // MARK: - Corpus files

    /// What the corpus files hold, as far as writing needs to know.
    struct CorpusLayout {
        struct Segment { var number: Int; var bytes: Int }
        var baseMissing = true
        var baseBytes = 0
        /// The highest segment number used (folded into the base or live):
        /// numbers are never reused.
        var lastSegment = 0
        /// Live segments, oldest first.
        var segments: [Segment] = []
        /// Segments already folded into the base (a crash before deletion).
        var staleSegments: [Segment] = []
        /// The tickets that live segments hold.
        var segmentKeys = Set<TicketKey>()
        var segmentBytes: Int { segments.reduce(0) { $0 + $1.bytes } }
    }

    func segmentPath(_ n: Int) -> String {
        let digits = String(n)
        return directory + "/corpus-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".json"
    }

    /// The segment files in the directory, by number.
    func segmentFiles() -> [(number: Int, name: String)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix("corpus-"), name.hasSuffix(".json") else { return nil }
            let digits = name.dropFirst("corpus-".count).dropLast(".json".count)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int(digits), n > 0 else { return nil }
            return (n, name)
        }.sorted { $0.0 < $1.0 }
    }

    /// Identifies the corpus files' current contents: changes whenever an
    /// import writes (a file's stamp, or the set of segments).
    func corpusFilesStamp() -> String? {
        guard let base = Platform.stamp(of: corpusPath) else { return nil }
        return segmentFiles().reduce(base) { $0 + "|" + $1.name + ":" + (Platform.stamp(of: directory + "/" + $1.name) ?? "") }
    }

    /// Reads the base and lays the live segments over it.
    func readCorpus(lazyText: Bool) throws -> ([Ticket], CorpusLayout) {
        var layout = CorpusLayout()
        guard Platform.exists(corpusPath) else {
            // Segments are laid over a base: without it they are what is left of a store.
            if let (n, _) = segmentFiles().first {
                throw StoreError.io("\(corpusPath) is missing, but the segments laid over it (corpus-\(String(format: "%06d", n)).json on) are there; "
                                    + "restore it from a backup, or move the corpus-*.json files aside and import the tickets again")
            }
            return ([], layout)
        }
        let data = try read(corpusPath)
        let base = try CorpusCodec.decodeFile(data, path: corpusPath, lazyText: lazyText)
        layout.baseMissing = false
        layout.baseBytes = data.count
        layout.lastSegment = base.segmentsThrough
        var tickets = base.tickets
        // Later segments win; a segment holds few tickets, so they are laid
        // over the sorted base by binary search rather than by indexing it.
        var overlay: [TicketKey: Ticket] = [:]
        let mark = Trace.mark()
        for (n, name) in segmentFiles() {
            let path = directory + "/" + name
            let data = try read(path)
            if n <= base.segmentsThrough {
                layout.staleSegments.append(.init(number: n, bytes: data.count))
                continue
            }
            let seg = try CorpusCodec.decodeFile(data, path: path, lazyText: lazyText)
            for t in seg.tickets { overlay[t.key] = t }
            layout.segments.append(.init(number: n, bytes: data.count))
            layout.lastSegment = max(layout.lastSegment, n)
        }
        layout.segmentKeys = Set(overlay.keys)
        if !overlay.isEmpty {
            Trace.lap("read \(layout.segments.count) segments", since: mark)
            Trace.measure("lay segments") { Self.lay(overlay, over: &tickets) }
        }
        return (tickets, layout)
    }

    /// How far after now an export's time may be (clocks differ a little).
    static let futureSlack: TimeInterval = 86_400

    /// Refuses a batch with a date after tomorrow: no tracker exports one,
    /// and a ticket "updated" in 9999 would rank first forever and make
    /// every other ticket's activity look old. Nothing is imported.
    static func checkDates(_ batch: ImportBatch, now: Date) throws {
        let limit = now.addingTimeInterval(futureSlack)
        func check(_ d: Date?, _ what: String, _ key: TicketKey) throws {
            guard let d, d > limit else { return }
            throw StoreError.io("\(key.label) of \(key.source): \(what) \(Timestamp.format(d)) is in the future; "
                                + "the export is wrong there: fix or leave out that ticket (nothing was imported)")
        }
        for t in batch.tickets {
            try check(t.createdAt, "created_at", t.key)
            try check(t.updatedAt, "updated_at", t.key)
            try check(t.closedAt, "closed_at", t.key)
            for c in t.comments { try check(c.createdAt, "a comment's created_at", t.key) }
        }
        for (key, c) in batch.comments { try check(c.createdAt, "a comment's created_at", key) }
    }

    /// Replaces the tickets of `overlay` in `tickets` and inserts the rest,
    /// keeping key order.
    /// - Complexity: O(m log n) when the new tickets sort after the others
    ///   (an import of new issues), O(n + m log n) otherwise.
    static func lay(_ overlay: [TicketKey: Ticket], over tickets: inout [Ticket]) {
        sortIfNeeded(&tickets)
        let n = tickets.count
        for (k, t) in overlay {
            if let i = position(of: k, in: tickets, below: n) { tickets[i] = t } else { tickets.append(t) }
        }
        mergeTail(&tickets, from: n)
    }

    /// Sorts by key unless already sorted (Docket writes tickets in key
    /// order; a file from elsewhere may not be).
    static func sortIfNeeded(_ tickets: inout [Ticket]) {
        if tickets.indices.dropFirst().contains(where: { tickets[$0].key < tickets[$0 - 1].key }) { tickets.sort { $0.key < $1.key } }
    }

    /// The first index of `key` in the sorted prefix `tickets[..<end]`.
    /// - Complexity: O(log end).
    static func position(of key: TicketKey, in tickets: [Ticket], below end: Int) -> Int? {
        var lo = 0, hi = end
        while lo < hi { let mid = (lo + hi) / 2; if tickets[mid].key < key { lo = mid + 1 } else { hi = mid } }
        return lo < end && tickets[lo].key == key ? lo : nil
    }

    /// Sorts the tickets appended after the sorted prefix `..<start` and
    /// merges them in, stably.
    /// - Complexity: O(1) with nothing appended; O(m log m) when they all
    ///   sort last; O(n + m log m) otherwise.
    static func mergeTail(_ tickets: inout [Ticket], from start: Int) {
        guard start < tickets.count else { return }
        var tail = Array(tickets[start...])
        tail.sort { $0.key < $1.key }
        if start == 0 || !(tail[0].key < tickets[start - 1].key) {
            tickets.replaceSubrange(start..., with: tail)
            return
        }
        var out: [Ticket] = []
        out.reserveCapacity(tickets.count)
        var i = 0, j = 0
        while i < start || j < tail.count {
            if j == tail.count || (i < start && !(tail[j].key < tickets[i].key)) { out.append(tickets[i]); i += 1 }
            else { out.append(tail[j]); j += 1 }
        }
        tickets = out
    }

    /// Pure merge of a batch into a sorted ticket list.
    /// - Complexity: O((n + m) log(n + m)).
    public static func merge(_ batch: ImportBatch, into tickets: inout [Ticket]) -> ImportSummary {
        var changed = Set<TicketKey>()
        return merge(batch, into: &tickets, changed: &changed)
    }

    /// `merge`, also collecting the keys of the tickets it added or changed.
    static func merge(_ batch: ImportBatch, into tickets: inout [Ticket], changed: inout Set<TicketKey>) -> ImportSummary {
        var s = ImportSummary()
        s.skippedPullRequests = batch.skippedPullRequests
        // The tickets are in key order: existing ones are found by binary
        // search, added ones through a small index, and only the added ones
        // are sorted in at the end, so a small batch costs little in a large store.
        sortIfNeeded(&tickets)
        let existing = tickets.count
        var added: [TicketKey: Int] = [:]
        func find(_ k: TicketKey) -> Int? { position(of: k, in: tickets, below: existing) ?? added[k] }
        var touched = Set<Int>()
        var addedKeys = Set<TicketKey>()
        for t in batch.tickets {
            if let i = find(t.key) {
                let e = tickets[i]
                if t.updatedAt > e.updatedAt {
                    var n = t
                    n.comments = mergeComments(e.comments, t.comments)
                    // A newer copy without a count does not forget the count an older one gave.
                    let count = t.commentCountKnown ? t.commentCount : (e.commentCountKnown ? e.commentCount : 0)
                    n.commentCount = max(count, n.comments.count)
                    n.commentCountKnown = t.commentCountKnown || e.commentCountKnown
                    n.reopenCount = e.reopenCount + (e.state == .closed && t.state == .open ? 1 : 0)
                    if n.reopenCount > e.reopenCount { s.reopened += 1 }
                    tickets[i] = n
                    if !addedKeys.contains(t.key) { touched.insert(i) }
                } else if t.updatedAt == e.updatedAt, !t.comments.isEmpty {
                    let c = mergeComments(e.comments, t.comments)
                    if c != e.comments {
                        tickets[i].comments = c
                        tickets[i].commentCount = max(e.commentCount, c.count)
                        if !addedKeys.contains(t.key) { touched.insert(i) }
                    }
                }
            } else {
                var n = t
                n.comments = mergeComments([], t.comments)
                added[t.key] = tickets.count
                tickets.append(n)
                addedKeys.insert(t.key)
            }
        }
        // Attach comments from the REST comments endpoint.
        var byTicket: [TicketKey: [Comment]] = [:]
        for (k, c) in batch.comments { byTicket[k, default: []].append(c) }
        for (k, cs) in byTicket {
            guard let i = find(k) else { s.orphanComments += cs.count; continue }
            let before = tickets[i].comments
            let after = mergeComments(before, cs)
            if after != before {
                s.commentsAdded += after.count - before.count
                tickets[i].comments = after
                tickets[i].commentCount = max(tickets[i].commentCount, after.count)
                if let last = after.last?.createdAt, last > tickets[i].updatedAt { tickets[i].updatedAt = last }
                if !addedKeys.contains(k) { touched.insert(i) }
            }
        }
        s.added = addedKeys.count
        s.updated = touched.count
        let touchedKeys = Set(touched.map { tickets[$0].key })
        changed.formUnion(addedKeys)
        changed.formUnion(touchedKeys)
        s.unchanged = Set(batch.tickets.map(\.key)).subtracting(addedKeys).subtracting(touchedKeys).count
        mergeTail(&tickets, from: existing)
        return s
    }

    /// Union of two comment lists: same id (or, without ids, same author,
    /// time and body) is one comment; the newer copy wins. Sorted by time.
    static func mergeComments(_ a: [Comment], _ b: [Comment]) -> [Comment] {
        if b.isEmpty { return a }
        struct K: Hashable { var id: Int; var author: String; var at: Double; var body: String }
        func key(_ c: Comment) -> K {
            c.id != 0 ? K(id: c.id, author: "", at: 0, body: "") : K(id: 0, author: c.author, at: c.createdAt.timeIntervalSince1970, body: c.body)
        }
        var seen: [K: Int] = [:]
        var out: [Comment] = []
        for c in a + b {
            let k = key(c)
            if let i = seen[k] { out[i] = c } else { seen[k] = out.count; out.append(c) }
        }
        out.sort { $0.createdAt != $1.createdAt ? $0.createdAt < $1.createdAt : $0.id < $1.id }
        return out
    }

    // MARK: - Locking

    /// Runs `body` holding the store's lock. A writer that cannot get the
    /// lock within `lockTimeout` seconds gives up with a message naming the
    /// process that holds it.
    func withLock<T>(_ kind: Platform.LockKind, _ body: () throws -> T) throws -> T {
        try Self.withLock(directory: directory, timeout: lockTimeout, kind, body)
    }

    /// Who holds the lock, from the note the last taker wrote. Readers share
    /// the lock and each writes its note, so the one named may have exited
    /// while another reader holds it: then the message says so rather than
    /// naming a process that is gone.
    static func describeHolder(_ note: String) -> String {
        guard !note.isEmpty else { return "unknown process" }
        let digits = note.hasPrefix("pid ") ? note.dropFirst(4).prefix { $0.isNumber } : ""
        if let pid = Int32(digits), !Platform.processIsAlive(pid) {
            return "a Docket process that did not leave its name; the last one named, \(note), has exited"
        }
        return note
    }

    static func withLock<T>(directory: String, timeout lockTimeout: Double, _ kind: Platform.LockKind,
                            _ body: () throws -> T) throws -> T {
        let lockPath = directory + "/lock"
        let deadline = Date().addingTimeInterval(lockTimeout)
        var fd: Int32?
        while true {
            do {
                fd = try Platform.tryLock(lockPath, kind)
            } catch {
                throw StoreError.io("cannot lock \(lockPath): \(error)")
            }
            if fd != nil || Date() >= deadline { break }
            Platform.sleep(milliseconds: 50)
        }
        guard let held = fd else {
            let owner = (try? String(contentsOfFile: lockPath, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            throw StoreError.locked(dir: directory, owner: Self.describeHolder(TextSanitizer.singleLine(owner)))
        }
        let doing = kind == .exclusive ? "writing" : "reading"
        Platform.writeLockOwner(held, "pid \(Platform.processID), `\(Platform.commandLine)`, \(doing) since \(Timestamp.format(Date()))\n")
        defer { Platform.unlock(held) }
        return try body()
    }
}
