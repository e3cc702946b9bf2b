import Foundation

/// People's changes to one period's recommendations, as stored: each entry
/// is the last thing said about one id (its edited or added words, or that
/// it was removed), and `order` the last order someone arranged.
public struct RecommendationOverrides: Sendable, Equatable {
    public enum Entry: Sendable, Equatable {
        /// Edited or added: these words replace any generated ones.
        case set(Recommendation)
        /// Removed: stays removed even when generated again.
        case removed
    }

    /// Ids in the order someone arranged; empty when never reordered.
    public var order: [String] = []
    public var entries: [String: Entry] = [:]

    public init(order: [String] = [], entries: [String: Entry] = [:]) {
        self.order = order
        self.entries = entries
    }

    public var isEmpty: Bool { order.isEmpty && entries.isEmpty }
}

/// Combines generated recommendations with what people changed.
public enum Recommendations {
    /// The key a period's overrides are stored under: `2025-04-14..2025-04-20`,
    /// or `all`. Two periods with the same days share their edits.
    public static func key(for period: Period) -> String {
        period.isAll ? "all" : "\(period.first)..\(period.last)"
    }

    /// The list to show: people's words win over generated ones.
    ///
    /// 1. Ids in the stored order come first, in that order.
    /// 2. Then generated ones the order does not mention, in generated order
    ///    (edited text replacing theirs): new findings appear after an
    ///    arranged list instead of shuffling it.
    /// 3. Then added ones (and edited ones the generator no longer produces:
    ///    their words are someone's, so they are kept) that the order does
    ///    not mention, oldest added first.
    ///
    /// Removed ids never appear, whichever list names them.
    /// - Complexity: O(n log n) in the number of recommendations and overrides.
    public static func merge(generated: [Recommendation], overrides: RecommendationOverrides) -> [Recommendation] {
        var byID: [String: Recommendation] = [:]
        for r in generated where byID[r.id] == nil { byID[r.id] = r }
        for (id, entry) in overrides.entries {
            switch entry {
            case let .set(r): byID[id] = r
            case .removed: byID[id] = nil
            }
        }
        var out: [Recommendation] = []
        var placed = Set<String>()
        func place(_ id: String) {
            guard let r = byID[id], placed.insert(id).inserted else { return }
            out.append(r)
        }
        for id in overrides.order { place(id) }
        for r in generated { place(r.id) }
        for id in byID.keys.sorted(by: addedOrder) { place(id) }
        return out
    }

    /// The id for a newly added recommendation: `a-<n>`, one above every
    /// added id ever stored for the period (removed ones included, so an id
    /// is never reused and an old edit can never revive under a new text).
    public static func nextAddedID(_ overrides: RecommendationOverrides) -> String {
        let used = overrides.entries.keys.compactMap(addedNumber) + overrides.order.compactMap(addedNumber)
        return "a-\((used.max() ?? 0) + 1)"
    }

    static func addedNumber(_ id: String) -> Int? {
        id.hasPrefix("a-") ? Int(id.dropFirst(2)) : nil
    }

    /// `a-2` before `a-10` (the order they were added), then other ids by name.
    static func addedOrder(_ a: String, _ b: String) -> Bool {
        switch (addedNumber(a), addedNumber(b)) {
        case let (x?, y?): return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return a < b
        }
    }
}
