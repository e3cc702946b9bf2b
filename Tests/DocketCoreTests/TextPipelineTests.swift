@testable import DocketAnalysis
@testable import DocketImport
@testable import DocketModel
@testable import DocketStore
import Foundation
import XCTest

/// Ticket text invented for these tests; the shapes (issue forms, fenced logs,
/// task lists) follow what GitHub support trackers really contain.
final class TextPipelineTests: XCTestCase {
    private func ticket(_ n: Int = 1, title: String = "", body: String) -> Ticket {
        Ticket(source: "acme/help", number: n, title: title, body: body, createdAt: Fixtures.date("2025-04-14T09:00:00Z"))
    }

    private func analyze(title: String = "", _ body: String, boilerplate: Boilerplate = .empty) -> TicketText {
        TicketText.analyze(ticket(title: title, body: body), boilerplate: boilerplate)
    }

    // MARK: - Tokens

    func testTokensAreLowerCasedWithoutStopWords() {
        let t = analyze(title: "The Sync Button does NOT respond", "When I click Sync, the Window freezes.")
        XCTAssertEqual(t.titleTokens, ["sync", "button", "respond"])
        XCTAssertEqual(t.bodyTokens, ["click", "sync", "window", "freezes"])
    }

    // MARK: - Symptoms

    func testTitlesThatSayTheAppDoesNotStartShareOneTerm() {
        for title in ["Lumen Engine won't run", "Unable to launch Lumen", "Lumen doesn\u{2019}t start after the update",
                      "Engine fails to boot on macOS", "Lumen crashes on startup", "Launch fails with exit code 3",
                      "Lumen is not opening since 2.4", "LUMEN CANNOT START"] {
            XCTAssertTrue(analyze(title: title, "").titleTokens.contains(Symptoms.doesNotStart), title)
        }
        for title in ["Since I started using Lumen, sync fails", "Crashes when opening a note", "Cannot sync notes",
                      "Start menu shortcut missing", "Run button does not respond", "Lumen is slow to start",
                      "Not able to export; the launch screen is fine"] {
            XCTAssertFalse(analyze(title: title, "").titleTokens.contains(Symptoms.doesNotStart), title)
        }
    }

    func testSymptomsAreReadFromTitlesOnly() {
        let t = analyze(title: "Sync stalls", "It would not open the file, so I restarted it and it did not start syncing.")
        XCTAssertFalse(t.titleTokens.contains(Symptoms.doesNotStart))
        XCTAssertFalse(t.bodyTokens.contains(Symptoms.doesNotStart))
        // Once, however often the title says it.
        let twice = analyze(title: "Won't start, will not launch", "")
        XCTAssertEqual(twice.titleTokens.filter { $0 == Symptoms.doesNotStart }.count, 1)
    }

    func testVersionsAreKeptAndPlainNumbersDropped() {
        let t = analyze("Upgraded to 5.8.3 (from v5.7) after 3 tries, 42% done, build 20250101 on Ubuntu 22.04.")
        XCTAssertEqual(t.bodyTokens, ["upgraded", "5.8.3", "5.7", "tries", "done", "build", "ubuntu", "22.04"])
    }

    func testURLsBecomeTheirHost() {
        let t = analyze("See https://www.GitHub.com/acme/help/issues/12?tab=1#x and http://user@docs.example.org:8080/a/b too")
        XCTAssertEqual(t.bodyTokens, ["see", "github.com", "docs.example.org"])
    }

