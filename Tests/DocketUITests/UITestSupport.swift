import DocketModel
@testable import DocketUI
import Foundation
import XCTest

/// Small helpers for buffer tests: build states from invented tickets and
/// compare rendered buffers with literal lines, failing with a line diff.
enum UITest {
    static func date(_ s: String) -> Date {
        guard let d = Timestamp.parse(s) else { fatalError("bad test date \(s)") }
        return d
    }

    static func tickets(_ n: Int) -> [Ticket] {
        (1...max(1, n)).map { i in
            Ticket(source: "acme/help", number: 100 + i, title: "Ticket number \(i)", state: i % 3 == 0 ? .closed : .open,
                   labels: i % 2 == 0 ? ["bug"] : [], author: "user\(i)",
                   createdAt: date("2025-04-14T09:00:00Z"), updatedAt: date("2025-04-14T10:00:00Z"),
                   closedAt: i % 3 == 0 ? date("2025-04-14T10:00:00Z") : nil,
                   comments: (0..<(n - i)).map { c in
                       Comment(author: "c\(c)", createdAt: date("2025-04-14T10:00:00Z"), body: "comment \(c)")
                   }, url: "https://github.com/acme/help/issues/\(100 + i)")
        }
    }

    static let day = Period(first: CivilDate(year: 2025, month: 4, day: 14), last: CivilDate(year: 2025, month: 4, day: 14))

    /// `top` lines, blank lines, then `status` as the last of `height` lines.
    static func screen(_ top: [String], status: String, height: Int = 24) -> [String] {
        top + Array(repeating: "", count: max(0, height - top.count - 1)) + [status]
    }

    static func state(_ tickets: [Ticket], width: Int = 80, height: Int = 24) -> AppState {
        AppState(tickets: tickets, period: day, reference: date("2025-04-15T00:00:00Z"), width: width, height: height)
    }

    /// Feeds events through `App.update`, collecting the effects.
    static func feed(_ s: AppState, _ events: [InputEvent]) -> (AppState, [Effect]) {
        var state = s
        var effects: [Effect] = []
        for e in events {
            let (next, out) = App.update(state, e)
            state = next
            effects += out
        }
        return (state, effects)
    }

    static func press(_ s: AppState, _ keys: Key...) -> AppState {
        keys.reduce(s) { App.update($0, .key($1)).0 }
    }

    static func assertLines(_ buffer: Buffer, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        let actual = buffer.trimmedLines
        guard actual != expected else { return }
        var diff = ""
        for i in 0..<max(actual.count, expected.count) {
            let a = i < actual.count ? actual[i] : "<none>"
            let e = i < expected.count ? expected[i] : "<none>"
            diff += (a == e ? "  " : "✗ ") + "\(i): expected |\(e)|\n" + (a == e ? "" : "     actual   |\(a)|\n")
        }
        XCTFail("buffer differs:\n" + diff, file: file, line: line)
    }
}
