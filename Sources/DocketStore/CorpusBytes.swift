import DocketJSON
import DocketModel
import Foundation

/// The bytes of a loaded `corpus.json`, shared by every ticket text that is
/// still undecoded: the JSON side of `LazyText`. Each text is a JSON string
/// literal (quotes included) at a range the reader found at load time. The
/// file is replaced by rename, never rewritten in place, so a mapping stays
/// valid while tickets refer to it.
public final class CorpusBytes: LazyTextSource {
    public let data: Data
    public init(_ data: Data) { self.data = data }

    public func text(at range: Range<Int>) -> String {
        data.withUnsafeBytes { raw -> String in
            var r = JSONReader(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[range]))
            // The range was found by the reader at load time, so it holds one string.
            return (try? r.parseValue())?.string ?? ""
        }
    }

    /// Decodes only the literal's first `maxBytes` encoded bytes, cut
    /// before an escape that would be split (a `\uD83D` without its pair
    /// included) and before a character's continuation bytes.
    public func text(at range: Range<Int>, prefix maxBytes: Int) -> String {
        guard range.count > maxBytes + 2 else { return text(at: range) }
        return data.withUnsafeBytes { raw -> String in
            let all = raw.bindMemory(to: UInt8.self)
            let start = range.lowerBound + 1, limit = start + maxBytes
            func hex(_ i: Int) -> UInt32? {
                guard i + 4 <= all.count else { return nil }
                return UInt32(String(decoding: UnsafeBufferPointer(rebasing: all[i..<(i + 4)]), as: UTF8.self), radix: 16)
            }
            var i = start, end = start
            while i < limit {
                if all[i] == 0x5C {
                    var length = i + 1 < all.count && all[i + 1] == UInt8(ascii: "u") ? 6 : 2
                    // A high surrogate goes with the escape after it.
                    if length == 6, let v = hex(i + 2), (0xD800..<0xDC00).contains(v) { length = 12 }
                    guard i + length <= limit else { break }
                    i += length
                } else {
                    i += 1
                }
                end = i
            }
            while end > start, all[end] & 0xC0 == 0x80 { end -= 1 }
            var literal = [UInt8](UnsafeBufferPointer(rebasing: all[range.lowerBound..<end]))
            literal.append(0x22)
            return literal.withUnsafeBufferPointer { p -> String in
                var r = JSONReader(p)
                return (try? r.parseValue())?.string ?? ""
            }
        }
    }

    public func withUndecodedBytes<R>(at range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard range.count >= 2 else { return nil }
        return data.withUnsafeBytes { raw in
            body(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[(range.lowerBound + 1)..<(range.upperBound - 1)]))
        }
    }
}
