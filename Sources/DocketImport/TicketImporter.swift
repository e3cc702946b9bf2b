import DocketModel
import Foundation

/// One format tickets can be imported from. A conformance reads a whole
/// document into an `ImportBatch`; `TicketImporters.all` lists them, and an
/// import takes the first that accepts the document.
///
/// A new source (a CSV export, say) is one file with a conformance and one
/// line in `TicketImporters.all`.
public protocol TicketImporter: Sendable {
    /// The format's name, for messages: "GitHub REST API JSON".
    static var formatName: String { get }

    /// Whether `data` looks like this format: a cheap look at its start
    /// (a few kilobytes at most), not a parse. A document that no importer
    /// accepts goes to `TicketImporters.fallback`, whose errors say what was
    /// expected.
    static func accepts(_ data: Data) -> Bool

    /// Reads a whole document; `path` names it in errors. Throws
    /// `ImportError` naming the place of the problem; nothing is partly read.
    static func parse(_ data: Data, path: String) throws -> ImportBatch
}

/// The registered importers, and reading a file with the one that fits.
public enum TicketImporters {
    /// Every importer, in the order they are asked: the first that accepts
    /// a document reads it.
    public static let all: [any TicketImporter.Type] = [
        GitHubCLIImporter.self,
        GitHubRESTImporter.self,
        ZendeskCSVImporter.self,
        JiraCSVImporter.self,
    ]

    /// Reads documents no importer accepts (an empty file, text that is not
    /// JSON), so that the error explains what an export looks like.
    public static let fallback: any TicketImporter.Type = GitHubRESTImporter.self

    /// The importer for `data`.
    public static func importer(for data: Data) -> any TicketImporter.Type {
        all.first { $0.accepts(data) } ?? fallback
    }

    private static func readStream(_ h: FileHandle, path: String) throws -> Data {
        do {
            return try h.readToEnd() ?? Data()
        } catch {
            throw ImportError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Reads one file with the importer that fits it.
    public static func read(path: String) throws -> ImportBatch {
        try parse(try contents(ofFile: path), path: path)
    }

    /// Reads a document already in memory; `path` names it in errors.
    public static func parse(_ data: Data, path: String) throws -> ImportBatch {
        if let found = all.first(where: { $0.accepts(data) }) { return try found.parse(data, path: path) }
        // A CSV whose header names no helpdesk's columns: say what it found.
        if let header = HelpdeskCSV.header(data), header.count >= 2, !header.contains(where: { $0.contains("{") }) {
            let shown = header.prefix(6).map { "\"" + TextSanitizer.singleLine($0).prefix(30) + "\"" }.joined(separator: ", ")
            throw ImportError.csv(path: path, row: 0, problem: "a CSV header Docket does not recognise (\(shown)\(header.count > 6 ? ", …" : "")); "
                + "expected a Zendesk ticket export (Id, Subject, Requester, …) or a Jira export (Issue key, Summary, …)")
        }
        return try fallback.parse(data, path: path)
    }

    /// The bytes of `path` (mapped, not copied). Throws `ImportError` when
    /// the file is missing, a directory or unreadable.
    public static func contents(ofFile path: String) throws -> Data {
        // `-` is standard input; a pipe, a FIFO or /dev/stdin is read to its
        // end (it cannot be mapped).
        if path == "-" { return try readStream(FileHandle.standardInput, path: "standard input") }
        var st = stat()
        if stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFIFO || st.st_mode & S_IFMT == S_IFCHR || st.st_mode & S_IFMT == S_IFSOCK {
            guard let h = FileHandle(forReadingAtPath: path) else { throw ImportError.unreadable(path: path, reason: String(cString: strerror(errno))) }
            return try readStream(h, path: path)
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw ImportError.fileNotFound(path: path) }
        if isDir.boolValue { throw ImportError.unreadable(path: path, reason: "it is a directory") }
        do {
            // Copied, not mapped: a file truncated while it is read must not end in SIGBUS.
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ImportError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}
