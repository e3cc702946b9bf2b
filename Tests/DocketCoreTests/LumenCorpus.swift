@testable import DocketAnalysis
@testable import DocketModel
import Foundation

/// Support tickets about an invented product, Lumen (a notes app with a
/// sync service and the Lumen Engine), written to exercise every kind of
/// recommendation: a rising problem that regressed after a fix, one with a
/// workaround in its threads, one closed quickly, one reopened, one that
/// started with a version, and single tickets that are vague, complete,
/// unanswered, resolved, duplicates, or quote a new error.
enum LumenCorpus {
    static let source = "lumen/support"
    /// The week the corpus is about, and the one before it.
    static let week = Period(first: CivilDate(year: 2025, month: 4, day: 14), last: CivilDate(year: 2025, month: 4, day: 20))
    /// A quiet day after it: three tickets.
    static let quietDay = Period(first: CivilDate(year: 2025, month: 4, day: 22), last: CivilDate(year: 2025, month: 4, day: 22))
    /// Team logins that are not GitHub members (a support contractor).
    static let staff: Set<String> = ["ben-support"]

    static func form(version: String, os: String, description: String, software: String = "Lumen desktop") -> String {
        """
        ### Software

        \(software)

        ### Lumen Version

        \(version)

        ### Operating System

        \(os)

        ### Describe the problem

        \(description)
        """
    }

    static func staffReply(_ at: String, _ body: String, by author: String = "ana-lumen") -> Comment {
        Comment(author: author, association: "MEMBER", createdAt: Fixtures.date(at), body: body)
    }

    static func userReply(_ at: String, _ body: String, by author: String) -> Comment {
        Comment(author: author, association: "NONE", createdAt: Fixtures.date(at), body: body)
    }

    static func ticket(_ n: Int, _ title: String, body: String, created: String, updated: String? = nil, closed: String? = nil,
                       comments: [Comment] = [], commentCount: Int? = nil, labels: [String] = ["bug"], reopenCount: Int = 0,
                       stateReason: String? = nil, countKnown: Bool = true, author: String? = nil) -> Ticket {
        let last = ([created, updated, closed].compactMap { $0 }.map(Fixtures.date) + comments.map(\.createdAt)).max()
        return Ticket(source: source, number: n, title: title, body: body, state: closed == nil ? .open : .closed,
                      stateReason: stateReason, labels: labels, author: author ?? "reporter\(n)", createdAt: Fixtures.date(created),
                      updatedAt: last, closedAt: closed.map(Fixtures.date), commentCount: commentCount ?? comments.count,
                      comments: comments, reopenCount: reopenCount, commentCountKnown: countKnown)
    }

    static let syncLog = """
        ```
        09:14:02 sync: connecting to relay
        09:14:07 SyncSocketException: relay closed the socket (code 1006)
        ```
        """

