import Notebook

/// The sentences chapter 5 says about recall against LoRA's rank, chosen from the estimates.
public struct RankSweepWords {
    /// Recall at each rank, in increasing rank order, and full fine-tuning's.
    public let ranks: [(rank: Int, recall: Estimate)]
    public let full: Estimate
    /// Training steps of each run.
    public let steps: Int

    public init(ranks: [(rank: Int, recall: Estimate)], full: Estimate, steps: Int) {
        self.ranks = ranks
        self.full = full
        self.steps = steps
    }

    /// How the ranks stand against full fine-tuning, which the sentence has just named ("it"):
    /// "every rank falls short of it", or "r = 64 is within noise of it; every other rank falls
    /// short of it". The recalls themselves are in the table above the sentence.
    public var againstFull: String {
        let comparisons = ranks.map { (name: "r = \($0.rank)", verb: Comparison.verb($0.recall, full)) }
        return StandingWords.others(
            comparisons, against: "it", noun: StandingWords.Noun(one: "rank", many: "ranks", sameKindAsSubject: false))
    }

    /// "r = 8 beats r = 1", one per neighbouring pair.
    public var neighbours: [String] {
        zip(ranks, ranks.dropFirst()).map { low, high in
            "r = \(high.rank) \(Comparison.verb(high.recall, low.recall)) r = \(low.rank)"
        }
    }

    /// Whether the sweep rises, falls or stays flat, and where (if anywhere) LoRA stops falling short.
    public var trend: String {
        guard let bottom = ranks.first, let top = ranks.last, ranks.count > 1 else { return "" }
        switch Comparison(top.recall, bottom.recall) {
        case .above:
            let enough = ranks.first { Comparison($0.recall, full) != .below }?.rank
            if let enough {
                return "The rank sweep is not flat: r = \(top.rank) beats r = \(bottom.rank). "
                    + "From r = \(enough) on, LoRA does not fall short of full fine-tuning beyond noise; "
                    + "below it, rank is what runs out in \(steps) steps."
            }
            return "The rank sweep is not flat: r = \(top.rank) beats r = \(bottom.rank). "
                + "Yet even r = \(top.rank) falls short of full fine-tuning: in \(steps) steps LoRA "
                + "stores less of the table than full fine-tuning at every rank tried, and r = \(bottom.rank) less "
                + "than r = \(top.rank)."
        case .below:
            return "The rank sweep falls: r = \(top.rank) falls short of r = \(bottom.rank)."
        case .withinNoise:
            return "Across ranks the recall stays within the seeds' noise: in \(steps) steps, "
                + "rank is not what limits LoRA."
        }
    }
}
