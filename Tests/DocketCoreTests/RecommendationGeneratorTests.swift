@testable import DocketAnalysis
@testable import DocketGenerator
@testable import DocketModel
import Foundation
import XCTest

final class RecommendationGeneratorTests: XCTestCase {
    private let week = Period(first: CivilDate(year: 2025, month: 4, day: 14), last: CivilDate(year: 2025, month: 4, day: 20))

    private func ticket(_ n: Int, title: String = "Sync stalls", created: String = "2025-04-15T09:00:00Z",
                        closed: String? = nil, body: String = "", comments: [Comment] = [], reopened: Int = 0) -> Ticket {
        Ticket(source: "acme/help", number: n, title: title, body: body, state: closed == nil ? .open : .closed,
               author: "user\(n)", createdAt: Fixtures.date(created), updatedAt: Fixtures.date(closed ?? created),
               closedAt: closed.map(Fixtures.date), comments: comments, reopenCount: reopened)
    }

    private func cluster(_ id: String, _ title: String, _ tickets: [Ticket], keywords: [String] = ["sync", "stall"]) -> RecommendationInput.Cluster {
        RecommendationInput.Cluster(id: id, title: title, keywords: keywords, tickets: tickets.map(\.key))
    }

    func testRisingOpenProblemIsToBeFixedFirstWithItsCountsAndSignatures() {
        let now = (1...5).map { ticket($0, title: "Sync fails with ECONNREFUSED", body: "Error: ECONNREFUSED on save\n\n### Operating System\n\nWindows 11") }
        let before = (6...7).map { ticket($0, title: "Sync fails", created: "2025-04-08T09:00:00Z") }
        let input = RecommendationInput(clusters: [cluster("c1", "Sync fails with ECONNREFUSED", now + before)],
                                        tickets: now + before, period: week)
        let recs = RecommendationGenerator.generate(input)
        XCTAssertEqual(recs.first?.id, "r-c1", "the problem to fix first comes first")
        let r = recs[0]
        XCTAssertEqual(r.id, "r-c1")
        XCTAssertEqual(r.title, "Fix \"Sync fails with ECONNREFUSED\" first")
        XCTAssertTrue(r.text.hasPrefix("5 tickets from 2025-04-14 to 2025-04-20 (up from 2 the week before), 5 open; they share `ECONNREFUSED`"), r.text)
        XCTAssertTrue(r.text.contains("#1, #2, #3 and 2 more"), r.text)
        XCTAssertTrue(r.text.contains("5 of 5 that name a platform are on Windows"), r.text)
        XCTAssertEqual(r.tickets, now.map(\.key), "the tickets of the period, not the earlier ones")
        XCTAssertEqual(r.clusterIDs, ["c1"])
        XCTAssertEqual(r.origin, .generated)
        XCTAssertEqual(r.markdownLine, "- **\(r.title):** \(r.text)")
    }

    func testQuicklyClosedProblemGetsAnFAQEntryCitingTheAnswer() {
        let answer = Comment(author: "maintainer", association: "MEMBER", createdAt: Fixtures.date("2025-04-15T10:00:00Z"), body: "Clear the cache.")
        let tickets = [
            ticket(1, title: "Login loops", closed: "2025-04-15T12:00:00Z", comments: [answer]),
            ticket(2, title: "Login loops", closed: "2025-04-16T12:00:00Z"),
            ticket(3, title: "Login loops"),
        ]
        let r = RecommendationGenerator.generate(RecommendationInput(clusters: [cluster("c4", "Login loops", tickets)], tickets: tickets, period: week))
            .filter { $0.id == "r-c4" }
        XCTAssertEqual(r.map(\.title), ["Add an FAQ entry for \"Login loops\""])
        XCTAssertTrue(r[0].text.contains("2 of 2 closed in the period were closed within 3 days, e.g. #1 after @maintainer's answer"), r[0].text)
    }

    func testNoReplyIsClaimedOnlyWhereTheThreadIsKnown() {
        // Two open this week, two the week before: steady, so unanswered tickets are the thing to act on.
        func tickets(comments: Int?) -> [Ticket] {
            var now = (1...2).map { ticket($0, title: "Export hangs") }
            if let comments { for i in now.indices { now[i].commentCount = comments } }
            return now + (3...4).map { ticket($0, title: "Export hangs", created: "2025-04-08T09:00:00Z") }
        }
        func texts(_ t: [Ticket]) -> String {
            RecommendationGenerator.generate(RecommendationInput(clusters: [cluster("c9", "Export hangs", t)], tickets: t, period: week))
                .map(\.text).joined(separator: "\n")
        }
        // Known threads with no reply are claimed.
        XCTAssertTrue(texts(tickets(comments: nil)).contains("Nobody but the reporter has written in #1 and #2"))
        // Imported with comment counts but no comment bodies: nobody knows who answered.
        XCTAssertFalse(texts(tickets(comments: 8)).contains("Nobody but the reporter"))
        // Imported without even a count: the same.
        var unknown = tickets(comments: 0)
        for i in unknown.indices { unknown[i].commentCountKnown = false }
        XCTAssertFalse(texts(unknown).contains("Nobody but the reporter"))
    }

