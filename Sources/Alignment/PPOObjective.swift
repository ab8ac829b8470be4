import Engine

// MARK: - PPO's clipped losses

/// The two losses of a PPO minibatch (Schulman et al. 2017), as TRL computes them, averaged
/// over the response tokens only (`mask` is 1 there, 0 on prompt and padding).
public enum PPOObjective {
    /// The clipped surrogate, negated to be minimised:
    ///
    ///     ρ = π(a)/π_old(a) = exp(log π − log π_old)
    ///     loss = mean over tokens of max(−A·ρ, −A·clip(ρ, 1 − ε, 1 + ε))
    ///
    /// The max is a pessimistic bound: once ρ has moved past 1 ± ε in the direction the
    /// advantage favours, the clipped term wins and the gradient is zero — the update cannot
    /// profit from moving further from the policy that sampled the data. Moves in the
    /// unfavoured direction are never clipped.
    ///
    /// - Parameters:
    ///   - logProbabilities: `[N]` log π of the sampled tokens under the current policy (with gradient).
    ///   - oldLogProbabilities: `[N]` log π_old, recorded when the tokens were sampled (constant).
    ///   - advantages: `[N]` (constant; whitened).
    ///   - mask: `[N]` ones on response tokens.
    ///   - clipRange: ε (0.2).
    /// - Returns: the loss, and the share of response tokens where the clipped term was taken
    ///   (TRL's `clipfrac`: how often the trust region bit).
    // listing: ppo-clipped-loss
    public static func clippedPolicyLoss(
        logProbabilities: Tensor, oldLogProbabilities: Tensor, advantages: Tensor,
        mask: Tensor, clipRange: Float = 0.2
    ) -> (loss: Tensor, clipFraction: Float) {
        let ratio = (logProbabilities - oldLogProbabilities).exp()  // [N]
        let unclipped = -(advantages * ratio)
        let clipped = -(advantages * ratio.clamped(to: (1 - clipRange)...(1 + clipRange)))
        let loss = maskedMean(Tensor.maximum(unclipped, clipped), mask: mask)
        // listing: elide
        var clippedCount: Float = 0
        for index in 0..<mask.count where mask.pointer[index] > 0 && clipped.pointer[index] > unclipped.pointer[index] {
            clippedCount += 1
        }
        // listing: resume
        return (loss, clippedCount / max(maskCount(mask), 1))
    }
    // listing: end

    /// The clipped value loss: the value head may move at most ε from the value it predicted
    /// when the rollout was made, unless moving helps:
    ///
    ///     V_clipped = V_old + clip(V − V_old, −ε, ε)
    ///     loss = ½·mean over tokens of max((V − R)², (V_clipped − R)²)
    ///
    /// - Parameters: `values` `[N]` (with gradient); `oldValues`, `returns` `[N]` constants;
    ///   `mask` as above; `clipRange` ε (TRL's `cliprange_value`, 0.2).
    public static func clippedValueLoss(
        values: Tensor, oldValues: Tensor, returns: Tensor, mask: Tensor,
        clipRange: Float = 0.2
    ) -> Tensor {
        let clippedValues = oldValues + (values - oldValues).clamped(to: -clipRange...clipRange)
        let unclippedError = (values - returns).squared()
        let clippedError = (clippedValues - returns).squared()
        return maskedMean(Tensor.maximum(unclippedError, clippedError), mask: mask).scaled(by: 0.5)
    }

    /// Σ x·mask / Σ mask (0 when the mask is empty).
    static func maskedMean(_ x: Tensor, mask: Tensor) -> Tensor {
        (x * mask).sum().scaled(by: 1 / max(maskCount(mask), 1))
    }

    private static func maskCount(_ mask: Tensor) -> Float { mask.scalars.reduce(0, +) }
}
