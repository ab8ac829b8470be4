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
public final class PromptTunedGPT: Layer {
    /// The frozen model.
    public let model: GPT
    /// P, `[n, d]`.
    public let softPrompt: Tensor

    /// - Parameters:
    ///   - model: frozen here.
    ///   - promptLength: n, the number of soft tokens.
    ///   - initialTokens: ids whose embeddings start the n vectors (cycled if fewer).
    public init(model: GPT, promptLength: Int, initialTokens: [Int]) {
        precondition(promptLength >= 1 && !initialTokens.isEmpty, "a soft prompt needs at least one vector and one initial token")
        self.model = model
        model.setTrainable(false)
        let ids = (0..<promptLength).map { initialTokens[$0 % initialTokens.count] }
        softPrompt = Tensor.withoutGradient { model.tokenEmbedding(ids) }.detached()   // [n, d]
        softPrompt.requiresGradient = true
    }

    /// n.
    public var promptLength: Int { softPrompt.shape[0] }

    /// Logits `[B, T, V]` for the real tokens only (the soft prompt's positions are dropped).
    public func callAsFunction(_ ids: [Int], batch: Int) -> Tensor {
        let time = ids.count / batch, width = model.config.width, n = promptLength
        precondition(n + time <= model.config.contextLength,
                     "\(n) soft tokens + \(time) tokens exceed context \(model.config.contextLength)")
        let tokens = model.tokenEmbedding(ids).reshaped([batch, time, width])           // [B, T, d]
        // [n, d] → [B, n, d] by concatenating B copies (the gradient flows back into each)
        let prompts = Tensor.concatenate(Array(repeating: softPrompt.reshaped([1, n, width]), count: batch), alongAxis: 0)
        var x = Tensor.concatenate([prompts, tokens], alongAxis: 1)                      // [B, n + T, d]
        x = x + model.positionEmbedding(Array(0..<(n + time)))
        for block in model.blocks { x = block(x) }
        let hidden = model.finalNorm(x).sliced(alongAxis: 1, range: n..<(n + time))     // [B, T, d]
        if let head = model.head { return head(hidden) }
        return hidden.matmul(model.tokenEmbedding.table, transposingRight: true)
    }

    /// The mean next-token cross-entropy, as `GPT.loss`.
    public func loss(_ ids: [Int], targets: [Int], batch: Int, ignoreIndex: Int? = nil) -> Tensor {
        let logits = self(ids, batch: batch).reshaped([ids.count, model.config.vocabularySize])
        return Tensor.crossEntropy(logits: logits, targets: targets, ignoreIndex: ignoreIndex)
    }

    public func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        model.namedParameters(prefix: prefix) + [(parameterName(prefix, "softPrompt"), softPrompt)]
    }
}
