// MARK: - PPO's knobs, with TRL's defaults where they carry over

/// The settings of `PPOTrainer`. Defaults follow TRL's `PPOConfig` (γ = 1, λ = 0.95, clip
/// ranges 0.2, value coefficient 0.1, 4 epochs over each batch of rollouts) except the
/// learning rate, larger for a small model than TRL's 1.41e-5 for GPT-2 and up.
///
/// Example:
/// ```swift
/// var settings = PPOSettings(maxNewTokens: 40, padding: endID, stopToken: endID)
/// settings.klControl = .fixed(beta: 0.05)
/// ```
public struct PPOSettings: Sendable {
    /// Adam's step size, constant (TRL's default schedule).
    public var learningRate: Float = 1e-4
    /// Passes over each batch of rollouts (TRL's `ppo_epochs` / `num_ppo_epochs`).
    public var epochs = 4
    /// Rollouts per gradient step within an epoch.
    public var miniBatchSize = 8
    /// ε of the clipped policy loss.
    public var clipRange: Float = 0.2
    /// ε of the clipped value loss.
    public var valueClipRange: Float = 0.2
    /// The weight of the value loss beside the policy loss (they share the transformer).
    public var valueCoefficient: Float = 0.1
    /// GAE's discount γ and its λ.
    public var gamma: Float = 1, lambda: Float = 0.95
    /// The KL leash: fixed β or adaptive toward a target.
    public var klControl: KLControl = .fixed(beta: 0.05)
    /// The longest response, its stop token included; prompt + this must fit the context.
    public var maxNewTokens: Int
    /// The joint gradient norm is clipped to this (TRL: `max_grad_norm`); nil: no clipping.
    public var clipNorm: Float? = 1
    /// The id right-padding uses (any; padded positions are masked).
    public var padding: Int
    /// The token that ends a response, or nil to always generate `maxNewTokens`.
    public var stopToken: Int?

    public init(maxNewTokens: Int, padding: Int, stopToken: Int?) {
        self.maxNewTokens = maxNewTokens
        self.padding = padding
        self.stopToken = stopToken
    }
}

/// What one PPO step did: its rollouts and its numbers.
public struct PPOStepReport: Sendable {
    /// Steps taken so far, this one included.
    public let step: Int
    public let prompts: [[Int]]
    /// The sampled responses (with the stop token where one was drawn).
    public let responses: [[Int]]
    /// The score of each response (the reward model's, or whatever `score` computed).
    public let scores: [Float]
    /// KL to the reference per response: k1 = log π − log π_ref summed over its tokens (nats).
    public let klPerSequence: [Float]
    /// The same KL by Schulman's k3 estimator, summed over tokens: non-negative, lower variance.
    public let k3PerSequence: [Float]
    /// The β this step's rewards used (the controller may change it afterwards).
    public let beta: Float
    /// Means over every minibatch of every epoch.
    public let policyLoss: Float, valueLoss: Float, clipFraction: Float

    /// The mean score.
    public var meanScore: Float { mean(scores) }
    /// The mean KL per sequence (k1): the x-axis of a reward–KL frontier.
    public var meanKL: Float { mean(klPerSequence) }
    /// The mean k3 KL per sequence.
    public var meanK3: Float { mean(k3PerSequence) }
    /// The mean score minus β·KL: the objective PPO maximises.
    public var meanObjective: Float { meanScore - beta * meanKL }
    /// Mean response length in tokens.
    public var meanResponseLength: Float { mean(responses.map { Float($0.count) }) }

    private func mean(_ values: [Float]) -> Float { values.isEmpty ? 0 : values.reduce(0, +) / Float(values.count) }
}
