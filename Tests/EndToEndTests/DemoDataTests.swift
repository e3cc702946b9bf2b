import DocketDemo
import DocketImport
import DocketModel
import DocketStore
import Foundation
import XCTest

final class DemoDataTests: XCTestCase {
    /// The embedded copy must be the JSON file in Resources/; regenerate it
    /// with `bash .ci/embed-demo` after editing the file.
    func testEmbeddedDemoDataMatchesTheResourceFile() throws {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let file = try Data(contentsOf: root.appendingPathComponent("Resources/demo-tickets.json"))
        XCTAssertEqual(DemoData.ticketsJSON, Array(file), "run `bash .ci/embed-demo`")
    }

    func testDemoDataImportsAsAboutTwoHundredVariedTickets() throws {
        let batch = try GitHubImporter.parse(Data(DemoData.ticketsJSON), path: "demo")
        XCTAssertEqual(batch.tickets.count, 200)
        XCTAssertGreaterThan(batch.comments.count, 100)
        var tickets: [Ticket] = []
        _ = Store.merge(batch, into: &tickets)
        XCTAssertTrue(tickets.contains { $0.form.platform != nil })
        XCTAssertTrue(tickets.contains { $0.body.unicodeScalars.contains { $0.properties.isEmojiPresentation } })
        XCTAssertTrue(tickets.contains { $0.title.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } || $0.body.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) } })
        XCTAssertTrue(tickets.contains { $0.state == .closed } && tickets.contains { $0.state == .open })
    }
}
