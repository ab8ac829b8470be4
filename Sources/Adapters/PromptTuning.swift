import Engine
import Transformers

// MARK: - Additive: trainable soft-prompt vectors before the input

/// Prompt tuning (Lester et al. 2021): the whole model stays frozen; n trainable vectors are
/// put in front of every input's token embeddings, a "soft prompt" no tokenizer could write.
///
///     x = [P; E[ids]] + positions       P: [n, d], the only trainable tensor
///
/// The vectors start as copies of real tokens' embeddings (Lester et al. found that better
/// than random). They take n positions of the context, and the loss ignores their outputs.
///
/// Example:
/// ```swift
/// let tuned = PromptTunedGPT(model: gpt, promptLength: 8, initialTokens: someIDs)
/// let loss = tuned.loss(ids, targets: targets, batch: 8, ignoreIndex: -1)
/// ```
public final class PromptTunedGPT: LanguageModel {
    /// The frozen model.
    public let model: GPT
    /// P, `[n, d]`.
    public let softPrompt: Tensor

    /// - Parameters:
    ///   - model: frozen here.
    ///   - promptLength: n, the number of soft tokens.
    ///   - initialTokens: ids whose embeddings start the n vectors (cycled if fewer).
    public init(model: GPT, promptLength: Int, initialTokens: [Int]) {
        precondition(promptLength >= 1 && !initialTokens.isEmpty,
                     "a soft prompt needs at least one vector and one initial token")
        self.model = model
        model.setTrainable(false)
        let ids = (0..<promptLength).map { initialTokens[$0 % initialTokens.count] }
        softPrompt = Tensor.withoutGradient { model.tokenEmbedding(ids) }.detached()   // [n, d]
        softPrompt.requiresGradient = true
    }

    /// n.
    public var promptLength: Int { softPrompt.shape[0] }
    public var vocabularySize: Int { model.config.vocabularySize }
    /// The frozen model's dropout switch.
    public var isTraining: Bool {
        get { model.isTraining }
        set { model.isTraining = newValue }
    }

    /// `self(ids, batch: batch)`.
    public func logits(_ ids: [Int], batch: Int) -> Tensor { self(ids, batch: batch) }

    /// Logits `[B, T, V]` for the real tokens only (the soft prompt's positions are dropped):
    /// the model's own forward pass with the soft prompt as its prefix.
    public func callAsFunction(_ ids: [Int], batch: Int) -> Tensor {
        model(ids, batch: batch, prefix: softPrompt)
    }

    /// The mean next-token cross-entropy, as `GPT.loss`.
    public func loss(_ ids: [Int], targets: [Int], batch: Int, ignoreIndex: Int? = nil) -> Tensor {
        model.loss(ids, targets: targets, batch: batch, ignoreIndex: ignoreIndex, prefix: softPrompt)
    }

    /// Generation behind the soft prompt, with the KV cache (see `GPT.generate`).
    public func generate(prompt: [Int], maxNewTokens: Int, options: SamplingOptions, rng: inout SplitMix64,
                         stopTokens: Set<Int> = []) -> [Int] {
        model.generate(prompt: prompt, maxNewTokens: maxNewTokens, options: options, rng: &rng,
                       stopTokens: stopTokens, prefix: softPrompt.detached())
    }

    public func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        model.namedParameters(prefix: prefix) + [(parameterName(prefix, "softPrompt"), softPrompt)]
    }
}
