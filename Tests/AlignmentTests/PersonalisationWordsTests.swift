import Alignment
import Notebook
import Testing

@Suite struct PersonalisationWordsTests {
    @Test func lengthChoosesLongerNoLongerOrShorter() {
        let longer = RLHFWords.length(Estimate([6.9, 7.0, 7.1]), sftSentences: 4)
        #expect(longer == "Their stories also grew longer: 7.0 ± 0.2 sentences against the SFT model's 4.0.")
        let same = RLHFWords.length(Estimate([3.0, 4.5, 5.0]), sftSentences: 4)
        #expect(same.hasPrefix("But their stories are no longer, within noise"))
        #expect(same.hasSuffix("the sad ending is what their policy learned, not the length."))
        let shorter = RLHFWords.length(Estimate([2.9, 3.0, 3.1]), sftSentences: 4)
        #expect(shorter.hasPrefix("Their stories even got shorter"))
        #expect(!shorter.contains("grew longer"))
    }

    @Test func changeStatesRaisesLowersOrWithinNoise() {
        #expect(RLHFWords.change(clearGain) == "raises it by 1.00 ± 0.25")
        #expect(RLHFWords.change(clearLoss) == "lowers it by 1.00 ± 0.25")
        #expect(RLHFWords.change(noisyGain) == "changes it by +0.02 ± 0.26, within noise")
        #expect(RLHFWords.change(Estimate([-0.1, 0.1, -0.05])) == "changes it by −0.02 ± 0.26, within noise")
    }

    @Test func shareCutsItsIntervalToZeroAndOneHundredPercent() {
        #expect(RLHFWords.share(Estimate(constant: 0.62)) == "62%")
        #expect(RLHFWords.share(Estimate([0.5, 0.6, 0.7])) == "60% (35%–85%)")
        // 0.95 ± 0.12 would run past 100%: the interval stops at 100%, and below 0% at 0%.
        #expect(RLHFWords.share(Estimate([0.9, 0.95, 1.0])) == "95% (83%–100%)")
        #expect(RLHFWords.share(Estimate([0.0, 0.05, 0.1])) == "5% (0%–17%)")
    }

    @Test func boundIsExactOnlyWhenAllCandidatesDiffer() {
        #expect(RLHFWords.bound(distinct: 16, of: 16) == "exact")
        #expect(RLHFWords.bound(distinct: 15.96, of: 16) == "exact")
        #expect(RLHFWords.bound(distinct: 15.9, of: 16) == "close")
        #expect(RLHFWords.bound(distinct: 1, of: 4) == "close")
    }
}
