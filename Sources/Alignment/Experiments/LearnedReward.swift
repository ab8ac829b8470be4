import Transformers

// MARK: - A reward model's scores, normalised

/// A reward model's scores shifted and scaled by the SFT answers' own (`RewardNormalization`):
/// what PPO and best-of-n optimise. Called with prompts and responses as token ids, one score
/// per pair, in units of the SFT answers' spread.
public struct LearnedReward {
    public let model: RewardModel
    public let normalization: RewardNormalization
    /// The id that pads a batch of unequal answers.
    public let padding: Int

    public init(model: RewardModel, normalization: RewardNormalization, padding: Int) {
        self.model = model
        self.normalization = normalization
        self.padding = padding
    }

    public func callAsFunction(_ prompts: [[Int]], _ responses: [[Int]]) -> [Float] {
        normalization(model.scores(prompts: prompts, responses: responses, padding: padding))
    }
}
