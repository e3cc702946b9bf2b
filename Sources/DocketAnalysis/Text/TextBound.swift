/// How much of one body or comment the report's readers take in: the
/// summary's sentences, a ticket's evidence (what it lacks, its versions,
/// its errors), a workaround in a reply. A reporter states the problem in
/// the first screens; what follows a 64 KiB mark is a pasted log or a dump,
/// which the clustering reads through its own bounded log words. Without
/// the bound a 50 MB body made a daily report take minutes.
public enum TextBound {
    /// The bound, in UTF-8 bytes.
    public static let bytes = 65_536

    /// What the clustering reads of one body or comment (`TicketText`):
    /// more, since an error signature can sit deep in a pasted log, but
    /// still a bound (a 50 MB body took 12 s to analyse, and each report
    /// read it three times).
    public static let analysisBytes = 1 << 20

    /// `text`, or its first `limit` bytes cut at the last line break before them
    /// (at a character boundary when there is none).
    /// - Complexity: O(1) for text within the bound, else O(bytes).
    public static func read(_ text: String, limit: Int = bytes) -> String {
        let utf8 = text.utf8
        guard utf8.count > limit else { return text }
        var end = utf8.index(utf8.startIndex, offsetBy: limit)
        if let nl = utf8[..<end].lastIndex(of: 0x0A) {
            end = nl
        } else {
            // A cut inside a multi-byte character moves back to its start.
            while end > utf8.startIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
        }
        return String(decoding: utf8[..<end], as: UTF8.self)
    }
}
