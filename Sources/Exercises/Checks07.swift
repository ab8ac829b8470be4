import Alignment
import Engine
import Foundation

// MARK: - How chapter 7's exercises are checked
//
// The oracle is the Alignment module itself: BradleyTerry.loss, AdvantageEstimation.estimate,
// PPOObjective.clippedPolicyLoss and DPO.loss, with the engine's autograd for the derivatives.

extension ExerciseCatalog {
    static var chapter07: [Exercise] {
        [
            Exercise(
                chapter: 7, number: "7.1", title: "The Bradley–Terry loss and its gradient",
                task: "Write `bradleyTerryLoss(chosen:rejected:)`: the reward model's loss over a batch of pairs "
                    + "(section 7.5), and its gradient with respect to the chosen scores.",
                hint: "Write one pair's loss as a function of its margin cᵢ − rᵢ. How is σ′ written with σ "
                    + "itself? What does the mean do to each pair's share, and how does a large margin stay "
                    + "finite?",
                checkReader: { checkBradleyTerry(Chapter07.bradleyTerryLoss) },
                checkReference: { checkBradleyTerry(referenceBradleyTerry) }),
            Exercise(
                chapter: 7, number: "7.2", title: "Generalized advantage estimation",
                task: "Write `advantages(rewards:values:gamma:lambda:)`: GAE over one response.",
                hint: "Each advantage needs the next one: in which direction must you walk, and what is the "
                    + "value after the last token? What do λ = 0 and λ = 1 make of it?",
                checkReader: { checkAdvantages(Chapter07.advantages) },
                checkReference: { checkAdvantages(referenceAdvantages) }),
            Exercise(
                chapter: 7, number: "7.3", title: "PPO's clipped objective, and where it is flat",
                task: "Write `clippedLoss(ratio:advantage:clipRange:)`: PPO's clipped loss for one token and its "
                    + "derivative with respect to ρ.",
                hint: "Draw the loss against ρ, once for A > 0 and once for A < 0. Where is it flat, and why "
                    + "is a move away from the old policy in the direction A disfavours never clipped?",
                checkReader: { checkClippedLoss(Chapter07.clippedLoss) },
                checkReference: { checkClippedLoss(referenceClippedLoss) }),
            Exercise(
                chapter: 7, number: "7.4", title: "The DPO loss",
                task: "Write `dpoLoss(policyChosen:policyRejected:referenceChosen:referenceRejected:beta:)`: "
                    + "the loss of one pair, and its derivative with respect to the policy's chosen log-probability.",
                hint: "It is section 7.5's Bradley–Terry loss with the reward replaced: by what? The "
                    + "derivative then follows as in 7.1. What happens to it when the policy already "
                    + "prefers the chosen answer by far more than the reference does?",
                checkReader: { checkDPO(Chapter07.dpoLoss) },
                checkReference: { checkDPO(referenceDPO) }),
        ]
    }

    // MARK: Reference solutions, through the Alignment module

    static func referenceBradleyTerry(_ chosen: [Float], _ rejected: [Float]) throws
        -> (loss: Float, chosenGradient: [Float])
    {
        let c = Tensor(shape: [chosen.count], scalars: chosen), r = Tensor(shape: [rejected.count], scalars: rejected)
        c.requiresGradient = true
        let loss = BradleyTerry.loss(chosen: c, rejected: r)
        let value = loss.item
        loss.backward()
        return (value, c.gradient?.scalars ?? [])
    }

    static func referenceAdvantages(_ rewards: [Float], _ values: [Float], _ gamma: Float, _ lambda: Float) throws
        -> [Float]
    {
        AdvantageEstimation.estimate(rewards: rewards, values: values, gamma: gamma, lambda: lambda).advantages
    }

    /// The loss by PPOObjective, and ∂loss/∂ρ by the engine's autograd: it differentiates with
    /// respect to log π, and ∂/∂ρ = (∂/∂log π) / ρ since ρ = exp(log π − log π_old).
    static func referenceClippedLoss(_ ratio: Float, _ advantage: Float, _ clipRange: Float) throws
        -> (loss: Float, ratioGradient: Float)
    {
        let logProbability = Tensor(shape: [1], scalars: [Float(log(Double(ratio)))])
        logProbability.requiresGradient = true
        let loss = PPOObjective.clippedPolicyLoss(
            logProbabilities: logProbability,
            oldLogProbabilities: Tensor.zeros([1]),
            advantages: Tensor(shape: [1], scalars: [advantage]),
            mask: Tensor.ones([1]), clipRange: clipRange
        ).loss
        let value = loss.item
        loss.backward()
        return (value, (logProbability.gradient?.scalars.first ?? .nan) / ratio)
    }

    /// The loss by DPO.loss, and its derivative by the engine's autograd.
    static func referenceDPO(
        _ policyChosen: Float, _ policyRejected: Float, _ referenceChosen: Float,
        _ referenceRejected: Float, _ beta: Float
    ) throws -> (loss: Float, chosenGradient: Float) {
        func one(_ x: Float) -> Tensor { Tensor(shape: [1], scalars: [x]) }
        let chosen = one(policyChosen)
        chosen.requiresGradient = true
        let loss = DPO.loss(
            policyChosen: chosen, policyRejected: one(policyRejected),
            referenceChosen: one(referenceChosen), referenceRejected: one(referenceRejected),
            beta: beta
        )
        let value = loss.item
        loss.backward()
        return (value, chosen.gradient?.scalars.first ?? .nan)
    }

