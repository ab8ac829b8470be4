// MARK: - Chapter 7 exercises: the losses of RLHF by hand
//
// Each exercise's title and hint are declared once, in Checks07.swift: `swift run exercises 7`
// shows them, and a stub's `notAttempted` error quotes them.
//
// Check your work with `swift run exercises 7`.

/// Your solutions to chapter 7's exercises.
public enum Chapter07 {
    /// Exercise 7.1.
    ///
    /// Return the reward model's Bradley–Terry loss (section 7.5), averaged over B pairs of scores
    /// (chosen cᵢ, rejected rᵢ), and its gradient with respect to each chosen score.
    public static func bradleyTerryLoss(chosen: [Float], rejected: [Float]) throws
        -> (loss: Float, chosenGradient: [Float])
    {
        throw ExerciseError.notAttempted("7.1")
    }

    /// Exercise 7.2.
    ///
    /// Return the generalized advantage estimates of one response: δₖ = rₖ + γ·Vₖ₊₁ − Vₖ
    /// (V after the last token is 0) and Aₖ = δₖ + γλ·Aₖ₊₁.
    public static func advantages(rewards: [Float], values: [Float], gamma: Float, lambda: Float) throws -> [Float] {
        throw ExerciseError.notAttempted("7.2")
    }

    /// Exercise 7.3 — PPO's clipped objective, and where it is flat.
    ///
    /// For one token with probability ratio ρ = π/π_old (`ratio`), advantage A and clip range ε,
    /// return PPO's clipped policy loss (section 7.6, negated to be minimised) and its derivative
    /// with respect to ρ.
    public static func clippedLoss(ratio: Float, advantage: Float, clipRange: Float) throws
        -> (loss: Float, ratioGradient: Float)
    {
        throw ExerciseError.notAttempted("7.3")
    }

    /// Exercise 7.4.
    ///
    /// Return the DPO loss of one pair (section 7.8) from the summed log-probabilities of the
    /// chosen and rejected answers under the policy and the reference, and its derivative with
    /// respect to the policy's log-probability of the chosen answer.
    public static func dpoLoss(
        policyChosen: Float, policyRejected: Float, referenceChosen: Float,
        referenceRejected: Float, beta: Float
    ) throws -> (loss: Float, chosenGradient: Float) {
        throw ExerciseError.notAttempted("7.4")
    }
}
