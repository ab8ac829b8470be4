import Alignment
import Engine
import TestSupport
import Testing
import Transformers

@Suite struct RewardModelTests {
    @Test func scoresReadTheLastRealToken() {
        let base = tinyGPT(seed: 6)
        var rng = SplitMix64(seed: 1)
        let rewardModel = RewardModel(copying: base, rng: &rng)
        let short = ResponseBatch(prompts: [[1, 2]], responses: [[3]], padding: 0)
        let padded = ResponseBatch(prompts: [[1, 2], [4, 4, 4, 4, 4]], responses: [[3], [5, 5]], padding: 9)
        let (alone, together) = Tensor.withoutGradient {
            (rewardModel.scores(short).scalars, rewardModel.scores(padded).scalars)
        }
        expectClose(together[0], alone[0], tolerance: 1e-5)
        // The base model is untouched by the copy.
        rewardModel.body.parameters[0].pointer[0] += 1
        #expect(parameterFingerprint(base) != parameterFingerprint(rewardModel.body))
    }

    @Test func scoresGradientMatchesFiniteDifferencesInTheHead() {
        let base = tinyGPT(seed: 6)
        var rng = SplitMix64(seed: 1)
        let rewardModel = RewardModel(copying: base, rng: &rng)
        let batch = ResponseBatch(prompts: [[1, 2], [3]], responses: [[4], [5, 6]], padding: 0)
        checkGradients([rewardModel.head.weight]) { _ in rewardModel.scores(batch) }
    }

    @Test func trainingLearnsASimplePreference() throws {
        let base = tinyGPT(seed: 6)
        var rng = SplitMix64(seed: 1)
        let rewardModel = RewardModel(copying: base, rng: &rng)
        // Chosen answers end in 5, rejected ones in 6.
        let pairs = (0..<16).map { PreferenceExample(prompt: [1, 2 + $0 % 4], chosen: [3, 5], rejected: [3, 6]) }
        let trainer = Trainer.rewardModel(
            rewardModel, pairs: pairs, batchSize: 8, padding: 0,
            settings: .constantAdam(learningRate: 1e-2, steps: 30), seed: 2)
        _ = try trainer.train(steps: 30)
        let (chosen, rejected) = rewardModel.scores(of: pairs, padding: 0)
        #expect(BradleyTerry.accuracy(chosen: chosen, rejected: rejected) == 1)
    }
}
