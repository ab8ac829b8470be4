import Engine
import Foundation

/// How to choose the next token from the model's logits.
///
/// - `temperature` divides the logits: below 1 sharpens the distribution, above 1 flattens it.
/// - `topK` keeps only the k most likely tokens.
/// - `topP` (nucleus sampling) keeps the smallest set of most likely tokens whose
///   probabilities add up to at least p.
/// - `greedy` always takes the most likely token (temperature → 0).
public struct SamplingOptions: Sendable {
    public var temperature: Float
    public var topK: Int?
    public var topP: Float?
    public var greedy: Bool

    public init(temperature: Float = 1, topK: Int? = nil, topP: Float? = nil, greedy: Bool = false) {
        precondition(temperature > 0, "temperature must be positive; use greedy: true for argmax")
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.greedy = greedy
    }

    public static let greedy = SamplingOptions(greedy: true)
}

public enum Sampler {
    /// The probabilities sampling would draw from: softmax(logits / temperature), with
    /// everything outside the top k and the top-p nucleus set to zero and the rest renormalised.
    public static func probabilities(_ logits: [Float], options: SamplingOptions) -> [Float] {
        precondition(!logits.isEmpty, "no logits to sample from")
        let scaled = logits.map { $0 / options.temperature }
        let largest = scaled.max()!
        var probabilities = scaled.map { expf($0 - largest) }
        let order = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }
        var keep = order.count
        if let k = options.topK { keep = min(keep, max(1, k)) }
        if let p = options.topP {
            let total = probabilities.reduce(0, +)
            var cumulative: Float = 0
            for (rank, index) in order.prefix(keep).enumerated() {
                cumulative += probabilities[index] / total
                if cumulative >= p { keep = rank + 1; break }
            }
        }
        for index in order.dropFirst(keep) { probabilities[index] = 0 }
        let total = probabilities.reduce(0, +)
        return probabilities.map { $0 / total }
    }

    /// Draws the next token id.
    public static func sample(_ logits: [Float], options: SamplingOptions, rng: inout SplitMix64) -> Int {
        if options.greedy { return logits.indices.max { logits[$0] < logits[$1] }! }
        return rng.nextCategorical(probabilities(logits, options: options))
    }
}

extension GPT {
    /// Generates up to `maxNewTokens` after `prompt` with the KV cache, stopping early at any
    /// of `stopTokens` (which is not included) or at the context length.
    ///
    /// Example:
    /// ```swift
    /// let ids = model.generate(prompt: tokenizer.encode("Once upon a time"), maxNewTokens: 60,
    ///                          options: SamplingOptions(temperature: 0.8, topK: 40), rng: &rng,
    ///                          stopTokens: [tokenizer.id(ofSpecialToken: "<|endoftext|>")!])
    /// ```
    public func generate(prompt: [Int], maxNewTokens: Int, options: SamplingOptions, rng: inout SplitMix64,
                         stopTokens: Set<Int> = []) -> [Int] {
        precondition(!prompt.isEmpty, "generation needs a prompt of at least one token")
        let wasTraining = isTraining
        isTraining = false
        defer { isTraining = wasTraining }
        let cache = KeyValueCache(config: config)
        var logits: [Float] = []
        for id in prompt.suffix(config.contextLength) { logits = nextTokenLogits(after: id, cache: cache) }
        var generated: [Int] = []
        while generated.count < maxNewTokens {
            let next = Sampler.sample(logits, options: options, rng: &rng)
            if stopTokens.contains(next) { break }
            generated.append(next)
            guard cache.count < config.contextLength else { break }
            logits = nextTokenLogits(after: next, cache: cache)
        }
        return generated
    }
}
