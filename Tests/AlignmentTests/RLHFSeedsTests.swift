import Alignment
import Testing

@Suite struct RLHFSeedsTests {
    /// Every seed the full run draws: the named streams, three training seeds of each repeated run,
    /// and the samplers of 900 pairs (1,800 answers), 128 held-out requests and 64 × 16 candidates.
    func allSeeds(_ seeds: RLHFSeeds) -> [UInt64] {
        [
            seeds.demonstrations, seeds.pairRequests, seeds.supervisedTuning, seeds.evaluationRequests,
            seeds.firstLabels, seeds.firstRewardModel, seeds.exampleStory, seeds.secondLabels, seeds.secondRewardModel,
            seeds.unleashedPPO, seeds.strongDPO, seeds.tightPPO,
        ]
            + (0..<3).flatMap { [seeds.leashedPPO($0), seeds.dpo($0), seeds.secondPersonPPO($0)] }
            + (0..<1_800).map(seeds.pairSampling) + (0..<128).map(seeds.evaluationSampling)
            + (0..<1_024).map(seeds.bestOfNSampling)
    }

    @Test(arguments: [0, 42, UInt64.max - 10])
    func noTwoStreamsShareASeed(base: UInt64) {
        let all = allSeeds(RLHFSeeds(base))
        #expect(Set(all).count == all.count)
    }

    @Test func theOffsetsAreTheOnesThePageWasMadeWith() {
        // Changing any of these moves the woven numbers: pin them.
        let seeds = RLHFSeeds(42)
        #expect(
            [
                seeds.demonstrations, seeds.pairRequests, seeds.supervisedTuning, seeds.evaluationRequests,
                seeds.firstLabels, seeds.firstRewardModel, seeds.exampleStory, seeds.secondLabels,
                seeds.secondRewardModel,
            ] == Array(43...51))
        #expect(
            [
                seeds.leashedPPO(1), seeds.unleashedPPO, seeds.dpo(2), seeds.strongDPO, seeds.tightPPO,
                seeds.secondPersonPPO(0),
            ] == [143, 242, 344, 352, 442, 542])
        #expect(
            [seeds.pairSampling(5), seeds.evaluationSampling(5), seeds.bestOfNSampling(5)]
                == [1_047, 50_047, 70_047])
        #expect(RLHFSeeds(42) == seeds)
    }
}
