import DocketImport
import DocketJSON
import DocketModel
import DocketReport
import DocketTerminal
import Foundation

// Fuzz targets for the parsers of untrusted input (issue 16): the JSON
// reader, the ticket importers (every format the import detects), the
// helpdesk CSV importer with a column map, the issue-form parser, the text
// sanitizer, the Markdown escaper and the key and mouse decoders.
//
// Two drivers, one set of targets:
// - built by `.ci/fuzz` with `-D LIBFUZZER` and the address sanitizer and
//   coverage flags, `docket-fuzz TARGET [libFuzzer options] [corpus dirs]`
//   runs libFuzzer (LLVMFuzzerRunDriver);
// - in a normal build, `docket-fuzz TARGET --runs N --seed S [seed files]`
//   runs a deterministic mutation loop of its own (what CI runs briefly):
//   the same seed gives the same inputs, and `--show K` prints input K, so a
//   crash is replayed by its numbers.
// A target returns normally on any input, bad or not; a crash, a hang or a
// broken invariant (checked with `precondition`) is a finding.

struct Target: @unchecked Sendable {
    let name: String
    let run: (UnsafeBufferPointer<UInt8>) -> Void
    /// Inputs to start from when no seed files are given.
    let seeds: [String]
}

func text(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }

let csvMap = (try? HelpdeskCSV.parseMap(["ID=number,Subject=title,Body=body,Status=state,Opened=created"])) ?? [:]

let targets: [Target] = [
    Target(name: "json", run: { b in
        var r = JSONReader(b)
        _ = try? r.parseValue()
    }, seeds: ["{\"a\":[1,2.5e3,-0,\"x\\u00e9\\n\",true,false,null],\"b\":{}}", "[\"\\ud83d\\ude00\"]"]),
    Target(name: "import", run: { b in
        _ = try? TicketImporters.parse(Data(buffer: b), path: "fuzz")
    }, seeds: [
        "[{\"number\":1,\"title\":\"Sync stalls\",\"state\":\"open\",\"created_at\":\"2025-04-14T09:00:00Z\",\"updated_at\":\"2025-04-14T10:00:00Z\",\"html_url\":\"https://github.com/o/r/issues/1\",\"user\":{\"login\":\"a\"},\"labels\":[{\"name\":\"bug\"}],\"comments\":1,\"body\":\"x\"}]",
        "[{\"number\":2,\"title\":\"Login\",\"state\":\"OPEN\",\"createdAt\":\"2025-04-14T09:00:00Z\",\"updatedAt\":\"2025-04-14T10:00:00Z\",\"url\":\"https://github.com/o/r/issues/2\",\"author\":{\"login\":\"b\"},\"labels\":[],\"comments\":[]}]",
        "Id,Subject,Status,Requester,Created at,Updated at,Description\n7,\"Cannot sign in, again\",open,ana@example.com,2025-04-14 09:00:00 +0000,2025-04-14 10:00:00 +0000,\"line one\nline two\"\n",
        "Issue key,Summary,Status,Created,Updated,Description,Labels,Labels\nLUM-3,Sync stalls,To Do,14/Apr/25 9:00 AM,14/Apr/25 10:00 AM,It stops,sync,desktop\n",
    ]),
    Target(name: "csv", run: { b in
        _ = try? HelpdeskCSV.importMapped(Data(buffer: b), path: "fuzz", map: csvMap, source: "helpdesk")
    }, seeds: ["ID,Subject,Body,Status,Opened\n1,\"Export \"\"fails\"\"\",\"a\r\nb\",open,2025-04-14T09:00:00Z\n"]),
    Target(name: "issue-form", run: { b in
        let form = IssueForm(body: text(b))
        _ = form.platform
        _ = form.fields.count
    }, seeds: ["### Operating System\n\nWindows 11\n\n### Version\n\n5.8.1\n\n### Steps\n\n1. Open\n2. Sync\n\n- [x] I searched"]),
    Target(name: "sanitizer", run: { b in
        let s = text(b)
        let one = TextSanitizer.singleLine(s)
        precondition(!one.unicodeScalars.contains { TextSanitizer.isUnsafe($0) || $0 == "\n" }, "singleLine left a control")
        for line in TextSanitizer.lines(s) {
            precondition(!line.unicodeScalars.contains { TextSanitizer.isUnsafe($0) || $0 == "\n" }, "lines left a control")
        }
    }, seeds: ["plain \u{1B}[31mred\u{1B}[0m \u{1B}]8;;https://x\u{07}link\u{1B}]8;;\u{07} \u{202E}rtl\u{202C} tab\tend\r\n\u{85}\u{7F}"]),
    Target(name: "markdown", run: { b in
        let s = text(b)
        _ = MarkdownEscape.inline(s)
        _ = MarkdownEscape.inlineKeepingCode(s)
        _ = MarkdownEscape.paragraph(s)
        _ = MarkdownEscape.linkText(s)
        precondition(!MarkdownEscape.tableCell(s).contains("\n"), "a table cell spans lines")
        _ = MarkdownEscape.safeURL(s)
    }, seeds: ["`sign_in` | *bold* [link](https://x) <b>\\ #12 ~~x~~ _y_ ```z```"]),
    Target(name: "keys", run: { b in
        var i = 0
        while i + 8 <= b.count {
            let status = Int32(bitPattern: UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24)
            let value = UInt32(b[i + 4]) | UInt32(b[i + 5]) << 8 | UInt32(b[i + 6]) << 16 | UInt32(b[i + 7]) << 24
            _ = KeyDecoder.decode(status: status % 3 - 1, value: value)
            _ = MouseDecoder.decode(buttonState: value, x: Int(status % 500), y: Int(status / 500 % 500))
            i += 8
        }
    }, seeds: ["\u{0}\u{0}\u{0}\u{0}a\u{0}\u{0}\u{0}\u{1}\u{0}\u{0}\u{0}\u{2}\u{1}\u{0}\u{0}"]),
]

