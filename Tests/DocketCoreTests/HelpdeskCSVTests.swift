@testable import DocketImport
@testable import DocketModel
@testable import DocketReport
@testable import DocketStore
import Foundation
import XCTest

/// Zendesk and Jira CSV exports (invented tickets in the exports' shapes).
final class HelpdeskCSVTests: XCTestCase {
    private func parse(_ text: String, bom: Bool = false) throws -> ImportBatch {
        var data = Data(text.utf8)
        if bom { data.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0) }
        return try TicketImporters.parse(data, path: "export.csv")
    }

    private func utc(_ s: String) -> Date? { Timestamp.parse(s) }

    func testZendeskExport() throws {
        let csv = #"""
        Id,Requester,Requester id,Subject,Tags,Status,Priority,Created at,Updated at,Solved at,Via,Satisfaction Score,Replies,Reopens\#r
        101,Ana Ruiz,9001,Sync stalls at 99%,sync desktop,Open,High,2025-11-10 16:51:00,2025-11-11 09:00:00,,Web Form,Unoffered,2,0\#r
        102,Bo Chen,9002,"Login loop, then ""session expired""",login,Solved,Normal,2025-11-09 08:00:00,2025-11-10 10:00:00,2025-11-10 10:00:00,Email,Good,4,1\#r

        """#
        let data = Data(csv.utf8)
        XCTAssertTrue(ZendeskCSVImporter.accepts(data))
        XCTAssertFalse(JiraCSVImporter.accepts(data))
        let b = try parse(csv, bom: true)
        XCTAssertEqual(b.tickets.map(\.key.description), ["zendesk#101", "zendesk#102"])
        let (a, c) = (b.tickets[0], b.tickets[1])
        XCTAssertEqual(a.title, "Sync stalls at 99%")
        XCTAssertEqual(a.labels, ["sync", "desktop"])
        XCTAssertEqual(a.author, "Ana Ruiz")
        XCTAssertEqual(a.state, .open)
        XCTAssertEqual(a.createdAt, utc("2025-11-10T16:51:00Z"))
        XCTAssertEqual(a.commentCount, 2)
        XCTAssertEqual(c.title, "Login loop, then \"session expired\"")
        XCTAssertEqual(c.state, .closed)
        XCTAssertEqual(c.closedAt, utc("2025-11-10T10:00:00Z"))
        XCTAssertEqual(c.reopenCount, 1)
    }

    func testJiraAllFieldsWithRepeatedHeadersCommentsAndCustomFields() throws {
        let csv = #"""
        Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Reporter,Created,Updated,Resolved,Labels,Labels,Labels,Description,Custom field (Operating System),Custom field (App Version),Comment,Comment
        Export hangs on large vaults,SUP-42,10042,Bug,In Progress,Major,kim,lee,10/Nov/25 4:51 PM,12/Nov/25 9:05 AM,,export,desktop,,"It hangs.\#r
        Second line of the description.",Windows 11,3.2.1,"11/Nov/25 10:00 AM;kim;Can you attach the log?","12/Nov/25 9:05 AM;lee;Here it is; the hang starts at 80%."
        Crash on start,SUP-7,10007,Bug,Done,Minor,,max,01/Feb/25 11:54 AM,03/Feb/25 8:00 AM,03/Feb/25 8:00 AM,crash,,,,macOS,,,

        """#
        let data = Data(csv.utf8)
        XCTAssertTrue(JiraCSVImporter.accepts(data))
        let b = try parse(csv)
        XCTAssertEqual(b.tickets.map(\.key.description), ["jira/SUP#42", "jira/SUP#7"])
        let t = b.tickets[0]
        XCTAssertEqual(t.labels, ["export", "desktop"], "every Labels column is kept")
        XCTAssertEqual(t.comments.map(\.author), ["kim", "lee"], "every Comment column is kept")
        XCTAssertEqual(t.comments[1].body, "Here it is; the hang starts at 80%.")
        XCTAssertEqual(t.comments[0].createdAt, utc("2025-11-11T10:00:00Z"))
        XCTAssertEqual(t.createdAt, utc("2025-11-10T16:51:00Z"))
        XCTAssertTrue(t.body.hasPrefix("It hangs.\r\nSecond line"), "a line break inside a quoted cell stays: \(t.body.debugDescription)")
        XCTAssertEqual(t.form.platform, "Windows 11", "custom fields become form fields")
        XCTAssertEqual(t.form.version, "3.2.1")
        XCTAssertEqual(t.state, .open)
        XCTAssertEqual(b.tickets[1].state, .closed)
        XCTAssertEqual(b.tickets[1].closedAt, utc("2025-02-03T08:00:00Z"))
    }

    func testLocalisedJiraHeadersAndMonthNamesAndPlaceholderDates() throws {
        let spanish = #"""
        Resumen,Clave de incidencia,Estado,Informador,Creada,Actualizada,Resuelta,Etiquetas,Comentario
        La sincronización falla,SOP-3,Cerrada,ana,10/nov/25 4:51 PM,11/dic/25 9:00 AM,1900-01-01 00:00:00,sync,10/ene/26 4:00 p. m.;luis;Ya funciona

        """#
        let es = try parse(spanish).tickets[0]
        XCTAssertEqual(es.key.description, "jira/SOP#3")
        XCTAssertEqual(es.createdAt, utc("2025-11-10T16:51:00Z"))
        XCTAssertEqual(es.state, .closed, "Cerrada is closed")
        XCTAssertEqual(es.comments.first?.createdAt, utc("2026-01-10T16:00:00Z"))
        let french = #"""
        Résumé,Clé de ticket,État,Rapporteur,Création,Mise à jour,Étiquettes
        Plantage au démarrage,SUP-9,Ouvert,jean,10/oct./16 11:54 AM,05/févr./17 10:00 PM,crash

        """#
        let fr = try parse(french).tickets[0]
        XCTAssertEqual(fr.createdAt, utc("2016-10-10T11:54:00Z"))
        XCTAssertEqual(fr.updatedAt, utc("2017-02-05T22:00:00Z"))
        XCTAssertEqual(fr.state, .open)
        XCTAssertNil(fr.closedAt)
    }

    func testBadRecordsAndUnknownHeadersGetOneClearLine() {
        func message(_ text: String) -> String {
            do { _ = try parse(text); return "no error" } catch { return "\(error)" }
        }
        let noKey = message("Summary,Issue key,Created\nA title,,10/Nov/25 4:51 PM\n")
        XCTAssertTrue(noKey.contains("export.csv: record 2: no issue key like PROJ-123"), noKey)
        let badDate = message("Summary,Issue key,Created\nA title,SUP-1,tomorrow\n")
        XCTAssertTrue(badDate.contains("record 2") && badDate.contains("\"tomorrow\" is not a date"), badDate)
        XCTAssertTrue(message("Summary,Issue key,Created\nA title,SUP-1,31/Feb/25 1:00 PM\n").contains("is not a date"))
        let unknown = message("name,email,plan\nx,y,z\n")
        XCTAssertTrue(unknown.contains("a CSV header Docket does not recognise (\"name\", \"email\", \"plan\")")
                      && unknown.contains("expected a Zendesk ticket export"), unknown)
        XCTAssertTrue(unknown.hasSuffix("(nothing was imported)"), unknown)
        let unclosed = message("Summary,Issue key,Created\n\"A title,SUP-1,10/Nov/25 4:51 PM\n")
        XCTAssertTrue(unclosed.contains("export.csv: record 2: a quote opened in this record is never closed"), unclosed)
    }

    /// Tickets of several sources live side by side: a Zendesk 7 and a
    /// GitHub #7 are two tickets.
    func testHelpdeskTicketsSitBesideGitHubOnesInOneStore() throws {
        let dir = Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try Store.open(dir)
        try s.importBatch(try Fixtures.parse("[\(Fixtures.issue(7))]"))
        let r = try s.importBatch(try parse("Id,Subject,Requester,Created at\n7,Printer offline,amy,2025-04-14 09:00:00\n"))
        XCTAssertEqual(r.added, 1)
        XCTAssertEqual(try Store.open(dir).tickets.map(\.key.description).sorted(), ["acme/help#7", "zendesk#7"])
    }

    /// A Jira issue is written PROJ-123 in reports, as Jira writes it.
    func testJiraKeysAreWrittenAsJiraWritesThem() throws {
        let b = try parse("Summary,Issue key,Created\nExport hangs,SUP-42,10/Nov/25 4:51 PM\n")
        let t = try XCTUnwrap(b.tickets.first)
        XCTAssertEqual(t.key.label, "SUP-42")
        XCTAssertEqual(TicketKey(source: "acme/help", number: 7).label, "#7")
        XCTAssertEqual(TicketKey(source: "zendesk", number: 7).label, "#7")
        let period = Period(first: CivilDate(year: 2025, month: 11, day: 10), last: CivilDate(year: 2025, month: 11, day: 10))
        let report = ReportBuilder.build(kind: .daily, tickets: b.tickets, period: period, generatedAt: period.end)
        let md = MarkdownRenderer.render(report)
        XCTAssertTrue(md.contains("| SUP-42 | Export hangs |"), md)
        XCTAssertFalse(md.contains("#42"), md)
        XCTAssertTrue(JSONReportRenderer.render(report).contains("\"number\":42, \"key\":\"SUP-42\""))
    }
}

/// Any CSV, its columns named with `--map`.
final class MappedCSVTests: XCTestCase {
    private let csv = "Ticket,Headline,Opened,Tags,Who,Notes\nT-12,Printer offline,2025-04-14 09:00,hw printer,amy,\"Paper jam;\nthen nothing\"\n"

    func testNamedColumnsFillTheTicket() throws {
        let map = try HelpdeskCSV.parseMap(["Ticket=number,Headline=title,Opened=created", "Tags=labels,Who=author, Notes = body"])
        let b = try HelpdeskCSV.importMapped(Data(csv.utf8), path: "any.csv", map: map, source: "helpdesk")
        let t = try XCTUnwrap(b.tickets.first)
        XCTAssertEqual(t.key.description, "helpdesk#12", "the number at the end of a key")
        XCTAssertEqual(t.title, "Printer offline")
        XCTAssertEqual(t.labels, ["hw", "printer"])
        XCTAssertEqual(t.author, "amy")
        XCTAssertEqual(t.body, "Paper jam;\nthen nothing")
        XCTAssertEqual(t.createdAt, Timestamp.parse("2025-04-14T09:00:00Z"))
    }

    func testWrongMapsSayWhatToFix() {
        func message(_ specs: [String]) -> String {
            do {
                _ = try HelpdeskCSV.importMapped(Data(csv.utf8), path: "any.csv", map: try HelpdeskCSV.parseMap(specs), source: "h")
                return "no error"
            } catch { return "\(error)" }
        }
        XCTAssertTrue(message(["Ticket=numbr"]).hasPrefix("--map \"Ticket=numbr\" is not COLUMN=FIELD with FIELD one of number,"))
        XCTAssertTrue(message(["Nope=title"]).contains("any.csv: --map names a column \"Nope\" the header does not have (it has \"Ticket\""))
        XCTAssertTrue(message(["Ticket=number,Opened=created"]).contains("--map gives no column for title"))
        XCTAssertTrue(message(["Headline=title,Opened=created"]).contains("--map gives no column for number (or key)"))
        XCTAssertTrue(message(["Ticket=number"]).hasSuffix("fix --map and import again (nothing was imported)"))
    }
}

/// The record reader itself (RFC 4180).
final class CSVRecordsTests: XCTestCase {
    private func read(_ s: String) throws -> [[String]] { try CSVRecords.read(Data(s.utf8), limit: nil) }

    func testQuotesLineBreaksAndEmptyFields() throws {
        XCTAssertEqual(try read("a,b\r\n1,\"x, \"\"y\"\"\r\nz\"\r\n,\n"), [["a", "b"], ["1", "x, \"y\"\r\nz"], ["", ""]])
        XCTAssertEqual(try read("\u{FEFF}h\rv"), [["h"], ["v"]], "a BOM is skipped; a lone CR ends a record")
        XCTAssertEqual(try read("a,\"\"\n"), [["a", ""]], "a quoted empty field")
        XCTAssertEqual(try read("é,日本\n"), [["é", "日本"]])
        XCTAssertEqual(try CSVRecords.read(Data("a\nb\nc\n".utf8), limit: 2), [["a"], ["b"]])
        XCTAssertThrowsError(try read("a,b\n\"open,2\n3,4\n")) { e in XCTAssertEqual((e as? CSVRecords.Unclosed)?.record, 2) }
    }
}
