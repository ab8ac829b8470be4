import Alignment
import Testing
import Transformers

@Suite struct PolicyRowsTests {
    /// Two held-out answers of 3 and 1 tokens, measured against the policy's own copy (KL 0).
    func measured(learned: [Float], true trueRewards: [Double]) -> PolicyMeasurement {
        let policy = tinyGPT()
        return PolicyMeasurement(
            policy: policy, reference: ReferenceModel(copying: policy), prompts: [[1, 2], [3, 4]],
            responses: [[5, 6, 7], [8]], padding: 0, learnedReward: { _, _ in learned },
            trueReward: { index, _ in trueRewards[index] })
    }

    @Test func aSingleRunShowsItsValuesAlone() {
        let run = measured(learned: [1, 2], true: [3, 4])
        #expect(run.meanLength == 2)
        #expect(PolicyRows.row("PPO", [run]) == ["PPO", "1.50", "3.50", "0.00", "2.0"])
        // The SFT row writes its KL to itself as the definition it is, not as a measured 0.00.
        #expect(PolicyRows.sft(run) == ["SFT", "1.50", "3.50", "0", "2.0"])
    }

    @Test func severalRunsCarryTheirIntervals() {
        let runs = [measured(learned: [1, 2], true: [3, 4]), measured(learned: [2, 3], true: [3, 4])]
        let row = PolicyRows.row("PPO", runs)
        // learned 1.5 and 2.5: mean 2, t(1) = 12.706 · 0.7071 / √2 = 6.35; the true rewards agree exactly.
        #expect(row == ["PPO", "2.00 ± 6.35", "3.50 ± 0.00", "0.00 ± 0.00", "2.0"])
    }
}

@Suite struct PolicyEstimatesTests {
    @Test func gainsAreMeasuredFromTheSFTModel() {
        let policy = tinyGPT()
        func measured(_ learned: [Float], _ trueRewards: [Double]) -> PolicyMeasurement {
            PolicyMeasurement(
                policy: policy, reference: ReferenceModel(copying: policy), prompts: [[1], [2]],
                responses: [[3], [4]], padding: 0, learnedReward: { _, _ in learned },
                trueReward: { index, _ in trueRewards[index] })
        }
        let sft = measured([0, 0], [1, 1])
        let runs = [measured([1, 1], [2, 2]), measured([3, 3], [4, 4])]
        let estimates = PolicyRows.estimates(runs, from: sft)
        #expect(estimates.trueReward.values == [2, 4] && estimates.gain.values == [1, 3])
        #expect(estimates.learned.values == [1, 3] && estimates.kl.values == [0, 0])
    }
}
