import Engine
import Transformers

// MARK: - Measuring a policy: learned reward, true reward, KL to the reference

/// What a policy's samples are worth on held-out prompts — the three numbers of every
/// RLHF plot: the learned reward (the reward model's score, what the optimiser sees), the
/// true reward (the hidden human's, what we wanted), and the KL to the reference (what it
/// cost), each a mean over prompts.
public struct PolicyMeasurement: Sendable {
    public let responses: [[Int]]
    public let learnedRewards: [Float]
    public let trueRewards: [Double]
    /// Σ over each response's tokens of k1 = log π − log π_ref (nats per sequence).
    public let klPerSequence: [Float]

    public var meanLearnedReward: Float { learnedRewards.reduce(0, +) / Float(max(learnedRewards.count, 1)) }
    public var meanTrueReward: Double { trueRewards.reduce(0, +) / Double(max(trueRewards.count, 1)) }
    public var meanKL: Float { klPerSequence.reduce(0, +) / Float(max(klPerSequence.count, 1)) }

    /// Samples one response per prompt from `policy` (plain sampling, the cache) and measures it.
    ///
    /// - Parameters:
    ///   - generators: one per prompt (use the same seeds for every policy compared).
    ///   - learnedReward: e.g. the reward model's scores.
    ///   - trueReward: e.g. `taste.reward(of: chat.text(of: response), for: request)`, by index.
    public init(
        policy: GPT, reference: ReferenceModel, prompts: [[Int]], maxNewTokens: Int,
        generators: inout [SplitMix64], stopToken: Int?, padding: Int,
        learnedReward: (_ prompts: [[Int]], _ responses: [[Int]]) -> [Float],
        trueReward: (_ index: Int, _ response: [Int]) -> Double
    ) {
        let responses = Rollouts.sample(
            policy: policy, prompts: prompts, maxNewTokens: maxNewTokens,
            generators: &generators, stopTokens: Set(stopToken.map { [$0] } ?? []))
        self.init(
            policy: policy, reference: reference, prompts: prompts, responses: responses, padding: padding,
            learnedReward: learnedReward, trueReward: trueReward)
    }

    /// Measures given responses (e.g. best-of-n's choices): their KL is still measured
    /// against `policy`'s log-probabilities — for best-of-n use `BestOfN.analyticKL` instead.
    public init(
        policy: GPT, reference: ReferenceModel, prompts: [[Int]], responses: [[Int]], padding: Int,
        learnedReward: (_ prompts: [[Int]], _ responses: [[Int]]) -> [Float],
        trueReward: (_ index: Int, _ response: [Int]) -> Double
    ) {
        self.responses = responses
        learnedRewards = learnedReward(prompts, responses)
        trueRewards = responses.enumerated().map { trueReward($0.offset, $0.element) }
        let batch = ResponseBatch(prompts: prompts, responses: responses, padding: padding)
        let (mine, theirs) = Tensor.withoutGradient {
            (policy.sequenceLogProbabilities(batch).scalars, reference.model.sequenceLogProbabilities(batch).scalars)
        }
        klPerSequence = zip(mine, theirs).map { $0 - $1 }
    }
}
