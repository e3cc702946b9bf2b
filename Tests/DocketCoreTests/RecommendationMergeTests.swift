@testable import DocketModel
import XCTest

final class RecommendationMergeTests: XCTestCase {
    private func r(_ id: String, _ text: String = "generated", origin: Recommendation.Origin = .generated) -> Recommendation {
        Recommendation(id: id, title: id, text: text, origin: origin)
    }

    func testWithoutOverridesTheGeneratedListIsKept() {
        let g = [r("r-c1"), r("r-c2")]
        XCTAssertEqual(Recommendations.merge(generated: g, overrides: RecommendationOverrides()), g)
    }

    func testStoredOrderFirstThenNewGeneratedThenAdded() {
        let g = [r("r-c1"), r("r-c2"), r("r-c3"), r("r-c4")]
        let o = RecommendationOverrides(
            order: ["r-c3", "a-2", "r-c1", "r-gone"],
            entries: [
                "r-c2": .set(r("r-c2", "edited words", origin: .edited)),
                "r-c4": .removed,
                "a-2": .set(r("a-2", "second added", origin: .added)),
                "a-10": .set(r("a-10", "third added", origin: .added)),
                "a-1": .set(r("a-1", "first added", origin: .added)),
                "r-c9": .set(r("r-c9", "edited, no longer generated", origin: .edited)),
            ])
        let merged = Recommendations.merge(generated: g, overrides: o)
        XCTAssertEqual(merged.map(\.id), ["r-c3", "a-2", "r-c1", "r-c2", "a-1", "a-10", "r-c9"])
        XCTAssertEqual(merged[3].text, "edited words", "edited text wins, at the generated position")
        XCTAssertFalse(merged.contains { $0.id == "r-c4" }, "removed stays removed")
    }

    func testRemovedWinsEvenWhenTheOrderNamesIt() {
        let o = RecommendationOverrides(order: ["r-c1", "r-c2"], entries: ["r-c1": .removed])
        XCTAssertEqual(Recommendations.merge(generated: [r("r-c1"), r("r-c2")], overrides: o).map(\.id), ["r-c2"])
    }

    func testAddedIDsAreNeverReused() {
        XCTAssertEqual(Recommendations.nextAddedID(RecommendationOverrides()), "a-1")
        let o = RecommendationOverrides(order: ["a-7"], entries: ["a-3": .removed, "r-c1": .removed])
        XCTAssertEqual(Recommendations.nextAddedID(o), "a-8")
    }

    func testPeriodKeys() {
        let p = Period(first: CivilDate(year: 2025, month: 4, day: 14), last: CivilDate(year: 2025, month: 4, day: 20))
        XCTAssertEqual(Recommendations.key(for: p), "2025-04-14..2025-04-20")
        XCTAssertEqual(Recommendations.key(for: .all()), "all")
    }
}
