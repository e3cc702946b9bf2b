import DocketModel
import DocketReport
import DocketStore
import Foundation

/// Writing a report's files: I/O, so it lives with the application layer
/// rather than with the report, which is values and text.
extension ReportExport {
    /// A report file that could not be written.
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// The daily report already written for `day` whose Markdown equals
    /// `markdown` but for its "Generated" line, as its files (Markdown first,
    /// then its JSON twin when there), or nil.
    public static func sameDaily(_ markdown: String, day: CivilDate, out: String) -> [String]? {
        func body(_ text: String) -> String { text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("- Generated:") }.joined(separator: "\n") }
        let mine = body(markdown)
        let dir = "\(out)/week/\(day.monday)/daily/\(day)"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return nil }
        for name in names.sorted().reversed() where name.hasPrefix("report_") && name.hasSuffix(".md") {
            let path = dir + "/" + name
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), body(text) == mine else { continue }
            let json = String(path.dropLast(3)) + ".json"
            return [path] + (FileManager.default.fileExists(atPath: json) ? [json] : [])
        }
        return nil
    }

    /// Writes `report` under `out` in each of `extensions` ("md", "json"),
    /// each file atomically and readable by all (reports are meant to be
    /// shared, unlike the store's files); returns the paths written.
    @discardableResult
    public static func write(_ report: Report, day: CivilDate, zone: TimeZone = .utc, out: String,
                             extensions: [String] = ["md", "json"], plain: Bool = false) throws(WriteError) -> [String] {
        var written: [String] = []
        for ext in extensions {
            let path = report.kind == .daily
                ? ReportPaths.daily(out: out, date: day, generatedAt: report.generatedAt, zone: zone, ext: ext)
                : ReportPaths.weekly(out: out, date: day, ext: ext)
            let text = ext == "json" ? JSONReportRenderer.render(report) : MarkdownRenderer.render(report, plain: plain)
            do {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try Platform.writeAtomically(Array(text.utf8), to: path)
                _ = try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            } catch {
                throw WriteError(path: path, reason: "\(error)")
            }
            written.append(path)
        }
        return written
    }
}
