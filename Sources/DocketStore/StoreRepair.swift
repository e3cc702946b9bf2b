import DocketJSON
import DocketModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `docket repair`: the way back from a damaged store file that keeps
/// everything that still reads.
///
/// Every command refuses a damaged file and writes nothing over it. Repair
/// is the one that rewrites it, and only after keeping it: each damaged
/// original goes, unchanged, into `damaged-<UTC time>/` inside the store
/// (a hard link, so it is there before the file is replaced), then the file
/// is written again, atomically, from what still reads:
///
/// - `corpus.json` and its segments: every ticket that reads, from the
///   whole document when it still parses (a changed key, one bad ticket)
///   or line by line (Docket writes one ticket a line: a cut, zeros,
///   garbage); the segments are folded into the new base.
/// - `annotations.json`: every entry, theme, recommendation edit and the
///   cluster edits that read, each checked as the store checks them.
/// - `journal.jsonl`: every line that is an edit.
/// - `clusters.json` (derived) and `fetch.json` (cursors) are set aside:
///   `docket analyze --full` rebuilds the first, the next fetch the second.
/// - A `lock` that is not a file (a directory, a link) is set aside.
///
/// A file from a newer Docket is never touched (it is not damaged). Nothing
/// is deleted: the originals stay in the set-aside directory. Runs under
/// the store's write lock, so no other Docket process writes meanwhile.
public enum StoreRepair {
    public struct Outcome: Sendable, Equatable {
        public enum State: String, Sendable, Equatable {
            /// Read as it is: not touched.
            case ok
            /// Written again from what read; the original is set aside.
            case repaired
            /// Moved into the set-aside directory, nothing written in its place.
            case setAside = "set aside"
            /// Left as it is: from a newer Docket, or nothing to read from.
            case refused
        }
        /// The file's name in the store.
        public var file: String
        public var state: State
        /// What was wrong (nil when nothing was).
        public var problem: String?
        /// What the file holds after the repair, and what did not read.
        public var kept = 0
        public var lost = 0
        /// What `kept` counts ("tickets", "edits", "entries").
        public var unit = ""
        /// What to do next, when anything.
        public var advice: String?
    }

    public struct Report: Sendable {
        public var directory: String
        public var outcomes: [Outcome] = []
        /// Where the damaged originals went, when anything was set aside.
        public var aside: String?
        public var dryRun = false
        public var changed: Bool { outcomes.contains { $0.state == .repaired || $0.state == .setAside } }
        public var refused: Bool { outcomes.contains { $0.state == .refused } }
    }

    /// Checks every store file and repairs the damaged ones (with `dryRun`,
    /// only says what it would do). Throws `StoreError.noStore` when
    /// `directory` holds no store, `.locked` when another process writes it.
    public static func run(directory: String, dryRun: Bool = false, lockTimeout: Double = 10, now: Date = Date()) throws -> Report {
        guard Store.exists(at: directory) else { throw StoreError.noStore(dir: directory) }
        var job = Job(directory: directory, dryRun: dryRun, now: now)
        // A lock that is not a file cannot be locked: set it aside first
        // (no Docket process can hold it, so none is writing).
        if let kind = job.kind("lock"), kind != .file {
            try job.moveAside("lock")
            job.report.outcomes.append(Outcome(file: "lock", state: .setAside, problem: "it is \(kind.rawValue), not a file",
                                               advice: "a new lock file is made by the next command"))
        }
        if dryRun && job.report.changed {
            // Without setting the lock aside there is no lock to take; read without it.
            try job.checkAll()
        } else {
            try Store.withLock(directory: directory, timeout: lockTimeout, dryRun ? .shared : .exclusive) { try job.checkAll() }
        }
        return job.report
    }

    // MARK: - Salvage (pure)

    /// The tickets that read in a damaged corpus or segment file, the
    /// `segments_through` it names (nil when that is lost), and how many
    /// elements or lines did not read.
    public static func salvageTickets(_ data: Data) -> (tickets: [Ticket], segmentsThrough: Int?, lost: Int) {
        if case let .object(pairs)? = lenientDocument(data) {
            var tickets: [Ticket] = []
            var lost = 0
            var arrays = 0
            for (_, v) in pairs {
                guard let elements = v.array else { continue }
                arrays += 1
                for e in elements {
                    if let t = CorpusCodec.ticket(e) { tickets.append(t) } else { lost += 1 }
                }
            }
            if arrays > 0 {
                let through = pairs.first { $0.0 == "segments_through" }?.1.int
                return (tickets, through.flatMap { $0 >= 0 ? $0 : nil }, lost)
            }
        }
        var tickets: [Ticket] = []
        var through: Int?
        var lost = 0
        for line in lines(data) {
            if line.hasPrefix(#"{"schema""#) {
                // The header line: `{"schema":2,"kind":...,"segments_through":N,"tickets":[`.
                if let r = line.range(of: #""segments_through":"#) {
                    through = Int(line[r.upperBound...].prefix { $0.isNumber })
                }
                continue
            }
            guard let v = lenientValue(line), let t = CorpusCodec.ticket(v) else { lost += 1; continue }
            tickets.append(t)
        }
        return (tickets, through, lost)
    }