    func testWeeksOldOpenTicketsActiveInThePeriodAreFollowedUpOldestFirst() {
        let reply = Comment(author: "helper", association: "MEMBER", createdAt: Fixtures.date("2025-03-21T09:00:00Z"), body: "Looking into it.")
        func touched(_ t: Ticket, _ at: String) -> Ticket {
            var t = t
            t.comments.append(Comment(author: t.author, association: "NONE", createdAt: Fixtures.date(at), body: "Any news?"))
            t.updatedAt = Fixtures.date(at)
            return t
        }
        var request = touched(ticket(3, title: "Add dark mode", created: "2025-03-01T09:00:00Z", comments: [reply]), "2025-04-16T09:00:00Z")
        request.labels = ["enhancement"]
        let tickets = [
            touched(ticket(1, title: "Sync stalls on big notes", created: "2025-03-20T09:00:00Z", comments: [reply]), "2025-04-16T09:00:00Z"),
            touched(ticket(2, title: "Print dialog is empty", created: "2025-03-10T12:00:00Z", comments: [reply]), "2025-04-17T09:00:00Z"),
            request,
            // Opened ten days before the end: not yet weeks old.
            touched(ticket(4, title: "Font too small", created: "2025-04-11T09:00:00Z", comments: [reply]), "2025-04-15T09:00:00Z"),
            // Old, but nothing happened in the period.
            ticket(5, title: "Cannot rename tags", created: "2025-03-01T09:00:00Z", comments: [reply]),
        ]
        let input = RecommendationInput(clusters: [], tickets: tickets, period: week)
        // Two actions make a short list: a line each, oldest first.
        let recs = RecommendationGenerator.generate(input)
        XCTAssertEqual(recs.map(\.id), ["r-follow-up-2", "r-follow-up-1"], "oldest first; no request, nothing young or untouched")
        XCTAssertEqual(recs.first?.title, "Follow up #2, open for 41 days")
        XCTAssertEqual(recs.first?.tickets.map(\.number), [2])
        // In a longer list they are one line.
        let items = RecommendationGenerator.followUpItems(tickets.filter { Ranking.isActive($0, in: week) }, except: [], input)
        let (title, text) = RecommendationText.followUp(items)
        let follow: (title: String, text: String)? = (title, text)
        XCTAssertEqual(follow?.title, "Follow up 2 tickets open for 14 days or more")
        XCTAssertEqual(follow?.text, "#2 (open 41 days, since 2025-03-10) and #1 (open 31 days, since 2025-03-20) are still open 14 days or more "
                       + "after they were opened, and were active in the period: tell each reporter where it stands "
                       + "(fixed in a release, waiting on them, or when) or close it.")
    }

    func testReopenedTicketsAskToRecheckTheFix() {
        let tickets = [ticket(1, reopened: 1), ticket(2, reopened: 2), ticket(3)]
        let r = RecommendationGenerator.generate(RecommendationInput(clusters: [cluster("c2", "Sync stalls", tickets)], tickets: tickets, period: week))
        XCTAssertEqual(r.first?.title, "Recheck the fix for \"Sync stalls\"")
        XCTAssertTrue(r.first?.text.contains("#1 and #2 were reopened") ?? false, r.first?.text ?? "")
    }

    func testNothingSpecificMeansNoRecommendation() {
        // Two tickets, both closed slowly, steady: nothing to do.
        let tickets = [ticket(1, created: "2025-04-01T09:00:00Z", closed: "2025-04-15T09:00:00Z"),
                       ticket(2, created: "2025-04-01T09:00:00Z", closed: "2025-04-16T09:00:00Z")]
        XCTAssertEqual(RecommendationGenerator.generate(RecommendationInput(clusters: [cluster("c1", "Sync stalls", tickets)],
                                                                            tickets: tickets, period: week)), [])
    }

