import Engine
import Transformers

// MARK: - DPO: preferences straight into the policy

/// Direct preference optimisation (Rafailov et al. 2023): the RLHF objective — maximise reward
/// minus β·KL to the reference — has a closed-form optimum π*(y|x) ∝ π_ref(y|x)·exp(r(x,y)/β),
/// so the reward is β·log(π*/π_ref) up to a term of x alone; put that into the Bradley–Terry
/// likelihood and the partition function cancels:
///
///     loss = −mean log σ(β·[(log π(y_w) − log π_ref(y_w)) − (log π(y_l) − log π_ref(y_l))])
///
/// with y_w the chosen and y_l the rejected response, log-probabilities summed over the
/// response tokens. No reward model, no sampling: a classification loss on the pairs.
/// β·(log π(y) − log π_ref(y)) is the "implicit reward" of y; TRL logs its accuracy and margin.
///
/// Gradient with respect to log π(y_w): −β·σ(−βm)/B (and +β·σ(−βm)/B for y_l), m the margin
/// in brackets: pairs the policy already orders strongly teach little, as in the reward
/// model's loss — DPO IS that loss, on implicit rewards.
public enum DPO {
    /// TRL's `DPOConfig(beta=0.1)`.
    public static let defaultBeta: Float = 0.1

    /// The DPO loss of a batch.
    ///
    /// - Parameters:
    ///   - policyChosen, policyRejected: `[B]` log π(y_w), log π(y_l) (with gradient).
    ///   - referenceChosen, referenceRejected: `[B]` log π_ref of the same (constants).
    ///   - beta: β.
    // listing: dpo-loss
    public static func loss(
        policyChosen: Tensor, policyRejected: Tensor, referenceChosen: Tensor,
        referenceRejected: Tensor, beta: Float = defaultBeta
    ) -> Tensor {
        let margin = (policyChosen - referenceChosen) - (policyRejected - referenceRejected)  // [B]
        return -margin.scaled(by: beta).logSigmoid().mean()
    }
    // listing: end
}

/// The reference's summed log-probabilities of both sides of every pair, computed once:
/// the reference never changes, so neither do they (TRL's `precompute_ref_log_probs`).
public struct ReferenceLogProbabilities: Sendable {
    public let chosen: [Float]
    public let rejected: [Float]

    public init(reference: ReferenceModel, pairs: [PreferenceExample], padding: Int, batchSize: Int = 32) {
        var chosen: [Float] = [], rejected: [Float] = []
        Tensor.withoutGradient {
            for start in stride(from: 0, to: pairs.count, by: batchSize) {
                let chunk = Array(pairs[start..<min(start + batchSize, pairs.count)])
                let sums = reference.model.sequenceLogProbabilities(PreferenceExample.batch(chunk, padding: padding))
                    .scalars
                chosen += sums[0..<chunk.count]
                rejected += sums[chunk.count...]
            }
        }
        self.chosen = chosen
        self.rejected = rejected
    }
}

extension Trainer {
    /// DPO fine-tuning of whatever is trainable in `policy` on labelled pairs: each step reads
    /// `batchSize` pairs in epoch order, computes log π of chosen and rejected answers in one
    /// forward pass of 2·batchSize rows, and minimises `DPO.loss` against the reference's
    /// log-probabilities, precomputed once.
    ///
    /// Example:
    /// ```swift
    /// let trainer = Trainer.dpo(policy, reference: ReferenceModel(copying: sft), pairs: pairs, batchSize: 16,
    ///                           padding: endID, beta: 0.1,
    ///                           settings: TrainingSettings(learningRate: 1e-4, steps: 200), seed: 4)
    /// ```
    public static func dpo(
        _ policy: any LanguageModel, reference: ReferenceModel, pairs: [PreferenceExample],
        batchSize: Int, padding: Int, beta: Float = DPO.defaultBeta, settings: TrainingSettings,
        seed: UInt64
    ) -> Trainer {
        let referenceLogProbabilities = ReferenceLogProbabilities(reference: reference, pairs: pairs, padding: padding)
        let order = EpochOrder(count: pairs.count, seed: seed)
        return Trainer(model: policy, settings: settings, seed: seed) { draw in
            policy.isTraining = false  // the reference saw no dropout; neither does the policy
            let indices = order.indices(step: draw.step, batchSize: batchSize)
            let sums = policy.sequenceLogProbabilities(
                PreferenceExample.batch(
                    indices.map { pairs[$0] },
                    padding: padding))  // [2B]
            let size = indices.count
            return DPO.loss(
                policyChosen: sums.sliced(alongAxis: 0, range: 0..<size),
                policyRejected: sums.sliced(alongAxis: 0, range: size..<(2 * size)),
                referenceChosen: Tensor(
                    shape: [size],
                    scalars: indices.map {
                        referenceLogProbabilities.chosen[$0]
                    }),
                referenceRejected: Tensor(
                    shape: [size],
                    scalars: indices.map {
                        referenceLogProbabilities.rejected[$0]
                    }),
                beta: beta)
        }
    }
}
