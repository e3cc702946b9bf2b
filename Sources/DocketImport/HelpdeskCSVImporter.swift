import DocketModel
import Foundation

/// Helpdesk exports as CSV: Zendesk's ticket export and Jira's "CSV (all
/// fields)" and "CSV (current fields)", with English, Spanish or French
/// headers. Tickets keep their helpdesk's identity: Zendesk ticket 123 is
/// `zendesk#123`, Jira issue PROJ-123 is `jira/PROJ#123`, so they live beside
/// GitHub tickets in one store.
///
/// What is read (each helpdesk's own column, by any of its names):
/// - id, title, status (closed when the helpdesk says solved/done/closed or
///   a resolution date is set), requester/reporter, assignee, created,
///   updated, solved/resolved, labels (Zendesk's space-separated tags; every
///   one of Jira's repeated Labels columns), replies and reopens (Zendesk);
/// - Jira's description and repeated Comment columns (`date;author;body`);
/// - Jira's `Custom field (X)` columns, as `### X` form fields after the
///   description, so platform and version fields reach the analysis as a
///   GitHub issue form's would.
/// Dates: ISO 8601, `2025-11-10 16:51:00`, and Jira's `10/Nov/25 4:51 PM`
/// with month names in English, Spanish or French (`10/nov/25`,
/// `10/oct./16 11:54 AM`), read as UTC (exports carry no zone); years
/// before 1971 (`1900-01-01 00:00:00`) mean none.
public enum HelpdeskCSV {
    /// Canonical fields and the headers that name them (lower case).
    public enum Field: CaseIterable, Sendable {
        case id, key, title, status, requester, assignee, created, updated, solved, labels, tags, replies, reopens
        case description, comment, resolution

        var names: [String] {
            switch self {
            case .id: return ["id", "ticket id", "issue id", "id de la incidencia", "id de ticket", "id de la solicitud"]
            case .key: return ["issue key", "clave de incidencia", "clave", "clé de ticket", "clé", "clé du ticket"]
            case .title: return ["subject", "summary", "asunto", "resumen", "sujet", "résumé"]
            case .status: return ["status", "estado", "statut", "état"]
            case .requester: return ["requester", "reporter", "solicitante", "informador", "demandeur", "rapporteur"]
            case .assignee: return ["assignee", "agente asignado", "responsable", "assigné"]
            case .created: return ["created at", "created", "creado", "creada", "fecha de creación", "créé le", "création", "créé"]
            case .updated: return ["updated at", "updated", "actualizado", "actualizada", "mis à jour le", "mise à jour", "mis à jour"]
            case .solved: return ["solved at", "resolved", "resuelto", "resuelta", "résolu le", "résolu", "résolue"]
            case .labels: return ["labels", "etiquetas", "étiquettes"]
            case .tags: return ["tags"]
            case .replies: return ["replies", "respuestas", "réponses"]
            case .reopens: return ["reopens", "reaperturas", "réouvertures"]
            case .description: return ["description", "descripción"]
            case .comment: return ["comment", "comentario", "commentaire", "comments", "comentarios", "commentaires"]
            case .resolution: return ["resolution", "resolución", "résolution"]
            }
        }
    }

    enum Flavor: Equatable {
        case zendesk, jira
        /// Any CSV, its columns named by `--map`; tickets get `source`.
        case mapped(source: String)
    }

    /// A header row mapped: the columns of each field (repeated headers keep
    /// every column), and Jira's custom fields by name.
    struct Columns {
        var byField: [Field: [Int]] = [:]
        var custom: [(name: String, column: Int)] = []

        init(_ header: [String], map: [String: Field]? = nil) {
            var lookup: [String: Field] = [:]
            if let map {
                for (h, f) in map { lookup[HelpdeskCSV.normalized(h)] = f }
            } else {
                for f in Field.allCases { for n in f.names { lookup[n] = f } }
            }
            for (i, raw) in header.enumerated() {
                let h = HelpdeskCSV.normalized(raw)
                if let f = lookup[h] {
                    byField[f, default: []].append(i)
                } else if let name = HelpdeskCSV.customFieldName(raw) {
                    custom.append((name, i))
                }
            }
        }

        func has(_ f: Field) -> Bool { byField[f] != nil }

        var flavor: Flavor? {
            if has(.key) && has(.title) { return .jira }
            if has(.id) && has(.title) && (has(.requester) || has(.tags) || has(.replies)) { return .zendesk }
            return nil
        }
    }

