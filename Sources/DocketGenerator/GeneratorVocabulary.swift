// Wording shared by every theme. Real trackers repeat the same boilerplate
// ("tried reinstalling", "any update?") across unrelated problems, which is
// what makes clustering hard; these pools put that noise into every ticket.

extension TicketGenerator {
    struct VocabularySource {
        /// Named pools any template may use as `{name}`.
        static let slots: KeyValuePairs<String, [String]> = [
            "ram": ["8 GB", "16 GB", "32 GB", "64 GB", "16GB"],
            "cpu": ["i5-8250U", "Ryzen 7 5800H", "Apple M1 Pro", "i7-12700", "Ryzen 5 3600", "Xeon E-2286M", "Snapdragon X Elite"],
            "browser": ["Firefox", "Chrome", "Edge", "Safari", "Brave"],
        ]

        static let sentences = [
            "This started right after the last update.",
            "I already tried reinstalling, no luck.",
            "Restarting the computer doesn't help.",
            "It worked fine until last week.",
            "Is there any workaround in the meantime?",
            "Happy to send more logs if needed.",
            "This is really blocking my work.",
            "Not sure this is the right place to report it.",
            "Let me know what other information you need.",
            "It happens every time, 100% reproducible.",
            "It happens maybe once a day and I can't find a pattern.",
            "A colleague has the same problem on a different machine.",
            "I searched the existing issues but didn't find anything similar.",
            "I'm on {os}.",
            "Lumen {ver}, installed from the website.",
            "Screenshot attached.",
            "Not sure if related, but I also use the {editor} plugin.",
            "I can record a video if that helps.",
            "Otherwise I love the app!",
            "Any ETA on a fix?",
            "Logging out and back in didn't change anything.",
            "I cleared the cache folder as suggested in the docs.",
            "It was fine on {oldver}.",
        ]

        static let vagueTitles = [
            "App not working",
            "Lumen broken after update",
            "Help please",
            "Something went wrong",
            "Not working on {osname}",
            "Lumen Core issue",
            "can't use lumen anymore",
            "Error when opening the app",
            "bug",
            "Problem with {editor}",
            "Weird behaviour",
            "It just doesn't work",
            "Lumen stopped working",
            "Issue since {ver}",
            "Question",
        ]

        static let vagueBodies = [
            "title says it all",
            "doesn't work. please fix",
            "Same problem as everyone else I guess",
            "see screenshot",
            "it was working yesterday",
            "Please help, I need this for work tomorrow.",
            "What is going on??",
        ]

        static let steps = [
            "Open Lumen",
            "Wait a few seconds",
            "Restart the app",
            "Sign in",
            "Open any note",
        ]

        static let expected = [
            "It should just work.",
            "No error.",
            "Same behaviour as in {oldver}.",
        ]

        static let environment = [
            "OS: {os}",
            "Lumen: {ver}",
            "CPU: {cpu}",
            "RAM: {ram}",
            "Browser: {browser}",
            "Plugin: {editor}",
        ]

        static let logs = [
            "boot: Lumen Core {ver} starting (pid {big})",
            "config: loaded settings.json",
            "http: listening on 127.0.0.1:{port}",
            "sync: idle",
            "telemetry: disabled by user",
            "plugins: loaded {n} plugins",
            "db: opened vault.db (schema 30)",
            "scheduler: next run in {n}s",
            "net: online",
            "auth: token valid for {n}h",
            "ui: main window restored",
            "watcher: watching {big} paths",
        ]

        static let frames = [
            "at processTicksAndRejections (node:internal/process/task_queues:95:5)",
            "at async Promise.all (index {n})",
            "lumen_core::runtime::worker::run (src/runtime/worker.rs:{line})",
            "std::panicking::begin_panic_handler",
            "ntdll.dll!RtlUserThreadStart+0x{hex4}",
        ]

        static let greetings = [
            "Hi team,",
            "Hello!",
            "Hey,",
            "Hi there, first time reporting here.",
            "Good morning,",
        ]

        static let signoffs = [
            "Thanks!",
            "Thanks in advance.",
            "Cheers",
            "Regards",
            "thx",
        ]

