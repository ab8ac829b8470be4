import Engine
import Transformers

// MARK: - PPO as InstructGPT and TRL run it

/// Proximal policy optimisation of a language model against a reward, on a KL leash to a
/// frozen reference (Ziegler et al. 2019; Stiennon et al. 2020; Ouyang et al. 2022; TRL's
/// `PPOTrainer`). One `step`:
///
/// 1. **Rollouts.** Sample a response to every prompt with the batched KV cache; score each
///    (prompt, response) — with the reward model in RLHF.
/// 2. **Experience**, without gradients: one teacher-forced pass of the policy gives each
///    response token's log π_old and the value head's V; one pass of the reference gives
///    log π_ref. (TRL too recomputes log π_old with a forward pass rather than keep the
///    sampler's numbers, so the first epoch starts at ratio exactly 1.)
/// 3. **Rewards per token**: rₖ = −β·(log π_old − log π_ref) on every token (the k1 estimate of
///    the KL, see `KLEstimate`), plus the score on the last token.
/// 4. **Advantages**: GAE (γ = 1, λ = 0.95) per response, then whitened over the batch; the
///    returns A + V are the value head's targets.
/// 5. **Optimisation**: `epochs` passes over the rollouts in shuffled minibatches; each
///    minimises the clipped policy loss + 0.1 × the clipped value loss (`PPOObjective`).
/// 6. **β** is updated by the controller (no change when fixed).
///
/// The value head is a linear map on the policy's own final hidden states (`hiddenStates`),
/// so one forward pass gives both logits and values (TRL's `AutoModelForCausalLMWithValueHead`).
/// It starts at zero: values 0, and no value gradient reaches the transformer until the head
/// has learned something. Dropout is off throughout: the log-probabilities of sampling and
/// of training must be those of the same function.
///
/// Why PPO calls the optimizer itself rather than `Trainer`: a `Trainer` step is one loss on
/// one batch it draws. A PPO step is rollouts, then several epochs of minibatch updates on
/// those same rollouts, with the experience (log π_old, values, advantages) fixed in between
/// — many losses per batch, computed from data the step itself produced. The loop over
/// epochs and minibatches is that structure, written out once, here.
///
/// Example:
/// ```swift
/// let ppo = PPOTrainer(policy: policy, reference: ReferenceModel(copying: sft), settings: settings, seed: 1)
/// let report = ppo.step(prompts: prompts, generators: &generators) { prompts, responses in
///     rewardModel.scores(prompts: prompts, responses: responses, padding: endID)
/// }
/// print(report.meanScore, report.meanKL)
/// ```
public final class PPOTrainer {
    /// π, trained in place.
    public let policy: GPT
    /// V: `[C] → [1]` on the policy's final hidden states.
    public let valueHead: Linear
    /// π_ref, frozen.
    public let reference: ReferenceModel
    public let settings: PPOSettings
    /// β now.
    public var beta: Float { klController.beta }
    /// Steps taken.
    public private(set) var stepCount = 0
    private var klController: KLController
    private let optimizer: AdamW
    private var shuffler: SplitMix64

    /// - Parameters:
    ///   - policy: the model to train (usually a copy of the SFT model; its trainable
    ///     parameters are trained, so LoRA-wrapped works too).
    ///   - reference: the frozen SFT model.
    ///   - seed: fixes the minibatch order (sampling draws from the caller's generators).
    public init(policy: GPT, reference: ReferenceModel, settings: PPOSettings, seed: UInt64) {
        self.policy = policy
        self.reference = reference
        self.settings = settings
        var rng = SplitMix64(seed: seed)
        valueHead = Linear(inputDimensions: policy.config.width, outputDimensions: 1, rng: &rng)
        for parameter in valueHead.parameters { parameter.assign(Tensor.zeros(parameter.shape)) }
        shuffler = rng
        klController = KLController(settings.klControl)
        optimizer = AdamW(
            parameters: policy.trainableParameters + valueHead.parameters,
            learningRate: settings.learningRate, weightDecay: 0)
        policy.isTraining = false
    }

