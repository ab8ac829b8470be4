import Engine
import Transformers

/// Prompt tuning (Lester et al. 2021) as a `FineTuningMethod`: `length` trainable vectors
/// before the input, started from the embeddings of `initialTokens` (see `PromptTunedGPT`).
public struct PromptTuning: FineTuningMethod {
    /// n, the soft prompt's length.
    public let length: Int
    /// The ids whose embeddings start the soft prompt (cycled if fewer than n).
    public let initialTokens: [Int]
    public init(length: Int, initialTokens: [Int]) {
        precondition(length >= 1 && !initialTokens.isEmpty, "a soft prompt needs a vector and an initial token")
        self.length = length
        self.initialTokens = initialTokens
    }
    public var id: MethodID { MethodID("prompt-\(length)") }
    public var name: String { "prompt tuning (\(length) vectors)" }
    public var family: MethodFamily { .additive }
    /// The model under the soft prompt stays frozen.
    public var changesBaseWeights: Bool { false }

    public func prepare(_ base: GPT, rng: inout SplitMix64) -> any LanguageModel {
        PromptTunedGPT(model: base, promptLength: length, initialTokens: initialTokens)
    }
}
