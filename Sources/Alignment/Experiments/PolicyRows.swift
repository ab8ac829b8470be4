import Notebook

// MARK: - A policy's held-out numbers as a table row

extension PolicyMeasurement {
    /// The mean answer length in tokens, end-of-turn included.
    public var meanLength: Double { Statistics.mean(responses.map { Double($0.count) }) }
}

/// The columns chapter 7's policy tables share: learned reward, true reward, KL to SFT
/// (nats), answer tokens.
public enum PolicyRows {
    /// `label` and the columns over `runs` (one per training seed): the rewards and the KL with
    /// their 95% intervals over the runs (a single run: its value alone), the tokens' mean.
    public static func row(_ label: String, _ runs: [PolicyMeasurement]) -> [String] {
        [
            label, Format.fixed(Estimate(runs.map { Double($0.meanLearnedReward) }), 2),
            Format.fixed(Estimate(runs.map(\.meanTrueReward)), 2),
            Format.fixed(Estimate(runs.map { Double($0.meanKL) }), 2),
            Format.fixed(Statistics.mean(runs.map(\.meanLength)), 1),
        ]
    }

    /// Runs' estimates over seeds: mean true reward, its gain over `sft`'s, mean learned reward, mean KL.
    public static func estimates(_ runs: [PolicyMeasurement], from sft: PolicyMeasurement)
        -> (trueReward: Estimate, gain: Estimate, learned: Estimate, kl: Estimate)
    {
        (
            Estimate(runs.map(\.meanTrueReward)), Estimate(runs.map { $0.meanTrueReward - sft.meanTrueReward }),
            Estimate(runs.map { Double($0.meanLearnedReward) }), Estimate(runs.map { Double($0.meanKL) })
        )
    }

    /// The SFT model's row: its KL to itself is 0 by definition, written so.
    public static func sft(_ sft: PolicyMeasurement) -> [String] {
        var columns = row("SFT", [sft])
        columns[3] = "0"
        return columns
    }
}
