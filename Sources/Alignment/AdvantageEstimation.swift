// MARK: - Generalized advantage estimation

/// Generalized advantage estimation (Schulman et al. 2016) over one response, token by token.
///
/// With per-token rewards rₖ and the value head's estimates Vₖ (V after the last token is 0:
/// the episode ends there):
///
///     δₖ = rₖ + γ·Vₖ₊₁ − Vₖ                 the TD error of token k
///     Aₖ = δₖ + γλ·Aₖ₊₁                      = Σⱼ (γλ)ʲ·δₖ₊ⱼ
///     returnsₖ = Aₖ + Vₖ                     the value head's regression target
///
/// λ = 1 gives Monte-Carlo advantages (unbiased, noisy), λ = 0 one-step TD (biased by V,
/// quiet). InstructGPT and TRL use γ = 1 (the reward comes once, at the end) and λ = 0.95.
///
/// Example (hand-checkable, γ = 1, λ = ½):
/// ```swift
/// let (advantages, returns) = AdvantageEstimation.estimate(rewards: [0, 0, 1], values: [0.5, 0.5, 0.5],
///                                                          gamma: 1, lambda: 0.5)
/// // δ = [0, 0, 0.5]; A = [0.125, 0.25, 0.5]; returns = [0.625, 0.75, 1]
/// ```
public enum AdvantageEstimation {
    /// Advantages and returns of one trajectory of `rewards.count` steps.
    // listing: gae
    public static func estimate(rewards: [Float], values: [Float], gamma: Float = 1, lambda: Float = 0.95)
        -> (advantages: [Float], returns: [Float])
    {
        precondition(rewards.count == values.count, "\(rewards.count) rewards for \(values.count) values")
        var advantages = [Float](repeating: 0, count: rewards.count)
        var nextAdvantage: Float = 0, nextValue: Float = 0
        for step in stride(from: rewards.count - 1, through: 0, by: -1) {
            let delta = rewards[step] + gamma * nextValue - values[step]
            nextAdvantage = delta + gamma * lambda * nextAdvantage
            advantages[step] = nextAdvantage
            nextValue = values[step]
        }
        return (advantages, zip(advantages, values).map(+))
    }
    // listing: end

    /// (x − mean)/√(variance + 1e-8) over all tokens of a batch (TRL's `masked_whiten`,
    /// with the unbiased variance): advantages of mean 0 and variance 1, so the step size
    /// does not depend on the reward's scale. Returns the input when it has < 2 values.
    public static func whitened(_ values: [Float]) -> [Float] {
        guard values.count > 1 else { return values }
        let n = Double(values.count)
        let mean = values.reduce(0.0) { $0 + Double($1) } / n
        let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / (n - 1)
        let scale = 1 / (variance + 1e-8).squareRoot()
        return values.map { Float((Double($0) - mean) * scale) }
    }
}
