@testable import DocketAnalysis
@testable import DocketModel
import XCTest

/// The signals that keep app-filled reports and split product names from
/// lumping: field lines, error kinds, compound names, the straggler floor.
final class ClusterSignalTests: XCTestCase {
    private func ticket(_ n: Int, _ title: String, _ body: String) -> Ticket {
        Ticket(source: "acme/help", number: n, title: title, body: body, createdAt: Fixtures.date("2025-04-14T09:00:00Z"))
    }

    private func parse(_ line: String) -> FieldLine.Parsed? {
        let b = Array(line.utf8)
        return b.withUnsafeBufferPointer { FieldLine.parse($0, 0..<$0.count) }
    }

    /// An app's error dialog report: its error, then the machine's facts.
    private func dialog(_ n: Int, error: String, title: String = "Unable to open Lumen Sync Service") -> Ticket {
        ticket(n, title, """
            Error: \(error)

            **Install Details**

            Succeeded: true
            Path: /Applications/Lumen.app
            Build ID: B\(n)X\(n * 7)
            Engine Version: 7.\(n % 5).0
            Listening Port: 4100
            Operating System: Windows
            """)
    }

    func testFieldLinesParseKeyAndValueAndRefuseSentencesAndURLs() {
        XCTAssertEqual(parse("Operating System: Windows")?.key, "operating system")
        XCTAssertEqual(parse("- **Engine Version:** 7.1")?.key, "engine version")
        XCTAssertEqual(parse("**Error**: boom")?.key, "error")
        XCTAssertNil(parse("https://example.com/a"))
        XCTAssertNil(parse("at 10:30 it crashed"))
        XCTAssertNil(parse("When I open the settings window and click save: nothing"))  // more than four words
        XCTAssertNil(parse("Path:"))
        XCTAssertTrue(FieldLine.namesProblem("error"))
        XCTAssertTrue(FieldLine.namesProblem("error message"))
        XCTAssertTrue(FieldLine.namesProblem("typeerror"))
        XCTAssertFalse(FieldLine.namesProblem("operating system"))
    }

    func testLearnedFieldKeysDropMachineFactsAndKeepTheError() {
        let tickets = (1...6).map { dialog($0, error: "TimeoutException after 10 seconds") }
        let bp = Boilerplate.learn(from: tickets, minShare: 0.05, minCount: 5)
        XCTAssertTrue(bp.fieldKeys.isSuperset(of: ["error", "succeeded", "path", "operating system", "listening port"]))
        // The error repeats in every report, yet it is evidence, not template.
        XCTAssertFalse(bp.lines.contains { $0.hasPrefix("error:") })
        let text = TicketText.analyze(tickets[0], boilerplate: bp)
        XCTAssertTrue(text.bodyTokens.contains("timeoutexception"))
        for fact in ["succeeded", "applications", "windows", "listening", "4100", "engine"] {
            XCTAssertFalse(text.bodyTokens.contains(fact), fact)
        }
        XCTAssertFalse(text.signatures.contains("port:4100"))
        XCTAssertEqual(text.errorKinds, ["timeoutexception"])
        // Without learned keys the same body is read as prose, as before.
        XCTAssertTrue(TicketText.analyze(tickets[0]).bodyTokens.contains("windows"))
    }

    func testAPersonsReportWithAFewFactsHasNoErrorKind() {
        let person = ticket(1, "Sync stops after sleep", """
            Since yesterday sync stops whenever the laptop wakes from sleep.
            I tried signing out and in again, and reinstalling, with no change.

            - RAM: 16 GB
            - Engine Version: 7.1.0
            - Operating System: Windows

            Error: ConnectException connection refused
            """)
        let bp = Boilerplate(lines: [], fieldKeys: ["ram", "engine version", "operating system", "error"])
        let text = TicketText.analyze(person, boilerplate: bp)
        XCTAssertTrue(text.bodyTokens.contains("connectexception"))
        XCTAssertEqual(text.errorKinds, [])
    }