    /// The edits that read in a damaged journal, as their lines (newline
    /// included), and how many complete lines did not. A last line without
    /// its newline is an edit cut off before it was acknowledged, not lost.
    public static func salvageJournal(_ data: Data) -> (lines: [Data], edits: Int, lost: Int) {
        var pieces = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        let tail = pieces.removeLast()
        var kept: [Data] = []
        var lost = 0
        for piece in pieces where !piece.isEmpty {
            guard let v = try? parse(Data(piece), strict: true), AnnotationCodec.decodeEdit(v) != nil else { lost += 1; continue }
            kept.append(Data(piece) + [0x0A])
        }
        if !tail.isEmpty, tail.first != UInt8(ascii: "{"), !tail.allSatisfy({ $0 == 0 }) { lost += 1 }
        return (kept, kept.count, lost)
    }

    /// What reads in a damaged `annotations.json`: the tickets' themes,
    /// triage and notes, the themes, recommendation edits and cluster edits,
    /// each piece checked as the store checks a whole snapshot; and how many
    /// pieces (or lines) did not read.
    public static func salvageAnnotations(_ data: Data) -> (annotations: [TicketKey: TicketAnnotation], curation: Curation, kept: Int, lost: Int) {
        var pieces: [(section: String, value: JSONValue)] = []
        var lost = 0
        func classify(_ v: JSONValue) -> String? {
            guard let keys = v.keys else { return nil }
            if keys.contains("ticket") { return "tickets" }
            if keys.contains("period") { return "recommendations" }
            if keys.contains("name") { return "themes" }
            if keys == ["clusters"] { return "clusters" }
            return nil
        }
        if case let .object(pairs)? = lenientDocument(data) {
            for (key, v) in pairs {
                if let a = v.array {
                    for e in a {
                        if let s = classify(e) { pieces.append((s, e)) } else { lost += 1 }
                    }
                } else if key == "clusters", v.isObject {
                    pieces.append(("clusters", .object([("clusters", v)])))
                }
            }
        } else {
            for line in lines(data) {
                if line.hasPrefix(#"{"schema""#) || line == "\"themes\":[" || line == "\"recommendations\":[" { continue }
                var v = lenientValue(line)
                if v == nil, line.hasPrefix("\"clusters\":") {
                    // The last member: `"clusters":{...}}`, the document's brace after it.
                    v = lenientValue("{" + line) ?? lenientValue("{" + line + "}")
                }
                guard let value = v, let s = classify(value) else { lost += 1; continue }
                pieces.append((s, value))
            }
        }
        var annotations: [TicketKey: TicketAnnotation] = [:]
        var curation = Curation()
        var kept = 0
        for (section, value) in pieces {
            var w = JSONWriter(capacity: 256)
            w.raw("{\"schema\":\(AnnotationCodec.schema),\"kind\":\"\(AnnotationCodec.kind)\",\"tickets\":[")
            if section == "tickets" { w.value(value) }
            w.raw("]")
            switch section {
            case "tickets": break
            case "clusters": if let c = value["clusters"] { w.comma(); w.key("clusters"); w.value(c) }
            default: w.comma(); w.key(section); w.raw("["); w.value(value); w.raw("]")
            }
            w.raw("}")
            guard let (a, c) = try? AnnotationCodec.decodeSnapshot(Data(w.bytes), path: "") else { lost += 1; continue }
            kept += 1
            annotations.merge(a) { _, new in new }
            curation.themes.merge(c.themes) { _, new in new }
            curation.recommendations.merge(c.recommendations) { _, new in new }
            if section == "clusters" { curation.clusters = c.clusters }
        }
        return (annotations, curation, kept, lost)
    }

    /// The lines of `data`, trimmed of blanks and of the commas and
    /// brackets between Docket's one-element lines; structural lines
    /// (`[`, `]`, `]}`) left out.
    static func lines(_ data: Data) -> [String] {
        String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).compactMap { raw in
            var line = raw.trimmingCharacters(in: .whitespaces)
            while line.hasPrefix(",") { line.removeFirst() }
            while line.hasSuffix(",") { line.removeLast() }
            line = line.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.allSatisfy({ "[]{},".contains($0) }) { return nil }
            return line
        }
    }

