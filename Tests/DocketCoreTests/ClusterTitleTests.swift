@testable import DocketAnalysis
import XCTest

final class ClusterTitleTests: XCTestCase {
    func testCleaningDropsTagsTrailingNumbersAndFullStops() {
        XCTAssertEqual(ClusterTitle.clean("[Bug] Sync stops after sleep (#412)"), "Sync stops after sleep")
        XCTAssertEqual(ClusterTitle.clean("bug: export drops the last page."), "export drops the last page")
        XCTAssertEqual(ClusterTitle.clean("[Linux] [Beta] Tray icon missing #77"), "Tray icon missing")
        XCTAssertEqual(ClusterTitle.clean("Feature request - dark theme"), "dark theme")
        XCTAssertEqual(ClusterTitle.clean("Version 2.0 crashes"), "Version 2.0 crashes")
    }

    func testLongTitlesAreCutAtAWordWithAnEllipsis() {
        let long = "The desktop client logs me out and wants my password again whenever the preferences pane is opened on Windows"
        let t = ClusterTitle.make([long])
        XCTAssertLessThanOrEqual(t.count, ClusterTitle.maxLength)
        XCTAssertTrue(t.hasSuffix("…"))
        XCTAssertTrue(long.hasPrefix(String(t.dropLast())))
        XCTAssertFalse(t.dropLast().hasSuffix(" "))
    }

    func testTheTitleHalfTheTicketsRepeatWins() {
        XCTAssertEqual(ClusterTitle.make(["Sync broke after update", "Unable to open Lumen Sync Service",
                                          "Unable to open Lumen Sync Service."]),
                       "Unable to open Lumen Sync Service")
    }

    func testASharedPhraseNamesTheIssueWhenNoTitleRepeats() {
        let t = ClusterTitle.make(["Lumen engine was unable to launch after update", "lumen engine was unable to launch",
                                   "Since Monday the Lumen engine was unable to launch on boot", "Tray icon missing"])
        XCTAssertEqual(t, "Lumen engine was unable to launch")
    }

    func testTitlesThatEachSayItDoesNotStartNameTheSymptomAndTheirSubject() {
        // Five ways of saying it, no phrase of three words in three of them.
        let titles = ["LumenEngine quits the moment it launches", "LumenEngine fails to launch.",
                      "Lumen engine won't launch since Tuesday", "Cannot boot LumenEngine on macOS after the upgrade",
                      "LumenEngine hangs on the splash screen (will not run)"]
        XCTAssertEqual(ClusterTitle.make(titles), "LumenEngine does not start")
        // Half of them is enough; the subject is spelt as the most central title spells it.
        XCTAssertEqual(ClusterTitle.make(["lumen won't start on Windows", "Tray icon missing", "Lumen fails to launch"]), "Lumen does not start")
        // Without a subject they share, the central title says more than the symptom alone.
        XCTAssertEqual(ClusterTitle.make(["App won't launch", "Cannot start after the update"]), "App won't launch")
        // Starting something is not the app failing to start.
        XCTAssertEqual(ClusterTitle.make(["Sync slow since I started the trial", "Sync slow after starting the trial"]),
                       "Sync slow since I started the trial")
    }

    func testWithoutASharedPhraseTheMostCentralTitleStands() {
        XCTAssertEqual(ClusterTitle.make(["[Bug] Export drops pages", "PDF loses the last page"]), "Export drops pages")
        XCTAssertEqual(ClusterTitle.make([]), "")
    }
}