    /// Two clusters about the same problem (near-identical titles) and the
    /// same cluster passed twice: one recommendation each problem.
    func testNearIdenticalTitlesGiveOneRecommendationAndNoClusterTwice() {
        let a = (1...4).map { ticket($0, title: "Sync conflict on every edit between laptop and desktop") }
        let b = (5...7).map { ticket($0, title: "Sync conflict on every edit between laptop and phone") }
        let c = (8...10).map { ticket($0, title: "Export to PDF drops images") }
        let clusters = [cluster("c1", a[0].title, a), cluster("c2", b[0].title, b),
                        cluster("c3", c[0].title, c, keywords: ["export", "pdf"]), cluster("c1", a[0].title, a)]
        let recs = RecommendationGenerator.generate(RecommendationInput(clusters: clusters, tickets: a + b + c, period: week))
            .filter { ["r-c1", "r-c2", "r-c3"].contains($0.id) }
        XCTAssertEqual(recs.count, 2)
        XCTAssertEqual(recs[0].clusterIDs, ["c1", "c2"])
        XCTAssertEqual(recs[0].tickets.count, 7)
        XCTAssertTrue(recs[0].text.hasPrefix("7 tickets"), recs[0].text)
        XCTAssertEqual(recs[1].clusterIDs, ["c3"])
        assertDistinct(recs)
    }

    func testAtMostSevenDistinctSpecificRecommendationsOnAGeneratedCorpus() throws {
        let options = GeneratorOptions(tickets: 3_000, seed: 5, days: 60)
        let corpus = try GeneratedCorpus.tickets(options)
        let last = CivilDate(options.end, in: .utc)
        let period = Period(first: last.adding(days: -6), last: last)
        let tickets = corpus.filter { Ranking.isActive($0, in: period) || Ranking.isActive($0, in: period.previous) }
        let clusters = ClusterAnalysis.run(tickets).map {
            RecommendationInput.Cluster(id: $0.id, title: $0.title, keywords: $0.keywords, tickets: $0.members.map { tickets[$0].key })
        }
        let generated = RecommendationGenerator.generate(RecommendationInput(clusters: clusters, tickets: tickets, period: period))
        let recs = generated.filter { r in r.clusterIDs.first.map { r.id == "r-" + $0 } ?? false }
        XCTAssertGreaterThanOrEqual(generated.count, 3, "a busy week has things to do")
        XCTAssertGreaterThanOrEqual(recs.count, 1, "and problems to act on")
        XCTAssertLessThanOrEqual(recs.count, 7)
        assertDistinct(generated)
        let titles = Dictionary(clusters.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        for r in recs {
            let lead = try XCTUnwrap(r.clusterIDs.first)
            XCTAssertEqual(r.id, "r-" + lead)
            XCTAssertTrue(r.title.contains(RecommendationText.shortTitle(titles[lead] ?? "?")), "\(r.title) names its cluster")
            XCTAssertTrue(r.text.hasPrefix("\(r.tickets.count) tickets from \(period.first) to \(period.last) ("), r.text)
            XCTAssertTrue(r.text.contains("the week before"), r.text)
            XCTAssertTrue(r.text.contains("#"), "cites tickets: \(r.text)")
            XCTAssertTrue(r.tickets.allSatisfy { k in tickets.contains { $0.key == k && Ranking.isActive($0, in: period) } })
        }
        XCTAssertEqual(RecommendationGenerator.generate(RecommendationInput(clusters: clusters, tickets: tickets, period: period)), generated,
                       "deterministic")
    }

    private func assertDistinct(_ recs: [Recommendation], file: StaticString = #filePath, line: UInt = #line) {
        // A problem's action names each cluster once; other kinds may name them again.
        let clusterIDs = recs.filter { r in r.clusterIDs.first.map { r.id == "r-" + $0 } ?? false }.flatMap(\.clusterIDs)
        XCTAssertEqual(Set(clusterIDs).count, clusterIDs.count, "no cluster twice", file: file, line: line)
        XCTAssertEqual(Set(recs.map(\.id)).count, recs.count, file: file, line: line)
        XCTAssertEqual(Set(recs.map(\.title)).count, recs.count, "no title twice", file: file, line: line)
        XCTAssertEqual(Set(recs.map(\.text)).count, recs.count, "no text twice", file: file, line: line)
        let filler = ["improve documentation", "monitor", "enhance", "consider", "continue to"]
        for r in recs {
            let words = (r.title + " " + r.text).lowercased()
            for f in filler { XCTAssertFalse(words.contains(f), "generic filler '\(f)' in \(r.title): \(r.text)", file: file, line: line) }
        }
    }
}

extension RecommendationGeneratorTests {
    /// A few reopenings in a large, growing problem are cited, not taken
    /// for a failed fix.
    func testFewReopeningsInALargeProblemAreCitedNotTheAction() {
        let tickets = (1...25).map { ticket($0, reopened: $0 == 3 ? 1 : 0) } + (26...27).map { ticket($0, created: "2025-04-08T09:00:00Z") }
        let r = RecommendationGenerator.generate(RecommendationInput(clusters: [cluster("c5", "Sync stalls", tickets)], tickets: tickets, period: week))
        XCTAssertEqual(r.first?.title, "Fix \"Sync stalls\" first")
        XCTAssertTrue(r.first?.text.hasSuffix("#3 was reopened after being closed.") ?? false, r.first?.text ?? "")
    }
}
