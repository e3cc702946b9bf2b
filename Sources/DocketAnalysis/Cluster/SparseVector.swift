
/// A sparse vector with sorted term ids; Docket's documents have tens of
/// distinct terms out of tens of thousands.
public struct SparseVector: Sendable, Equatable {
    public var ids: [Int32]
    public var values: [Float]
    /// The squared length of weights not stored: a ticket's own words
    /// (`TFIDFModel.smallStore`), each in a dimension no other vector has,
    /// so they add to a length and never to a dot product. Sums of vectors
    /// add it up.
    public var hidden: Float

    public init(ids: [Int32] = [], values: [Float] = [], hidden: Float = 0) {
        self.ids = ids
        self.values = values
        self.hidden = hidden
    }

    /// The squared length, the hidden part included.
    public var squaredLength: Float { values.reduce(hidden) { $0 + $1 * $1 } }

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

    /// Scales to unit length, the hidden part included (no-op for the zero vector).
    public mutating func normalize() {
        let n = squaredLength
        guard n > 0 else { return }
        let inv = 1 / n.squareRoot()
        for i in values.indices { values[i] *= inv }
        hidden *= inv * inv
    }
}
