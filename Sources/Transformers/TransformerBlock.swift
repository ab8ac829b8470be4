import Engine

/// One pre-LayerNorm Transformer block, as GPT-2:
///
///     x = x + attention(LayerNorm(x))
///     x = x + MLP(LayerNorm(x))
///
/// The residual stream x keeps its width; each branch reads a normalised copy and adds its
/// result back, which is what lets deep stacks train.
public final class TransformerBlock: Layer {
    public let attentionNorm: LayerNorm
    public let attention: MultiHeadAttention
    public let mlpNorm: LayerNorm
    public let mlp: MLP

    public init(config: GPTConfig, rng: inout SplitMix64) {
        attentionNorm = LayerNorm(dimensions: config.width)
        attention = MultiHeadAttention(dimensions: config.width, heads: config.heads, causal: true, rng: &rng)
        mlpNorm = LayerNorm(dimensions: config.width)
        mlp = MLP(dimensions: config.width, hiddenDimensions: 4 * config.width, rng: &rng)
    }

    /// `[B, T, C] → [B, T, C]`; `dropout` is applied to each branch's output while training.
    public func callAsFunction(_ x: Tensor, dropout: (Tensor) -> Tensor = { $0 }) -> Tensor {
        let afterAttention = x + dropout(attention(attentionNorm(x)))
        return afterAttention + dropout(mlp(mlpNorm(afterAttention)))
    }

    /// The same block over T new positions whose earlier keys and values are in `store`
    /// (see `GPT.hiddenStates(…cache:…)`). Inference only, so no dropout.
    public func callAsFunction(_ x: Tensor, store: KeyValueStore, rows: [Int], lengths: [Int]) -> Tensor {
        let afterAttention = x + attention(attentionNorm(x), store: store, rows: rows, lengths: lengths)
        return afterAttention + mlp(mlpNorm(afterAttention))
    }

    public func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        attentionNorm.namedParameters(prefix: parameterName(prefix, "attentionNorm"))
            + attention.namedParameters(prefix: parameterName(prefix, "attention"))
            + mlpNorm.namedParameters(prefix: parameterName(prefix, "mlpNorm"))
            + mlp.namedParameters(prefix: parameterName(prefix, "mlp"))
    }

    public func linearSlots(prefix: String) -> [LinearSlot] {
        attention.linearSlots(prefix: parameterName(prefix, "attention"))
            + mlp.linearSlots(prefix: parameterName(prefix, "mlp"))
    }
}
