@testable import DocketAnalysis
@testable import DocketModel
import Foundation
import XCTest

final class ActivityTests: XCTestCase {
    let day = Period(first: CivilDate(year: 2025, month: 4, day: 14), last: CivilDate(year: 2025, month: 4, day: 14))

    private func ticket(_ n: Int, created: String, updated: String, comments: [Comment] = [], reactions: Int = 0,
                        closed: String? = nil) -> Ticket {
        Ticket(source: "a/b", number: n, title: "t\(n)", state: closed == nil ? .open : .closed, author: "alice",
               createdAt: Fixtures.date(created), updatedAt: Fixtures.date(updated), closedAt: closed.map(Fixtures.date),
               reactions: reactions, comments: comments)
    }

    func testBreakdownAddsUpTermByTerm() {
        let comments = [
            Comment(author: "bob", createdAt: Fixtures.date("2025-04-14T10:00:00Z"), body: "x", reactions: 2),
            Comment(author: "carol", createdAt: Fixtures.date("2025-04-14T12:00:00Z"), body: "y"),
            Comment(author: "bob", createdAt: Fixtures.date("2025-04-13T12:00:00Z"), body: "before the period"),
            Comment(author: "ci[bot]", authorIsBot: true, createdAt: Fixtures.date("2025-04-14T13:00:00Z"), body: "bot"),
        ]
        let t = ticket(1, created: "2025-04-14T09:00:00Z", updated: "2025-04-14T13:00:00Z", comments: comments, reactions: 4)
        let b = ActivityModel().breakdown(t, period: day, reference: Fixtures.date("2025-04-15T00:00:00Z"))
        let byName = Dictionary(uniqueKeysWithValues: b.terms.map { ($0.name, $0.count) })
        XCTAssertEqual(byName["comments in period"], 3)  // the bot's comment counts as activity
        XCTAssertEqual(byName["reactions"], 6)
        XCTAssertEqual(byName["participants"], 3)  // alice, bob, carol; not the bot
        XCTAssertEqual(byName["opened in period"], 1)
        // last activity 13:00, 11 hours before the end of the day
        let recency = pow(2, -(11.0 / 24) / 3)
        XCTAssertEqual(b.score, 3 + 3 + 3 + 2 + 3 * recency, accuracy: 1e-9)
    }

    func testCommentCountWithoutTimestampsIsCreditedByUpdatedAt() {
        var t = ticket(1, created: "2025-04-01T09:00:00Z", updated: "2025-04-14T09:00:00Z")
        t.commentCount = 5
        let inPeriod = ActivityModel().breakdown(t, period: day, reference: Fixtures.date("2025-04-15T00:00:00Z"))
        XCTAssertEqual(inPeriod.terms.first { $0.name == "comments in period" }?.count, 5)
        let other = Period(first: CivilDate(year: 2025, month: 4, day: 10), last: CivilDate(year: 2025, month: 4, day: 10))
        XCTAssertEqual(ActivityModel().score(t, period: other, reference: Fixtures.date("2025-04-11T00:00:00Z")), 0)
    }

    func testRankingOrdersByActivityThenRecencyThenNumber() {
        let busy = ticket(5, created: "2025-04-14T09:00:00Z", updated: "2025-04-14T10:00:00Z",
                          comments: [Comment(author: "x", createdAt: Fixtures.date("2025-04-14T10:00:00Z"), body: "")])
        let a = ticket(3, created: "2025-04-14T09:00:00Z", updated: "2025-04-14T09:00:00Z")
        let b = ticket(2, created: "2025-04-14T09:00:00Z", updated: "2025-04-14T09:00:00Z")
        let outside = ticket(9, created: "2025-04-01T09:00:00Z", updated: "2025-04-02T09:00:00Z")
        let tickets = [a, outside, b, busy]
        let ranked = Ranking.rank(tickets, period: day, reference: Fixtures.date("2025-04-15T00:00:00Z"))
        XCTAssertEqual(ranked.map { tickets[$0.index].number }, [5, 2, 3])
    }

    func testPeriodParsing() throws {
        let now = Fixtures.date("2025-04-16T15:00:00Z")  // a Wednesday
        XCTAssertEqual(try Period.parse("today", now: now).description, "2025-04-16 to 2025-04-16")
        XCTAssertEqual(try Period.parse("week", now: now).description, "2025-04-14 to 2025-04-20")
        XCTAssertEqual(try Period.parse("7d", now: now).description, "2025-04-10 to 2025-04-16")
        XCTAssertEqual(try Period.parse("2025-04-01..2025-04-03", now: now).days, 3)
        XCTAssertTrue(try Period.parse("all", now: now).isAll)
        XCTAssertThrowsError(try Period.parse("2025-02-30", now: now))
        XCTAssertThrowsError(try Period.parse("2025-04-03..2025-04-01", now: now))
        let p = try Period.parse("2025-04-14", now: now)
        XCTAssertTrue(p.contains(Fixtures.date("2025-04-14T00:00:00Z")))
        XCTAssertTrue(p.contains(Fixtures.date("2025-04-14T23:59:59Z")))
        XCTAssertFalse(p.contains(Fixtures.date("2025-04-15T00:00:00Z")))
    }

    func testCivilDateArithmetic() {
        let d = CivilDate(year: 2024, month: 2, day: 29)
        XCTAssertEqual(CivilDate(dayNumber: d.dayNumber), d)
        XCTAssertEqual(d.adding(days: 1).description, "2024-03-01")
        XCTAssertEqual(CivilDate(year: 2025, month: 4, day: 20).monday.description, "2025-04-14")
        XCTAssertEqual(CivilDate(year: 2025, month: 4, day: 14).weekday, 1)
        XCTAssertEqual(Timestamp.format(Fixtures.date("2025-04-14T21:07:02+02:00")), "2025-04-14T19:07:02Z")
        XCTAssertEqual(Timestamp.parse("2025-04-14T21:07:02.394772+00:00")?.timeIntervalSince1970 ?? 0,
                       Fixtures.date("2025-04-14T21:07:02Z").timeIntervalSince1970 + 0.394772, accuracy: 1e-5)
    }
}