    // MARK: Checks

    static func checkBradleyTerry(
        _ implementation: ([Float], [Float]) throws -> (loss: Float, chosenGradient: [Float])
    ) -> ExerciseOutcome {
        let cases: [(description: String, input: (chosen: [Float], rejected: [Float]))] = [
            ("one pair ordered right", ([1], [0])),
            ("two pairs, one wrong", ([1, 0], [0, 2])),
            ("confident pairs", ([12, -3, 0.5], [-12, 4, 0.5])),
        ]
        return check(cases, { try implementation($0.chosen, $0.rejected) }) { input, output in
            guard let expected = try? referenceBradleyTerry(input.chosen, input.rejected) else {
                return "reference failed"
            }
            guard output.chosenGradient.count == expected.chosenGradient.count else {
                return "expected \(expected.chosenGradient.count) gradient entries, got \(output.chosenGradient.count)"
            }
            if abs(output.loss - expected.loss) > 1e-4 { return "loss \(output.loss), expected \(expected.loss)" }
            let difference = zip(output.chosenGradient, expected.chosenGradient).map { abs($0 - $1) }.max() ?? 0
            return difference < 1e-4 ? nil : "gradient \(output.chosenGradient), expected \(expected.chosenGradient)"
        }
    }

    static func checkAdvantages(_ implementation: ([Float], [Float], Float, Float) throws -> [Float])
        -> ExerciseOutcome
    {
        let cases: [(description: String, input: (rewards: [Float], values: [Float], gamma: Float, lambda: Float))] = [
            ("one token", ([1], [0.25], 1, 0.95)),
            ("a reward at the end, γ = 1, λ = 0.95", ([-0.1, -0.2, 1], [0.2, 0.4, 0.6], 1, 0.95)),
            ("discounted, λ = 0.5", ([0.5, 0, -1, 2], [0.1, -0.3, 0.2, 0.7], 0.9, 0.5)),
        ]
        return check(cases, { try implementation($0.rewards, $0.values, $0.gamma, $0.lambda) }) { input, output in
            let expected = AdvantageEstimation.estimate(
                rewards: input.rewards, values: input.values,
                gamma: input.gamma, lambda: input.lambda
            ).advantages
            guard output.count == expected.count else { return "expected \(expected.count) advantages" }
            let difference = zip(output, expected).map { abs($0 - $1) }.max() ?? 0
            return difference < 1e-4 ? nil : "got \(output), expected \(expected)"
        }
    }

    static func checkClippedLoss(_ implementation: (Float, Float, Float) throws -> (loss: Float, ratioGradient: Float))
        -> ExerciseOutcome
    {
        let cases: [(description: String, input: (ratio: Float, advantage: Float, clipRange: Float))] = [
            ("inside the range", (1.1, 2, 0.2)),
            ("inside the range, advantage negative", (0.9, -1, 0.2)),
            ("above, advantage positive (clipped)", (1.5, 2, 0.2)),
            ("below, advantage positive (not clipped)", (0.5, 2, 0.2)),
            ("above, advantage negative (not clipped)", (1.5, -2, 0.2)),
            ("below, advantage negative (clipped)", (0.5, -2, 0.2)),
            ("a wider range, ε = 0.3", (1.25, 1, 0.3)),
        ]
        return check(cases, { try implementation($0.ratio, $0.advantage, $0.clipRange) }) { input, output in
            guard let expected = try? referenceClippedLoss(input.ratio, input.advantage, input.clipRange) else {
                return "reference failed"
            }
            if abs(output.loss - expected.loss) >= 1e-4 { return "loss \(output.loss), expected \(expected.loss)" }
            return abs(output.ratioGradient - expected.ratioGradient) < 1e-4
                ? nil : "∂loss/∂ρ is \(output.ratioGradient), expected \(expected.ratioGradient)"
        }
    }

    static func checkDPO(
        _ implementation: (Float, Float, Float, Float, Float) throws -> (loss: Float, chosenGradient: Float)
    )
        -> ExerciseOutcome
    {
        let cases: [(description: String, input: (pw: Float, pl: Float, rw: Float, rl: Float, beta: Float))] = [
            ("the policy is the reference", (-5, -7, -5, -7, 0.1)),
            ("the chapter's hand example", (-10, -9, -12, -8, 0.1)),
            ("a large β against the preference", (-3, -2, -2, -3, 2)),
            ("far past the reference's preference", (-2, -60, -30, -20, 1)),
        ]
        return check(cases, { try implementation($0.pw, $0.pl, $0.rw, $0.rl, $0.beta) }) { input, output in
            guard let expected = try? referenceDPO(input.pw, input.pl, input.rw, input.rl, input.beta) else {
                return "reference failed"
            }
            if abs(output.loss - expected.loss) >= 1e-4 { return "loss \(output.loss), expected \(expected.loss)" }
            return abs(output.chosenGradient - expected.chosenGradient) < 1e-4
                ? nil : "the derivative is \(output.chosenGradient), expected \(expected.chosenGradient)"
        }
    }
}