    /// A header as compared: trimmed, lower case, a BOM removed.
    static func normalized(_ s: String) -> String {
        var t = s
        if t.hasPrefix("\u{FEFF}") { t.removeFirst() }
        return t.trimmedWS().lowercased()
    }

    /// `Custom field (Operating System)` and its translations: the name inside.
    static func customFieldName(_ header: String) -> String? {
        let h = header.trimmedWS()
        for prefix in ["Custom field (", "Campo personalizado (", "Champ personnalisé ("] where h.hasPrefix(prefix) && h.hasSuffix(")") {
            let name = h.dropFirst(prefix.count).dropLast().trimmedWS()
            return name.isEmpty ? nil : name
        }
        return nil
    }

    /// The header row and the rows of a CSV document (a UTF-8 BOM skipped).
    static func rows(_ data: Data, path: String) throws -> (header: [String], rows: [[String]]) {
        var records: [[String]]
        do {
            records = try Trace.measure("csv records") { try CSVRecords.read(data, limit: nil) }
        } catch let e as CSVRecords.Unclosed {
            throw ImportError.csv(path: path, row: e.record, problem: "a quote opened in this record is never closed, so the rest of the file would be one cell")
        }
        guard !records.isEmpty else { throw ImportError.empty(path: path) }
        let header = records.removeFirst()
        return (header, records)
    }

    /// The header row alone, from the start of a document (for `accepts`).
    static func header(_ data: Data) -> [String]? {
        let start = data.prefix(8_192)
        var i = start.startIndex
        if start.starts(with: [0xEF, 0xBB, 0xBF]) { i += 3 }
        guard i < start.endIndex, start[i] != UInt8(ascii: "[") && start[i] != UInt8(ascii: "{") else { return nil }
        guard let row = (try? CSVRecords.read(start, limit: 1, allowUnclosed: true))?.first, row.count >= 2 else { return nil }
        return row
    }

    static func flavor(of data: Data) -> Flavor? {
        header(data).flatMap { Columns($0).flavor }
    }