    static func lenientDocument(_ data: Data) -> JSONValue? { try? parse(data, strict: false) }

    static func lenientValue(_ line: String) -> JSONValue? {
        guard let v = try? parse(Data(line.utf8), strict: false), v.isObject else { return nil }
        return v
    }

    static func parse(_ data: Data, strict: Bool) throws -> JSONValue {
        try data.withUnsafeBytes { raw in
            var r = JSONReader(raw.bindMemory(to: UInt8.self))
            r.strictUTF8 = strict
            return try r.parseDocument()
        }
    }

    // MARK: - The files

    enum Kind: String { case file = "a file", directory = "a directory", link = "a symbolic link", other = "a special file" }

    struct Job {
        let directory: String
        let dryRun: Bool
        let now: Date
        var report: Report

        init(directory: String, dryRun: Bool, now: Date) {
            self.directory = directory
            self.dryRun = dryRun
            self.now = now
            report = Report(directory: directory, dryRun: dryRun)
        }

        func path(_ name: String) -> String { directory + "/" + name }

        /// What is at `name` (not following a link), nil when nothing is.
        func kind(_ name: String) -> Kind? {
            var st = stat()
            guard lstat(path(name), &st) == 0 else { return nil }
            switch st.st_mode & S_IFMT {
            case S_IFREG: return .file
            case S_IFDIR: return .directory
            case S_IFLNK: return .link
            default: return .other
            }
        }

        /// The set-aside directory, made on first use.
        mutating func aside() throws -> String {
            if let a = report.aside { return a }
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyyMMdd-HHmmss"
            let base = "damaged-" + f.string(from: now)
            var name = base
            var n = 1
            while kind(name) != nil {
                n += 1
                name = base + "-\(n)"
            }
            if !dryRun {
                guard mkdir(path(name), 0o700) == 0 else {
                    throw StoreError.io("cannot make \(path(name)) to keep the damaged files in: \(String(cString: strerror(errno))); nothing was changed")
                }
            }
            report.aside = path(name)
            return path(name)
        }

        /// Keeps the file at `name` in the set-aside directory (a hard link;
        /// a copy where links are not possible), leaving it in place.
        mutating func keepCopy(_ name: String) throws {
            let target = try aside() + "/" + name
            guard !dryRun else { return }
            if link(path(name), target) == 0 { return }
            let data = try Store.read(path(name))
            do {
                try Platform.writeAtomically([UInt8](data), to: target)
            } catch {
                throw StoreError.io("cannot keep a copy of \(path(name)) in \(report.aside ?? ""): \(error); nothing was changed")
            }
        }

        /// Moves `name` into the set-aside directory.
        mutating func moveAside(_ name: String) throws {
            let target = try aside() + "/" + name
            guard !dryRun else { return }
            guard rename(path(name), target) == 0 else {
                throw StoreError.io("cannot move \(path(name)) into \(report.aside ?? ""): \(String(cString: strerror(errno))); nothing else was changed")
            }
            try? Platform.syncDirectory(directory)
        }

        func write(_ bytes: [UInt8], _ name: String) throws {
            guard !dryRun else { return }
            do {
                try Platform.writeAtomically(bytes, to: path(name))
            } catch {
                throw StoreError.io("cannot write the repaired \(path(name)): \(error); the damaged file is still there and a copy is in \(report.aside ?? "")")
            }
        }

        /// Why the file does not read, as the store says it; nil when it
        /// reads. A newer schema is a refusal, not damage.
        enum Check { case ok, damaged(String), newer(String) }

        func check(_ name: String, _ decode: (Data, String) throws -> Void) -> Check {
            do {
                try decode(try Store.read(path(name)), path(name))
                return .ok
            } catch let StoreError.corrupt(_, detail) {
                return .damaged(detail)
            } catch let e as StoreError {
                if case .newerSchema = e { return .newer(e.description) }
                return .damaged(e.description)
            } catch {
                return .damaged("\(error)")
            }
        }

