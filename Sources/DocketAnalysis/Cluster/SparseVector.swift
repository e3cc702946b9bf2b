
/// A sparse vector with sorted term ids; Docket's documents have tens of
/// distinct terms out of tens of thousands.
public struct SparseVector: Sendable, Equatable {
    public var ids: [Int32]
    public var values: [Float]

    public init(ids: [Int32] = [], values: [Float] = []) {
        self.ids = ids
        self.values = values
    }

    public var isEmpty: Bool { ids.isEmpty }

    /// Dot product of two sorted sparse vectors.
    /// - Complexity: O(a + b) in the number of stored terms.
    public func dot(_ other: SparseVector) -> Float {
        var i = 0, j = 0
        var sum: Float = 0
        while i < ids.count, j < other.ids.count {
            let a = ids[i], b = other.ids[j]
            if a == b {
                sum += values[i] * other.values[j]
                i += 1
                j += 1
            } else if a < b {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }

    /// Scales to unit length (no-op for the zero vector).
    public mutating func normalize() {
        var n: Float = 0
        for v in values { n += v * v }
        guard n > 0 else { return }
        let inv = 1 / n.squareRoot()
        for i in values.indices { values[i] *= inv }
    }
}