    static func parse(_ data: Data, path: String, as flavor: Flavor, map: [String: Field]? = nil) throws -> ImportBatch {
        let (header, rows) = try rows(data, path: path)
        let columns = Columns(header, map: map)
        if let map {
            let have = Set(header.map(normalized))
            if let missing = map.keys.sorted().first(where: { !have.contains(normalized($0)) }) {
                throw ImportError.mapping(path: path, problem: "--map names a column \"\(TextSanitizer.singleLine(missing))\" the header does not have "
                    + "(it has \(header.prefix(8).map { "\"" + TextSanitizer.singleLine($0) + "\"" }.joined(separator: ", ")))")
            }
            for f in [Field.title, .created] where !columns.has(f) {
                throw ImportError.mapping(path: path, problem: "--map gives no column for \(mapName(f) ?? "")")
            }
            if !columns.has(.id) && !columns.has(.key) {
                throw ImportError.mapping(path: path, problem: "--map gives no column for number (or key)")
            }
        }
        var batch = ImportBatch()
        for (i, row) in rows.enumerated() {
            // A blank line between records is not a ticket.
            if row.allSatisfy({ $0.trimmedWS(newlines: true).isEmpty }) { continue }
            batch.tickets.append(try ticket(row, columns, flavor, row: i + 2, path: path))
        }
        return batch
    }

    private static func ticket(_ row: [String], _ c: Columns, _ flavor: Flavor, row n: Int, path: String) throws -> Ticket {
        func values(_ f: Field) -> [String] {
            (c.byField[f] ?? []).compactMap { $0 < row.count ? row[$0].trimmedWS(newlines: true) : nil }
                .filter { !$0.isEmpty }
        }
        func value(_ f: Field) -> String? { values(f).first }
        func date(_ f: Field, required: Bool) throws -> Date? {
            guard let v = value(f) else {
                if required { throw ImportError.csv(path: path, row: n, problem: "no \(f.names[0]) date") }
                return nil
            }
            guard let d = HelpdeskDate.parse(v) else {
                throw ImportError.csv(path: path, row: n, problem: "\(f.names[0]) \"\(v.prefix(40))\" is not a date Docket reads "
                    + "(2025-11-10 16:51:00, an ISO 8601 time, or 10/Nov/25 4:51 PM)")
            }
            return d.timeIntervalSince1970 < 31_536_000 ? nil : d  // 1900-01-01 and the like: none
        }
        let source: String
        let number: Int
        switch flavor {
        case .zendesk:
            guard let v = value(.id), let id = Int(v), id > 0 else {
                throw ImportError.csv(path: path, row: n, problem: "no ticket Id (a positive number)")
            }
            (source, number) = ("zendesk", id)
        case .jira:
            guard let key = value(.key), let dash = key.lastIndex(of: "-"), let id = Int(key[key.index(after: dash)...]), id > 0,
                  dash > key.startIndex else {
                throw ImportError.csv(path: path, row: n, problem: "no issue key like PROJ-123")
            }
            (source, number) = ("jira/" + key[..<dash], id)
        case let .mapped(name):
            // A number column, else the number at the end of a key (ABC-12, T12).
            let text = value(.id) ?? value(.key) ?? ""
            guard let id = Int(text) ?? Int(String(text.reversed().prefix { $0.isNumber }.reversed())), id > 0 else {
                throw ImportError.csv(path: path, row: n, problem: "no ticket number (a positive number, or a key ending in one)")
            }
            (source, number) = (name, id)
        }
        guard let title = value(.title) else { throw ImportError.csv(path: path, row: n, problem: "no \(Field.title.names[flavor == .jira ? 1 : 0])") }
        guard let created = try date(.created, required: true) else {
            throw ImportError.csv(path: path, row: n, problem: "the creation date is a placeholder (before 1971)")
        }
        let updated = try date(.updated, required: false) ?? created
        let solved = try date(.solved, required: false)
        let status = value(.status) ?? ""
        let closed = solved != nil || HelpdeskCSV.isClosed(status)
        var labels = values(.labels)
        for t in values(.tags) { labels += t.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init) }
        var body = value(.description) ?? ""
        for (name, col) in c.custom where col < row.count {
            let v = row[col].trimmedWS(newlines: true)
            if !v.isEmpty { body += (body.isEmpty ? "" : "\n\n") + "### \(name)\n\n\(v)" }
        }
        var comments: [Comment] = []
        for cell in values(.comment) {
            guard let comment = HelpdeskCSV.comment(cell) else {
                throw ImportError.csv(path: path, row: n, problem: "a comment is not \"date;author;body\"")
            }
            comments.append(comment)
        }
        let replies = value(.replies).flatMap { Int($0) }
        let last = comments.map(\.createdAt).max()
        return Ticket(source: source, number: number, title: title, body: body, state: closed ? .closed : .open,
                      stateReason: closed ? (value(.resolution) ?? status.lowercased()) : nil, labels: labels,
                      author: value(.requester) ?? "", assignees: values(.assignee),
                      createdAt: created, updatedAt: max(updated, last ?? updated), closedAt: closed ? (solved ?? updated) : nil,
                      commentCount: replies ?? comments.count, comments: comments,
                      reopenCount: value(.reopens).flatMap { Int($0) } ?? 0,
                      commentCountKnown: replies != nil || !c.has(.replies) && c.has(.comment))
    }

    /// Statuses that mean the ticket is over, in the three languages.
    static func isClosed(_ status: String) -> Bool {
        let s = status.lowercased().trimmedWS()
        return ["solved", "closed", "done", "resolved", "resuelto", "resuelta", "cerrado", "cerrada", "listo", "finalizado",
                "résolu", "résolue", "fermé", "fermée", "terminé", "terminée", "clos"].contains(s)
    }

    /// A Jira comment cell: `date;author;body` (the body may hold `;`).
    static func comment(_ cell: String) -> Comment? {
        let parts = cell.split(separator: ";", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let at = HelpdeskDate.parse(parts[0].trimmedWS()) else { return nil }
        return Comment(author: parts[1].trimmedWS(), createdAt: at,
                       body: parts[2].trimmedWS(newlines: true))
    }
}

extension HelpdeskCSV {
    /// The names `--map` takes (`column=field`), and what each fills.
    static let mapFields: [(name: String, field: Field)] = [
        ("number", .id), ("key", .key), ("title", .title), ("body", .description), ("state", .status),
        ("author", .requester), ("assignee", .assignee), ("created", .created), ("updated", .updated),
        ("closed", .solved), ("labels", .tags), ("comment", .comment), ("replies", .replies),
    ]

