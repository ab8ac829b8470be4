import Alignment
import Corpus
import Notebook
import Testing

@Suite struct LabelSummaryTests {
    let request = StoryRequest(heroName: "Mia", object: StoryObject(adjective: "red", noun: "ball"))

    func pair(_ chosen: Double, _ rejected: Double, p: Double) -> PreferencePair {
        PreferencePair(
            request: request, chosen: "a", rejected: "b", chosenReward: chosen, rejectedReward: rejected,
            probabilityOfLabel: p)
    }

    @Test func countsAgreeingAgainstAndTiedLabels() {
        let summary = LabelSummary([pair(3, 1, p: 0.9), pair(1, 3, p: 0.1), pair(2, 2, p: 0.5), pair(4, 0, p: 0.8)])
        #expect(summary.agreeing == 2 && summary.against == 1 && summary.ties == 1)
        // Agreeing labels count 1, the tie ½, the label against the true rewards 0.
        #expect(summary.formulaAccuracy == 2.5 / 4)
        // p² + (1 − p)²: 0.82, 0.82, 0.5, 0.68 → mean 0.705; Σ 2p(1 − p) = 0.18 + 0.18 + 0.5 + 0.32.
        #expect(abs(summary.selfAgreement - 0.705) < 1e-12)
        #expect(abs(summary.expectedSplits - 1.18) < 1e-12)
    }

    @Test func aCertainLabellerAlwaysAgreesWithThemselves() {
        let summary = LabelSummary([pair(3, 1, p: 1), pair(5, 0, p: 1)])
        #expect(summary.selfAgreement == 1 && summary.expectedSplits == 0 && summary.formulaAccuracy == 1)
    }
}

@Suite struct FrontierPeaksTests {
    @Test func bestOfNStillRisingOnlyWhenItPeaksAtItsLargestN() {
        let rising = FrontierPeaks(
            bestOfN: [(0, 0), (0.19, 0.3), (0.52, 0.5)], leashed: [[(1, 0.2)], [(2, 0.4)]],
            tight: [(0.5, 0.1)], unleashed: [(3, 0.6), (40, -1)])
        #expect(rising.bestOfNStillRising && rising.bestOfNLabel == "best-of-n (largest n tried: still rising)")
        let turned = FrontierPeaks(
            bestOfN: [(0, 0), (0.19, 0.5), (0.52, 0.3)], leashed: [[(1, 0.2)]],
            tight: [(0.5, 0.1)], unleashed: [(3, 0.6)])
        #expect(!turned.bestOfNStillRising && turned.bestOfNLabel == "best-of-n")
        #expect(turned.bestOfN.x == 0.19)
    }

    @Test func rowsCarryEachPeakAndTheLeashedRunsInterval() {
        let peaks = FrontierPeaks(
            bestOfN: [(0, 0), (0.19, 0.5)], leashed: [[(1, 0.2), (2, 0.3)], [(3, 0.5)]],
            tight: [(0.5, 0.1)], unleashed: [(3, 0.6), (40, -1)])
        #expect(peaks.leashed.map(\.x) == [2, 3] && peaks.unleashed.x == 3)
        let rows = peaks.rows(
            beta: 0.1, tightBeta: 0.3, dpoGain: Estimate(constant: 0.25),
            dpoKL: Estimate(constant: 1))
        #expect(
            rows.map { $0[0] } == [
                "best-of-n (largest n tried: still rising)", "PPO β = 0.10 (mean of seeds)",
                "PPO β = 0.3 (one seed)", "PPO β = 0 (one seed)",
                "DPO β = 0.1 (end of training: no curve)",
            ])
        // Peaks 0.3 and 0.5: mean 0.4, t(1) = 12.706 · 0.1414 / √2 = 1.27.
        #expect(rows[1][1] == "0.40 ± 1.27" && rows[1][2] == "2.50 ± 6.35")
        #expect(rows[3] == ["PPO β = 0 (one seed)", "0.60", "3.00"] && rows[4] == [rows[4][0], "0.25", "1.00"])
    }
}

@Suite struct JudgedChangeTests {
    @Test func changeOverJudgedRunsIsTheChangeOfTheirRewards() {
        let request = StoryRequest(heroName: "Mia", object: StoryObject(adjective: "red", noun: "ball"))
        let story = "There was once a shy girl named Mia. Mia had a red ball. In the end, Mia was happy."
        let happy = StoryFeatures(of: story, for: request)
        let judged = JudgedPolicy([happy], first: .happyAndShort, second: .sadAndLong)
        // One run, above a start 1 point lower: a single value counts any gap.
        #expect(RLHFWords.change([judged], \.rewardA, from: judged.rewardA - 1) == "raises it by 1.00 ± 0.00")
        #expect(RLHFWords.change([judged], \.rewardB, from: judged.rewardB + 2) == "lowers it by 2.00 ± 0.00")
        #expect(
            RLHFWords.change([judged], \.rewardA, from: judged.rewardA)
                == RLHFWords.change(Estimate(constant: 0)))
    }
}
