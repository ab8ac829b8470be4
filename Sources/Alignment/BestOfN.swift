import Engine
import Foundation
import Transformers

// MARK: - Best-of-n: the baseline without training

/// Sample n responses, keep the one the reward model likes best. No weights change; the cost
/// is n samples per answer at inference time. Its KL to the policy it samples from is known
/// in closed form (Stiennon et al. 2020, appendix; Gao et al. 2022): for n distinct samples,
///
///     KL(best-of-n ‖ π) = log n − (n − 1)/n
///
/// (an upper bound when samples repeat), so best-of-n places on a reward–KL frontier with
/// no estimate at all.
///
/// Example:
/// ```swift
/// BestOfN.analyticKL(n: 16)   // log 16 − 15/16 ≈ 1.835 nats
/// ```
public enum BestOfN {
    /// log n − (n − 1)/n, in nats.
    public static func analyticKL(n: Int) -> Double {
        precondition(n >= 1, "best-of-n needs n ≥ 1")
        return Foundation.log(Double(n)) - Double(n - 1) / Double(n)
    }

    /// The index of the highest score (the first on a tie).
    public static func bestIndex(_ scores: [Float]) -> Int {
        precondition(!scores.isEmpty, "best-of-n needs at least one candidate")
        return scores.indices.reduce(0) { scores[$1] > scores[$0] ? $1 : $0 }
    }

    /// For each prompt, n responses sampled in one batch with the cache, scored, the best kept.
    ///
    /// - Parameters:
    ///   - generators: one per prompt; prompt p's n candidates draw from n generators seeded
    ///     by `generators[p]`, so a prompt's candidates do not depend on the other prompts.
    ///   - score: as in `PPOTrainer.step`.
    /// - Returns: per prompt, the chosen response and its score.
    public static func sample(
        policy: GPT, prompts: [[Int]], n: Int, maxNewTokens: Int,
        generators: inout [SplitMix64], stopTokens: Set<Int>,
        score: (_ prompts: [[Int]], _ responses: [[Int]]) -> [Float]
    )
        -> [(response: [Int], score: Float)]
    {
        precondition(n >= 1 && generators.count == prompts.count, "n ≥ 1, and one generator per prompt")
        let repeated = prompts.flatMap { Array(repeating: $0, count: n) }  // B·n, prompt-major
        var candidateGenerators = generators.indices.flatMap { p in
            (0..<n).map { _ in SplitMix64(seed: generators[p].next()) }
        }
        let responses = Rollouts.sample(
            policy: policy, prompts: repeated, maxNewTokens: maxNewTokens,
            generators: &candidateGenerators, stopTokens: stopTokens)
        let scores = score(repeated, responses)
        return prompts.indices.map { p in
            let range = (p * n)..<((p + 1) * n)
            let best = range.lowerBound + bestIndex(Array(scores[range]))
            return (responses[best], scores[best])
        }
    }
}
