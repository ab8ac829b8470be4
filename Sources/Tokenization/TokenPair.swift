// MARK: - The pair: BPE's only unit of work

/// Two adjacent token ids, the thing byte-pair encoding counts and merges.
///
/// Pairs are ordered left id first, then right id. The trainer uses this order to break ties
/// between pairs that occur equally often: the *smaller* pair wins, so training is
/// deterministic and does not depend on dictionary iteration order.
///
/// Example:
/// ```swift
/// let pair = TokenPair(left: 97, right: 97)   // "a" followed by "a"
/// pair < TokenPair(left: 97, right: 98)        // true
/// ```
public struct TokenPair: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The id on the left.
    public var left: Int
    /// The id on the right.
    public var right: Int

    /// Creates the pair `(left, right)`.
    public init(left: Int, right: Int) {
        self.left = left
        self.right = right
    }

    public static func < (lhs: TokenPair, rhs: TokenPair) -> Bool {
        (lhs.left, lhs.right) < (rhs.left, rhs.right)
    }

    public var description: String { "(\(left), \(right))" }

    // MARK: Packed key

    /// Both ids in one 64-bit word, a cheaper dictionary key for the hot loops
    /// (ids are far below 2³²).
    @inlinable
    static func packed(_ left: Int, _ right: Int) -> UInt64 {
        UInt64(truncatingIfNeeded: left) << 32 | UInt64(truncatingIfNeeded: right)
    }

    /// The pair a packed key stands for.
    @inlinable
    static func unpacked(_ key: UInt64) -> TokenPair {
        TokenPair(left: Int(key >> 32), right: Int(key & 0xFFFF_FFFF))
    }

    var packedKey: UInt64 { TokenPair.packed(left, right) }
}

// MARK: - The two teaching helpers (minbpe's get_stats and merge)

extension BytePairTokenizer {
    /// How often each adjacent pair occurs in `ids` — minbpe's `get_stats`.
    ///
    /// Overlapping occurrences all count: `[a, a, a]` holds the pair `(a, a)` twice, even
    /// though merging can only replace one of them (trap: the count a merge was chosen with
    /// can exceed the number of tokens it saves).
    ///
    /// - Parameter ids: a token sequence.
    /// - Returns: pair → number of positions `i` with `(ids[i], ids[i+1]) == pair`.
    ///
    /// Example:
    /// ```swift
    /// BytePairTokenizer.pairCounts([1, 2, 3, 1, 2])   // [(1, 2): 2, (2, 3): 1, (3, 1): 1]
    /// ```
    // listing: bpe-pair-counts
    public static func pairCounts(_ ids: [Int]) -> [TokenPair: Int] {
        var counts: [TokenPair: Int] = [:]
        guard ids.count >= 2 else { return counts }
        for index in 0..<(ids.count - 1) {
            counts[TokenPair(left: ids[index], right: ids[index + 1]), default: 0] += 1
        }
        return counts
    }
    // listing: end

    /// `ids` with every occurrence of `pair` replaced by `newID`, scanning left to right —
    /// minbpe's `merge`.
    ///
    /// Left to right matters when the pair overlaps itself: `[a, a, a]` becomes
    /// `[new, a]`, not `[a, new]`. Training and encoding both use this rule.
    ///
    /// - Parameters:
    ///   - ids: a token sequence.
    ///   - pair: the pair to replace.
    ///   - newID: the id that stands for the pair from now on.
    /// - Returns: the shorter (or equal) sequence.
    ///
    /// Example:
    /// ```swift
    /// BytePairTokenizer.merging([1, 2, 3, 1, 2], pair: TokenPair(left: 1, right: 2), into: 4)
    /// // [4, 3, 4]
    /// ```
    // listing: bpe-merge
    public static func merging(_ ids: [Int], pair: TokenPair, into newID: Int) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(ids.count)
        var index = 0
        while index < ids.count {
            if index + 1 < ids.count, ids[index] == pair.left, ids[index + 1] == pair.right {
                result.append(newID)
                index += 2
            } else {
                result.append(ids[index])
                index += 1
            }
        }
        return result
    }
    // listing: end
}
