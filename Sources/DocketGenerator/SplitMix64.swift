/// A tiny, fast pseudo-random generator with a fixed, documented algorithm.
///
/// The synthetic ticket generator promises byte-identical output for the same
/// seed on every run, platform and Swift version. The standard library's
/// `SystemRandomNumberGenerator` is nondeterministic, and its helpers such as
/// `Int.random(in:using:)` or `shuffled(using:)` may change their algorithms
/// between releases, so generation code draws only through the methods here.
///
/// Reference: Steele, Lea & Flood, "Fast splittable pseudorandom number
/// generators" (OOPSLA 2014); constants as in Vigna's `splitmix64.c`.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// An independent stream for one purpose, e.g. (seed, issue number, field).
    ///
    /// Giving every issue its own stream lets two passes over the data (issues,
    /// then comments) and `plantedThemes` reproduce the same draws without
    /// keeping them in memory.
    public init(seed: UInt64, stream a: UInt64, _ b: UInt64 = 0) {
        var mixer = SplitMix64(seed: seed ^ 0x6A09_E667_F3BC_C909)
        let first = mixer.next()
        var second = SplitMix64(seed: first ^ (a &* 0x9E37_79B9_7F4A_7C15))
        let third = second.next()
        var fourth = SplitMix64(seed: third ^ (b &* 0xC2B2_AE3D_27D4_EB4F))
        state = fourth.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound`; 0 when `bound <= 1`.
    ///
    /// Uses Lemire's multiply-and-reject method so the result is unbiased and
    /// identical everywhere (no floating point, no platform `arc4random`).
    public mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A uniform integer in `range` (both ends included).
    public mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `perMille / 1000`.
    public mutating func chance(_ perMille: Int) -> Bool {
        below(1000) < perMille
    }

    /// An index into `weights`, chosen with probability proportional to its weight.
    /// Returns 0 when all weights are zero.
    public mutating func weighted(_ weights: [Int]) -> Int {
        var total = 0
        for w in weights { total += max(0, w) }
        guard total > 0 else { return 0 }
        var r = below(total)
        for (i, w) in weights.enumerated() {
            let w = max(0, w)
            if r < w { return i }
            r -= w
        }
        return weights.count - 1
    }
}
