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
    // listing: sampling-probabilities
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
    // listing: end

    /// Draws the next token id.
    public static func sample(_ logits: [Float], options: SamplingOptions, rng: inout SplitMix64) -> Int {
        if options.greedy { return logits.withUnsafeBufferPointer { Tensor.argmax($0.baseAddress!, count: $0.count) } }
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
    ///
    /// - Parameter onToken: called with each token as soon as it is drawn (for streaming).
    public func generate(
        prompt: [Int], maxNewTokens: Int, options: SamplingOptions, rng: inout SplitMix64,
        stopTokens: Set<Int> = [], onToken: (Int) -> Void = { _ in }
    ) -> [Int] {
        var generators = [rng]
        defer { rng = generators[0] }
        return generate(
            prompts: [prompt], maxNewTokens: maxNewTokens, options: options, generators: &generators,
            stopTokens: stopTokens, onToken: { onToken($1) })[0]
    }

    /// Generates after several prompts at once: each prompt fills its own row of one cache,
    /// then every step is one batched forward pass of one token per unfinished row.
    ///
    /// Row b draws from `generators[b]` only, so B prompts generated together give exactly
    /// what each gives generated alone with the same generator.
    ///
    /// - Parameters:
    ///   - prompts: B non-empty prompts (longer than the context: the last `contextLength` tokens).
    ///   - generators: one per prompt; advanced by the draws.
    ///   - reservedPositions: positions of every row that `prefill` fills before the prompt's
    ///     own tokens (prompt tuning's soft prompt); the prompt is cut to fit beside them.
    ///   - prefill: runs one prompt's ids into row `row` of the cache and returns their logits
    ///     `[1, T, V]`; the plain model's forward pass when nil. A method that changes what
    ///     enters the model (prompt tuning) passes its own, so generation knows nothing of it.
    ///   - onToken: called with (row, token) as soon as a token is drawn.
    /// - Returns: B continuations, each without its stop token.
    public func generate(
        prompts: [[Int]], maxNewTokens: Int, options: SamplingOptions,
        generators: inout [SplitMix64], stopTokens: Set<Int> = [], reservedPositions: Int = 0,
        prefill: ((_ ids: [Int], _ cache: KeyValueCache, _ row: Int) -> Tensor)? = nil,
        onToken: (_ row: Int, _ token: Int) -> Void = { _, _ in }
    ) -> [[Int]] {
        precondition(!prompts.isEmpty && prompts.allSatisfy { !$0.isEmpty }, "generation needs non-empty prompts")
        precondition(generators.count == prompts.count, "\(prompts.count) prompts need as many generators")
        guard maxNewTokens > 0 else { return prompts.map { _ in [] } }
        let wasTraining = isTraining
        isTraining = false
        defer { isTraining = wasTraining }
        let room = config.contextLength - reservedPositions
        precondition(room > 0, "the reserved positions fill the whole context")
        // listing: sampling-loop
        let cache = KeyValueCache(config: self.config, rows: prompts.count)
        // Prefill: each prompt in its own row, all its tokens in one pass.
        var lastLogits: [[Float]] = prompts.enumerated().map { row, prompt in
            let ids = Array(prompt.suffix(room))
            let logits = prefill?(ids, cache, row) ?? self(ids, batch: 1, cache: cache, rows: [row])  // [1, T, V]
            return Array(logits.scalars.suffix(config.vocabularySize))
        }
        var generated = [[Int]](repeating: [], count: prompts.count)
        var active = Array(prompts.indices)
        while !active.isEmpty {
            var continuing: [Int] = [], next: [Int] = []
            for row in active {
                let token = Sampler.sample(lastLogits[row], options: options, rng: &generators[row])
                if stopTokens.contains(token) { continue }
                generated[row].append(token)
                onToken(row, token)
                guard generated[row].count < maxNewTokens, cache.remaining(inRow: row) > 0 else { continue }
                continuing.append(row)
                next.append(token)
            }
            active = continuing
            guard !active.isEmpty else { break }
            let logits = self(next, batch: active.count, cache: cache, rows: active)  // [B', 1, V]
            // listing: elide
            let vocabulary = config.vocabularySize
            for (index, row) in active.enumerated() {
                let rowLogits = UnsafeBufferPointer(start: logits.pointer + index * vocabulary, count: vocabulary)
                lastLogits[row] = Array(rowLogits)
            }
            // listing: resume
        }
        return generated
        // listing: end
    }
}