        mutating func checkAll() throws {
            try corpus()
            try annotations()
            try journal()
            try derived("clusters.json", unit: "clusters", advice: "run `docket analyze --store \(StoreError.shellQuoted(directory)) --full` to rebuild it "
                        + "(your cluster names, moves and merges are in the annotations)") { data, path in _ = try ClusterCodec.decode(data, path: path) }
            try derived("fetch.json", unit: "cursors", advice: "the next `docket fetch` of each repository asks for all of its tickets again") { data, path in
                _ = try Store.decodeCursors(data, path: path)
            }
        }

        /// A file that is not a file: moved aside. Returns whether it was.
        mutating func notAFile(_ name: String, advice: String) throws -> Bool {
            guard let k = kind(name), k != .file else { return false }
            try moveAside(name)
            report.outcomes.append(Outcome(file: name, state: .setAside, problem: "it is \(k.rawValue), not a file", advice: advice))
            return true
        }

        // MARK: corpus

        func segmentNames() -> [(number: Int, name: String)] {
            ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).compactMap { name in
                guard name.hasPrefix("corpus-"), name.hasSuffix(".json") else { return nil }
                let digits = name.dropFirst("corpus-".count).dropLast(".json".count)
                guard !digits.isEmpty, digits.allSatisfy(\.isNumber), let n = Int(digits) else { return nil }
                return (n, name)
            }.sorted { $0.number < $1.number }
        }

        mutating func corpus() throws {
            let base = "corpus.json"
            let segments = segmentNames()
            var problems: [String] = []
            var baseTickets: [Ticket] = []
            var through: Int?
            var lost = 0
            var damagedFiles: [String] = []
            var movedBase = false

            // The base.
            if let k = kind(base), k != .file {
                problems.append("\(base) is \(k.rawValue), not a file")
                movedBase = true
            } else if kind(base) == .file {
                var file: CorpusCodec.File?
                switch check(base, { data, path in file = try CorpusCodec.decodeFile(data, path: path) }) {
                case .ok:
                    baseTickets = file?.tickets ?? []
                    through = file?.segmentsThrough
                case let .newer(message):
                    report.outcomes.append(Outcome(file: base, state: .refused, problem: message, advice: "upgrade Docket; repair does not touch it"))
                    return
                case let .damaged(detail):
                    problems.append(detail)
                    damagedFiles.append(base)
                    let data = (try? Store.read(path(base))) ?? Data()
                    let s = salvageTickets(data)
                    baseTickets = s.tickets
                    through = s.segmentsThrough
                    lost += s.lost
                }
            }
            if kind(base) == nil, let first = segments.first {
                problems.append("\(base) is missing, but the segments laid over it (\(first.name) on) are there")
            }
            // The segments laid over it.
            var layers: [(number: Int, tickets: [Ticket])] = []
            var movedSegments: [String] = []
            for (n, name) in segments {
                if let k = kind(name), k != .file {
                    problems.append("\(name) is \(k.rawValue), not a file")
                    movedSegments.append(name)
                    continue
                }
                var file: CorpusCodec.File?
                switch check(name, { data, path in file = try CorpusCodec.decodeFile(data, path: path) }) {
                case .ok: layers.append((n, file?.tickets ?? []))
                case let .newer(message):
                    report.outcomes.append(Outcome(file: name, state: .refused, problem: message, advice: "upgrade Docket; repair does not touch the corpus"))
                    return
                case let .damaged(detail):
                    problems.append("\(name): \(detail)")
                    damagedFiles.append(name)
                    let s = salvageTickets((try? Store.read(path(name))) ?? Data())
                    layers.append((n, s.tickets))
                    lost += s.lost
                }
            }
            let count = { (ts: [Ticket]) in Set(ts.map(\.key)).count }
            guard !problems.isEmpty else {
                var merged = baseTickets
                Store.lay(Dictionary(layers.filter { $0.number > (through ?? 0) }.flatMap(\.tickets).map { ($0.key, $0) }, uniquingKeysWith: { _, b in b }),
                          over: &merged)
                report.outcomes.append(Outcome(file: base, state: .ok, kept: count(merged), unit: "tickets"))
                return
            }
            // Merge: the base (a ticket twice keeps its later update), then
            // the live segments in order; with the base's segment count
            // lost, a segment's ticket wins only when it is not older.
            var byKey: [TicketKey: Ticket] = [:]
            for t in baseTickets {
                if let e = byKey[t.key], e.updatedAt > t.updatedAt { continue }
                byKey[t.key] = t
            }
            for (n, tickets) in layers {
                if let through, n <= through { continue }
                for t in tickets {
                    if through == nil, let e = byKey[t.key], e.updatedAt > t.updatedAt { continue }
                    byKey[t.key] = t
                }
            }
            var merged = Array(byKey.values)
            merged.sort { $0.key < $1.key }
            let last = max(through ?? 0, segments.last?.number ?? 0)
            if merged.isEmpty && kind(base) == nil && damagedFiles.isEmpty {
                // Only segments that are not files: nothing to read anything from.
                for name in movedSegments { try moveAside(name) }
                report.outcomes.append(Outcome(file: base, state: .refused, problem: problems.joined(separator: "; "), lost: lost, unit: "tickets",
                                               advice: "import the tickets again with `docket import --store \(StoreError.shellQuoted(directory)) FILE`"))
                return
            }
            // Keep the originals, then write the new base, then drop the folded segments.
            if movedBase { try moveAside(base) }
            for name in movedSegments { try moveAside(name) }
            for name in damagedFiles { try keepCopy(name) }
            try write(CorpusCodec.encode(merged, segmentsThrough: last), base)
            if !dryRun {
                for (_, name) in segments where !movedSegments.contains(name) { unlink(path(name)) }
                try? Platform.syncDirectory(directory)
            }
            report.outcomes.append(Outcome(file: base, state: .repaired, problem: problems.joined(separator: "; "), kept: merged.count, lost: lost,
                                           unit: "tickets", advice: lost > 0 ? "import the tickets again to get back the \(lost == 1 ? "line" : "lines") that did not read" : nil))
        }