// MARK: - Drivers

nonisolated(unsafe) var selected = targets[0]

#if LIBFUZZER
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt
#endif

/// A deterministic generator (SplitMix64), so that a run is replayed by its seed.
struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
}

/// Bytes the parsers treat specially, inserted and swapped in by the mutator.
let interesting: [[UInt8]] = [
    [0x22], [0x5C], [0x7B], [0x7D], [0x5B], [0x5D], [0x2C], [0x3A], [0x0A], [0x0D], [0x00], [0xFF], [0x1B], [0x7F],
    [0xC3], [0xE2, 0x80, 0xAE], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], Array("\\u".utf8), Array("\\ud800".utf8),
    Array("###".utf8), Array("\"\"".utf8), Array("1e999".utf8), Array("-".utf8), Array("|".utf8), Array("`".utf8),
    Array("null".utf8), Array("9999999999999999999999".utf8), Array("2025-04-14T09:00:00Z".utf8),
]

func mutate(_ input: [UInt8], _ rng: inout Random, pool: [[UInt8]]) -> [UInt8] {
    var b = input
    for _ in 0..<(1 + rng.below(4)) {
        switch rng.below(7) {
        case 0 where !b.isEmpty:  // flip a bit
            let i = rng.below(b.count)
            b[i] ^= UInt8(1 << rng.below(8))
        case 1 where !b.isEmpty:  // set a random byte
            b[rng.below(b.count)] = UInt8(truncatingIfNeeded: rng.next())
        case 2:  // insert something a parser cares about
            b.insert(contentsOf: interesting[rng.below(interesting.count)], at: rng.below(b.count + 1))
        case 3 where !b.isEmpty:  // delete a run
            let i = rng.below(b.count)
            b.removeSubrange(i..<min(b.count, i + 1 + rng.below(8)))
        case 4 where !b.isEmpty:  // duplicate a run
            let i = rng.below(b.count), j = min(b.count, i + 1 + rng.below(16))
            b.insert(contentsOf: b[i..<j], at: rng.below(b.count + 1))
        case 5:  // splice in part of another input
            let other = pool[rng.below(pool.count)]
            guard !other.isEmpty else { break }
            let i = rng.below(other.count), j = min(other.count, i + 1 + rng.below(64))
            b.insert(contentsOf: other[i..<j], at: rng.below(b.count + 1))
        default:  // truncate
            if !b.isEmpty { b.removeLast(rng.below(min(b.count, 16)) + 1) }
        }
    }
    return b.count > 65_536 ? Array(b.prefix(65_536)) : b
}

