@testable import DocketImport
@testable import DocketJSON
@testable import DocketModel
import Foundation
import XCTest

/// GitHub-shaped documents written for these tests (invented content).
enum Fixtures {
    static func issue(_ n: Int, title: String = "Sync stalls at 99%", state: String = "open",
                      created: String = "2025-04-14T09:00:00Z", updated: String = "2025-04-14T10:00:00Z",
                      closed: String? = nil, comments: Int = 0, body: String = "It stops.", extra: String = "") -> String {
        """
        {"url":"https://api.github.com/repos/acme/help/issues/\(n)","repository_url":"https://api.github.com/repos/acme/help",
         "html_url":"https://github.com/acme/help/issues/\(n)","id":\(1000 + n),"number":\(n),"title":\(jsonString(title)),
         "user":{"login":"user\(n)","id":\(n),"type":"User"},"labels":[{"id":1,"name":"bug","color":"d73a4a"}],
         "state":"\(state)","state_reason":null,"locked":false,"assignees":[],"comments":\(comments),
         "created_at":"\(created)","updated_at":"\(updated)","closed_at":\(closed.map { "\"\($0)\"" } ?? "null"),
         "author_association":"NONE","reactions":{"total_count":2,"+1":2},"body":\(jsonString(body))\(extra)}
        """
    }

    static func comment(_ id: Int, issue: Int, author: String = "helper", created: String = "2025-04-14T11:00:00Z",
                        body: String = "Try restarting.") -> String {
        """
        {"url":"https://api.github.com/repos/acme/help/issues/comments/\(id)","html_url":"https://github.com/acme/help/issues/\(issue)#issuecomment-\(id)",
         "issue_url":"https://api.github.com/repos/acme/help/issues/\(issue)","id":\(id),"user":{"login":"\(author)","id":9,"type":"User"},
         "created_at":"\(created)","updated_at":"\(created)","author_association":"MEMBER","body":\(jsonString(body)),
         "reactions":{"total_count":1}}
        """
    }

    static func jsonString(_ s: String) -> String {
        var w = JSONWriter()
        w.string(s)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    static func parse(_ text: String, path: String = "test.json") throws -> ImportBatch {
        try GitHubImporter.parse(Data(text.utf8), path: path)
    }

    /// A fresh, empty temporary directory.
    static func tempDir(_ name: String = #function) -> String {
        let base = NSTemporaryDirectory() + "docket-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        return base
    }

    static func date(_ s: String) -> Date {
        guard let d = Timestamp.parse(s) else { fatalError("bad test date \(s)") }
        return d
    }

    /// The real tickets in ../shared/data, if this checkout has them.
    static var sharedIssuesPath: String? {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let p = url.deletingLastPathComponent().appendingPathComponent("shared/data/pieces-support/issues.json").path
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }
}

/// Tests that work in a fresh store directory of their own, removed after each test.
class StoreDirTestCase: XCTestCase {
    var dir = ""

    override func setUp() {
        super.setUp()
        dir = Fixtures.tempDir()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: dir)
        super.tearDown()
    }
}
