import DocketJSON
import DocketModel
import Foundation

/// The JSON twin of a report: the fields the existing bot's JSON has, with
/// the same names and shapes, then Docket's additions under new keys.
/// Deterministic: keys in a fixed order, numbers rounded to two decimals.
public enum JSONReportRenderer {
    public static func render(_ r: Report) -> String {
        var w = JSONWriter()
        w.raw("{\n  "); w.key("success"); w.bool(true)
        // The period whose tickets are counted, its first to its last second,
        // whenever the report was generated (that is `generated_at`).
        w.raw(",\n  "); w.key("date_range"); w.raw("{"); w.key("start"); w.string(iso(r.period.start, r.period.zone))
        w.raw(", "); w.key("end"); w.string(iso(r.period.end.addingTimeInterval(-1), r.period.zone)); w.raw("}")
        w.raw(",\n  "); w.key("summary"); w.raw("{"); w.key("total_tickets"); w.int(r.totalTickets)
        w.raw(", "); w.key("resolved_tickets"); w.int(r.resolved)
        w.raw(", "); w.key("open_tickets"); w.int(r.open); w.raw("}")
        w.raw(",\n  "); w.key("ticket_breakdown"); breakdown(r.byLabel, &w)
        w.raw(",\n  "); w.key("most_active_tickets"); w.raw("[")
        for (i, row) in r.mostActive.enumerated() {
            w.raw(i == 0 ? "\n    " : ",\n    ")
            w.raw("{"); w.key("number"); w.int(row.number)
            // Written only where it is not `#number` (a Jira key), so GitHub reports keep their shape.
            if row.label != "#\(row.number)" { w.raw(", "); w.key("key"); w.string(row.label) }
            w.raw(", "); w.key("title"); w.string(TextSanitizer.singleLine(row.title))
            w.raw(", "); w.key("activity_level"); w.double(row.activity)
            w.raw(", "); w.key("url"); w.string(row.url); w.raw("}")
        }
        w.raw(r.mostActive.isEmpty ? "]" : "\n  ]")
        w.raw(",\n  "); w.key("common_issues"); w.raw("[")
        for (i, issue) in r.commonIssues.enumerated() {
            w.raw(i == 0 ? "\n    " : ",\n    ")
            w.raw("{"); w.key("title"); w.string(TextSanitizer.singleLine(issue.title))
            w.raw(", "); w.key("description"); w.string(TextSanitizer.singleLine(issue.summary))
            w.raw(", "); w.key("frequency"); w.int(issue.frequency)
            w.raw(", "); w.key("related_issues"); w.array(issue.related) { w, row in
                w.raw("{"); w.key("id"); w.int(row.number)
                if row.label != "#\(row.number)" { w.raw(", "); w.key("key"); w.string(row.label) }
                w.raw(", "); w.key("title"); w.string(TextSanitizer.singleLine(row.title))
                w.raw(", "); w.key("activity_level"); w.double(row.activity); w.raw("}")
            }
            w.raw(", "); w.key("cluster_id"); w.string(issue.id)
            w.raw(", "); w.key("open"); w.int(issue.open)
            w.raw(", "); w.key("keywords"); w.array(issue.keywords) { $0.string($1) }
            w.raw(", "); w.key("edited"); w.bool(issue.edited)
            w.raw("}")
        }
        w.raw(r.commonIssues.isEmpty ? "]" : "\n  ]")
        w.raw(",\n  "); w.key("recommendations"); w.array(r.recommendations) { w, rec in
            w.string(rec.title.isEmpty ? rec.text : "\(rec.title): \(rec.text)")
        }
        // Docket's additions.
        w.raw(",\n  "); w.key("report_kind"); w.string(r.kind.rawValue)
        w.raw(",\n  "); w.key("generated_at"); w.string(iso(r.generatedAt, r.period.zone))
        w.raw(",\n  "); w.key("period"); w.raw("{"); w.key("first"); w.string(r.period.first.description)
        w.raw(", "); w.key("last"); w.string(r.period.last.description)
        w.raw(", "); w.key("time_zone"); w.string(zoneName(r.period.zone)); w.raw("}")
        w.raw(",\n  "); w.key("recommendation_details"); w.array(r.recommendations) { w, rec in
            w.raw("{"); w.key("title"); w.string(rec.title); w.raw(", "); w.key("text"); w.string(rec.text)
            w.raw(", "); w.key("clusters"); w.array(rec.clusters) { $0.string($1) }
            w.raw(", "); w.key("tickets"); w.array(rec.tickets) { $0.int($1) }; w.raw("}")
        }
        w.raw(",\n  "); w.key("theme_breakdown"); breakdown(r.byTheme, &w)
        w.raw(",\n  "); w.key("response_times"); w.raw("{"); w.key("median_first_response_seconds"); optional(r.medianFirstResponse, &w)
        w.raw(", "); w.key("first_response_tickets"); w.int(r.firstResponseCount)
        w.raw(", "); w.key("median_time_to_close_seconds"); optional(r.medianTimeToClose, &w)
        w.raw(", "); w.key("closed_tickets"); w.int(r.closedCount); w.raw("}")
        w.raw(",\n  "); w.key("flow"); w.raw("{"); w.key("current"); flow(r.flow, &w)
        w.raw(", "); w.key("previous"); flow(r.previousFlow, &w)
        w.raw(", "); w.key("previous_period"); w.raw("{"); w.key("first"); w.string(r.period.previous.first.description)
        w.raw(", "); w.key("last"); w.string(r.period.previous.last.description); w.raw("}}")
        if r.kind == .weekly {
            w.raw(",\n  "); w.key("daily_volume"); w.array(r.dailyVolume) { w, d in
                w.raw("{"); w.key("date"); w.string(d.day.description); w.raw(", "); w.key("tickets"); w.int(d.tickets); w.raw("}")
            }
            w.raw(",\n  "); w.key("daily_reports"); w.array(r.dailyReports) { $0.string($1) }
        }
        w.raw("\n}\n")
        return String(decoding: w.bytes, as: UTF8.self)
    }