    func testDialogReportsWithDifferentErrorsAreDifferentIssues() {
        // One dialog title over two errors: three reports of each, plus the
        // reports of a problem people describe in their own words.
        var tickets: [Ticket] = []
        for n in 1...3 { tickets.append(dialog(n, error: "SyncSocketException")) }
        for n in 4...6 { tickets.append(dialog(n, error: "Quota exceeded")) }
        tickets.append(ticket(7, "Export to PDF cuts the last page", "The exported PDF misses the last page of long notes."))
        tickets.append(ticket(8, "PDF export drops the last page", "Exporting a long note to PDF loses its last page."))
        let others = ["Dark theme resets after restart", "Tray icon blurry on 4K", "Hotkey conflicts with IDE",
                      "Cannot change the font size", "Spellcheck ignores German", "Calendar week starts on Sunday"]
        for (k, t) in others.enumerated() { tickets.append(ticket(20 + k, t, t)) }
        let clusters = ClusterAnalysis.run(tickets)
        let groups = Set(clusters.map { Set($0.members.map { tickets[$0].number }) })
        XCTAssertTrue(groups.contains([1, 2, 3]), "\(groups)")
        XCTAssertTrue(groups.contains([4, 5, 6]), "\(groups)")
        XCTAssertFalse(groups.contains { $0.contains(1) && $0.contains(4) })
    }

    func testASmallStoreGroupsTheReportsItHasMostOf() {
        // A day's first import: three reports of one dialog and one other
        // ticket. What the three share is in three of four tickets, more
        // than half; in a store this small it is the group, not boilerplate.
        var tickets = (1...3).map { n in
            var t = dialog(n, error: "SyncSocketException: handshake refused on port 4100")
            t.body = t.body.replacingOccurrences(of: "Operating System: Windows",
                                                 with: "Operating System: " + ["Windows", "macOS", "Linux"][n - 1])
            return t
        }
        tickets.append(ticket(9, "Export to PDF drops the images", "Exporting a note with pictures gives a PDF without them."))
        let (snapshot, _) = ClusterAnalyzer.run(tickets, previous: nil, curation: ClusterCuration(), now: tickets[0].createdAt)
        XCTAssertEqual(snapshot.clusters.map { Set($0.members) }, [Set(tickets.prefix(3).map(\.key))])
    }

    func testInASmallStoreTwoReportsAlikeOnlyInTwoWordsAreTwoIssues() {
        // A two-ticket store keeps only the words both use; counted alone,
        // "orbit" and "desktop" made these one issue (cosine 1.00).
        let a = ticket(1, "Orbit desktop cannot restore a backup",
                       "Restoring yesterday's backup stops at 40 percent and the Orbit desktop window shows an empty archive list afterwards.")
        let b = ticket(2, "Orbit desktop installer loops on the dependency step",
                       "The installer of Orbit desktop downloads its runtime, then asks to retry the dependency step again and again.")
        let (two, _) = ClusterAnalyzer.run([a, b], previous: nil, curation: ClusterCuration(), now: a.createdAt)
        XCTAssertEqual(two.clusters.count, 0, "\(two.clusters.map(\.members))")
        // The same two words in two reports of one problem, told alike, still join.
        let c = ticket(3, "Orbit desktop installer loops on the dependency step",
                       "The Orbit desktop installer downloads its runtime, then asks to retry the dependency step, again and again.")
        let (three, _) = ClusterAnalyzer.run([a, b, c], previous: nil, curation: ClusterCuration(), now: a.createdAt)
        XCTAssertEqual(three.clusters.map { Set($0.members) }, [Set([b.key, c.key])])
        // The vectors of a small store carry their own words' length; a large one's do not.
        let (_, small) = TFIDFModel.fit([[("orbit", 1), ("restore", 1)], [("orbit", 1), ("installer", 1)]])
        XCTAssertGreaterThan(small[0].hidden, 0)
        XCTAssertLessThan(small[0].dot(small[1]), 0.5)
        let (_, large) = TFIDFModel.fit((0..<TFIDFModel.smallStore).map { [("orbit", 1), ("w\($0)", 1), ("common\($0 % 2)", 1)] })
        XCTAssertEqual(large[0].hidden, 0)
    }

