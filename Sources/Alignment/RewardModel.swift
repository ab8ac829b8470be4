import Engine
import Transformers

// MARK: - A GPT with a scalar head: reward model and value model

/// A GPT whose language-model head is replaced by one number: a linear map from the final
/// hidden state to a scalar. InstructGPT's reward model (Ouyang et al. 2022, §3.5) starts
/// from the SFT model this way; so does a value model.
///
/// The reward of a conversation is read at its LAST non-padding token, the only position
/// that has seen the whole prompt and response (attention is causal).
///
/// Example:
/// ```swift
/// let rewardModel = RewardModel(copying: sft, rng: &rng)
/// let scores = rewardModel.scores(ResponseBatch(prompts: prompts, responses: responses, padding: endID))   // [B]
/// ```
public final class RewardModel: Layer {
    /// The transformer, a copy of the model it was made from.
    public let body: GPT
    /// `[C] → [1]`.
    public let head: Linear

    /// A reward model whose body copies `model` (which is left untouched) and whose head is new.
    public init(copying model: GPT, rng: inout SplitMix64) {
        body = model.copied()
        body.setTrainable(true)
        body.isTraining = false
        head = Linear(inputDimensions: model.config.width, outputDimensions: 1, rng: &rng)
    }

    /// r(x, y) for every row: the head on the hidden state of the row's last real token.
    /// `[B]`; differentiable.
    public func scores(_ batch: ResponseBatch) -> Tensor {
        let hidden = body.hiddenStates(batch.tokens, batch: batch.size)  // [B, T, C]
        return head(hidden.vectors(atPositions: batch.lastTokenIndices))  // [B, 1]
            .reshaped([batch.size])  // [B]
    }

    public func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        body.namedParameters(prefix: parameterName(prefix, "body"))
            + head.namedParameters(prefix: parameterName(prefix, "head"))
    }
}

// MARK: - The Bradley–Terry loss and pair accuracy

/// The reward model's objective and its held-out measures.
public enum BradleyTerry {
    /// loss = −mean log σ(r(chosen) − r(rejected)): the negative log-likelihood of the labels
    /// under the Bradley–Terry model P(chosen ≻ rejected) = σ(r_c − r_r) (InstructGPT eq. 1;
    /// TRL's `RewardTrainer`).
    ///
    /// Gradient: ∂loss/∂r_c = −σ(r_r − r_c)/B = −(1 − P)/B, and the opposite for r_r: pairs the
    /// model already orders confidently teach little.
    ///
    /// - Parameters: `chosen`, `rejected`: `[B]` scores of the two answers of each pair.
    // listing: bradley-terry
    public static func loss(chosen: Tensor, rejected: Tensor) -> Tensor {
        -(chosen - rejected).logSigmoid().mean()
    }
    // listing: end

    /// The share of pairs whose chosen answer scores higher (a tie counts half).
    public static func accuracy(chosen: [Float], rejected: [Float]) -> Double {
        precondition(chosen.count == rejected.count && !chosen.isEmpty, "accuracy needs pairs")
        let total = zip(chosen, rejected).reduce(0.0) { $0 + ($1.0 > $1.1 ? 1 : ($1.0 == $1.1 ? 0.5 : 0)) }
        return total / Double(chosen.count)
    }
}