        /// Text that breaks naive Markdown tables, links and HTML rendering.
        static let hostile = [
            "Tried both `lumen --reset-cache` and `lumen --safe-mode`, same result.",
            "The file is at `C:\\Users\\{user}\\AppData\\Roaming\\Lumen\\vault.db` if that helps.",
            "| Setting | Value |\n|---|---|\n| Sync | on |\n| Proxy | off |\n| Plugins | {n} |",
            "See [the troubleshooting page](https://docs.lumen-notes.example/troubleshooting) - didn't help.",
            "One of my note titles was literally <script>alert('x')</script> and after that the sidebar went blank.",
            "File names like my_notes_*draft*_v2.md and __init__.md seem to be involved.",
            "<details><summary>System info</summary>\n\nCPU: {cpu}\nRAM: {ram}\n</details>",
            "![image](https://github.com/user-attachments/assets/{uuid})",
            "<img width=\"812\" alt=\"Screenshot\" src=\"https://github.com/user-attachments/assets/{uuid}\" />",
            "Setting `sync.mode = \"manual\"` in settings.json | restarting | no change.",
            "~~fixed~~ nope, it's back.",
            "The path has a backslash at the end: D:\\Notes\\",
        ]

        /// Emoji, including ZWJ sequences, skin tones, flags and keycaps.
        static let emoji = [
            "🙏", "😭", "🔥", "👍🏽", "👩‍💻", "🧑🏻‍💻", "🏳️‍🌈", "🇩🇪", "🇯🇵", "🇧🇷",
            "❤️", "1️⃣", "🤦‍♂️", "😵‍💫", "🚀", "😩", "🐛",
        ]

        static let staffAsk = [
            "Thanks for reporting! Could you tell us your exact version (Help → About) and attach the logs from Help → Open logs folder?",
            "Thanks for the details. Could you share the Lumen Core log from around the time this happened?",
            "We haven't been able to reproduce this yet. Does it still happen on the latest version?",
            "Hi! Which OS version are you on, and does it also happen in safe mode (`lumen --safe-mode`)?",
        ]

        static let staffGeneric = [
            "Thanks, we're looking into it.",
            "I've passed this to the team that owns this area.",
            "Thanks for the logs, that helps a lot.",
            "Linking this to our internal ticket so we can track it.",
        ]

        static let staffClosing = [
            "Closing since we haven't heard back. Feel free to reopen if it happens again.",
            "This should be fixed in {fixver}, closing. Thanks for the report!",
            "Closing as a duplicate of an existing issue, please follow that one for updates.",
            "Glad it works now, closing.",
        ]

        static let other = [
            "+1",
            "Same here on {os}.",
            "Same issue, {ver} on {osname}.",
            "Any update on this?",
            "Also seeing this since the update.",
            "Following.",
            "This is still happening for me.",
            "Same problem. Subscribing.",
            "Same for me, but only on one of my two machines.",
            "+1, very annoying",
        ]

        static let author = [
            "Thanks, I'll try that.",
            "That worked, thank you!",
            "Still happening on {ver}.",
            "Tried that, didn't help unfortunately.",
            "Any news?",
            "I can't reproduce it anymore after updating, so maybe it's fixed.",
            "Sorry for the late reply, I was travelling.",
        ]

        static let authorLogs = [
            "Here are the logs:",
            "Logs from today:",
            "Here you go, this is from right after it happened.",
        ]

        static let botTriage = [
            "Thanks for opening an issue! A team member will reply soon. In the meantime, please make sure you've included:\n\n- [ ] your Lumen version (Help → About)\n- [ ] logs from Help → Open logs folder\n- [ ] steps to reproduce",
            "This issue seems to be missing the **App Version** field from the template. Please edit it to add the version, otherwise it may be closed.",
            "Thanks for the report! You might also find an answer in the [troubleshooting guide](https://docs.lumen-notes.example/troubleshooting).",
        ]

        static let stale = [
            "This issue has had no activity for 21 days and has been marked as stale. It will be closed in 7 days if nothing else happens.",
        ]

        static let prTitles = [
            "docs: clarify where logs are stored",
            "Update issue templates",
            "Add link to status page in README",
            "ci: bump triage bot to v3",
            "Fix typo in troubleshooting guide",
            "Add FAQ entry for proxy setup",
            "Label sync: add app:inkwell",
        ]

        static let prBodies = [
            "Small docs change, no code.",
            "Keeps the issue form in line with the current app sections.",
            "Closes a few questions we keep answering by hand.",
        ]

        static let prComments = [
            "LGTM",
            "Thanks, merging.",
            "Could you also update the FAQ page?",
            "Rebased on main.",
        ]

        static let zhGeneric = ["请问有什么解决办法吗？", "重装了也没用。", "更新之后就出现这个问题了。", "麻烦看一下，谢谢！"]
        static let jaGeneric = ["回避策はありますか？", "再インストールしても直りませんでした。", "アップデート後から発生しています。", "よろしくお願いします。"]
        static let zhComments = ["谢谢，我试一下。", "还是不行。", "更新后好了，谢谢！"]
        static let jaComments = ["ありがとうございます、試してみます。", "まだ直りません。", "更新したら直りました。"]
    }
}
