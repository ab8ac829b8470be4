// MARK: - Multi-head attention

/// Scaled dot-product attention with several heads:
/// Attention(Q, K, V) = softmax(Q·Kᵀ/√d + mask)·V per head, heads concatenated and
/// projected.
///
/// Separate `query`, `key`, `value` and `output` projections (not one fused QKV matrix), so
/// LoRA can adapt each by name (`attention.query.weight`). The products are batched over
/// `[B, heads]`.
///
/// Example:
/// ```swift
/// let attention = MultiHeadAttention(dimensions: 64, heads: 4, causal: true, rng: &rng)
/// let y = attention(x)                      // [B, T, 64] → [B, T, 64]
/// let weights = attention.lastAttentionWeights   // [B, 4, T, T] when recording
/// ```
public final class MultiHeadAttention: Layer {
    public var query: Linear
    public var key: Linear
    public var value: Linear
    public var output: Linear
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

    /// `[B, T, C] → [B, T, C]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        precondition(input.rank == 3, "attention expects [B, T, C], got \(input.shape)")
        let batch = input.shape[0], time = input.shape[1], channels = input.shape[2]
        let headDimensions = channels / heads
        func split(_ x: Tensor) -> Tensor {
            // [B, T, C] → [B, T, heads, d] → [B, heads, T, d]
            x.reshaped([batch, time, heads, headDimensions]).permuted([0, 2, 1, 3])
        }
        let q = split(query(input)), k = split(key(input)), v = split(value(input))
        // [B, heads, T, d]·[B, heads, d, T] → [B, heads, T, T]
        var scores = q.matmul(k, transposingRight: true).scaled(by: 1 / Float(headDimensions).squareRoot())
        if causal { scores = scores.causallyMasked() }
        let weights = scores.softmax(alongAxis: -1)
        if recordsAttentionWeights { lastAttentionWeights = weights.detached() }
        // [B, heads, T, T]·[B, heads, T, d] → [B, heads, T, d] → [B, T, heads, d] → [B, T, C]
        let mixed = weights.matmul(v).permuted([0, 2, 1, 3]).reshaped([batch, time, channels])
        return output(mixed)
    }

    public func linearSlots(prefix: String) -> [LinearSlot] {
        [LinearSlot(name: parameterName(prefix, "query"), read: { self.query }, write: { self.query = $0 }),
         LinearSlot(name: parameterName(prefix, "key"), read: { self.key }, write: { self.key = $0 }),
         LinearSlot(name: parameterName(prefix, "value"), read: { self.value }, write: { self.value = $0 }),
         LinearSlot(name: parameterName(prefix, "output"), read: { self.output }, write: { self.output = $0 })]
    }

    public func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        query.namedParameters(prefix: parameterName(prefix, "query"))
            + key.namedParameters(prefix: parameterName(prefix, "key"))
            + value.namedParameters(prefix: parameterName(prefix, "value"))
            + output.namedParameters(prefix: parameterName(prefix, "output"))
    }
}