    func testTwoAppReportsAreEnoughToLearnTheirFieldsInAStoreOfAFewDozen() {
        // Too few to reach five tickets a key: the reports' own shape (field
        // lines, no prose) says what their keys are, so their machine facts
        // do not join two dialogs of different errors.
        var tickets = [dialog(1, error: "SyncSocketException: handshake refused"),
                       dialog(2, error: "QuotaExceeded: 5 of 5 devices"),
                       dialog(3, error: "SyncSocketException: handshake refused")]
        let others = ["Dark theme resets after restart", "Tray icon blurry on 4K", "Hotkey conflicts with IDE",
                      "Cannot change the font size", "Spellcheck ignores German", "Calendar week starts on Sunday",
                      "Export to PDF cuts tables", "Search misses accented words", "Sidebar width is not saved",
                      "Emoji picker shows squares", "Printing skips the last page", "Undo forgets the first edit"]
        for (k, t) in others.enumerated() { tickets.append(ticket(40 + k, t, "Since this week: \(t.lowercased()).")) }
        let keys = Boilerplate.learn(from: tickets).fieldKeys
        XCTAssertTrue(keys.isSuperset(of: ["operating system", "listening port", "engine version"]), "\(keys.sorted())")
        let (snapshot, _) = ClusterAnalyzer.run(tickets, previous: nil, curation: ClusterCuration(), now: tickets[0].createdAt)
        let groups = snapshot.clusters.map { Set($0.members) }
        XCTAssertTrue(groups.contains(Set([tickets[0].key, tickets[2].key])), "\(groups)")
        XCTAssertFalse(groups.contains { $0.contains(tickets[1].key) })
    }

    func testAnIncrementalRunKeepsAnAppReportOfAnotherErrorOutOfTheCluster() {
        var base: [Ticket] = (1...5).map { dialog($0, error: "SyncSocketException") }
        let others = ["Dark theme resets after restart", "Tray icon blurry on 4K", "Hotkey conflicts with IDE",
                      "Cannot change the font size", "Spellcheck ignores German", "Calendar week starts on Sunday",
                      "Export to PDF cuts tables", "Search misses accented words"]
        for (k, t) in others.enumerated() { base.append(ticket(40 + k, t, t)) }
        // Enough of a store that two new reports are an incremental run (at most a tenth).
        let words = ["amber", "basalt", "cobalt", "dune", "ember", "fjord", "garnet", "heron", "indigo", "jasper",
                     "kelp", "lagoon"]
        for (k, w) in words.enumerated() { base.append(ticket(60 + k, "The \(w) panel misbehaves", "Only the \(w) panel.")) }
        let when = base[0].createdAt
        let (first, _) = ClusterAnalyzer.run(base, previous: nil, curation: ClusterCuration(), now: when)
        let ws = try? XCTUnwrap(first.clusters.first { $0.members.contains(base[0].key) })
        XCTAssertEqual(ws?.members.count, 5)
        let other = dialog(90, error: "Quota exceeded")
        let same = dialog(91, error: "SyncSocketException")
        let (after, stats) = ClusterAnalyzer.run(base + [other, same], previous: first, curation: ClusterCuration(), now: when)
        XCTAssertFalse(stats.full)
        let grown = after.clusters.first { $0.id == ws?.id }
        XCTAssertTrue(grown?.members.contains(same.key) ?? false)
        XCTAssertFalse(grown?.members.contains(other.key) ?? true)
    }

