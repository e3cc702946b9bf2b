
/// Symptoms that reporters state in many ways and that the word vector
/// cannot see, because the words that carry them are stop words or
/// complaint words: "won't run", "unable to launch", "doesn't start", "not
/// opening", "fails to boot", "crashes right after launch" all say that the
/// app does not start. Each becomes one term (`doesNotStart`), which two
/// reports share however they put it.
///
/// Only symptoms a support team answers with one help article whatever the
/// wording are here, and each needs a negation or a failure next to the
/// verb: "start" alone is in every second ticket ("since I started using
/// it"), "doesn't start" is a symptom. The list is short on purpose; it is
/// generic support vocabulary, not any one product's. Read from titles
/// only (`TicketText.analyze`): the title is where a reporter states the
/// problem. Against the people's problem labels (docs/QUALITY.md) the term
/// took pairwise MCC from 0.575 to 0.604 (labels A) and 0.517 to 0.594 (B);
/// scanning bodies as well lowered both.
public enum Symptoms {
    /// The term for "the app does not start".
    public static let doesNotStart = "won't start"

    /// The verb is at most this many words after the negation ("not able to
    /// start" is three, "unable to start" two): far enough for "to" and a
    /// name, near enough that the two words are one statement.
    static let window = 3

    /// The symptom terms `text` states, each once.
    /// - Complexity: O(n) in the length of the range.
    static func scan(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, into out: inout [String]) {
        var sinceNegation = Int.max / 2
        var sinceCrash = Int.max / 2
        var sinceStrong = Int.max / 2
        var word: [UInt8] = []
        word.reserveCapacity(16)
        var found = false
        func take() {
            guard !word.isEmpty, !found else { word.removeAll(keepingCapacity: true); return }
            sinceNegation += 1; sinceCrash += 1; sinceStrong += 1
            switch classify(word) {
            case .negation:
                // "launch fails", "startup stuck" (a noun: "since I started
                // it, sync fails" is no start failure)
                if sinceStrong <= window { found = true }
                sinceNegation = 0
            case .crash:
                // "startup crashes"
                if sinceStrong <= window { found = true }
                sinceCrash = 0
            case .start(let strong, let noun):
                // "won't run", "unable to launch"; "crashes on launch" (not
                // "crashes when opening a note": running and opening are
                // what an app does all day)
                if sinceNegation <= window || (strong && sinceCrash <= window) { found = true }
                if noun { sinceStrong = 0 }
            case .other:
                break
            }
            word.removeAll(keepingCapacity: true)
        }
        var i = r.lowerBound
        while i < r.upperBound {
            let b = p[i]
            if (b >= 0x61 && b <= 0x7A) || b == 0x27 {
                word.append(b)
            } else if b >= 0x41 && b <= 0x5A {
                word.append(b | 0x20)
            } else if b == 0xE2, i + 2 < r.upperBound, p[i + 1] == 0x80, p[i + 2] == 0x99 {
                word.append(0x27)  // ’ as '
                i += 2
            } else {
                take()
            }
            i += 1
        }
        take()
        if found, !out.contains(doesNotStart) { out.append(doesNotStart) }
    }

    /// Whether `text` (a title) says the app does not start.
    public static func saysDoesNotStart(_ text: String) -> Bool {
        var out: [String] = []
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { scan($0, 0..<$0.count, into: &out) }
        return !out.isEmpty
    }

    /// Whether `word` (lowercased) is one of the words a symptom is made of.
    static func isSymptomWord(_ word: String) -> Bool {
        classify(Array(word.utf8)) != .other
    }

    enum Kind: Equatable { case negation, crash, start(strong: Bool, noun: Bool), other }

    static func classify(_ w: [UInt8]) -> Kind {
        guard w.count >= 3, w.count <= 10 else { return .other }
        switch String(decoding: w, as: UTF8.self) {
        case "not", "never", "unable", "cannot", "can't", "cant", "won't", "wont", "doesn't", "doesnt", "don't", "didn't",
             "didnt", "isn't", "isnt", "wouldn't", "couldn't", "couldnt", "fail", "fails", "failed", "failing", "stuck":
            return .negation
        case "startup", "launch", "boot", "bootup":
            return .start(strong: true, noun: true)
        case "start", "starts", "starting", "started", "launches", "launching", "launched", "boots", "booting", "booted":
            return .start(strong: true, noun: false)
        case "run", "runs", "running", "open", "opens", "opening":
            return .start(strong: false, noun: false)
        case "crash", "crashes", "crashed", "crashing", "freezes", "hangs", "quits":
            return .crash
        default:
            return .other
        }
    }
}
