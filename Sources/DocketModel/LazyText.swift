import Foundation

/// Where an undecoded text lies: the bytes of a loaded file that a store
/// read, shared by every text still undecoded in it. The model knows only
/// this shape; the store supplies the source (the JSON corpus, see
/// `CorpusBytes` in DocketStore) and how a range of it decodes.
///
/// A source must stay valid while texts refer to it: a file replaced by
/// rename, never rewritten in place, is.
public protocol LazyTextSource: AnyObject, Sendable {
    /// The text encoded at `range` (as the store recorded it at load time).
    /// - Complexity: O(range.count).
    func text(at range: Range<Int>) -> String

    /// The encoded bytes at `range` without their delimiters, escapes left
    /// in (for the JSON corpus: the string literal's contents, between the
    /// quotes), or nil when the source cannot lend them.
    func withUndecodedBytes<R>(at range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R?

    /// The start of the text at `range`: about its first `maxBytes` bytes,
    /// decoding no more than that.
    func text(at range: Range<Int>, prefix maxBytes: Int) -> String
}

extension LazyTextSource {
    public func text(at range: Range<Int>, prefix maxBytes: Int) -> String {
        let s = text(at: range)
        return s.utf8.count <= maxBytes ? s : String(decoding: s.utf8.prefix(maxBytes), as: UTF8.self)
    }
}

/// A ticket's long text (a body or a comment body): either a string, or a
/// range of a store's source decoded each time it is read.
///
/// Bodies are most of a corpus' bytes and the list never shows them, so the
/// browser loads tickets without decoding them; the few it opens or previews
/// are decoded on access. Callers see a plain `String` through `Ticket.body`
/// and `Comment.body`.
public struct LazyText: Sendable {
    enum Storage: Sendable {
        case text(String)
        case encoded(any LazyTextSource, Range<Int>)
    }

    var storage: Storage

    public init(_ text: String) { storage = .text(text) }

    /// The text encoded at `range` of `source` (for the JSON corpus, a
    /// string literal with its quotes).
    public init(encoded range: Range<Int>, in source: any LazyTextSource) { storage = .encoded(source, range) }

    /// The text, decoding it if needed.
    /// - Complexity: O(length) when undecoded.
    public var value: String {
        switch storage {
        case let .text(s): return s
        case let .encoded(source, range): return source.text(at: range)
        }
    }

    /// The raw bytes of the undecoded text (for the JSON corpus: without
    /// quotes, escapes left in), or nil when the text is already a string:
    /// for building search text, or copying it, without decoding whole bodies.
    public func withUndecodedBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard case let .encoded(source, range) = storage else { return nil }
        return source.withUndecodedBytes(at: range, body)
    }

    /// The text if it holds at most about `maxBytes` bytes, else about its
    /// first `maxBytes` (a long undecoded text is decoded only that far).
    /// For showing the start of a huge body without decoding all of it.
    public func prefix(_ maxBytes: Int) -> String {
        switch storage {
        case let .text(s): return s.utf8.count <= maxBytes ? s : String(decoding: s.utf8.prefix(maxBytes), as: UTF8.self)
        case let .encoded(source, range): return range.count <= maxBytes + 2 ? source.text(at: range) : source.text(at: range, prefix: maxBytes)
        }
    }

    /// About how many bytes the text takes (encoded or not), for sizing buffers.
    public var byteCount: Int {
        switch storage {
        case let .text(s): return s.utf8.count
        case let .encoded(_, range): return range.count
        }
    }
}

extension LazyText: Equatable {
    public static func == (a: LazyText, b: LazyText) -> Bool {
        if case let .encoded(x, r) = a.storage, case let .encoded(y, s) = b.storage, x === y, r == s { return true }
        return a.value == b.value
    }
}
