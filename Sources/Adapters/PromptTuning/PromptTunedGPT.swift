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
        precondition(
            promptLength >= 1 && !initialTokens.isEmpty,
            "a soft prompt needs at least one vector and one initial token")
        self.model = model
        model.setTrainable(false)
        let ids = (0..<promptLength).map { initialTokens[$0 % initialTokens.count] }
        softPrompt = Tensor.withoutGradient { model.tokenEmbedding(ids) }.detached()  // [n, d]
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

    /// Logits `[B, T, V]` for the real tokens only (the soft prompt's positions are dropped).
    /// The GPT knows nothing of the soft prompt: it is put in front of the token embeddings
    /// here and the model runs on embeddings, as transformers' `inputs_embeds`.
    public func callAsFunction(_ ids: [Int], batch: Int) -> Tensor {
        let time = ids.count / max(batch, 1)
        let hidden = model.hiddenStates(embeddings: withSoftPrompt(model.tokenEmbeddings(ids, batch: batch)))
        return model.logits(fromHidden: hidden.sliced(alongAxis: 1, range: promptLength..<(promptLength + time)))
    }

    /// `[B, T, C] → [B, n + T, C]`: B copies of P in front of the token embeddings (the
    /// gradient flows back into P from each copy).
    private func withSoftPrompt(_ tokens: Tensor, prompt: Tensor? = nil) -> Tensor {
        let batch = tokens.shape[0], width = tokens.shape[2]
        let copies = Array(repeating: (prompt ?? softPrompt).reshaped([1, promptLength, width]), count: batch)
        return Tensor.concatenate([Tensor.concatenate(copies, alongAxis: 0), tokens], alongAxis: 1)
    }

    /// The mean next-token cross-entropy, as `GPT.loss`.
    public func loss(_ ids: [Int], targets: [Int], batch: Int, ignoreIndex: Int? = nil) -> Tensor {
        precondition(ids.count == targets.count, "\(ids.count) inputs but \(targets.count) targets")
        let logits = self(ids, batch: batch).reshaped([ids.count, vocabularySize])
        return Tensor.crossEntropy(logits: logits, targets: targets, ignoreIndex: ignoreIndex)
    }

    /// Generation behind the soft prompt, with the KV cache (see `GPT.generate`): each prompt
    /// enters its cache row behind P, then decoding is the plain model's.
    public func generate(
        prompt: [Int], maxNewTokens: Int, options: SamplingOptions, rng: inout SplitMix64,
        stopTokens: Set<Int> = []
    ) -> [Int] {
        var generators = [rng]
        defer { rng = generators[0] }
        let soft = softPrompt.detached(), n = promptLength
        return model.generate(
            prompts: [prompt], maxNewTokens: maxNewTokens,
            options: options, generators: &generators, stopTokens: stopTokens,
            reservedPositions: n
        ) { ids, cache, row in
            let hidden = self.model.hiddenStates(
                embeddings: self.withSoftPrompt(self.model.tokenEmbeddings(ids, batch: 1), prompt: soft),
                cache: cache, rows: [row])
            return self.model.logits(fromHidden: hidden.sliced(alongAxis: 1, range: n..<(n + ids.count)))
        }[0]
    }

    public func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        model.namedParameters(prefix: prefix) + [(parameterName(prefix, "softPrompt"), softPrompt)]
    }
}
