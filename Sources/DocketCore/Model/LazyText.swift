import Foundation

/// The bytes of a loaded `corpus.json`, shared by every ticket text that is
/// still undecoded. The file is replaced by rename, never rewritten in place,
/// so a mapping stays valid while tickets refer to it.
public final class CorpusBytes: Sendable {
    public let data: Data
    public init(_ data: Data) { self.data = data }
}

/// A ticket's long text (a body or a comment body): either a string, or a
/// JSON string literal in the corpus decoded each time it is read.
///
/// Bodies are most of a corpus' bytes and the list never shows them, so the
/// browser loads tickets without decoding them; the few it opens or previews
/// are decoded on access. Callers see a plain `String` through `Ticket.body`
/// and `Comment.body`.
public struct LazyText: Sendable {
    enum Storage: Sendable {
        case text(String)
        case json(CorpusBytes, Range<Int>)
    }

    var storage: Storage

    public init(_ text: String) { storage = .text(text) }

    /// A JSON string literal (quotes included) at `range` of `bytes`.
    public init(json range: Range<Int>, in bytes: CorpusBytes) { storage = .json(bytes, range) }

    /// The text, decoding it if needed.
    /// - Complexity: O(length) when undecoded.
    public var value: String {
        switch storage {
        case let .text(s): return s
        case let .json(bytes, range): return Self.decode(bytes, range)
        }
    }

    /// The raw bytes of the undecoded literal (without quotes, escapes left
    /// in), or nil when the text is already a string: for building search
    /// text without decoding whole bodies.
    public func withUndecodedBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard case let .json(bytes, range) = storage, range.count >= 2 else { return nil }
        return bytes.data.withUnsafeBytes { raw in
            body(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[(range.lowerBound + 1)..<(range.upperBound - 1)]))
        }
    }

    /// About how many bytes the text takes (encoded or not), for sizing buffers.
    public var byteCount: Int {
        switch storage {
        case let .text(s): return s.utf8.count
        case let .json(_, range): return range.count
        }
    }

    static func decode(_ bytes: CorpusBytes, _ range: Range<Int>) -> String {
        bytes.data.withUnsafeBytes { raw -> String in
            var r = JSONReader(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[range]))
            // The range was found by the reader at load time, so it holds one string.
            return (try? r.parseValue())?.string ?? ""
        }
    }
}

extension LazyText: Equatable {
    public static func == (a: LazyText, b: LazyText) -> Bool {
        if case let .json(x, r) = a.storage, case let .json(y, s) = b.storage, x === y, r == s { return true }
        return a.value == b.value
    }
}
