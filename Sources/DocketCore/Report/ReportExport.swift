import Foundation
import DocketModel

/// A report's period and files: what `docket report` and the browser's
/// export share, so both write the same bytes for the same store, day and
/// generation time (the report itself is built by `ReportService`).
public enum ReportExport {
    /// The period a report covers: the day itself, or its Monday-to-Sunday week.
    public static func period(_ kind: Report.Kind, day: CivilDate, zone: TimeZone = .utc) -> Period {
        kind == .daily ? Period(first: day, last: day, zone: zone) : Period.week(of: day, zone: zone)
    }

    /// A report file that could not be written.
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
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