    static func mapName(_ f: Field) -> String? { mapFields.first { $0.field == f }?.name }

    /// Parses `Ticket=number,Headline=title,...` (several `--map` options
    /// add up). Throws a message naming what is wrong.
    public static func parseMap(_ specs: [String]) throws -> [String: Field] {
        var out: [String: Field] = [:]
        for spec in specs {
            for pair in spec.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmedWS() }
                let names = mapFields.map(\.name).joined(separator: ", ")
                guard parts.count == 2, !parts[0].isEmpty, let f = mapFields.first(where: { $0.name == parts[1].lowercased() })?.field else {
                    throw ImportError.mapping(path: nil, problem: "--map \"\(TextSanitizer.singleLine(String(pair)))\" is not COLUMN=FIELD with FIELD one of \(names)")
                }
                out[parts[0]] = f
            }
        }
        return out
    }

    /// Reads any CSV with its columns named by `map` (see `parseMap`).
    public static func importMapped(_ data: Data, path: String, map: [String: Field], source: String) throws -> ImportBatch {
        try parse(data, path: path, as: .mapped(source: source), map: map)
    }
}

/// RFC 4180 records from UTF-8 bytes: fields separated by commas, quoted
/// fields with `""` for a quote and line breaks inside, records ended by
/// CRLF, LF or CR; a UTF-8 BOM at the start skipped. Read byte by byte (a
/// 100,000-row export in well under a second).
enum CSVRecords {
    struct Unclosed: Error { var record: Int }

    /// The records, at most `limit`. An unclosed quote throws, unless
    /// `allowUnclosed` (reading only the start of a file).
    static func read(_ data: Data, limit: Int?, allowUnclosed: Bool = false) throws -> [[String]] {
        try data.withUnsafeBytes { raw -> [[String]] in
            let b = raw.bindMemory(to: UInt8.self)
            var records: [[String]] = []
            var record: [String] = []
            var field: [UInt8] = []
            var i = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var quoted = false, wasQuoted = false
            func endField() {
                record.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                wasQuoted = false
            }
            func endRecord() {
                endField()
                records.append(record)
                record = []
            }
            while i < b.count {
                let c = b[i]
                if quoted {
                    if c == 0x22 {
                        if i + 1 < b.count, b[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                        quoted = false
                    } else {
                        field.append(c)
                    }
                    i += 1
                    continue
                }
                switch c {
                case 0x22 where field.isEmpty && !wasQuoted:
                    quoted = true
                    wasQuoted = true
                case 0x2C:
                    endField()
                case 0x0D, 0x0A:
                    if c == 0x0D, i + 1 < b.count, b[i + 1] == 0x0A { i += 1 }
                    endRecord()
                    if let limit, records.count >= limit { return records }
                default:
                    field.append(c)
                }
                i += 1
            }
            if quoted && !allowUnclosed { throw Unclosed(record: records.count + 1) }
            if !field.isEmpty || !record.isEmpty || wasQuoted { endRecord() }
            return records
        }
    }
}

/// Dates as helpdesks export them.
enum HelpdeskDate {
    /// Month abbreviations (lower case, dots dropped) in English, Spanish and French.
    static let months: [String: Int] = {
        var m: [String: Int] = [:]
        let names = [
            ["jan", "january", "ene", "enero", "janv", "janvier"],
            ["feb", "february", "febrero", "févr", "fevr", "février"],
            ["mar", "march", "marzo", "mars"],
            ["apr", "april", "abr", "abril", "avr", "avril"],
            ["may", "mayo", "mai"],
            ["jun", "june", "junio", "juin"],
            ["jul", "july", "julio", "juil", "juillet"],
            ["aug", "august", "ago", "agosto", "août", "aout"],
            ["sep", "sept", "september", "septiembre", "setiembre", "septembre"],
            ["oct", "october", "octubre", "octobre"],
            ["nov", "november", "noviembre", "novembre"],
            ["dec", "december", "dic", "diciembre", "déc", "dec", "décembre"],
        ]
        for (i, list) in names.enumerated() { for n in list { m[n] = i + 1 } }
        return m
    }()

    static func parse(_ text: String) -> Date? {
        let s = text.trimmedWS()
        if let d = Timestamp.parse(s) { return d }
        if let d = isoSpace(s) { return d }
        return dayMonthYear(s)
    }

