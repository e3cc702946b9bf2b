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

    public func withUndecodedBytes<R>(at range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard range.count >= 2 else { return nil }
        return data.withUnsafeBytes { raw in
            body(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[(range.lowerBound + 1)..<(range.upperBound - 1)]))
        }
    }
}
