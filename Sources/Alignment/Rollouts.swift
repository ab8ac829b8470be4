import Engine
import Transformers

// MARK: - Sampling responses from the policy

/// Sampling B responses at once with the batched KV cache — the "rollouts" of PPO, the
/// candidates of best-of-n, the pairs a labeller compares.
///
/// A response keeps its stop token when one was drawn (the reward model, the log-probabilities
/// and the KL all see the model decide to stop); a response cut at `maxNewTokens` has none.
/// Sampling must be plain (temperature 1, no top-k or top-p) for PPO: its log-probabilities
/// are those of the distribution the tokens were drawn from.
///
/// Example:
/// ```swift
/// var generators = (0..<prompts.count).map { SplitMix64(seed: 100 + UInt64($0)) }
/// let responses = Rollouts.sample(policy: policy, prompts: prompts, maxNewTokens: 40,
///                                 generators: &generators, stopTokens: [endID])
/// ```
public enum Rollouts {
    /// B responses, one batched forward pass per new token (`GPT.generate` with its cache).
    ///
    /// - Parameters:
    ///   - prompts: B prompts; each prompt + `maxNewTokens` must fit the context (a kept stop
    ///     token counts among the new tokens), so the whole row fits one teacher-forced pass
    ///     afterwards and only the limit or a stop token ends a response.
    ///   - options: plain sampling by default; `.greedy` for deterministic answers.
    ///   - generators: one per prompt; row b draws from `generators[b]` only.
    ///   - stopTokens: none, or the one token that ends a response (kept at its end).
    public static func sample(
        policy: GPT, prompts: [[Int]], maxNewTokens: Int,
        options: SamplingOptions = SamplingOptions(), generators: inout [SplitMix64],
        stopTokens: Set<Int>
    ) -> [[Int]] {
        checkRoom(policy: policy, prompts: prompts, maxNewTokens: maxNewTokens)
        precondition(stopTokens.count <= 1, "Rollouts keep the stop token; pass at most one")
        let generated = policy.generate(
            prompts: prompts, maxNewTokens: maxNewTokens, options: options,
            generators: &generators, stopTokens: stopTokens)
        guard let stop = stopTokens.first else { return generated }
        // Context never binds (checked above), so a response shorter than the limit ended at
        // the stop token, which `generate` drops: it goes back on.
        return generated.map { $0.count < maxNewTokens ? $0 + [stop] : $0 }
    }

    /// The same responses as `sample`, computed the slow way: for every new token, a full
    /// forward pass over the prompt and everything generated so far, no cache. For tests and
    /// for the reader: it is what the cache must reproduce, token for token.
    public static func sampleWithoutCache(
        policy: GPT, prompts: [[Int]], maxNewTokens: Int,
        options: SamplingOptions = SamplingOptions(),
        generators: inout [SplitMix64], stopTokens: Set<Int>
    ) -> [[Int]] {
        checkRoom(policy: policy, prompts: prompts, maxNewTokens: maxNewTokens)
        precondition(stopTokens.count <= 1, "Rollouts keep the stop token; pass at most one")
        precondition(generators.count == prompts.count, "\(prompts.count) prompts need as many generators")
        let wasTraining = policy.isTraining
        policy.isTraining = false
        defer { policy.isTraining = wasTraining }
        let vocabulary = policy.config.vocabularySize
        return Tensor.withoutGradient {
            prompts.indices.map { row in
                var response: [Int] = []
                while response.count < maxNewTokens {
                    let ids = prompts[row] + response
                    let logits = policy(ids, batch: 1)  // [1, T, V]
                    let last = Array(logits.scalars.suffix(vocabulary))
                    let token = Sampler.sample(last, options: options, rng: &generators[row])
                    response.append(token)
                    if stopTokens.contains(token) { break }
                }
                return response
            }
        }
    }

    private static func checkRoom(policy: GPT, prompts: [[Int]], maxNewTokens: Int) {
        precondition(maxNewTokens > 0, "a rollout needs room for at least one token")
        let longest = prompts.map(\.count).max() ?? 0
        precondition(
            longest + maxNewTokens <= policy.config.contextLength,
            "a prompt of \(longest) tokens + \(maxNewTokens) new tokens exceed the context "
                + "\(policy.config.contextLength); shorten the prompts or maxNewTokens")
    }
}
