import Experiments
import Notebook
import Testing

// Estimates far apart or on top of each other, so every branch's numbers call for its word.
let low = Estimate([0.10, 0.11, 0.12]), middle = Estimate([0.50, 0.51, 0.52]), high = Estimate([0.90, 0.91, 0.92])
let middleAgain = Estimate([0.49, 0.51, 0.53])

@Suite struct VerdictTests {
    @Test func rankSweepAgainstFullGroupsTheRanks() {
        let allShort = RankSweepWords(ranks: [(1, low), (8, low), (64, middle)], full: high, steps: 300)
        #expect(allShort.againstFull == "every rank falls short of it")
        // Three ranks are few enough to name all.
        let oneLevel = RankSweepWords(ranks: [(1, low), (8, middle), (64, high)], full: high, steps: 300)
        #expect(oneLevel.againstFull == "r = 1 and r = 8 fall short of it; r = 64 is within noise of it")
        let fourRanks = RankSweepWords(ranks: [(1, low), (2, low), (8, middle), (64, high)], full: high, steps: 300)
        #expect(fourRanks.againstFull == "r = 64 is within noise of it; every other rank falls short of it")
    }

    @Test func learnsLessForgetsLessHasAWordForEachCase() {
        let words = [(true, true), (true, false), (false, true), (false, false)].map {
            Verdicts.learnsLessForgetsLess(learnsLess: $0.0, forgetsLess: $0.1)
        }
        #expect(Set(words).count == 4)
        #expect(words[0].hasPrefix("reproduces both halves"))
        #expect(words[3].hasPrefix("does not reproduce it"))
    }

    @Test func stepTimeWordsFollowTheIntervals() {
        #expect(Verdicts.stepTime(low, against: high) == "is faster than")
        #expect(Verdicts.stepTime(high, against: low) == "is slower than")
        #expect(Verdicts.stepTime(middle, against: middleAgain).hasPrefix("takes about as long as"))
    }

    @Test func rankSweepWordsReadTheTrend() {
        let rising = RankSweepWords(ranks: [(1, low), (8, middle), (64, high)], full: high, steps: 300)
        #expect(rising.trend.hasPrefix("The rank sweep is not flat: r = 64 beats r = 1. From r = 64 on"))
        #expect(rising.neighbours == ["r = 8 beats r = 1", "r = 64 beats r = 8"])
        let stillShort = RankSweepWords(ranks: [(1, low), (64, middle)], full: high, steps: 300)
        #expect(stillShort.trend.contains("Yet even r = 64 falls short of full fine-tuning"))
        let falling = RankSweepWords(ranks: [(1, high), (64, low)], full: high, steps: 300)
        #expect(falling.trend == "The rank sweep falls: r = 64 falls short of r = 1.")
        let flat = RankSweepWords(ranks: [(1, middle), (64, middleAgain)], full: high, steps: 300)
        #expect(flat.trend.hasPrefix("Across ranks the recall stays within the seeds' noise"))
    }

    @Test func subspaceStandingBands() {
        #expect(SubspaceComparison.standing(0.5, chance: 0.1) == "well above")
        #expect(SubspaceComparison.standing(0.05, chance: 0.01) == "well above")  // five times chance
        #expect(SubspaceComparison.standing(0.6, chance: 0.55) == "a little above")
        #expect(SubspaceComparison.standing(0.51, chance: 0.5) == "at")
        #expect(SubspaceComparison.standing(0.4, chance: 0.5) == "below")
    }

    @Test func runSeedsAreTheBooksAndDifferPerPurpose() {
        // The book's numbers rest on these exact values; a change here changes every fine-tune.
        #expect(RunSeeds.initialization(1) == 7_921)
        #expect(RunSeeds.batchOrder(1) == 104_730)
        #expect(
            Set((0..<100).map { RunSeeds.initialization($0) }).isDisjoint(
                with: (0..<100).map { RunSeeds.batchOrder($0) }))
    }

    @Test func theScheduleIsAdamWWithoutDecayAndATenthOfWarmup() {
        let settings = FineTuningSchedule(steps: 300, batchSize: 16).settings(rate: 3e-3)
        #expect(settings.learningRate == 3e-3 && settings.steps == 300)
        #expect(settings.warmupSteps == 30 && settings.weightDecay == 0 && settings.beta2 == 0.999)
        #expect(FineTuningSchedule(steps: 5, batchSize: 1).settings(rate: 1).warmupSteps == 1)
    }
}
