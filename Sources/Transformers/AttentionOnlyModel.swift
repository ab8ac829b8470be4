import Engine

// MARK: - Attention and nothing else

/// An attention-only model, the setting in which Elhage et al. (2021) found induction heads:
/// token and position embeddings, `layers` causal 4-head attention layers each added to the
/// residual stream (x = x + attention(LayerNorm(x))), and a linear read-out. No MLP, so all a
/// model can learn is where to look. With 0 layers it sees only the current token and its
/// position — the blind baseline of chapter 2's copy task.
///
/// Example:
/// ```swift
/// let model = AttentionOnlyModel(vocabulary: 17, context: 17, width: 64, layers: 1, rng: &rng)
/// let logits = model(inputs, batch: 32)   // [32·T, 17]
/// ```
public final class AttentionOnlyModel: Layer {
    public let tokens: Embedding, positions: Embedding
    /// One causal 4-head attention per layer, in order.
    public let attentions: [MultiHeadAttention]
    /// The LayerNorm each attention reads the stream through (one even with 0 layers, unused).
    public let norms: [LayerNorm]
    public let readout: Linear
    /// d, the residual stream's width.
    public let width: Int
    public let vocabulary: Int

    /// - Parameters:
    ///   - context: the longest sequence T (rows of the position table).
    ///   - width: d; a multiple of 4, the number of heads.
    ///   - rng: draws, in order, the token table, the position table, each attention, the read-out.
    public init(vocabulary: Int, context: Int, width: Int, layers: Int, rng: inout SplitMix64) {
        tokens = Embedding(count: vocabulary, dimensions: width, rng: &rng)
        positions = Embedding(count: context, dimensions: width, rng: &rng)
        attentions = (0..<layers).map { _ in MultiHeadAttention(dimensions: width, heads: 4, causal: true, rng: &rng) }
        norms = (0..<max(layers, 1)).map { _ in LayerNorm(dimensions: width) }
        readout = Linear(inputDimensions: width, outputDimensions: vocabulary, bias: true, rng: &rng)
        self.width = width
        self.vocabulary = vocabulary
    }

    /// Logits [B·T, vocabulary] for inputs [B·T] (B sequences of T ids, one after another).
    public func callAsFunction(_ inputs: [Int], batch: Int) -> Tensor {
        let steps = inputs.count / batch
        var h = tokens(inputs) + positions(Array((0..<batch).flatMap { _ in 0..<steps }))  // [B·T, d]
        h = h.reshaped([batch, steps, width])  // [B, T, d]
        for (attention, norm) in zip(attentions, norms) { h = h + attention(norm(h)) }  // residual
        return readout(h).reshaped([batch * steps, vocabulary])
    }

    public func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        var result =
            tokens.namedParameters(prefix: parameterName(prefix, "tokens"))
            + positions.namedParameters(prefix: parameterName(prefix, "positions"))
        for (index, attention) in attentions.enumerated() {
            result += attention.namedParameters(prefix: parameterName(prefix, "attention.\(index)"))
        }
        for (index, norm) in norms.enumerated() {
            result += norm.namedParameters(prefix: parameterName(prefix, "norm.\(index)"))
        }
        return result + readout.namedParameters(prefix: parameterName(prefix, "readout"))
    }

    /// A trainer with constant-rate Adam on the cross-entropy of the scored targets (−1 is
    /// ignored). Step s's batch comes from `draw` with a generator made from (seed, s) alone, so
    /// two models given the same seed and `draw` train on the same batches.
    ///
    /// - Parameter draw: `batch` sequences: inputs [B·T] and targets [B·T].
    public func trainer(
        steps: Int, batch: Int, seed: UInt64, learningRate: Float = 3e-3,
        draw: @escaping (Int, inout SplitMix64) -> (inputs: [Int], targets: [Int])
    ) -> Trainer {
        Trainer(model: self, settings: .constantAdam(learningRate: learningRate, steps: steps), seed: seed) {
            let sample = draw(batch, &$0.rng)
            return Tensor.crossEntropy(
                logits: self(sample.inputs, batch: batch), targets: sample.targets,
                ignoreIndex: -1)
        }
    }

    /// Share of scored next tokens (target ≥ 0) whose highest logit is the target, 0…1; ties go
    /// to the lowest id. Inputs and targets are [B·T]; 0 when nothing is scored.
    public func accuracy(inputs: [Int], targets: [Int], batch: Int) -> Double {
        let logits = Tensor.withoutGradient { self(inputs, batch: batch) }.scalars
        var correct = 0, total = 0
        for (row, target) in targets.enumerated() where target >= 0 {
            let scores = logits[(row * vocabulary)..<((row + 1) * vocabulary)]
            let predicted = (scores.indices.max { scores[$0] < scores[$1] } ?? 0) - row * vocabulary
            correct += predicted == target ? 1 : 0
            total += 1
        }
        return Double(correct) / Double(max(total, 1))
    }

    /// Runs `inputs` once without gradients and returns each layer's attention weights
    /// [B, 4, T, T], in layer order; recording is switched off again afterwards.
    public func recordedWeights(_ inputs: [Int], batch: Int) -> [Tensor] {
        for attention in attentions { attention.recordsAttentionWeights = true }
        defer { for attention in attentions { attention.recordsAttentionWeights = false } }
        _ = Tensor.withoutGradient { self(inputs, batch: batch) }
        return attentions.compactMap(\.lastAttentionWeights)
    }
}