    /// `2025-11-10 16:51:00` or `2025-11-10 16:51` (UTC), optionally `+0100`.
    private static func isoSpace(_ s: String) -> Date? {
        let parts = s.split(separator: " ")
        guard parts.count >= 1, parts.count <= 3 else { return nil }
        let ymd = parts[0].split(separator: "-")
        guard ymd.count == 3, let y = Int(ymd[0]), let mo = Int(ymd[1]), let d = Int(ymd[2]), ymd[0].count == 4 else { return nil }
        var h = 0, mi = 0, sec = 0
        if parts.count >= 2 {
            let hms = parts[1].split(separator: ":")
            guard hms.count >= 2, let hh = Int(hms[0]), let mm = Int(hms[1]) else { return nil }
            h = hh; mi = mm
            if hms.count == 3 { guard let ss = Int(hms[2].prefix(2)) else { return nil }; sec = ss }
        }
        var offset = 0
        if parts.count == 3 {
            let z = parts[2]
            guard z.count == 5, let sign = z.first, sign == "+" || sign == "-", let v = Int(z.dropFirst()) else { return nil }
            offset = (sign == "-" ? -1 : 1) * ((v / 100) * 3600 + (v % 100) * 60)
        }
        return make(y, mo, d, h, mi, sec).map { $0.addingTimeInterval(TimeInterval(-offset)) }
    }

    /// `10/Nov/25 4:51 PM`, `10/nov/25 16:51`, `10/oct./16 11:54 AM`,
    /// `10/nov/2025 4:51 p. m.`.
    private static func dayMonthYear(_ s: String) -> Date? {
        let lower = s.lowercased()
        let firstSpace = lower.firstIndex(of: " ") ?? lower.endIndex
        let datePart = lower[..<firstSpace]
        let fields = datePart.split(separator: "/", omittingEmptySubsequences: false)
        guard fields.count == 3, let d = Int(fields[0]), var y = Int(fields[2]) else { return nil }
        let monthName = fields[1].replacingOccurrences(of: ".", with: "")
        guard let mo = months[monthName] ?? Int(monthName) else { return nil }
        if y < 100 { y += y < 70 ? 2000 : 1900 }
        var h = 0, mi = 0
        let rest = lower[firstSpace...].trimmedWS()
        if !rest.isEmpty {
            let time = rest.prefix { $0.isNumber || $0 == ":" }
            let hm = time.split(separator: ":")
            guard hm.count >= 2, let hh = Int(hm[0]), let mm = Int(hm[1]) else { return nil }
            h = hh; mi = mm
            let suffix = rest.dropFirst(time.count).replacingOccurrences(of: ".", with: "").replacingOccurrences(of: " ", with: "")
            switch suffix {
            case "": break
            case "am": if h == 12 { h = 0 }
            case "pm": if h < 12 { h += 12 }
            default: return nil
            }
        }
        return make(y, mo, d, h, mi, 0)
    }

    /// A UTC time from its fields; nil for a day the month does not have
    /// (31/Feb) or a time out of range. Arithmetic on civil day numbers,
    /// not `Calendar`: an export holds three dates per row.
    private static func make(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int) -> Date? {
        guard (1...12).contains(mo), (1...CivilDate.daysIn(month: mo, year: y)).contains(d), (0...23).contains(h), (0...59).contains(mi),
              (0...60).contains(s) else { return nil }
        let days = CivilDate(year: y, month: mo, day: d).dayNumber
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + h * 3_600 + mi * 60 + s))
    }
}

/// Zendesk's ticket export (CSV).
public enum ZendeskCSVImporter: TicketImporter {
    public static let formatName = "Zendesk ticket export (CSV)"
    public static func accepts(_ data: Data) -> Bool { HelpdeskCSV.flavor(of: data) == .zendesk }
    public static func parse(_ data: Data, path: String) throws -> ImportBatch {
        try HelpdeskCSV.parse(data, path: path, as: .zendesk)
    }
}

/// Jira's issue export, "CSV (all fields)" or "CSV (current fields)".
public enum JiraCSVImporter: TicketImporter {
    public static let formatName = "Jira issue export (CSV)"
    public static func accepts(_ data: Data) -> Bool { HelpdeskCSV.flavor(of: data) == .jira }
    public static func parse(_ data: Data, path: String) throws -> ImportBatch {
        try HelpdeskCSV.parse(data, path: path, as: .jira)
    }
}
