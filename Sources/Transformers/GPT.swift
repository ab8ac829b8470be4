import Engine
import Foundation
import Safetensors

/// A GPT-2-style decoder: token and learned position embeddings, `layers` pre-LayerNorm
/// Transformer blocks, a final LayerNorm and a linear head to vocabulary logits.
///
/// Parameter names follow the modules (`blocks.0.attention.query.weight`), so chapters can
/// freeze, count, replace (LoRA) and save them, and the checkpoint loads in PyTorch.
/// Exactly this model is what ../shared/peers/gpt_bench.py builds.
///
/// Example:
/// ```swift
/// var rng = SplitMix64(seed: 42)
/// let model = GPT(config: config, rng: &rng)
/// let logits = model(ids, batch: 8)          // ids: B·T token ids → [B, T, V]
/// let loss = model.loss(ids, targets: targets, batch: 8)
/// ```
public final class GPT: Layer {
    public let config: GPTConfig
    public let tokenEmbedding: Embedding
    public let positionEmbedding: Embedding
    public let blocks: [TransformerBlock]
    public let finalNorm: LayerNorm
    /// The output head `[V, d]`, without bias; nil when tied to the token embedding.
    public let head: Linear?
    /// Whether dropout is active (training) or not (evaluation, generation).
    public var isTraining = true
    /// The generator behind dropout masks, so training is reproducible.
    public var dropoutRNG: SplitMix64

    /// Builds a model with GPT-2's initialisation: every weight N(0, 0.02), biases 0,
    /// LayerNorms 1 and 0, and the two projections that write into the residual stream
    /// (`attention.output`, `mlp.down`) N(0, 0.02/√(2·layers)), so the stream's variance
    /// does not grow with depth.
    public init(config: GPTConfig, rng: inout SplitMix64) {
        self.config = config
        tokenEmbedding = Embedding(count: config.vocabularySize, dimensions: config.width, rng: &rng)
        positionEmbedding = Embedding(count: config.contextLength, dimensions: config.width, rng: &rng)
        blocks = (0..<config.layers).map { _ in TransformerBlock(config: config, rng: &rng) }
        finalNorm = LayerNorm(dimensions: config.width)
        head =
            config.tiedHead
            ? nil
            : Linear(inputDimensions: config.width, outputDimensions: config.vocabularySize, bias: false, rng: &rng)
        dropoutRNG = SplitMix64(seed: rng.next())

        let residualStandardDeviation = 0.02 / Float(2 * config.layers).squareRoot()
        for (name, tensor) in namedParameters() {
            if name.hasSuffix("Norm.weight") || name.hasSuffix("finalNorm.weight") {
                fill(tensor, with: 1)
            } else if name.hasSuffix(".bias") {
                fill(tensor, with: 0)
            } else if name.hasSuffix("attention.output.weight") || name.hasSuffix("mlp.down.weight") {
                fillNormal(tensor, standardDeviation: residualStandardDeviation, rng: &rng)
            } else {
                fillNormal(tensor, standardDeviation: 0.02, rng: &rng)
            }
        }
    }

    // MARK: - Forward: the one path every caller takes

    /// Logits for a batch of sequences: `hiddenStates` followed by the head.
    ///
    /// - Parameters: as `hiddenStates`.
    /// - Returns: `[B, T, V]`.
    public func callAsFunction(_ ids: [Int], batch: Int, cache: KeyValueCache? = nil, rows: [Int]? = nil) -> Tensor {
        logits(fromHidden: hiddenStates(ids, batch: batch, cache: cache, rows: rows))
    }

    /// The final hidden states of B sequences of token ids: their token embeddings through
    /// `hiddenStates(embeddings:cache:rows:)`.
    ///
    /// - Parameters:
    ///   - ids: B·T token ids, sequence after sequence.
    ///   - batch: B; each sequence has T = ids.count / B new tokens.
    ///   - cache, rows: as in `hiddenStates(embeddings:cache:rows:)`.
    /// - Returns: `[B, T, C]`.
    public func hiddenStates(_ ids: [Int], batch: Int, cache: KeyValueCache? = nil, rows: [Int]? = nil) -> Tensor {
        hiddenStates(embeddings: tokenEmbeddings(ids, batch: batch), cache: cache, rows: rows)
    }

    /// The token embeddings of B sequences: `[B, T, C]`, before positions are added.
    public func tokenEmbeddings(_ ids: [Int], batch: Int) -> Tensor {
        precondition(batch > 0 && ids.count % batch == 0, "\(ids.count) ids do not split into \(batch) sequences")
        precondition(
            ids.allSatisfy { $0 >= 0 && $0 < config.vocabularySize },
            "token ids must lie in 0..<\(config.vocabularySize)")
        return tokenEmbedding(ids).reshaped([batch, ids.count / batch, config.width])  // [B, T, C]
    }