    /// One PPO step on `prompts`: rollouts, experience, `epochs` passes of updates, β update.
    ///
    /// - Parameters:
    ///   - prompts: B prompts (prompt + `maxNewTokens` must fit the context).
    ///   - generators: one per prompt; advanced by the sampling.
    ///   - score: the scalar reward of each (prompt, response), e.g. the reward model's.
    @discardableResult
    public func step(
        prompts: [[Int]], generators: inout [SplitMix64],
        score: (_ prompts: [[Int]], _ responses: [[Int]]) -> [Float]
    ) -> PPOStepReport {
        policy.isTraining = false
        let responses = Rollouts.sample(
            policy: policy, prompts: prompts, maxNewTokens: settings.maxNewTokens,
            generators: &generators, stopTokens: Set(settings.stopToken.map { [$0] } ?? []))
        let scores = score(prompts, responses)
        precondition(scores.count == prompts.count, "score gave \(scores.count) numbers for \(prompts.count) responses")
        let usedBeta = beta
        let experience = self.experience(prompts: prompts, responses: responses, scores: scores, beta: usedBeta)
        let losses = optimise(prompts: prompts, responses: responses, experience: experience)
        let kl = experience.map { row in
            zip(row.oldLogProbabilities, row.referenceLogProbabilities).reduce(Float(0)) {
                $0 + KLEstimate.k1(logProbability: $1.0, referenceLogProbability: $1.1)
            }
        }
        let k3 = experience.map { row in
            zip(row.oldLogProbabilities, row.referenceLogProbabilities).reduce(Float(0)) {
                $0 + KLEstimate.k3(logProbability: $1.0, referenceLogProbability: $1.1)
            }
        }
        klController.update(observedKL: kl.reduce(0, +) / Float(max(kl.count, 1)), sequences: prompts.count)
        stepCount += 1
        return PPOStepReport(
            step: stepCount, prompts: prompts, responses: responses, scores: scores,
            klPerSequence: kl, k3PerSequence: k3, beta: usedBeta, policyLoss: losses.policy,
            valueLoss: losses.value, clipFraction: losses.clipFraction)
    }

    /// log π of every position's target and the value at every position: `[B·T]` each.
    /// With gradients when called with gradients on.
    func forward(_ batch: ResponseBatch) -> (logProbabilities: Tensor, values: Tensor) {
        let hidden = policy.hiddenStates(batch.tokens, batch: batch.size)  // [B, T, C]
        let logits = policy.logits(fromHidden: hidden)
            .reshaped([batch.size * batch.length, policy.config.vocabularySize])  // [B·T, V]
        let logProbabilities = Tensor.tokenLogProbabilities(
            logits: logits, targets: batch.responseTargets,
            ignoreIndex: ResponseBatch.ignoreIndex)  // [B·T]
        let values = valueHead(hidden).reshaped([batch.size * batch.length])  // [B, T, 1] → [B·T]
        return (logProbabilities, values)
    }
}

// MARK: - Experience: what the rollouts are worth, token by token

/// One response's numbers, one entry per response token.
struct Experience {
    var oldLogProbabilities: [Float]
    var referenceLogProbabilities: [Float]
    var values: [Float]
    var advantages: [Float]
    var returns: [Float]
}

