import Foundation

// MARK: - The logistic sigmoid and its logarithm

extension Tensor {
    /// σ(x) = 1 / (1 + e^(−x)) element-wise, computed without overflow for large |x|
    /// (e^(−x) for x ≥ 0, e^x/(1 + e^x) below).
    ///
    /// Gradient: g·σ(x)·(1 − σ(x)).
    ///
    /// Example: `(chosen - rejected).sigmoid()` — the Bradley–Terry probability that the
    /// chosen answer is preferred.
    public func sigmoid() -> Tensor {
        mapped({ logisticSigmoid($0) }, derivative: { _, y in y * (1 - y) })
    }

    /// log σ(x) element-wise, stable everywhere: min(x, 0) − log(1 + e^(−|x|)). Never the
    /// log of an underflowed σ: for x = −100 it is −100, not −∞.
    ///
    /// Gradient: g·(1 − σ(x)) = g·σ(−x).
    ///
    /// Example: `-(rewardChosen - rewardRejected).logSigmoid().mean()` — the reward model's
    /// loss; DPO's loss is the same function of another margin.
    public func logSigmoid() -> Tensor {
        mapped(
            { Swift.min($0, 0) - Foundation.log1p(Foundation.exp(-Swift.abs($0))) },
            derivative: { x, _ in logisticSigmoid(-x) })
    }
}

/// σ(x) for one Float, without overflow.
@inline(__always)
func logisticSigmoid(_ x: Float) -> Float {
    if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
    let e = Foundation.exp(x)
    return e / (1 + e)
}
