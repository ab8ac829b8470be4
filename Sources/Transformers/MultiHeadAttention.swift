import Engine

// MARK: - Multi-head attention

/// Scaled dot-product attention with several heads:
/// Attention(Q, K, V) = softmax(Q·Kᵀ/√d + mask)·V per head, heads concatenated and
/// projected.
///
/// Separate `query`, `key`, `value` and `output` projections (not one fused QKV matrix), so
/// LoRA can adapt each by name (`attention.query.weight`). The products are batched over
/// `[B, heads]` and fused (`Tensor.scaledDotProductAttention`): no permuted copies.
///
/// Example:
/// ```swift
/// let attention = MultiHeadAttention(dimensions: 64, heads: 4, causal: true, rng: &rng)
/// let y = attention(x)                      // [B, T, 64] → [B, T, 64]
/// let weights = attention.lastAttentionWeights   // [B, 4, T, T] when recording
/// ```
public final class MultiHeadAttention: Layer {
    public var query: any LinearLayer
    public var key: any LinearLayer
    public var value: any LinearLayer
    public var output: any LinearLayer
    /// The number of heads; each sees `dimensions / heads` features.
    public let heads: Int
    /// Whether position t may only attend to positions ≤ t.
    public let causal: Bool
    /// When true, each forward pass keeps a detached copy of its attention weights in
    /// `lastAttentionWeights` (for plots; off by default because it copies B·heads·T² floats).
    public var recordsAttentionWeights = false
    /// `[B, heads, T, T]` from the last forward pass when `recordsAttentionWeights` is set.
    public private(set) var lastAttentionWeights: Tensor?

    public init(dimensions: Int, heads: Int, causal: Bool = true, rng: inout SplitMix64) {
        precondition(dimensions % heads == 0, "\(dimensions) dimensions do not split into \(heads) heads")
        query = Linear(inputDimensions: dimensions, outputDimensions: dimensions, rng: &rng)
        key = Linear(inputDimensions: dimensions, outputDimensions: dimensions, rng: &rng)
        value = Linear(inputDimensions: dimensions, outputDimensions: dimensions, rng: &rng)
        output = Linear(inputDimensions: dimensions, outputDimensions: dimensions, rng: &rng)
        self.heads = heads
        self.causal = causal
    }

    /// `[B, T, C] → [B, T, C]`. With `cache`, the T positions are new positions of sequences
    /// whose earlier keys and values are stored there, and this call extends it (inference:
    /// no gradient, no recorded weights).
    // listing: attention-layer
    public func callAsFunction(_ input: Tensor, cache: LayerCache? = nil) -> Tensor {
        precondition(input.rank == 3, "attention expects [B, T, C], got \(input.shape)")
        let queries = query(input), keys = key(input), values = value(input)
        // listing: elide
        if let cache {
            precondition(causal, "a key/value cache only makes sense for causal attention")
            return output(
                Tensor.cachedAttention(
                    query: queries, key: keys, value: values, store: cache.store,
                    rows: cache.rows, lengths: cache.lengths))
        }
        // listing: resume
        // Fused: heads are read in place from [B, T, C], scale, mask and softmax in one pass
        // (see `Tensor.scaledDotProductAttention`).
        let (mixed, weights) = Tensor.attentionKeepingWeights(
            query: queries, key: keys, value: values,
            heads: heads, causal: causal)
        if recordsAttentionWeights { lastAttentionWeights = weights.detached() }
        return output(mixed)
    }
    // listing: end

    public func linearSlots(prefix: String) -> [LinearSlot] {
        [
            LinearSlot(name: parameterName(prefix, "query"), read: { self.query }, write: { self.query = $0 }),
            LinearSlot(name: parameterName(prefix, "key"), read: { self.key }, write: { self.key = $0 }),
            LinearSlot(name: parameterName(prefix, "value"), read: { self.value }, write: { self.value = $0 }),
            LinearSlot(name: parameterName(prefix, "output"), read: { self.output }, write: { self.output = $0 }),
        ]
    }

    public func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        query.namedParameters(prefix: parameterName(prefix, "query"))
            + key.namedParameters(prefix: parameterName(prefix, "key"))
            + value.namedParameters(prefix: parameterName(prefix, "value"))
            + output.namedParameters(prefix: parameterName(prefix, "output"))
    }
}
