import ArgumentParser
import DocketAnalysis
import DocketCLI
import DocketModel
import DocketUI
import Foundation

/// Drives the browser's pure loop (update + render, no terminal) against a
/// store and prints timings, for BENCHMARKS.md. `.ci/bench-tui` adds the
/// real terminal's first frame, bytes per key and the fzf comparison.
struct BenchTUI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-tui",
        abstract: "Time the browser's load, filter keystrokes and scrolling on the store (median and p99 in ms)."
    )
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Queries typed one character at a time (repeatable).") var query: [String] = []
    @Option(help: "Terminal width.") var width = 100
    @Option(help: "Terminal height.") var height = 30
    @Option(help: "How many Down and PageDown keys to time.") var keys = 300
    @Flag(help: "Stop after the first frame (for profiling the load).") var loadOnly = false
    @Option(help: "Write the filter's text, one line per ticket, to this file (for fzf) and stop.") var linesFile: String?

    func run() throws {
        try reportingErrors {
            let t0 = clock()
            let store = try storeOptions.open(lazyText: true)
            let t1 = clock()
            let s = AppState(tickets: store.tickets, annotations: store.annotations, period: .all(), width: width, height: height)
            let t2 = clock()
            _ = RootView.render(s)
            let t3 = clock()
            printOut("tickets=\(store.tickets.count) load_ms=\(ms(t1 - t0)) rank_ms=\(ms(t2 - t1)) render_ms=\(ms(t3 - t2)) first_frame_ms=\(ms(t3 - t0))\n")
            if loadOnly {
                let a = clock()
                let ref = Ranking.reference(store.tickets)
                let b = clock()
                let ranked = Ranking.rank(store.tickets, period: .all(), reference: ref)
                let c = clock()
                printOut("reference_ms=\(ms(b - a)) ranking_ms=\(ms(c - b)) (\(ranked.count))\n")
                return
            }
            if let path = linesFile {
                try writeLines(store.tickets, to: path)
                return
            }
            let t4 = clock()
            s.search.prepare()
            printOut("search_text_ms=\(ms(clock() - t4))\n")

            let queries = query.isEmpty ? ["login loop", "certificate", "download fails", "high cpu", "sso"] : query
            var typing: [Double] = [], typed: [Double] = [], erased: [Double] = []
            for q in queries {
                var st = App.update(s, .key(.char("/"))).0
                for c in q {
                    let a = clock()
                    st = App.update(st, .key(.char(c))).0
                    _ = RootView.render(st)
                    typing.append(ms(clock() - a))
                    typed.append(ms(clock() - a))
                }
                printOut("query=\"\(q)\" matches=\(st.shown.count)\n")
                for _ in q {
                    let a = clock()
                    st = App.update(st, .key(.backspace)).0
                    _ = RootView.render(st)
                    typing.append(ms(clock() - a))
                    erased.append(ms(clock() - a))
                }
            }
            // The whole query at once over every ticket: what fzf --filter does.
            for q in queries {
                var times: [Double] = []
                var st = s
                var matches = 0
                for _ in 0..<5 {
                    st.query = q
                    let a = clock()
                    st.refilter()
                    times.append(ms(clock() - a))
                    matches = st.shown.count
                    st.query = ""
                    st.refilter()
                }
                printOut("whole_query=\"\(q)\" matches=\(matches) median_ms=\(formatFixed(percentile(times, 0.5), decimals: 2))\n")
            }
            report("filter_keystroke", typing)
            report("filter_typed_char", typed)
            report("filter_backspace", erased)

            var frame = RootView.render(s)
            for (name, key) in [("down", Key.down), ("page_down", Key.pageDown)] {
                var times: [Double] = [], cells: [Double] = []
                var st = s
                for _ in 0..<keys {
                    let a = clock()
                    st = App.update(st, .key(key)).0
                    let next = RootView.render(st)
                    times.append(ms(clock() - a))
                    cells.append(Double(next.diff(from: frame).count))
                    frame = next
                }
                report(name, times)
                printOut("\(name)_changed_cells median=\(Int(percentile(cells, 0.5))) p99=\(Int(percentile(cells, 0.99)))\n")
                frame = RootView.render(s)
            }
        }
    }

    /// One line per ticket: what the filter matches, for `fzf --filter`.
    func writeLines(_ tickets: [Ticket], to path: String) throws {
        var out = ""
        out.reserveCapacity(tickets.count * 600)
        for t in tickets {
            let body = TextSanitizer.singleLine(String(decoding: Array(t.body.utf8.prefix(TicketSearch.bodyPrefix)), as: UTF8.self))
            out += "#\(t.number) \(TextSanitizer.singleLine(t.title)) \(t.labels.joined(separator: " ")) \(body)\n"
        }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func report(_ name: String, _ samples: [Double]) {
        printOut("\(name) n=\(samples.count) median_ms=\(formatFixed(percentile(samples, 0.5), decimals: 3)) p99_ms=\(formatFixed(percentile(samples, 0.99), decimals: 3)) max_ms=\(formatFixed(samples.max() ?? 0, decimals: 3))\n")
    }

    func percentile(_ samples: [Double], _ p: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let s = samples.sorted()
        return s[min(s.count - 1, Int(Double(s.count) * p))]
    }

    func clock() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
    func ms(_ ns: UInt64) -> Double { Double(ns) / 1e6 }
}
