// MARK: - How the chosen pair's count moves from merge to merge

/// The counts of the pairs a trainer merged, in merge order, read for what a page may say of
/// them. A merge can only lower other pairs' counts or create pairs no more frequent than the
/// one merged, so the counts never rise; they often stay level (ties: the plateaus of the
/// merge-count figure). The words are chosen from the counts, never assumed.
///
/// Example: `MergeCountTrend([9, 7, 7, 4]).ties` is 1; its `words` say the counts never rise.
public struct MergeCountTrend: Equatable, Sendable {
    /// Consecutive merges whose counts are equal, that fall, and that rise.
    public let ties: Int
    public let falls: Int
    public let rises: Int

    public init(_ counts: [Int]) {
        var ties = 0, falls = 0, rises = 0
        for (earlier, later) in zip(counts, counts.dropFirst()) {
            if later == earlier { ties += 1 } else if later < earlier { falls += 1 } else { rises += 1 }
        }
        (self.ties, self.falls, self.rises) = (ties, falls, rises)
    }

    /// The consecutive pairs of merges compared.
    public var steps: Int { ties + falls + rises }

    /// A sentence without its full stop: "Each merge is no more frequent than the one before: N of the
    /// M consecutive merges tie, …", or, should a count ever rise, how often it did.
    public var words: String {
        guard steps > 0 else { return "There is only one merge to compare" }
        if rises > 0 {
            return "The counts mostly fall, but \(rises) of the \(steps) consecutive merges rise"
        }
        if ties == 0 { return "Each merge is rarer than the one before" }
        return "Each merge is no more frequent than the one before: \(ties) of the \(steps) consecutive "
            + "merges tie, the plateaus of the figure"
    }
}
