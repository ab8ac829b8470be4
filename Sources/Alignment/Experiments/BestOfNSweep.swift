import Notebook

// MARK: - Best-of-n from one set of candidates

/// Best-of-n for several n from one draw of candidates: `largestN` per request, laid out
/// request by request; best-of-n keeps, of each request's first n, the best-scored.
public struct BestOfNSweep {
    /// One n: its analytic KL bound (nats) and the mean true and learned reward of the kept answers.
    public struct Row: Sendable { public let n: Int, kl: Double, trueReward: Double, learned: Double }

    public let largestN: Int, requests: Int
    /// Per candidate: the learned reward's score and the true reward.
    public let scores: [Float], trueRewards: [Double]

    public init(largestN: Int, requests: Int, scores: [Float], trueRewards: [Double]) {
        precondition(
            scores.count == largestN * requests && trueRewards.count == scores.count,
            "\(scores.count) scores and \(trueRewards.count) rewards for \(requests) × \(largestN) candidates")
        self.largestN = largestN
        self.requests = requests
        self.scores = scores
        self.trueRewards = trueRewards
    }

    /// The index of the candidate best-of-n keeps for `request`.
    public func chosen(_ request: Int, n: Int) -> Int {
        let range = (request * largestN)..<(request * largestN + n)
        return range.lowerBound + BestOfN.bestIndex(Array(scores[range]))
    }

    /// One row per n in `ns` (each at most `largestN`).
    public func rows(_ ns: [Int]) -> [Row] {
        ns.map { n in
            let kept = (0..<requests).map { chosen($0, n: n) }
            return Row(
                n: n, kl: BestOfN.analyticKL(n: n), trueReward: Statistics.mean(kept.map { trueRewards[$0] }),
                learned: Statistics.mean(kept.map { Double(scores[$0]) }))
        }
    }
}
