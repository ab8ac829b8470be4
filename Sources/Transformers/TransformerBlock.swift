import Engine

/// One pre-LayerNorm Transformer block, as GPT-2:
///
///     x = x + attention(LayerNorm(x))
///     x = x + MLP(LayerNorm(x))
///
/// The residual stream x keeps its width; each branch reads a normalised copy and adds its
/// result back, which is what lets deep stacks train.
// listing: transformer-block
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

    // listing: elide
    /// `[B, T, C] → [B, T, C]`; `dropout` is applied to each branch's output while training.
    /// With `cache`, the T positions continue sequences whose earlier keys and values are
    /// stored there (see `GPT.hiddenStates(embeddings:cache:rows:)`); that is inference, where
    /// the caller's `dropout` is the identity.
    // listing: resume
    public func callAsFunction(_ x: Tensor, dropout: (Tensor) -> Tensor = { $0 }, cache: LayerCache? = nil) -> Tensor {
        let afterAttention = x + dropout(attention(attentionNorm(x), cache: cache))
        return afterAttention + dropout(mlp(mlpNorm(afterAttention)))
    }
    // listing: end

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
