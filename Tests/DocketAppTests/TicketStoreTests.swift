import DocketApp
import DocketModel
import DocketReport
import DocketStore
import Foundation
import XCTest

/// The services against a store that is not the JSON files: what the
/// `TicketStore` protocol promises is enough for them and for curation.
final class TicketStoreTests: XCTestCase {
    final class MemoryStore: TicketStore {
        private(set) var tickets: [Ticket] = []
        private(set) var annotations: [TicketKey: TicketAnnotation] = [:]
        private(set) var curation = Curation()
        private(set) var journal: [Edit] = []
        var clusters: ClusterSnapshot?

        func ticket(_ key: TicketKey) -> Ticket? { tickets.first { $0.key == key } }

        func apply(_ edit: Edit, at date: Date) throws {
            journal.append(edit)
            EditHistory.apply(edit, annotations: &annotations, curation: &curation)
        }

        func importBatch(_ batch: ImportBatch) throws -> ImportSummary { Store.merge(batch, into: &tickets) }
        func changedOnDisk() -> Bool { false }
        func reload() throws {}
        var hasClusters: Bool { clusters != nil }
        func loadClusters() throws -> ClusterSnapshot? { clusters }
        func saveClusters(_ snapshot: ClusterSnapshot) throws { clusters = snapshot }
    }

    func testServicesAndCurationWorkOnAnyTicketStore() throws {
        let store = MemoryStore()
        var batch = ImportBatch()
        batch.tickets = BrowserRuntimeTests.tickets(9)
        XCTAssertEqual(try store.importBatch(batch).added, 9)

        let key = store.tickets[0].key
        XCTAssertTrue(try store.tag(key, theme: "sync"))
        XCTAssertEqual(store.journal, [.defineTheme(Theme(name: "sync")), .tag(key, theme: "sync")])
        XCTAssertEqual(store.annotation(key).themes, ["sync"])
        XCTAssertEqual(store.themes.map(\.tickets), [1])

        let now = BrowserRuntimeTests.date("2025-04-14T12:00:00Z")
        let (snapshot, _) = try AnalysisService.analyze(store, now: now)
        XCTAssertEqual(store.clusters, snapshot)
        XCTAssertNil(try AnalysisService.upToDate(store, now: now).analyzed)

        let day = CivilDate(year: 2025, month: 4, day: 14)
        let built = try ReportService.build(.daily, day: day, generatedAt: now, store: store, out: "reports")
        XCTAssertEqual(built, ReportService.build(.daily, day: day, generatedAt: now, contents: store.contents,
                                                  snapshot: snapshot, out: "reports"))
    }
}
