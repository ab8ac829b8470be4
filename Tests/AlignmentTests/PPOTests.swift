import Alignment
import Engine
import Testing
import Transformers

@Suite struct PPOTests {
    /// Reward = how many times token 5 appears in the response.
    static func countOfFives(_ prompts: [[Int]], _ responses: [[Int]]) -> [Float] {
        responses.map { Float($0.filter { $0 == 5 }.count) }
    }

    @Test func aFewStepsRaiseASyntheticReward() {
        let policy = tinyGPT(seed: 2)
        var settings = PPOSettings(maxNewTokens: 8, padding: 0, stopToken: nil)
        settings.learningRate = 3e-3
        settings.klControl = .fixed(beta: 0.01)
        let ppo = PPOTrainer(policy: policy, reference: ReferenceModel(copying: policy), settings: settings, seed: 1)
        let prompts = (0..<16).map { [1, 2 + $0 % 4] }
        var rows = generators(prompts.count)
        var means: [Float] = []
        for _ in 0..<12 {
            means.append(ppo.step(prompts: prompts, generators: &rows, score: PPOTests.countOfFives).meanScore)
        }
        // Under the random model a 5 is one draw in 16: about 0.5 per 8 tokens.
        let early = means.prefix(3).reduce(0, +) / 3, late = means.suffix(3).reduce(0, +) / 3
        #expect(late > early + 1, "mean count of 5s: \(means)")
    }

    @Test func theReferenceNeverChangesAndThePolicyDoes() {
        let policy = tinyGPT(seed: 2)
        let reference = ReferenceModel(copying: policy)
        let before = reference.fingerprint, policyBefore = parameterFingerprint(policy)
        #expect(before == policyBefore, "the copy starts equal")
        #expect(reference.model.parameters.allSatisfy { !$0.requiresGradient })
        var settings = PPOSettings(maxNewTokens: 6, padding: 0, stopToken: 3)
        settings.learningRate = 1e-2
        let ppo = PPOTrainer(policy: policy, reference: reference, settings: settings, seed: 1)
        var rows = generators(8)
        let report = ppo.step(
            prompts: Array(repeating: [1, 2], count: 8), generators: &rows,
            score: PPOTests.countOfFives)
        #expect(reference.fingerprint == before)
        #expect(parameterFingerprint(policy) != policyBefore)
        // Before the update the policy was the reference: the rollout's KL is exactly 0.
        #expect(report.klPerSequence.allSatisfy { $0 == 0 } && report.k3PerSequence.allSatisfy { $0 == 0 })
        // The copy shares no storage: writing into the policy leaves the reference alone.
        policy.parameters[0].pointer[0] += 1
        #expect(reference.fingerprint == before)
    }

    @Test func klControllers() {
        var fixed = KLController(.fixed(beta: 0.1))
        fixed.update(observedKL: 100, sequences: 64)
        #expect(fixed.beta == 0.1)
        var adaptive = KLController(.adaptive(initialBeta: 0.2, targetKL: 6, horizon: 10_000))
        adaptive.update(observedKL: 9, sequences: 100)  // error clipped to +0.2
        #expect(abs(adaptive.beta - 0.2 * (1 + 0.2 * 100 / 10_000)) < 1e-7)
        var relaxing = KLController(.adaptive(initialBeta: 0.2, targetKL: 6, horizon: 100))
        relaxing.update(observedKL: 5.4, sequences: 10)  // error −0.1
        #expect(abs(relaxing.beta - 0.2 * (1 - 0.1 * 10 / 100)) < 1e-7)
    }

    @Test func bestOfNAnalyticKLAndSelection() {
        #expect(BestOfN.analyticKL(n: 1) == 0)
        #expect(abs(BestOfN.analyticKL(n: 2) - (0.6931471805599453 - 0.5)) < 1e-12)
        #expect(BestOfN.bestIndex([0.1, 3, 3, -1]) == 1)
        let model = tinyGPT(seed: 4)
        var rows = generators(3)
        let best = BestOfN.sample(
            policy: model, prompts: [[1], [2], [3]], n: 6, maxNewTokens: 8, generators: &rows,
            stopTokens: [], score: PPOTests.countOfFives)
        #expect(best.count == 3 && best.allSatisfy { $0.score == Float($0.response.filter { $0 == 5 }.count) })
    }
}