    static func tickets() -> [Ticket] {
        var t: [Ticket] = []
        // Sync: reported on 5.7, fixed and closed; back on 5.8.2 and rising this week.
        t.append(ticket(101, "Sync fails with SyncSocketException", body: form(version: "5.7.2", os: "Windows 11",
                        description: "Notes stop syncing after a few minutes.\n\n\(syncLog)"),
                        created: "2025-03-03T10:00:00Z", closed: "2025-03-10T10:00:00Z",
                        comments: [staffReply("2025-03-09T10:00:00Z", "Fixed in 5.7.3, closing.")]))
        t.append(ticket(102, "Sync stops: SyncSocketException after sleep", body: form(version: "5.7.4", os: "macOS 14",
                        description: "After the laptop wakes, sync never resumes.\n\n\(syncLog)"),
                        created: "2025-03-05T10:00:00Z", closed: "2025-03-12T10:00:00Z"))
        t.append(ticket(110, "Sync fails again with SyncSocketException", body: form(version: "5.8.1", os: "Windows 10",
                        description: "Same as before, notes stop syncing.\n\n\(syncLog)"),
                        created: "2025-04-08T10:00:00Z", closed: "2025-04-10T10:00:00Z"))
        t.append(ticket(120, "Sync fails with SyncSocketException on 5.8.2", body: form(version: "5.8.2", os: "Windows 11",
                        description: "Sync stops every hour.\n\n\(syncLog)"),
                        created: "2025-04-14T08:00:00Z",
                        comments: [staffReply("2025-04-15T09:00:00Z", "Thanks. As a workaround, pause sync on the second device until we ship a fix.")]))
        t.append(ticket(121, "SyncSocketException when syncing large notebooks", body: form(version: "5.8.2", os: "Windows 11",
                        description: "Large notebooks never finish syncing.\n\n\(syncLog)"),
                        created: "2025-04-15T08:00:00Z"))
        t.append(ticket(122, "Sync fails with SyncSocketException", body: form(version: "5.8.1", os: "Windows 10",
                        description: "Sync drops after a few minutes.\n\n\(syncLog)"),
                        created: "2025-04-16T08:00:00Z",
                        comments: [userReply("2025-04-16T09:00:00Z", "Same here on my second machine.", by: "someone-else")]))
        t.append(ticket(123, "Sync fails with SyncSocketException (5.8.2)", body: form(version: "5.8.2", os: "Windows 11",
                        description: "Sync fails right after start.\n\n\(syncLog)"),
                        created: "2025-04-17T08:00:00Z"))

        // Login: answered and closed within a day or two.
        let login = form(version: "5.8.2", os: "macOS 15", description: "After signing in the window goes back to the sign-in page, over and over, each time I try.")
        t.append(ticket(130, "Login loops after sign in", body: login, created: "2025-04-14T09:00:00Z", closed: "2025-04-15T09:00:00Z",
                        comments: [Comment(author: "ben-support", association: "NONE", createdAt: Fixtures.date("2025-04-14T12:00:00Z"),
                                           body: "Clearing the Lumen cache folder ends the loop: Settings, Advanced, Clear cache.")]))
        t.append(ticket(131, "Login loops after sign in on macOS", body: login, created: "2025-04-15T09:00:00Z", closed: "2025-04-16T09:00:00Z"))
        t.append(ticket(132, "Login loops after sign in again", body: login, created: "2025-04-16T09:00:00Z",
                        comments: [userReply("2025-04-16T10:00:00Z", "Still looping for me.", by: "reporter132")]))

        // Export: busy last week, receding now.
        for (i, n) in [133, 134, 135, 136].enumerated() {
            t.append(ticket(n, "Export to PDF drops images", body: form(version: "5.8.0", os: "Linux (Ubuntu 24.04)",
                            description: "Exported PDFs have empty boxes where the images were, in every notebook I tried."),
                            created: String(format: "2025-04-%02dT10:00:00Z", 7 + i), closed: i < 2 ? "2025-04-11T10:00:00Z" : nil))
        }
        t.append(ticket(140, "Export to PDF drops images in tables", body: form(version: "5.8.2", os: "Linux (Fedora 41)",
                        description: "Images inside tables are missing from the exported PDF, images outside tables are fine."),
                        created: "2025-04-15T10:00:00Z"))

        t.append(ticket(141, "Export to PDF drops images from linked notes", body: form(version: "5.8.2", os: "Linux (Ubuntu 24.04)",
                        description: "Images that come from linked notes are blank in the PDF; pasted images are exported."),
                        created: "2025-04-16T10:00:00Z"))

        // Lumen Engine: closed, then reopened.
        t.append(ticket(150, "Lumen Engine crashes on start", body: form(version: "5.8.2", os: "Windows 11",
                        description: "The Lumen Engine process exits a second after launch.\n\n```\nEngine exited with code 3221225477\n```"),
                        created: "2025-04-14T11:00:00Z", updated: "2025-04-16T11:00:00Z", reopenCount: 1))
        t.append(ticket(151, "Lumen Engine crashes on start after update", body: form(version: "5.8.2", os: "Windows 10",
                        description: "Since the update the Lumen Engine stops right after starting.\n\n```\nEngine exited with code 3221225477\n```"),
                        created: "2025-04-15T11:00:00Z", stateReason: "reopened"))
        t.append(ticket(152, "Lumen Engine crashes on start", body: form(version: "5.8.1", os: "Windows 11",
                        description: "Crashes at start, every time.\n\n```\nEngine exited with code 3221225477\n```"),
                        created: "2025-04-16T11:00:00Z"))

        // Dark theme: every report from 6.0.0 on.
        t.append(ticket(160, "Dark theme flickers when switching notes", body: form(version: "6.0.0", os: "macOS 15",
                        description: "1. Turn on the dark theme\n2. Switch between two notes\n3. The editor flashes white"),
                        created: "2025-04-15T12:00:00Z"))
        t.append(ticket(161, "Dark theme flickers on switching notes", body: form(version: "6.0.1", os: "macOS 14",
                        description: "1. Dark theme on\n2. Open any note from the sidebar\n3. White flash"),
                        created: "2025-04-16T12:00:00Z"))

        // Single tickets.
        t.append(ticket(170, "Lumen keeps crashing", body: "It crashes all the time, please fix.", created: "2025-04-16T13:00:00Z"))
        t.append(ticket(171, "Error when opening notes",
                        body: "I get an error when I open a note on Windows 11 with Lumen 5.8.2. It happens every single time since the "
                            + "update and I have no idea why, this used to work fine last month before anything changed in my setup here.",
                        created: "2025-04-16T14:00:00Z", commentCount: 2, countKnown: true))
        t.append(ticket(172, "Tags panel stays empty", body: form(version: "5.8.2", os: "macOS 15",
                        description: "1. Open the tags panel\n2. Add a tag to a note\n3. The panel still shows no tags"),
                        created: "2025-04-17T09:00:00Z"))
        t.append(ticket(173, "Search misses words with accents", body: form(version: "5.8.2", os: "Windows 11",
                        description: "Searching for cafe does not find notes that contain the word with an accent on the e; the old search found them."),
                        created: "2025-04-14T15:00:00Z"))
        t.append(ticket(174, "Reminders fire twice", body: form(version: "5.8.2", os: "Android 15",
                        description: "Every reminder notification arrives twice, a few seconds apart, on my phone only, never on the desktop."),
                        created: "2025-04-15T15:00:00Z", commentCount: 3))
        t.append(ticket(175, "Attachments over 10 MB fail to upload", body: form(version: "5.8.1", os: "Windows 11",
                        description: "Uploading a big attachment stops at 99% and shows a failed badge.\n\n![upload](https://example.invalid/shot.png)"),
                        created: "2025-04-10T15:00:00Z",
                        comments: [staffReply("2025-04-17T10:00:00Z", "Fixed in 5.8.3, which is out now.")]))
        t.append(ticket(176, "Sync fails with SyncSocketException on my laptop", body: form(version: "5.8.2", os: "Windows 11",
                        description: "Sync stops.\n\n\(syncLog)"),
                        created: "2025-04-17T16:00:00Z",
                        comments: [staffReply("2025-04-18T10:00:00Z", "Thanks! This is a duplicate of #120, let's continue there.")]))
        t.append(ticket(177, "Widget shows yesterday's notes", body: form(version: "5.8.2", os: "iOS 18",
                        description: "1. Add the Lumen widget\n2. Write a note\n3. The widget still lists yesterday's notes"),
                        created: "2025-04-15T16:00:00Z",
                        comments: [staffReply("2025-04-16T10:00:00Z", "This will be fixed in the next release.")]))
        t.append(ticket(178, "Lumen Engine stops with GPUDeviceLostException", body: form(version: "5.8.2", os: "Windows 11",
                        description: "The engine stops when I open a note with a diagram.\n\n```\nGPUDeviceLostException: device removed (0xC0000409)\n```"),
                        created: "2025-04-18T10:00:00Z"))
        t.append(ticket(179, "Add a word count to the status bar", body: "It would be nice to see how many words a note has.",
                        created: "2025-04-18T11:00:00Z", labels: ["enhancement"]))
        t.append(ticket(180, "Lumen cloud returns HTTP 503 on sync", body: form(version: "5.8.2", os: "Linux",
                        description: "The sync log shows the Lumen cloud answering HTTP 503 Service Unavailable for an hour."),
                        created: "2025-04-19T10:00:00Z"))

        // Open for weeks; the reporter asks again during the week.
        t.append(ticket(182, "Spell check ignores the custom dictionary", body: form(version: "5.7.4", os: "macOS 14",
                        description: "Words I added to the custom dictionary are still underlined as misspelled in every note."),
                        created: "2025-03-24T09:00:00Z",
                        comments: [staffReply("2025-03-25T09:00:00Z", "Thanks, we can see it too and have a ticket for it."),
                                   userReply("2025-04-16T09:00:00Z", "Any news on this one?", by: "reporter182")]))

        // The quiet day.
        t.append(ticket(190, "Lumen does not work", body: "Since this morning it fails.", created: "2025-04-22T08:00:00Z"))
        t.append(ticket(191, "Lumen Engine stops with ShaderCacheCorruptException", body: form(version: "5.8.3", os: "Windows 11",
                        description: "After updating, the engine stops while loading.\n\n```\nShaderCacheCorruptException: cache header mismatch\n```"),
                        created: "2025-04-22T09:00:00Z"))
        t.append(ticket(192, "Old ticket: printing works again", body: "Printing is fine now on 5.7.4 and Windows.",
                        created: "2025-03-20T09:00:00Z", closed: "2025-04-22T10:00:00Z"))

        // The day after: single reports a lead acts on one by one.
        t.append(ticket(194, "Lumen Engine crashes on start since 5.8.3", body: form(version: "5.8.3", os: "Windows 11",
                        description: "The engine exits at launch after the 5.8.3 update.\n\n```\nEngine exited with code 3221225477\n```"),
                        created: "2025-04-23T08:00:00Z"))
        t.append(ticket(195, "Notebook emptied itself", body: form(version: "5.8.3", os: "macOS 15",
                        description: "I opened Lumen this morning and lost all my notes in the Work notebook.\n\n![empty](https://example.invalid/empty.png)"),
                        created: "2025-04-23T09:00:00Z"))
        t.append(ticket(196, "Tags panel stays empty", body: form(version: "5.8.3", os: "macOS 15",
                        description: "1. Open the tags panel\n2. It shows nothing, although my notes have tags"),
                        created: "2025-04-23T10:00:00Z", author: "reporter172"))
        t.append(ticket(197, "Export notes to Markdown", body: "Please add an export to Markdown files, one per note.",
                        created: "2025-04-23T11:00:00Z", labels: ["enhancement"]))
        t.append(ticket(198, "Nothing lost, but the sidebar is slow", body: form(version: "5.8.3", os: "Windows 11",
                        description: "I haven't lost any notes, the sidebar just takes a few seconds to draw when I open a notebook with many pages in it."),
                        created: "2025-04-23T12:00:00Z"))
        // An app's own report: no form, its facts in `Key: value` lines.
        t.append(ticket(199, "Lumen Engine stopped unexpectedly",
                        body: "Error: EngineHandshakeError: version mismatch\n\n**Engine Information**\n\nCurrent Version: 5.8.3\nLocal Port: 4100\n\n"
                            + "**Device Information**\n\nOperating System: Windows\nCurrent Version: 10.0.22631\n",
                        created: "2025-04-23T13:00:00Z", labels: []))
        return t
    }

    /// The day after the quiet day: single reports.
    static let dayAfter = Period(first: CivilDate(year: 2025, month: 4, day: 23), last: CivilDate(year: 2025, month: 4, day: 23))

    /// The problems, as a clustering would group them.
    static func clusters() -> [RecommendationInput.Cluster] {
        func c(_ id: String, _ title: String, _ numbers: [Int], _ keywords: [String]) -> RecommendationInput.Cluster {
            RecommendationInput.Cluster(id: id, title: title, keywords: keywords,
                                        tickets: numbers.map { TicketKey(source: source, number: $0) })
        }
        return [
            c("c-sync", "Sync fails with SyncSocketException", [101, 102, 110, 120, 121, 122, 123, 176], ["sync", "sig:SyncSocketException", "relay"]),
            c("c-login", "Login loops after sign in", [130, 131, 132], ["login", "loop", "sign"]),
            c("c-export", "Export to PDF drops images", [133, 134, 135, 136, 140, 141], ["export", "pdf", "images"]),
            c("c-engine", "Lumen Engine crashes on start", [150, 151, 152, 194], ["engine", "crash", "start"]),
            c("c-theme", "Dark theme flickers when switching notes", [160, 161], ["dark", "theme", "flicker"]),
        ]
    }
}