func usage() -> Never {
    FileHandle.standardError.write(Data("""
        usage: docket-fuzz TARGET --runs N [--seed S] [--show K] [seed files...]
               docket-fuzz TARGET --dump-seeds DIR
               (built with -D LIBFUZZER: docket-fuzz TARGET [libFuzzer options] [corpus dirs])
        targets: \(targets.map(\.name).joined(separator: ", "))

        """.utf8))
    exit(2)
}

var args = Array(CommandLine.arguments.dropFirst())
guard let name = args.first, let target = targets.first(where: { $0.name == name }) else { usage() }
selected = target
args.removeFirst()
// `--dump-seeds DIR`: writes the target's seed inputs as files (a corpus
// directory for libFuzzer to start from) and stops.
if args.first == "--dump-seeds", args.count == 2 {
    try? FileManager.default.createDirectory(atPath: args[1], withIntermediateDirectories: true)
    for (k, s) in target.seeds.enumerated() { _ = FileManager.default.createFile(atPath: args[1] + "/seed-\(k)", contents: Data(s.utf8)) }
    exit(0)
}

#if LIBFUZZER
var cArgs = [CommandLine.unsafeArgv[0]] + args.map { strdup($0) }
var argc = CInt(cArgs.count)
let status = cArgs.withUnsafeMutableBufferPointer { buffer -> CInt in
    var argv = buffer.baseAddress!
    return runDriver(&argc, &argv) { data, count in
        selected.run(UnsafeBufferPointer(start: data, count: count))
        return 0
    }
}
exit(status)
#else
var runs = 10_000, seed: UInt64 = 1, show: Int?
var files: [String] = []
var i = 0
while i < args.count {
    switch args[i] {
    case "--runs": i += 1; runs = i < args.count ? Int(args[i]) ?? runs : runs
    case "--seed": i += 1; seed = i < args.count ? UInt64(args[i]) ?? seed : seed
    case "--show": i += 1; show = i < args.count ? Int(args[i]) : nil
    default: files.append(args[i])
    }
    i += 1
}
var pool = target.seeds.map { Array($0.utf8) }
for f in files {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: f, isDirectory: &isDir) else { continue }
    let paths = isDir.boolValue ? ((try? FileManager.default.contentsOfDirectory(atPath: f)) ?? []).sorted().map { f + "/" + $0 } : [f]
    for p in paths { if let d = FileManager.default.contents(atPath: p) { pool.append(Array(d)) } }
}
var rng = Random(state: seed)
let start = Date()
for seedInput in pool { seedInput.withUnsafeBufferPointer { target.run($0) } }
for k in 0..<runs {
    let input = mutate(pool[rng.below(pool.count)], &rng, pool: pool)
    if let show, show == k {
        FileHandle.standardOutput.write(Data(input))
        exit(0)
    }
    input.withUnsafeBufferPointer { target.run($0) }
    // Inputs that grew stay as material for later ones, a few at a time.
    if k % 64 == 0, pool.count < 256 { pool.append(input) }
}
let seconds = Date().timeIntervalSince(start)
print("\(target.name): \(runs) runs from \(pool.count) inputs, seed \(seed), \(String(format: "%.1f", seconds)) s, 0 crashes")
#endif
