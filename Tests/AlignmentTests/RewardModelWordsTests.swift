import Alignment
import LinearAlgebra
import Notebook
import Testing

/// Estimates whose comparison with 0 is known: mean 1 ± 0.25, mean 0.017 ± 0.26, mean −1 ± 0.25
/// (three seeds, t = 4.303, s = 0.1).
let clearGain = Estimate([0.9, 1.0, 1.1])
let noisyGain = Estimate([0.1, -0.1, 0.05])
let clearLoss = Estimate([-0.9, -1.0, -1.1])

@Suite struct RewardModelWordsTests {
    @Test func ceilingWithinTheIntervalSaysLearnedAsMuchAsTheLabelsReveal() {
        // 0.70 ± 0.043 (t·s/√3 with s = 0.0173) against a ceiling of 0.72: within.
        let accuracy = Estimate([0.68, 0.70, 0.72])
        let words = RLHFWords.ceiling(accuracy, ceiling: 0.72)
        #expect(words.hasPrefix("within its interval of the ceiling"))
        #expect(!words.contains("points below"))
    }

    @Test func ceilingBeyondTheIntervalNamesTheGapInPoints() {
        let accuracy = Estimate([0.59, 0.60, 0.61])  // 0.60 ± 0.025
        let words = RLHFWords.ceiling(accuracy, ceiling: 0.72)
        #expect(words.hasPrefix("12.0 points below the ceiling, more than its interval"))
        #expect(!words.contains("within its interval"))
    }

    @Test func gainChoosesByTheIntervalAgainstZero() {
        #expect(RLHFWords.gain(clearGain).hasPrefix("a gain whose interval is clear of zero"))
        #expect(RLHFWords.gain(noisyGain).hasPrefix("a gain within the noise of the seeds"))
        #expect(RLHFWords.gain(clearLoss).hasPrefix("a loss:"))
        // A large mean with a wide interval is not a gain: the words follow the interval, not the mean.
        #expect(!RLHFWords.gain(Estimate([-1, 0.5, 3])).contains("clear of zero"))
    }

    @Test func dpoNamesTheChangeWithItsSign() {
        #expect(
            RLHFWords.dpo(clearGain) == "raised the true reward by +1.00 ± 0.25, clear of zero, "
                + "without ever training a reward model")
        #expect(RLHFWords.dpo(noisyGain) == "changed the true reward by +0.02 ± 0.26, within the noise of its seeds")
        // A loss is stated as a positive amount lowered, never "lowered by −1.00".
        #expect(RLHFWords.dpo(clearLoss) == "lowered the true reward by 1.00 ± 0.25")
    }

    @Test func dpoPaperSpeaksOnlyWhenDPOUsedLessKL() {
        let lessKL = Estimate([0.9, 1.0, 1.1]), moreKL = Estimate([4.9, 5.0, 5.1])
        let more = RLHFWords.dpoPaper(
            dpoGain: Estimate([1.9, 2.0, 2.1]), ppoGain: clearGain, dpoKL: lessKL,
            ppoKL: moreKL)
        #expect(more.hasPrefix(" More true reward at less KL"))
        let asMuch = RLHFWords.dpoPaper(
            dpoGain: clearGain, ppoGain: Estimate([0.8, 1.0, 1.2]), dpoKL: lessKL,
            ppoKL: moreKL)
        #expect(asMuch.hasPrefix(" As much true reward, within noise, at less KL"))
        #expect(RLHFWords.dpoPaper(dpoGain: clearLoss, ppoGain: clearGain, dpoKL: lessKL, ppoKL: moreKL).isEmpty)
        // More gain but at MORE KL: not the paper's finding, so nothing is said.
        #expect(
            RLHFWords.dpoPaper(
                dpoGain: Estimate([1.9, 2.0, 2.1]), ppoGain: clearGain, dpoKL: moreKL,
                ppoKL: lessKL
            ).isEmpty)
    }

    @Test func fitStatesAlphaAndMinusTheSlopeAsBeta() throws {
        let line = try #require(LeastSquaresLine(x: [1, 2, 3], y: [2.5, 2, 1.5]))  // 3 − 0.5x exactly
        #expect(
            RLHFWords.fit(line, "d(α − βd)", points: 3)
                == "d(α − βd) with α = 3.00, β = 0.50 (3 points, R² = 1.00 on gain/d)")
        #expect(RLHFWords.fit(nil, "d(α − βd)", points: 1) == "too few points to fit d(α − βd)")
    }
}