    func testPathsBecomeTheirLastComponent() {
        let t = analyze(#"Log at C:\Users\ana\AppData\Local\Acme\acme-main.log and /var/log/acme/agent.txt, Windows/macOS"#)
        XCTAssertEqual(t.bodyTokens, ["log", "acme", "main.log", "agent.txt", "windows", "macos"])
    }

    func testCJKTextBecomesCharacterBigrams() {
        let t = analyze("同步失败 after update, 設定を保存 and 설치 오류")
        XCTAssertEqual(t.bodyTokens, ["同步", "步失", "失败", "update", "設定", "定を", "を保", "保存", "설치", "오류"])
    }

    func testNonLatinLettersAreLowerCased() {
        XCTAssertEqual(TicketText.tokens(of: "ÉCRAN noir — Привет Мир"), ["écran", "noir", "привет", "мир"])
    }

    // MARK: - Markup

    func testTaskListsNoResponseHeadingsCommentsAndImagesAreStripped() {
        let body = """
        <!-- Please fill in every field below -->
        ### Describe the bug

        Clipboard history vanishes ![screenshot](https://img.example.com/a.png) see [release notes](https://acme.dev/notes)

        ### Checklist

        - [x] I searched existing issues
        - [ ] I attached logs

        ### Extra

        _No response_
        <!--
        hidden multi-line
        -->
        """
        let t = analyze(body)
        XCTAssertEqual(t.bodyTokens, ["clipboard", "history", "vanishes", "see", "release", "notes"])
    }

    func testFencedAndIndentedBlocksAreKeptApartFromProse() {
        let body = "The agent crashed:\n\n```\nFATAL worker panicked ECONNRESET\n\tat main\n```\n\nThen later:\n\n    raw log line ENOENT\n    second line\n\nEnd."
        let t = analyze(body)
        XCTAssertEqual(t.bodyTokens, ["agent", "crashed", "later", "end"])
        XCTAssertEqual(t.signatures, ["ECONNRESET", "ENOENT"])
    }

    // MARK: - Signatures

    func testExceptionAndErrorClassNames() {
        let t = analyze(title: "TypeError on save",
                        "Got java.lang.NullPointerException then a _LateInitializationError, not a plain Error or Exception.")
        XCTAssertEqual(t.signatures, ["TypeError", "NullPointerException", "LateInitializationError"])
    }

    func testModuleNames() {
        let t = analyze(#"Faulting module C:\Windows\System32\Foo_Bar.DLL, also libsomething.so.6 and Acme.dylib"#)
        XCTAssertEqual(t.signatures, ["foo_bar.dll", "libsomething.so.6", "acme.dylib"])
    }

    func testErrorCodes() {
        let t = analyze("Exit 0xc0000409 then net::ERR_CERT_AUTHORITY_INVALID, SIGSEGV and ECONNREFUSED. EVERYTHING ERROR EDIT")
        XCTAssertEqual(t.signatures, ["0xC0000409", "ERR_CERT_AUTHORITY_INVALID", "SIGSEGV", "ECONNREFUSED"])
    }

    func testHTTPStatusesAndPorts() {
        let t = analyze("""
        Request failed with HTTP 500, then status code: 401 and 403 Forbidden; HTTP/1.1 502 Bad Gateway.
        Exit code 137 at 12:30:45 in main.dart:45 is no status.
        Server on 127.0.0.1:41837 and http://localhost:1000/health
        """)
        XCTAssertEqual(t.signatures, ["http:500", "http:401", "http:403", "http:502", "port:41837", "port:1000"])
    }

    func testSignaturesInsideAFencedLogWithANSIColours() {
        let body = "Log:\n```\n\u{1B}[31mERROR\u{1B}[0m Unhandled \u{1B}[1mSocketException\u{1B}[0m: Connection refused (OS Error: ECONNREFUSED) 127.0.0.1:41837\n```"
        let t = analyze(body)
        XCTAssertEqual(t.signatures, ["SocketException", "ECONNREFUSED", "port:41837"])
        XCTAssertEqual(t.bodyTokens, ["log"])
    }

    func testSignaturesAreDeduplicatedInFirstSeenOrder() {
        let t = analyze(title: "ECONNREFUSED again", "ECONNREFUSED, then TypeError\n```\nTypeError\nECONNREFUSED\n```")
        XCTAssertEqual(t.signatures, ["ECONNREFUSED", "TypeError"])
    }

    // MARK: - Facets

    private let form = """
    ### Software

    Desktop Application, CLI

    ### Operating System / Platform

    Windows 11 Home, 24H2

    ### Your Acme Version

    3.2.1

    ### Describe the bug

    Search returns nothing.
    """

    func testFacetsFromAnIssueForm() {
        let t = analyze(form)
        XCTAssertEqual(t.facets, ["software": "Desktop Application, CLI", "platform": "Windows", "version": "3.2.1"])
    }

    func testFacetsFromAnIssueFormWithWindowsLineEndings() {
        let t = analyze(form.replacingOccurrences(of: "\n", with: "\r\n"))
        XCTAssertEqual(t.facets, ["software": "Desktop Application, CLI", "platform": "Windows", "version": "3.2.1"])
        XCTAssertEqual(t.bodyTokens.suffix(3), ["search", "returns", "nothing"])
    }

    func testFacetsAreEmptyWithoutAFormOrWithNoResponse() {
        XCTAssertEqual(analyze("Just words.").facets, [:])
        XCTAssertEqual(analyze("### Operating System\n\n_No response_\n\n### Details\n\nmacOS is fine").facets, [:])
        XCTAssertEqual(analyze("### Platform\n\nmacOS Sequoia 15.5").facets, ["platform": "macOS"])
    }

    // MARK: - Boilerplate

    func testBoilerplateIsLearnedFromRecurringLinesAndRemovedFromTokens() {
        let template = "Please describe what you expected to happen instead."
        let tickets = (1...10).map { n in
            ticket(n, body: "\(template)\nThe exporter \(n == 1 ? "hangs" : "works") on file\(n).csv\n  Please  DESCRIBE what you expected to happen instead. ")
        }
        let boilerplate = Boilerplate.learn(from: tickets)
        XCTAssertEqual(boilerplate.lines, [template.lowercased()])
        XCTAssertTrue(boilerplate.contains("  please describe WHAT you expected to happen   instead."))
        XCTAssertFalse(boilerplate.contains("The exporter hangs on file1.csv"))

        let plain = TicketText.analyze(tickets[0])
        XCTAssertTrue(plain.bodyTokens.contains("describe"))
        let cleaned = TicketText.analyze(tickets[0], boilerplate: boilerplate)
        XCTAssertEqual(cleaned.bodyTokens, ["exporter", "hangs", "file1.csv"])
    }

    func testBoilerplateNeedsBothShareAndCount() {
        let line = "This sentence appears in a few tickets only."
        let tickets = (1...10).map { ticket($0, body: $0 <= 4 ? line : "Unrelated text number \($0) here.") }
        XCTAssertTrue(Boilerplate.learn(from: tickets, minShare: 0.2, minCount: 5).isEmpty)  // 4 < minCount
        XCTAssertFalse(Boilerplate.learn(from: tickets, minShare: 0.2, minCount: 4).isEmpty)
        XCTAssertTrue(Boilerplate.learn(from: tickets, minShare: 0.5, minCount: 1).isEmpty)  // 4 of 10 < 50%
        XCTAssertEqual(Boilerplate.empty.lines, [])
    }

    // MARK: - Comments

    private func comment(_ body: String, bot: Bool = false) -> Comment {
        Comment(author: bot ? "stale[bot]" : "maintainer", authorIsBot: bot, createdAt: Fixtures.date("2025-04-15T09:00:00Z"), body: body)
    }

    func testPeoplesCommentsGiveTokensAndSignaturesButBotsDoNot() {
        var t = ticket(title: "Stopped", body: "It stopped.")
        t.comments = [comment("Remove the conflicting keymap binding.\n\n```\nKeymapError at init\n```"),
                      comment("This issue has been marked as stale.", bot: true)]
        let text = TicketText.analyze(t)
        XCTAssertEqual(text.bodyTokens, ["stopped"])
        XCTAssertEqual(text.commentTokens, ["remove", "conflicting", "keymap", "binding"])
        XCTAssertEqual(text.signatures, ["KeymapError"])
    }

    func testLogWordsCountOnceEachFromBodyAndCommentLogs() {
        var t = ticket(title: "Sync", body: "It failed:\n\n```\nsync cursor stale\nsync cursor stale\nsync journal locked\n```\n")
        t.comments = [comment("Here:\n\n```\njournal replay aborted\n```"),
                      comment("```\nbot dump words\n```", bot: true)]
        let text = TicketText.analyze(t)
        XCTAssertEqual(text.logTokens, ["sync", "cursor", "stale", "journal", "locked", "replay", "aborted"])
        XCTAssertEqual(text.bodyTokens, ["failed"])  // logs stay out of the prose
        let terms = ClusterTerms.terms(text)
        XCTAssertEqual(terms.filter { $0.0 == "sync" }.count, 2)  // the title's and the log's, not three

        let long = (0..<200).map { "word\($0) retry" }.joined(separator: "\n")
        let capped = TicketText.analyze(ticket(title: "Dump", body: "```\n\(long)\n```"))
        XCTAssertEqual(capped.logTokens.count, TicketText.maxLogTokens)
        XCTAssertEqual(capped.logTokens.prefix(3), ["word0", "retry", "word1"])
    }

    func testCannedRepliesAreLearnedAsBoilerplate() {
        let canned = "Could you attach the logs from the Help menu, please?"
        let tickets = (1...10).map { n in
            var t = ticket(n, body: "The exporter fails on file\(n).csv")
            t.comments = [comment(n <= 6 ? canned : "Fixed in the next build.")]
            return t
        }
        let boilerplate = Boilerplate.learn(from: tickets, minShare: 0.5, minCount: 5)
        XCTAssertEqual(boilerplate.lines, [canned.lowercased()])
        XCTAssertEqual(TicketText.analyze(tickets[0], boilerplate: boilerplate).commentTokens, [])
    }

    // MARK: - Stems

    func testStemsJoinInflectionsAndLeaveOtherTokensAlone() {
        for group in [["launch", "launches", "launched", "launching"], ["connect", "connection", "connections", "connecting"],
                      ["close", "closes", "closing"], ["stop", "stopped", "stopping"], ["dependency", "dependencies"],
                      ["install", "installation", "installing"], ["process", "processes", "processing"]] {
            XCTAssertEqual(Set(group.map(WordStem.of)).count, 1, "\(group) -> \(group.map(WordStem.of))")
        }
        for unchanged in ["status", "access", "analysis", "need", "speed", "thing", "run", "5.8.3", "main.log", "同步", "écran"] {
            XCTAssertEqual(WordStem.of(unchanged), unchanged)
        }
        XCTAssertNotEqual(WordStem.of("login"), WordStem.of("log"))
    }

    // MARK: - Determinism

    func testSameInputGivesSameOutput() {
        let body = form + "\n\n```\nFooException at bar.dll 0xC0000005 ECONNREFUSED HTTP 503\n```\n同步失败 https://acme.dev/x"
        let t = ticket(title: "Crash: SIGABRT in 2.0.1", body: body)
        let first = TicketText.analyze(t)
        for _ in 0..<5 { XCTAssertEqual(TicketText.analyze(t), first) }
        XCTAssertEqual(first.signatures, ["SIGABRT", "FooException", "bar.dll", "0xC0000005", "ECONNREFUSED", "http:503"])
    }

    func testBatchAnalysisEqualsOneByOne() {
        let tickets = (1...600).map { n in
            ticket(n, title: "Crash \(n) with TypeError", body: n % 3 == 0 ? form : "Port 127.0.0.1:\(1000 + n) refused, ECONNREFUSED")
        }
        XCTAssertEqual(TicketText.analyze(tickets), tickets.map { TicketText.analyze($0) })
        XCTAssertEqual(TicketText.analyze(tickets)[1].signatures, ["TypeError", "port:1002", "ECONNREFUSED"])
    }

    func testControlsAndEscapesInProseAreRemovedLineByLine() {
        let t = analyze("Sync \u{1B}[1mstalls\u{1B}[0m here\r\n    still prose?\r\nbidi\u{202E}trick \u{7}bell")
        XCTAssertEqual(t.bodyTokens, ["sync", "stalls", "prose", "biditrick", "bell"])
    }

    // MARK: - Real export

    func testRealExportGetsPlatformFacetsAndSignatures() throws {
        let path = "/work/shared/data/pieces-support/issues.json"
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("no export at \(path)") }
        let tickets = try GitHubImporter.read(path: path).tickets
        XCTAssertGreaterThan(tickets.count, 50)
        let texts = tickets.map { TicketText.analyze($0) }
        let withPlatform = texts.filter { $0.facets["platform"] != nil }.count
        XCTAssertGreaterThan(withPlatform * 2, tickets.count)
        let platforms = Set(texts.compactMap { $0.facets["platform"] })
        XCTAssertTrue(platforms.isSuperset(of: ["Windows", "macOS", "Linux"]), "\(platforms)")
        XCTAssertGreaterThan(texts.filter { !$0.signatures.isEmpty }.count, 5)
        XCTAssertTrue(texts.allSatisfy { $0.bodyTokens.allSatisfy { !$0.isEmpty && $0 == $0.lowercased() } })
    }
}

extension TextPipelineTests {
    func testUnfencedLogLinesAndInlineJSONStayOutOfTheProse() {
        let body = """
        The sync service stops after a minute.
        2026-03-02 14:05:09.123 [ERROR] SyncWorker: ECONNRESET while pushing batch 17
        [14:05:10] retry 3/5 failed: HTTP 503
        Device: {"cpu":{"cores":8,"units":"Bytes"},"ram":{"value":8,"units":"GB"}}
        Restarting the laptop does not help.
        """
        let t = analyze(body)
        XCTAssertEqual(t.bodyTokens, ["sync", "service", "stops", "minute", "restarting", "laptop", "help"])
        XCTAssertTrue(t.signatures.contains("ECONNRESET"), "\(t.signatures)")
        XCTAssertTrue(t.signatures.contains("http:503"), "\(t.signatures)")
    }

    /// The report reads the first 64 KiB of a body, cut at a line break;
    /// the clustering the first MiB. Text within the bound is returned as is.
    func testTextBoundCutsAtALineBreakAndNeverInsideACharacter() {
        XCTAssertEqual(TextBound.read("short"), "short")
        let lines = String(repeating: "sync stalls at 99%\n", count: 10_000)  // 190 KB
        let cut = TextBound.read(lines)
        XCTAssertLessThanOrEqual(cut.utf8.count, TextBound.bytes)
        XCTAssertGreaterThan(cut.utf8.count, TextBound.bytes - 20)
        XCTAssertTrue(cut.hasSuffix("99%"), String(cut.suffix(20)))
        let wide = String(repeating: "é", count: 40_000)  // 80 KB, no line break, 2 bytes each
        let w = TextBound.read(wide)
        XCTAssertEqual(w.utf8.count, TextBound.bytes)
        XCTAssertTrue(w.allSatisfy { $0 == "é" })
        let odd = "a" + wide  // the bound falls inside an é
        XCTAssertEqual(TextBound.read(odd).utf8.count, TextBound.bytes - 1)
        XCTAssertFalse(TextBound.read(odd).contains("\u{FFFD}"))
    }
}
