import LinearAlgebra
import Notebook

// MARK: - Words chosen from chapter 7's results: the reward model and the PPO and DPO gains

/// The phrases chapter 7 chooses from its numbers, each from an estimate and its interval.
/// Every sentence is the chapter's; only the choice between them lives here, so it can be tested.
public enum RLHFWords {
    /// How the reward model's held-out accuracy stands against the ceiling (the best any
    /// predictor can expect): within its interval, or that many points below.
    public static func ceiling(_ accuracy: Estimate, ceiling: Double) -> String {
        let gap = ceiling - accuracy.mean
        return abs(gap) <= accuracy.halfWidth
            ? "within its interval of the ceiling: on these pairs it has learned about as much of the person's "
                + "taste as their labels reveal"
            : "\(Format.fixed(100 * gap, 1)) points below the ceiling, more than its interval: the labels hold "
                + "more of the taste than this reward model learned"
    }

    /// What PPO's true-reward gain over SFT (over seeds) says about the policy.
    public static func gain(_ gain: Estimate) -> String {
        switch Comparison(gain, Estimate(constant: 0)) {
        case .above: return "a gain whose interval is clear of zero: the policy got truly better for this person"
        case .withinNoise: return "a gain within the noise of the seeds: this run cannot say the policy truly improved"
        case .below: return "a loss: the policy pleased the reward model and got worse for the person"
        }
    }

    /// DPO's true-reward change over SFT, with its interval, as a verb phrase.
    public static func dpo(_ gain: Estimate) -> String {
        switch Comparison(gain, Estimate(constant: 0)) {
        case .above:
            return "raised the true reward by \(Format.signed(gain.mean, 2)) ± "
                + "\(Format.fixed(gain.halfWidth, 2)), clear of zero, without ever training a reward model"
        case .withinNoise:
            return "changed the true reward by \(Format.signed(gain.mean, 2)) ± "
                + "\(Format.fixed(gain.halfWidth, 2)), within the noise of its seeds"
        case .below:
            return "lowered the true reward by \(Format.fixed(-gain.mean, 2)) ± "
                + "\(Format.fixed(gain.halfWidth, 2))"
        }
    }

    /// The DPO paper found DPO reaching more reward than PPO at less KL: a sentence (with its
    /// leading space) when this run points the same way, and nothing when it does not.
    public static func dpoPaper(dpoGain: Estimate, ppoGain: Estimate, dpoKL: Estimate, ppoKL: Estimate) -> String {
        guard Comparison(dpoKL, ppoKL) == .below else { return "" }
        switch Comparison(dpoGain, ppoGain) {
        case .above: return " More true reward at less KL: the DPO paper's finding on its sentiment task, in miniature."
        case .withinNoise:
            return " As much true reward, within noise, at less KL — the direction of the DPO paper's "
                + "finding on its sentiment task, at one β."
        case .below: return ""
        }
    }

    /// A Gao et al. fit in words: its form with the fitted α and β, or that there were too few points.
    public static func fit(_ fit: LeastSquaresLine?, _ form: String, points: Int) -> String {
        guard let fit else { return "too few points to fit \(form)" }
        return "\(form) with α = \(Format.fixed(fit.intercept, 2)), β = \(Format.fixed(-fit.slope, 2)) "
            + "(\(points) points, R² = \(Format.fixed(fit.rSquared, 2)) on gain/d)"
    }
}