    /// The final hidden states — the residual stream after the last block and the final
    /// LayerNorm, what the head reads and what a value or reward head reads instead.
    ///
    /// This is the model's only forward pass: training, generation with the cache and the
    /// heads of later chapters all come through here. It takes input *embeddings*, as
    /// transformers' `inputs_embeds` does, so a method that puts something other than token
    /// embeddings in front of the model (prompt tuning's soft prompt) composes around it
    /// and the model knows nothing of fine-tuning.
    ///
    /// - Parameters:
    ///   - embeddings: `[B, S, C]`, one vector per input position; positions are added here.
    ///   - cache: optional; when given, the S positions of sequence b continue row `rows[b]` of
    ///     the cache (at positions `cache.lengths[row]...`), and their keys and values are
    ///     added to it. Inference only: no gradient is recorded.
    ///   - rows: which cache rows the B sequences continue; `0..<B` when nil.
    /// - Returns: `[B, S, C]`.
    // listing: gpt-forward
    public func hiddenStates(embeddings: Tensor, cache: KeyValueCache? = nil, rows: [Int]? = nil) -> Tensor {
        // listing: elide
        precondition(
            embeddings.rank == 3 && embeddings.shape[2] == config.width,
            "embeddings must be [B, S, \(config.width)], got \(embeddings.shape)")
        // listing: resume
        let batch = embeddings.shape[0], span = embeddings.shape[1]
        guard let cache else {
            // listing: elide
            precondition(
                span <= config.contextLength,
                "sequence of \(span) tokens exceeds context \(config.contextLength)")
            // listing: resume
            var x = dropout(embeddings + positionEmbedding(Array(0..<span)))  // one [S, C] table over B
            for block in blocks { x = block(x, dropout: dropout) }
            return finalNorm(x)
        }
        // listing: elide
        let rows = rows ?? Array(0..<batch)
        let rowsAreDistinctAndInRange =
            rows.count == batch && Set(rows).count == batch
            && rows.allSatisfy { $0 >= 0 && $0 < cache.rows }
        precondition(
            rowsAreDistinctAndInRange, "\(batch) sequences need \(batch) distinct cache rows below \(cache.rows)")
        let lengths = rows.map { cache.lengths[$0] }
        for (row, length) in zip(rows, lengths) {
            precondition(
                length + span <= cache.capacity,
                "row \(row) holds \(length) positions; \(span) more exceed context \(cache.capacity)")
        }
        return Tensor.withoutGradient {
            // Each row's new positions sit at that row's next free positions.
            let positions = lengths.flatMap { first in Array(first..<(first + span)) }  // B·S
            var x = embeddings + positionEmbedding(positions).reshaped([batch, span, config.width])
            for (layer, block) in blocks.enumerated() {
                x = block(x, cache: LayerCache(store: cache.stores[layer], rows: rows, lengths: lengths))
            }
            cache.advance(rows: rows, by: span)
            return finalNorm(x)
        }
        // listing: resume
    }
    // listing: end

    /// The head: `[..., C] → [..., V]`.
    // listing: gpt-logits-loss
    public func logits(fromHidden hidden: Tensor) -> Tensor {
        if let head { return head(hidden) }
        return hidden.matmul(tokenEmbedding.table, transposingRight: true)  // tied: x·Eᵀ
    }

    // listing: elide
    /// The mean next-token cross-entropy of a batch.
    /// - Parameters:
    ///   - ids: B·T inputs; `targets`: B·T next tokens, `ignoreIndex` where no loss is wanted.
    // listing: resume
    public func loss(_ ids: [Int], targets: [Int], batch: Int, ignoreIndex: Int? = nil) -> Tensor {
        precondition(ids.count == targets.count, "\(ids.count) inputs but \(targets.count) targets")
        let logits = self(ids, batch: batch).reshaped([ids.count, config.vocabularySize])
        return Tensor.crossEntropy(logits: logits, targets: targets, ignoreIndex: ignoreIndex)
    }
    // listing: end

    private func dropout(_ x: Tensor) -> Tensor {
        guard config.dropout > 0, isTraining, Tensor.gradientsAreEnabled else { return x }
        return x.dropout(probability: config.dropout, training: true, rng: &dropoutRNG)
    }

    // MARK: - Parameters

    public func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        var result =
            tokenEmbedding.namedParameters(prefix: parameterName(prefix, "tokenEmbedding"))
            + positionEmbedding.namedParameters(prefix: parameterName(prefix, "positionEmbedding"))
        for (index, block) in blocks.enumerated() {
            result += block.namedParameters(prefix: parameterName(prefix, "blocks.\(index)"))
        }
        result += finalNorm.namedParameters(prefix: parameterName(prefix, "finalNorm"))
        if let head { result += head.namedParameters(prefix: parameterName(prefix, "head")) }
        return result
    }

    public func linearSlots(prefix: String) -> [LinearSlot] {
        blocks.enumerated().flatMap { $0.element.linearSlots(prefix: parameterName(prefix, "blocks.\($0.offset)")) }
    }
}

// MARK: - Saving and loading

extension GPT {
    /// Writes the model as a safetensors checkpoint with its config in the metadata.
    public func save(to url: URL, metadata: [String: String] = [:]) throws {
        var metadata = metadata
        metadata["config"] = config.json
        metadata["format"] = "tailor-gpt"
        try Checkpoint(layer: self, metadata: metadata).write(to: url)
    }

    /// Reads a model saved by `save(to:)`: its config from the metadata, then every
    /// parameter, checking names and shapes (a `CheckpointError` names what is wrong).
    public static func load(from url: URL) throws -> GPT {
        let checkpoint = try Checkpoint.read(from: url)
        let config = try checkedConfig(in: checkpoint, file: url.path)
        var rng = SplitMix64(seed: 0)  // every parameter is overwritten by the load below
        let model = GPT(config: config, rng: &rng)
        try checkpoint.load(into: model, file: url.path)
        return model
    }
}

// MARK: - Initialisation helpers

private func fill(_ tensor: Tensor, with value: Float) {
    let pointer = tensor.pointer
    for index in 0..<tensor.count { pointer[index] = value }
}

private func fillNormal(_ tensor: Tensor, standardDeviation: Float, rng: inout SplitMix64) {
    let pointer = tensor.pointer
    for index in 0..<tensor.count { pointer[index] = rng.nextNormal() * standardDeviation }
}