        // MARK: annotations and journal

        mutating func annotations() throws {
            let name = "annotations.json"
            if try notAFile(name, advice: "the journal's edits since the last compaction are still read") { return }
            guard kind(name) == .file else { return }
            var count = 0
            switch check(name, { data, path in count = try AnnotationCodec.decodeSnapshot(data, path: path).annotations.count }) {
            case .ok:
                report.outcomes.append(Outcome(file: name, state: .ok, kept: count, unit: "tickets with tags, marks or notes"))
            case let .newer(message):
                report.outcomes.append(Outcome(file: name, state: .refused, problem: message, advice: "upgrade Docket; repair does not touch it"))
            case let .damaged(detail):
                let s = salvageAnnotations((try? Store.read(path(name))) ?? Data())
                try keepCopy(name)
                try write(AnnotationCodec.encodeSnapshot(s.annotations, curation: s.curation), name)
                report.outcomes.append(Outcome(file: name, state: .repaired, problem: detail, kept: s.kept, lost: s.lost, unit: "entries",
                                               advice: s.lost > 0 ? "what did not read is in the copy set aside" : nil))
            }
        }

        mutating func journal() throws {
            let name = "journal.jsonl"
            if try notAFile(name, advice: "the edits since the last compaction are in the file set aside") { return }
            guard kind(name) == .file else { return }
            var count = 0
            switch check(name, { data, path in count = try AnnotationCodec.decodeJournal(data, path: path).count }) {
            case .ok:
                report.outcomes.append(Outcome(file: name, state: .ok, kept: count, unit: "edits"))
            case let .newer(message):
                report.outcomes.append(Outcome(file: name, state: .refused, problem: message, advice: "upgrade Docket; repair does not touch it"))
            case let .damaged(detail):
                let s = salvageJournal((try? Store.read(path(name))) ?? Data())
                try keepCopy(name)
                try write(s.lines.flatMap { [UInt8]($0) }, name)
                report.outcomes.append(Outcome(file: name, state: .repaired, problem: detail, kept: s.edits, lost: s.lost, unit: "edits",
                                               advice: s.lost > 0 ? "the lines that did not read are in the copy set aside" : nil))
            }
        }

        /// A file Docket can make again: set aside when damaged.
        mutating func derived(_ name: String, unit: String, advice: String, _ decode: (Data, String) throws -> Void) throws {
            if try notAFile(name, advice: advice) { return }
            guard kind(name) == .file else { return }
            switch check(name, decode) {
            case .ok:
                report.outcomes.append(Outcome(file: name, state: .ok))
            case let .newer(message):
                report.outcomes.append(Outcome(file: name, state: .refused, problem: message, advice: "upgrade Docket; repair does not touch it"))
            case let .damaged(detail):
                try keepCopy(name)
                if !dryRun { unlink(path(name)); try? Platform.syncDirectory(directory) }
                report.outcomes.append(Outcome(file: name, state: .setAside, problem: detail, unit: unit, advice: advice))
            }
        }
    }
}
