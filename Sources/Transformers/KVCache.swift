import Engine

/// The keys and values every block has computed so far, so that generating one more token
/// costs one token's forward pass instead of a pass over the whole sequence.
///
/// Without a cache, generating n tokens runs the model on 1, 2, …, n tokens: O(n²) token
/// passes. With it, each new token computes only its own query, key and value and attends
/// to the stored keys and values: n passes of one token each.
public final class KeyValueCache {
    /// keys[layer] holds `[heads, capacity, headWidth]` floats; only `count` positions are filled.
    var keys: [[Float]]
    var values: [[Float]]
    /// How many positions are stored.
    public private(set) var count = 0
    public let capacity: Int
    let heads: Int
    let headWidth: Int

    /// An empty cache for `config`'s model.
    public init(config: GPTConfig) {
        capacity = config.contextLength
        heads = config.heads
        headWidth = config.width / config.heads
        let size = heads * capacity * headWidth
        keys = Array(repeating: [Float](repeating: 0, count: size), count: config.layers)
        values = keys
    }

    /// Forgets everything (e.g. before a new prompt).
    public func reset() { count = 0 }

    /// Stores position `count`'s key and value (`[C]` each, heads side by side) for `layer`.
    func append(layer: Int, key: [Float], value: [Float]) {
        for head in 0..<heads {
            let destination = (head * capacity + count) * headWidth
            for index in 0..<headWidth {
                keys[layer][destination + index] = key[head * headWidth + index]
                values[layer][destination + index] = value[head * headWidth + index]
            }
        }
    }

    func advance() { count += 1 }
}

extension GPT {
    /// The logits for the token after `id`, which stands at position `cache.count`, reading
    /// and extending `cache`. Runs without gradients.
    ///
    /// The same `Linear` layers as the full forward pass are called, so adapters placed in
    /// the model (LoRA) act here too.
    public func nextTokenLogits(after id: Int, cache: KeyValueCache) -> [Float] {
        precondition(cache.count < config.contextLength, "the cache is full: context \(config.contextLength)")
        precondition(id >= 0 && id < config.vocabularySize, "token id \(id) outside 0..<\(config.vocabularySize)")
        return Tensor.withoutGradient {
            let position = cache.count
            var x = tokenEmbedding([id]) + positionEmbedding([position])                  // [1, C]
            let scale = 1 / Float(cache.headWidth).squareRoot()
            for (layer, block) in blocks.enumerated() {
                let normalised = block.attentionNorm(x)
                let query = block.attention.query(normalised).scalars                       // [C]
                cache.append(layer: layer, key: block.attention.key(normalised).scalars,
                             value: block.attention.value(normalised).scalars)
                let mixed = attendOverCache(query: query, layer: layer, cache: cache, scale: scale)
                x = x + block.attention.output(Tensor(shape: [1, config.width], scalars: mixed))
                x = x + block.mlp(block.mlpNorm(x))
            }
            cache.advance()
            return logits(fromHidden: finalNorm(x)).scalars
        }
    }

    /// One query against positions 0…count of the cache, head by head: softmax(q·Kᵀ/√d)·V.
    /// Deliberately plain loops: one query row is too small for BLAS to pay.
    private func attendOverCache(query: [Float], layer: Int, cache: KeyValueCache, scale: Float) -> [Float] {
        let width = cache.headWidth, length = cache.count + 1
        var mixed = [Float](repeating: 0, count: config.width)
        var scores = [Float](repeating: 0, count: length)
        cache.keys[layer].withUnsafeBufferPointer { keys in
            cache.values[layer].withUnsafeBufferPointer { values in
                for head in 0..<cache.heads {
                    let base = head * cache.capacity * width
                    var largest = -Float.infinity
                    for position in 0..<length {
                        var dot: Float = 0
                        for index in 0..<width { dot += query[head * width + index] * keys[base + position * width + index] }
                        scores[position] = dot * scale
                        largest = max(largest, scores[position])
                    }
                    var total: Float = 0
                    for position in 0..<length { scores[position] = expf(scores[position] - largest); total += scores[position] }
                    for position in 0..<length {
                        let weight = scores[position] / total
                        for index in 0..<width { mixed[head * width + index] += weight * values[base + position * width + index] }
                    }
                }
            }
        }
        return mixed
    }
}

import Foundation
