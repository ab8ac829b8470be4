// MARK: - β: the strength of the KL leash

/// How the KL coefficient β evolves during PPO.
///
/// Chapter 7 uses `.fixed`: its frontier compares PPO at several β and its over-optimisation
/// run sets β = 0, and a controller that moved β would blur both (InstructGPT, too, kept β
/// fixed). `.adaptive` is what TRL's classic `PPOTrainer` defaults to, for runs that should
/// land at a chosen KL whatever the reward's scale.
public enum KLControl: Sendable, Hashable {
    /// β stays put. InstructGPT used a fixed β = 0.02.
    case fixed(beta: Float)
    /// β is steered toward a target KL per sequence (Ziegler et al. 2019, §2.2; TRL's
    /// `AdaptiveKLController`, defaults init_kl_coef = 0.2, target = 6, horizon = 10 000).
    case adaptive(initialBeta: Float, targetKL: Float, horizon: Int)
}

/// The controller behind `KLControl`.
///
/// Adaptive rule (Ziegler et al. 2019): with the KL of the last batch,
///
///     e = clip(KL / KL_target − 1, −0.2, 0.2)
///     β ← β·(1 + e·n / horizon)          n = sequences in the batch
///
/// — a proportional controller: β grows while the policy is further from the reference
/// than wanted and shrinks while it is closer, at most 20%·n/horizon per step.
///
/// Example:
/// ```swift
/// var controller = KLController(.adaptive(initialBeta: 0.2, targetKL: 6, horizon: 10_000))
/// controller.update(observedKL: 9, sequences: 64)   // β·(1 + 0.2·64/10000): a little stronger
/// ```
public struct KLController: Sendable, Hashable {
    public let control: KLControl
    /// The current β.
    public private(set) var beta: Float

    public init(_ control: KLControl) {
        self.control = control
        switch control {
        case .fixed(let beta): self.beta = beta
        case .adaptive(let initialBeta, _, _): beta = initialBeta
        }
        precondition(beta >= 0, "β must not be negative, got \(beta)")
    }

    /// Updates β after a batch whose mean KL per sequence was `observedKL`; fixed: no change.
    public mutating func update(observedKL: Float, sequences: Int) {
        guard case let .adaptive(_, targetKL, horizon) = control else { return }
        let error = min(max(observedKL / targetKL - 1, -0.2), 0.2)
        beta *= 1 + error * Float(sequences) / Float(horizon)
    }
}
