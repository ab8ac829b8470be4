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
    /// Return the reward model's loss −(1/B)·Σ log σ(cᵢ − rᵢ) over B pairs of scores (chosen cᵢ,
    /// rejected rᵢ), and its gradient with respect to each chosen score.
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

    /// Exercise 7.3.
    ///
    /// Return PPO's clipped loss for one token: max(−A·ρ, −A·clip(ρ, 1 − ε, 1 + ε)).
    public static func clippedLoss(ratio: Float, advantage: Float, clipRange: Float) throws -> Float {
        throw ExerciseError.notAttempted("7.3")
    }

    /// Exercise 7.4.
    ///
    /// Return the DPO loss of one pair,
    /// −log σ(β·[(log π(y_w) − log π_ref(y_w)) − (log π(y_l) − log π_ref(y_l))]).
    public static func dpoLoss(
        policyChosen: Float, policyRejected: Float, referenceChosen: Float,
        referenceRejected: Float, beta: Float
    ) throws -> Float {
        throw ExerciseError.notAttempted("7.4")
    }
}