    static func breakdown(_ rows: [Report.Breakdown], _ w: inout JSONWriter) {
        w.array(rows) { w, b in
            w.raw("{"); w.key("category"); w.string(b.category); w.raw(", "); w.key("received"); w.int(b.received)
            w.raw(", "); w.key("resolved"); w.int(b.resolved); w.raw(", "); w.key("pending"); w.int(b.pending); w.raw("}")
        }
    }

    static func flow(_ f: Report.Flow, _ w: inout JSONWriter) {
        w.raw("{"); w.key("new"); w.int(f.new); w.raw(", "); w.key("closed"); w.int(f.closed)
        w.raw(", "); w.key("still_open"); w.int(f.stillOpen); w.raw("}")
    }

    static func optional(_ t: TimeInterval?, _ w: inout JSONWriter) {
        if let t { w.int(Int(t.rounded())) } else { w.null() }
    }

    /// `2025-04-14T00:00:00+00:00`, in the report's zone, as the bot writes times.
    static func iso(_ date: Date, _ zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let local = date.addingTimeInterval(TimeInterval(offset))
        let day = CivilDate(local, in: .utc)
        let secs = Int(local.timeIntervalSince1970) - day.dayNumber * 86400
        let sign = offset < 0 ? "-" : "+"
        let o = abs(offset)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day)T\(two(secs / 3600)):\(two(secs % 3600 / 60)):\(two(secs % 60))\(sign)\(two(o / 3600)):\(two(o % 3600 / 60))"
    }

    static func zoneName(_ zone: TimeZone) -> String {
        zone.secondsFromGMT() == 0 && (zone.identifier == "GMT" || zone.identifier == "UTC") ? "UTC" : zone.identifier
    }
}
