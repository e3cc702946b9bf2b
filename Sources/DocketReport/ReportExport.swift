import DocketModel
import Foundation

/// A report's period: what `docket report` and the browser's
/// export share, so both write the same bytes for the same store, day and
/// generation time (the report itself is built by `ReportService`).
public enum ReportExport {
    /// The period a report covers: the day itself, or its Monday-to-Sunday week.
    public static func period(_ kind: Report.Kind, day: CivilDate, zone: TimeZone = .utc) -> Period {
        kind == .daily ? Period(first: day, last: day, zone: zone) : Period.week(of: day, zone: zone)
    }
}
