import Foundation
import XCTest

/// The headless CLI, run as cron or CI would run it.
final class CLITests: XCTestCase {
    var dir = ""
    override func setUp() { dir = Docket.tempDir() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    private func write(_ name: String, _ text: String) -> String {
        let p = dir + "/" + name
        XCTAssertTrue(FileManager.default.createFile(atPath: p, contents: Data(text.utf8)))
        return p
    }

    private let issues = """
    [{"number":1,"title":"Login loops back to the start page","body":"### Operating System\\n\\nLinux\\n\\nIt loops.","state":"open",
      "labels":[{"name":"bug"}],"user":{"login":"ana"},"comments":1,"created_at":"2025-04-14T08:00:00Z","updated_at":"2025-04-14T09:00:00Z",
      "closed_at":null,"html_url":"https://github.com/acme/help/issues/1","repository_url":"https://api.github.com/repos/acme/help"},
     {"number":2,"title":"Export | pipes <b>bold</b>","body":null,"state":"closed","labels":[],"user":{"login":"bo"},"comments":0,
      "created_at":"2025-04-14T10:00:00Z","updated_at":"2025-04-14T11:00:00Z","closed_at":"2025-04-14T11:00:00Z",
      "html_url":"https://github.com/acme/help/issues/2","repository_url":"https://api.github.com/repos/acme/help"}]
    [{"number":3,"pull_request":{"url":"x"},"title":"A PR","created_at":"2025-04-14T10:00:00Z"}]
    """

    func testImportIsIdempotentAndTicketsJSONHasTheDocumentedFields() throws {
        let store = dir + "/store"
        let file = write("issues.json", issues)
        let first = try Docket.run(["import", "--store", store, file])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("2 added"), first.stdout)
        XCTAssertTrue(first.stdout.contains("1 pull requests skipped"), first.stdout)
        let corpus = FileManager.default.contents(atPath: store + "/corpus.json")
        let second = try Docket.run(["import", "--store", store, file])
        XCTAssertEqual(second.status, 0)
        XCTAssertTrue(second.stdout.contains("0 added, 0 updated, 2 unchanged"), second.stdout)
        XCTAssertEqual(FileManager.default.contents(atPath: store + "/corpus.json"), corpus)

        let listed = try Docket.run(["tickets", "--store", store, "--json"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let array = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(array.count, 2)
        for key in ["number", "title", "state", "labels", "activity", "updated_at"] {
            XCTAssertNotNil(array[0][key], "missing \(key)")
        }
        let activities = array.compactMap { $0["activity"] as? Double }
        XCTAssertEqual(activities, activities.sorted(by: >))
        let open = try Docket.run(["tickets", "--store", store, "--state", "open", "--json"])
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(open.stdout.utf8)) as? [Any])?.count, 1)
    }

    func testDemoAcceptsItsOwnStoreAgainOnceAnalysedButNoOtherFolder() throws {
        let store = dir + "/demo"
        let first = try Docket.run(["demo", "--store", store, "--prepare-only"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let analysed = try Docket.run(["analyze", "--store", store])
        XCTAssertEqual(analysed.status, 0, analysed.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: store + "/clusters.json"))
        let again = try Docket.run(["demo", "--store", store, "--prepare-only"])
        XCTAssertEqual(again.status, 0, "a used demo store is accepted, as the help says: \(again.stderr)")
        _ = write("notes.txt", "mine")
        let other = try Docket.run(["demo", "--store", dir, "--prepare-only"])
        XCTAssertEqual(other.status, 1)
        XCTAssertTrue(other.stderr.contains("not empty and not a demo store"), other.stderr)
    }

    /// A demo ended by a signal (a closed terminal, a kill) cannot remove
    /// its scratch store; the next `docket demo` removes those whose process
    /// has gone, and nothing else.
    func testTheNextDemoRemovesScratchStoresOfDemosThatDied() throws {
        let tmp = dir + "/tmp"
        let fm = FileManager.default
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        func scratch(_ name: String, marker: String?) throws -> String {
            let d = tmp + "/" + name
            try fm.createDirectory(atPath: d, withIntermediateDirectories: true)
            _ = fm.createFile(atPath: d + "/corpus.json", contents: Data("{}".utf8))
            if let marker { _ = fm.createFile(atPath: d + "/.demo", contents: Data(marker.utf8)) }
            return d
        }
        let dead = try scratch("docket-demo-dead01", marker: "\(finished.processIdentifier)\n")
        let alive = try scratch("docket-demo-live01", marker: "\(ProcessInfo.processInfo.processIdentifier)\n")
        let unmarked = try scratch("docket-demo-mine01", marker: nil)
        let prepared = try Docket.run(["demo", "--prepare-only"], environment: ["TMPDIR": tmp])
        XCTAssertEqual(prepared.status, 0, prepared.stderr)
        XCTAssertFalse(fm.fileExists(atPath: dead), "the dead demo's store is removed")
        XCTAssertTrue(fm.fileExists(atPath: alive), "a running demo's store is kept")
        XCTAssertTrue(fm.fileExists(atPath: unmarked), "a folder without the marker is not Docket's to remove")
        let made = prepared.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(made.hasPrefix(tmp + "/docket-demo-") && fm.fileExists(atPath: made + "/corpus.json"), made)
        // A store prepared for later use names no process: the next demo keeps it.
        XCTAssertEqual(try Docket.run(["demo", "--prepare-only"], environment: ["TMPDIR": tmp]).status, 0)
        XCTAssertTrue(fm.fileExists(atPath: made + "/corpus.json"), "a prepared store is kept")
    }

    func testImportReadsAnyCSVWithAColumnMap() throws {
        let store = dir + "/store"
        let file = write("any.csv", "Ticket,Headline,Opened\nT-12,Printer offline,2025-04-14 09:00\n")
        let ok = try Docket.run(["import", "--store", store, "--map", "Ticket=number,Headline=title,Opened=created", "--source", "helpdesk", file])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let listed = try Docket.run(["tickets", "--store", store, "--period", "all", "--json"])
        XCTAssertTrue(listed.stdout.contains("\"source\":\"helpdesk\"") && listed.stdout.contains("Printer offline"), listed.stdout)
        let bad = try Docket.run(["import", "--store", store, "--map", "Headline=title", file])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("--map gives no column for created"), bad.stderr)
        let space = try Docket.run(["import", "--store", store, "--map", "Ticket=number", "--source", "a b", file])
        XCTAssertNotEqual(space.status, 0)
        XCTAssertTrue(space.stderr.contains("--source must be a name"), space.stderr)
    }

    func testBadInputGetsOneClearLineAndWritesNothing() throws {
        let store = dir + "/store"
        let good = write("good.json", issues)
        let bad = write("bad.json", "[{\"number\": 5, \"title\": \"x\", \"created_at\": \"soon\"}]")
        let r = try Docket.run(["import", "--store", store, good, bad])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("bad.json:1:2: item 1: \"created_at\" must be an ISO-8601 time"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: store + "/corpus.json"), "a failed import wrote the corpus")

        let missing = try Docket.run(["import", "--store", store, dir + "/nope.json"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no such file"), missing.stderr)

        let notJSON = write("notes.txt", "hello\n")
        let syntax = try Docket.run(["import", "--store", store, notJSON])
        XCTAssertEqual(syntax.status, 1)
        XCTAssertTrue(syntax.stderr.contains("notes.txt:1:1:"), syntax.stderr)

        XCTAssertEqual(try Docket.run(["import", "--store", store]).status, 64)
        XCTAssertEqual(try Docket.run(["tickets", "--store", store, "--state", "maybe"]).status, 64)
        XCTAssertEqual(try Docket.run(["tickets", "--store", store, "--period", "last-tuesday"]).status, 64)
    }

    func testDailyReportIsWrittenInThePipelineLayout() throws {
        let store = dir + "/store"
        XCTAssertEqual(try Docket.run(["import", "--store", store, write("issues.json", issues)]).status, 0)
        let r = try Docket.run(["report", "daily", "--store", store, "--date", "2025-04-14", "--out", dir + "/reports",
                                "--generated-at", "2025-04-14T21:07:02Z"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let path = dir + "/reports/week/2025-04-14/daily/2025-04-14/report_210702.md"
        XCTAssertEqual(r.stdout, path + "\n" + path.replacingOccurrences(of: ".md", with: ".json") + "\n")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("# Support Ticket Report\n- Generated: 2025-04-14 21:07:02\n- Period: 2025-04-14 to 2025-04-14\n"))
        XCTAssertTrue(text.contains("- **Total Tickets:** 2\n- **Resolved:** 1\n- **Open:** 1\n"))
        XCTAssertTrue(text.contains("| [#2](https://github.com/acme/help/issues/2) | Export \\| pipes \\<b>bold\\</b> |"), text)
        let stdout = try Docket.run(["report", "daily", "--store", store, "--date", "2025-04-14", "--stdout",
                                     "--generated-at", "2025-04-14T21:07:02Z"])
        XCTAssertEqual(stdout.stdout, text)
    }

    func testGenerateIsDeterministicAndImports() throws {
        let a = try Docket.dev(["generate", "--tickets", "50", "--seed", "3"])
        let b = try Docket.dev(["generate", "--tickets", "50", "--seed", "3"])
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertEqual(a.stdout, b.stdout)
        let file = write("gen.json", a.stdout)
        let r = try Docket.run(["import", "--store", dir + "/store", file])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("50 added"), r.stdout)
    }

    func testSimilarityNamesTheTermsThatLinkTwoTickets() throws {
        let tickets = """
        [{"number": 1, "title": "Lumen sync stalls at 99%", "body": "The sync bar stops at 99% and the journal never uploads.",
          "state": "open", "created_at": "2025-04-14T09:00:00Z", "updated_at": "2025-04-14T09:00:00Z"},
         {"number": 2, "title": "Sync stalls at 99% after the update", "body": "Since the update the journal sync stops at 99%.",
          "state": "open", "created_at": "2025-04-14T10:00:00Z", "updated_at": "2025-04-14T10:00:00Z"},
         {"number": 3, "title": "Dark theme colours are wrong", "body": "Menus are white on white in the dark theme.",
          "state": "open", "created_at": "2025-04-14T11:00:00Z", "updated_at": "2025-04-14T11:00:00Z"}]
        """
        let store = dir + "/store"
        XCTAssertEqual(try Docket.run(["import", "--store", store, write("sim.json", tickets)]).status, 0)
        let r = try Docket.dev(["similarity", "--store", store, "--minimum", "0.01"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let pair = r.stdout.split(separator: "\n").first { $0.hasPrefix("#1 #2 ") }
        XCTAssertNotNil(pair, r.stdout)
        XCTAssertTrue(pair?.contains("sync(") == true, r.stdout)
        XCTAssertFalse(r.stdout.contains("#1 #3 ") || r.stdout.contains("#2 #3 "), "the theme report shares no term: \(r.stdout)")
        XCTAssertTrue(r.stdout.contains("cluster #"), r.stdout)
        let missing = try Docket.dev(["similarity", "--store", dir + "/nowhere"])
        XCTAssertNotEqual(missing.status, 0)
    }

    /// Issue 15: `--store` works before the subcommand too, as it does
    /// for every other command (`docket cluster --store S rename ...`).
    func testStoreOptionWorksBeforeTheSubcommand() throws {
        let store = dir + "/store"
        XCTAssertEqual(try Docket.run(["import", "--store", store, write("issues.json", issues)]).status, 0)
        let add = try Docket.run(["themes", "--store", store, "add", "sync", "--description", "Sync conflicts"])
        XCTAssertEqual(add.status, 0, add.stderr)
        let list = try Docket.run(["themes", "--store", store])
        XCTAssertTrue(list.stdout.contains("Sync conflicts"), list.stdout + list.stderr)
        let rename = try Docket.run(["cluster", "--store", store, "rename", "nope", "x"])
        XCTAssertTrue(rename.stderr.contains("no cluster nope"), "the store was opened: " + rename.stderr)
        let recs = try Docket.run(["recommendations", "--store", store, "list", "--period", "2025-04-14"])
        XCTAssertEqual(recs.status, 0, recs.stderr)
        // The subcommand's own --store wins over the one before it.
        let both = try Docket.run(["themes", "--store", dir + "/nowhere", "list", "--store", store])
        XCTAssertEqual(both.status, 0, both.stderr)
    }

    func testActivityExplainsTheScore() throws {
        let store = dir + "/store"
        XCTAssertEqual(try Docket.run(["import", "--store", store, write("issues.json", issues)]).status, 0)
        let r = try Docket.run(["activity", "2", "--store", store, "--period", "2025-04-14"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("opened in period"), r.stdout)
        XCTAssertTrue(r.stdout.contains("closed in period"), r.stdout)
    }

    func testHelpEverywhere() throws {
        for args in [["--help"], ["import", "--help"], ["tickets", "--help"], ["report", "daily", "--help"],
                     ["demo", "--help"], ["browse", "--help"], ["activity", "--help"],
                     ["tag", "--help"], ["untag", "--help"], ["keys", "--help"]] {
            let r = try Docket.run(args)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stdout.contains("USAGE"), "\(args)")
            XCTAssertTrue(r.stdout.contains("--store"), "\(args) lacks --store")
        }
        // The development tools are not the product's commands.
        let generate = try Docket.run(["generate", "--tickets", "5"])
        XCTAssertNotEqual(generate.status, 0)
        let dev = try Docket.dev(["--help"])
        XCTAssertEqual(dev.status, 0, dev.stderr)
        for sub in ["generate", "bench-edits", "bench-tui", "similarity"] { XCTAssertTrue(dev.stdout.contains(sub), dev.stdout) }
    }

    func testBrowserWithoutATerminalSaysWhatToDo() throws {
        let r = try Docket.run(["--store", dir + "/store"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("must be a terminal"), r.stderr)
    }
}

extension CLITests {
    func testTagAndUntagPersistAcrossProcesses() throws {
        let store = dir + "/store"
        XCTAssertEqual(try Docket.run(["import", "--store", store, write("issues.json", issues)]).status, 0)
        let tagged = try Docket.run(["tag", "1", "login", "--store", store])
        XCTAssertEqual(tagged.status, 0, tagged.stderr)
        XCTAssertEqual(tagged.stdout, "#1: login\n")
        XCTAssertEqual(try Docket.run(["tag", "1", "sso", "--store", store]).stdout, "#1: login, sso\n")
        XCTAssertEqual(try Docket.run(["untag", "1", "login", "--store", store]).stdout, "#1: sso\n")
        let missing = try Docket.run(["tag", "99", "x", "--store", store])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no ticket #99"), missing.stderr)
        XCTAssertEqual(try Docket.run(["tag", "1", " ", "--store", store]).status, 64)
    }
}

extension CLITests {
    /// A misspelt --store must not look like an empty store: read commands
    /// fail naming the path and how to make a store, and create nothing.
    func testReadCommandsOnAMissingStoreFailAndCreateNothing() throws {
        let store = dir + "/stroe"
        let reads: [[String]] = [
            ["report", "daily", "--date", "2025-04-14", "--stdout"], ["report", "weekly", "--date", "2025-04-14", "--out", dir + "/reports"],
            ["tickets"], ["clusters"], ["activity", "1"], ["analyze"], ["themes"], ["themes", "suggest"], ["recommendations"],
        ]
        for args in reads {
            let r = try Docket.run(args + ["--store", store])
            XCTAssertEqual(r.status, 1, "\(args): \(r.stdout)")
            XCTAssertEqual(r.stderr, "docket: error: there is no Docket store at \(store); make one with `docket import --store \(store) FILE` "
                + "or `docket demo --store \(store)`, or check --store and $DOCKET_STORE\n", "\(args)")
            XCTAssertEqual(r.stdout, "", "\(args)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: store), "\(args) created the store")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/reports"), "a report was written from no store")
        // Writes still make the store, and then reads work.
        XCTAssertEqual(try Docket.run(["themes", "add", "sync", "--store", store]).status, 0)
        XCTAssertEqual(try Docket.run(["tickets", "--store", store]).status, 0)
    }
}