extension PPOTrainer {
    /// Steps 2–4: log π_old, log π_ref and V without gradients; per-token rewards; GAE;
    /// advantages whitened over every token of the batch.
    func experience(prompts: [[Int]], responses: [[Int]], scores: [Float], beta: Float) -> [Experience] {
        let batch = ResponseBatch(prompts: prompts, responses: responses, padding: settings.padding)
        let (policyOutput, referenceOutput) = Tensor.withoutGradient {
            (forward(batch), reference.model.responseLogProbabilities(batch))
        }
        let logProbabilities = policyOutput.logProbabilities.scalars, values = policyOutput.values.scalars
        let referenceLogProbabilities = referenceOutput.scalars
        // listing: ppo-experience
        var rows: [Experience] = batch.actionIndices.enumerated().map { row, indices in
            let old = indices.map { logProbabilities[$0] }, ref = indices.map { referenceLogProbabilities[$0] }
            let rowValues = indices.map { values[$0] }
            var rewards = zip(old, ref).map { -beta * KLEstimate.k1(logProbability: $0, referenceLogProbability: $1) }
            if !rewards.isEmpty { rewards[rewards.count - 1] += scores[row] }
            let (advantages, returns) = AdvantageEstimation.estimate(
                rewards: rewards, values: rowValues,
                gamma: settings.gamma, lambda: settings.lambda)
            return Experience(
                oldLogProbabilities: old, referenceLogProbabilities: ref, values: rowValues,
                advantages: advantages, returns: returns)
        }
        // listing: end
        let whitened = AdvantageEstimation.whitened(rows.flatMap(\.advantages))
        var offset = 0
        for row in rows.indices {
            let count = rows[row].advantages.count
            rows[row].advantages = Array(whitened[offset..<(offset + count)])
            offset += count
        }
        return rows
    }

    /// Step 5: `epochs` shuffled passes of minibatch updates. Returns the mean losses.
    func optimise(prompts: [[Int]], responses: [[Int]], experience: [Experience])
        -> (policy: Float, value: Float, clipFraction: Float)
    {
        var totals: (policy: Float, value: Float, clipFraction: Float) = (0, 0, 0)
        var updates = 0
        for _ in 0..<settings.epochs {
            var order = Array(prompts.indices)
            order.shuffle(using: &shuffler)
            for start in stride(from: 0, to: order.count, by: settings.miniBatchSize) {
                let rows = Array(order[start..<min(start + settings.miniBatchSize, order.count)])
                let result = update(rows: rows, prompts: prompts, responses: responses, experience: experience)
                totals.policy += result.policy
                totals.value += result.value
                totals.clipFraction += result.clipFraction
                updates += 1
            }
        }
        let n = Float(max(updates, 1))
        return (totals.policy / n, totals.value / n, totals.clipFraction / n)
    }

    /// One gradient step on the rows `rows` of the rollouts.
    private func update(rows: [Int], prompts: [[Int]], responses: [[Int]], experience: [Experience])
        -> (policy: Float, value: Float, clipFraction: Float)
    {
        let batch = ResponseBatch(
            prompts: rows.map { prompts[$0] }, responses: rows.map { responses[$0] },
            padding: settings.padding)
        let count = batch.size * batch.length
        var old = [Float](repeating: 0, count: count), oldValues = old, advantages = old, returns = old
        for (position, indices) in batch.actionIndices.enumerated() {
            let row = experience[rows[position]]
            for (k, index) in indices.enumerated() {
                old[index] = row.oldLogProbabilities[k]
                oldValues[index] = row.values[k]
                advantages[index] = row.advantages[k]
                returns[index] = row.returns[k]
            }
        }
        let mask = Tensor(shape: [count], scalars: batch.responseMask)
        let (logProbabilities, values) = forward(batch)
        let (policyLoss, clipFraction) = PPOObjective.clippedPolicyLoss(
            logProbabilities: logProbabilities, oldLogProbabilities: Tensor(shape: [count], scalars: old),
            advantages: Tensor(shape: [count], scalars: advantages), mask: mask, clipRange: settings.clipRange)
        let valueLoss = PPOObjective.clippedValueLoss(
            values: values, oldValues: Tensor(shape: [count], scalars: oldValues),
            returns: Tensor(shape: [count], scalars: returns), mask: mask, clipRange: settings.valueClipRange)
        let loss = policyLoss + valueLoss.scaled(by: settings.valueCoefficient)
        optimizer.zeroGradient()
        loss.backward()
        clipGradientNorm(optimizer.parameters, maxNorm: settings.clipNorm ?? .infinity)
        optimizer.step()
        optimizer.zeroGradient()
        return (policyLoss.item, valueLoss.item, clipFraction)
    }
}
