import Alignment
import Notebook
import Testing

@Suite struct OveroptimisationWordsTests {
    /// An unleashed run: learned reward 0 → 2 (± 0.25); true reward peaking at 1.5 and ending at `lastTrue`.
    func run(
        firstLearned: Estimate = Estimate([-0.1, 0, 0.1]), lastTrue: Estimate = Estimate([-0.1, 0, 0.1]),
        peakTrue: Estimate = Estimate([1.4, 1.5, 1.6]), peakIsLast: Bool = false
    ) -> RLHFWords.UnleashedRun {
        .init(
            firstLearned: firstLearned, lastLearned: Estimate([1.9, 2, 2.1]), peakTrue: peakTrue,
            lastTrue: lastTrue, sftTrueMean: 0.5, peakIsLast: peakIsLast, peakWindow: "steps 6–10", window: 5,
            steps: 40)
    }

    @Test func riseThenFallIsCalledOveroptimisation() {
        let unleashed = run()
        #expect(unleashed.learnedRose && unleashed.trueRose && unleashed.fellAfterPeak)
        #expect(
            RLHFWords.overoptimisation(unleashed)
                == "The learned reward rose, from 0.00 in the first 5 steps to 2.00 ± 0.25 in the last. "
                + "The true reward rose from the SFT model's 0.50 to 1.50 ± 0.25 in steps 6–10, "
                + "then fell to 0.00 ± 0.25 — "
                + "below the peak by more than the noise of its answers. The optimiser found answers the reward model "
                + "over-rates: this is **over-optimisation** (reward hacking), measured.")
    }

    @Test func aFlatLearnedRewardIsNotOveroptimisationEvenWhenTheTrueRewardFalls() {
        let flat = run(firstLearned: Estimate([1.8, 2, 2.2]))
        #expect(!flat.learnedRose && flat.fellAfterPeak)
        let words = RLHFWords.overoptimisation(flat)
        #expect(
            words.hasPrefix(
                "The learned reward did not rise beyond noise: 2.00 in the first 5 steps, 2.00 in the last."))
        #expect(words.hasSuffix(" In 40 steps this run does not show over-optimisation beyond noise."))
    }

    @Test func aTrueRewardThatNeverRoseIsSaidSo() {
        let never = run(peakTrue: Estimate([0.4, 0.5, 0.6]))
        #expect(!never.trueRose)
        let words = RLHFWords.overoptimisation(never)
        #expect(
            words.contains(
                "The true reward did not rise beyond noise above the SFT model's 0.50 "
                    + "(its best: 0.50 ± 0.25 in steps 6–10)"))
        #expect(!words.contains("**over-optimisation**"))
    }

    @Test func aPeakInTheLastWindowHasNotFallen() {
        // Even with a lower last estimate, a peak in the last window cannot have been followed by a fall.
        let stillRising = run(peakIsLast: true)
        #expect(!stillRising.fellAfterPeak)
        let words = RLHFWords.overoptimisation(stillRising)
        #expect(words.contains(", and ended at 0.00 ± 0.25, not below it beyond noise."))
        #expect(words.hasSuffix("does not show over-optimisation beyond noise."))
    }

    @Test func aFallWithinNoiseIsNoFall() {
        #expect(!run(lastTrue: Estimate([1.0, 1.3, 1.6])).fellAfterPeak)
    }

    @Test func freedomComparesTheUnleashedRunWithTheLeashedOnes() {
        let leashed = Estimate([0.9, 1, 1.1])
        #expect(
            RLHFWords.freedom(Estimate([1.9, 2, 2.1]), leashed: leashed)
                == "above the leashed runs' 1.00 ± 0.25 over the same steps")
        #expect(
            RLHFWords.freedom(Estimate([0.8, 1.1, 1.4]), leashed: leashed).hasPrefix(
                "within noise of the leashed runs' 1.00 ± 0.25 over the same steps: dropping the leash bought no more"))
        let below = RLHFWords.freedom(Estimate([-0.1, 0, 0.1]), leashed: leashed)
        #expect(below.hasPrefix("below the leashed runs' 1.00 ± 0.25 over the same steps:"))
        #expect(!below.hasPrefix("above"))
    }
}

@Suite struct UnleashedWindowsTests {
    /// Six steps read in windows of 2: true rewards (per answer) rise to a peak in steps 3–4, then fall.
    func curve(_ trueRewards: [[Double]], learned: [[Double]]) -> [CurvePoint] {
        zip(trueRewards, learned).enumerated().map { index, rewards in
            CurvePoint(
                step: index + 1, learned: rewards.1.reduce(0, +) / 2, trueReward: rewards.0.reduce(0, +) / 2,
                kl: 0, length: 10, learnedRewards: rewards.1, trueRewards: rewards.0)
        }
    }

    @Test func findsThePeakWindowAndTheLastAndFirstOnes() {
        let run = RLHFWords.UnleashedRun(
            curve: curve(
                [[0, 0.1], [0.2, 0.3], [2, 2.1], [2.2, 2.3], [0.5, 0.6], [0.4, 0.5]],
                learned: [[0, 0.1], [0.1, 0.2], [1, 1.1], [1.2, 1.1], [2, 2.1], [2.2, 2.1]]),
            window: 2, sftTrueMean: 0.1, steps: 6)
        #expect(run.peakWindow == "steps 3–4")
        #expect(!run.peakIsLast)
        #expect(run.peakTrue.values == [2, 2.1, 2.2, 2.3])
        #expect(run.lastTrue.values == [0.5, 0.6, 0.4, 0.5])
        #expect(run.firstLearned.values == [0, 0.1, 0.1, 0.2] && run.lastLearned.values == [2, 2.1, 2.2, 2.1])
        #expect(run.learnedRose && run.trueRose && run.fellAfterPeak)
    }

    @Test func aShortLastWindowAndAPeakThereAreNamedAsSuch() {
        // Five steps in windows of 2: the last window is step 5 alone, and it holds the best true reward.
        let run = RLHFWords.UnleashedRun(
            curve: curve(
                [[0, 0], [0, 0], [1, 1], [1, 1], [3, 3.2]],
                learned: Array(repeating: [0, 0.1], count: 5)),
            window: 2, sftTrueMean: 0, steps: 5)
        #expect(run.peakWindow == "steps 5–5")
        #expect(run.peakIsLast && !run.fellAfterPeak && !run.learnedRose)
    }
}
