import Engine
import Transformers

// MARK: - log π(response | prompt): per token and summed

extension LanguageModel {
    /// log π(yₖ | x, y<ₖ) for every response token, in place: `[B, T]`, position P − 1 + k of
    /// row b holding token k's log-probability and every other position 0 (the prompt, the
    /// padding and the last position are masked, so they neither count nor get a gradient).
    ///
    /// One teacher-forced forward pass of all B rows; differentiable when called with
    /// gradients on (the policy in PPO and DPO), cheap inside `Tensor.withoutGradient` (the
    /// reference, and the "old" log-probabilities of a rollout).
    ///
    /// - Parameter batch: prompt + response rows.
    /// - Returns: `[B, T]`.
    public func responseLogProbabilities(_ batch: ResponseBatch) -> Tensor {
        let logits = self.logits(batch.tokens, batch: batch.size)  // [B, T, V]
            .reshaped([batch.size * batch.length, vocabularySize])  // [B·T, V]
        return Tensor.tokenLogProbabilities(
            logits: logits, targets: batch.responseTargets,
            ignoreIndex: ResponseBatch.ignoreIndex
        )  // [B·T]
        .reshaped([batch.size, batch.length])  // [B, T]
    }

    /// log π(y | x) = Σₖ log π(yₖ | x, y<ₖ), summed over the RESPONSE tokens only: `[B]`.
    /// What DPO compares between policy and reference, for the chosen and the rejected answer.
    public func sequenceLogProbabilities(_ batch: ResponseBatch) -> Tensor {
        responseLogProbabilities(batch).sum(alongAxis: 1)  // [B, T] → [B]
    }
}
