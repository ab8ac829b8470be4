// MARK: - Putting the reward model's scores on a known scale

/// A reward model's scores are defined only up to a shift (the Bradley–Terry loss sees
/// differences) and their spread is whatever training left. InstructGPT shifts them so that
/// the demonstrations score 0 on average; dividing by their standard deviation too puts the
/// score in units of its own spread, so that β·KL — nats against score units — means the
/// same whatever the reward model learned.
///
/// Example:
/// ```swift
/// let normalize = RewardNormalization(scores: rewardModel.scores(prompts: p, responses: sftSamples,
///                                                                padding: endID))
/// let score = { prompts, responses in
///     normalize(rewardModel.scores(prompts: prompts, responses: responses, padding: endID))
/// }
/// ```
public struct RewardNormalization: Sendable, Hashable {
    public let mean: Float
    public let standardDeviation: Float

    /// The mean and (population) standard deviation of `scores`; a spread of 0 is taken as 1.
    public init(scores: [Float]) {
        precondition(!scores.isEmpty, "normalisation needs scores")
        let n = Double(scores.count)
        let mean = scores.reduce(0.0) { $0 + Double($1) } / n
        let variance = scores.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
        self.mean = Float(mean)
        standardDeviation = variance > 0 ? Float(variance.squareRoot()) : 1
    }

    /// (score − mean) / standard deviation.
    public func callAsFunction(_ scores: [Float]) -> [Float] { scores.map { ($0 - mean) / standardDeviation } }
}