    func testLinkageNeverMergesClustersOfDifferentErrorKinds() {
        // Identical vectors: without the kinds they merge at once.
        let v = SparseVector(ids: [0, 1], values: [0.6, 0.8])
        let neighbors: [[Neighbors.Edge]] = [[.init(to: 1, similarity: 1), .init(to: 2, similarity: 1)],
                                             [.init(to: 0, similarity: 1), .init(to: 2, similarity: 1)],
                                             [.init(to: 0, similarity: 1), .init(to: 1, similarity: 1)]]
        XCTAssertEqual(CentroidLinkage.cluster([v, v, v], neighbors: neighbors, threshold: 0.3), [[0, 1, 2]])
        let split = CentroidLinkage.cluster([v, v, v], neighbors: neighbors, threshold: 0.3,
                                            errorKinds: [["syncsocketexception"], ["quota"], []])
        XCTAssertEqual(split.count, 2)
        XCTAssertFalse(split.contains { $0.contains(0) && $0.contains(1) })
        // In clusters of people's reports, one pasted dialog in eight does not
        // decide: fewer than a quarter of the members carry kinds.
        let many = [SparseVector](repeating: v, count: 16)
        let all: [[Neighbors.Edge]] = (0..<16).map { i in (0..<16).filter { $0 != i }.map { .init(to: $0, similarity: 1) } }
        var kinds = [[String]](repeating: [], count: 16)
        kinds[0] = ["syncsocketexception"]
        kinds[15] = ["quota"]
        XCTAssertEqual(CentroidLinkage.cluster(many, neighbors: all, threshold: 0.3, errorKinds: kinds).count, 1)
    }

    func testSplitProductNamesAreJoinedWhenTheCorpusSpellsThemJoined() {
        var texts = [TicketText(key: TicketKey(source: "a", number: 1), titleTokens: ["lumen", "sync", "fails"]),
                     TicketText(key: TicketKey(source: "a", number: 2), titleTokens: ["lumensync", "fails"]),
                     TicketText(key: TicketKey(source: "a", number: 3), bodyTokens: ["lumensync", "down"])]
        ClusterTerms.joinCompounds(&texts, known: ClusterTerms.sharedWords(texts))
        XCTAssertEqual(texts[0].titleTokens, ["lumensync", "fails"])
        // A word no two tickets use is not a name to join into.
        var lone = [TicketText(key: TicketKey(source: "a", number: 1), titleTokens: ["sign", "up"]),
                    TicketText(key: TicketKey(source: "a", number: 2), titleTokens: ["signup"])]
        ClusterTerms.joinCompounds(&lone, known: ClusterTerms.sharedWords(lone))
        XCTAssertEqual(lone[0].titleTokens, ["sign", "up"])
    }

    func testAStragglerNeverBecomesAClustersLeastTypicalMember() {
        // A tight cluster of four, and a ticket that shares only one of its words.
        let a = SparseVector(ids: [0, 1, 2], values: [0.58, 0.58, 0.58])
        let weak = SparseVector(ids: [0, 9], values: [0.45, 0.89])  // cosine ≈ 0.26 to the centre
        let vectors = [a, a, a, a, weak]
        let edges: [[Neighbors.Edge]] = (0..<5).map { i in (0..<5).filter { $0 != i }.map { .init(to: $0, similarity: 0.5) } }
        let groups = StragglerAttachment.attach([[0, 1, 2, 3], [4]], vectors: vectors, neighbors: edges,
                                                smallSize: 3, bar: 0.15)
        XCTAssertEqual(groups, [[0, 1, 2, 3], [4]])
        // A ticket as close as the members joins.
        let groups2 = StragglerAttachment.attach([[0, 1, 2, 3], [4]], vectors: [a, a, a, a, a], neighbors: edges,
                                                 smallSize: 3, bar: 0.15)
        XCTAssertEqual(groups2, [[0, 1, 2, 3, 4]])
    }
}
