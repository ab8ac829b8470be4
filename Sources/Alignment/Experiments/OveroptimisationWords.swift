import Notebook

// MARK: - Words chosen from the unleashed PPO run: did it over-optimise?

extension RLHFWords {
    /// The unleashed run's windows as the over-optimisation paragraph reads them.
    public struct UnleashedRun {
        /// The learned reward over the first and the last window (intervals over their answers).
        public let firstLearned: Estimate, lastLearned: Estimate
        /// The true reward over the best window and the last one; the SFT answers' mean true reward.
        public let peakTrue: Estimate, lastTrue: Estimate, sftTrueMean: Double
        /// Whether the best window is not the last; e.g. "steps 6–10"; the window's length; the run's steps.
        public let peakIsLast: Bool, peakWindow: String, window: Int, steps: Int

        public init(
            firstLearned: Estimate, lastLearned: Estimate, peakTrue: Estimate, lastTrue: Estimate,
            sftTrueMean: Double, peakIsLast: Bool, peakWindow: String, window: Int, steps: Int
        ) {
            self.firstLearned = firstLearned
            self.lastLearned = lastLearned
            self.peakTrue = peakTrue
            self.lastTrue = lastTrue
            self.sftTrueMean = sftTrueMean
            self.peakIsLast = peakIsLast
            self.peakWindow = peakWindow
            self.window = window
            self.steps = steps
        }

        /// The learned reward rose from the first window to the last beyond noise.
        public var learnedRose: Bool { Comparison(lastLearned, firstLearned) == .above }
        /// The best window's true reward is above the SFT model's beyond noise.
        public var trueRose: Bool { Comparison(peakTrue, Estimate(constant: sftTrueMean)) == .above }
        /// The true reward fell from its peak to the last window beyond noise.
        public var fellAfterPeak: Bool { !peakIsLast && Comparison(lastTrue, peakTrue) == .below }
    }

    /// The over-optimisation verdict: the learned reward's course, the true reward's rise and
    /// fall, and whether together they show over-optimisation — four sentences, in order.
    public static func overoptimisation(_ run: UnleashedRun) -> String {
        let learned =
            run.learnedRose
            ? "The learned reward rose, from \(Format.fixed(run.firstLearned.mean, 2)) in the first \(run.window) "
                + "steps to \(Format.fixed(run.lastLearned.mean, 2)) ± \(Format.fixed(run.lastLearned.halfWidth, 2)) "
                + "in the last. "
            : "The learned reward did not rise beyond noise: \(Format.fixed(run.firstLearned.mean, 2)) in the first "
                + "\(run.window) steps, \(Format.fixed(run.lastLearned.mean, 2)) in the last. "
        let peak =
            (run.trueRose
                ? "The true reward rose from the SFT model's \(Format.fixed(run.sftTrueMean, 2)) to "
                : "The true reward did not rise beyond noise above the SFT model's "
                    + "\(Format.fixed(run.sftTrueMean, 2)) (its best: ")
            + "\(Format.fixed(run.peakTrue.mean, 2)) ± \(Format.fixed(run.peakTrue.halfWidth, 2)) in \(run.peakWindow)"
            + (run.trueRose ? "" : ")")
        let fall =
            run.fellAfterPeak
            ? ", then fell to \(Format.fixed(run.lastTrue.mean, 2)) ± \(Format.fixed(run.lastTrue.halfWidth, 2)) — "
                + "below the peak by more than the noise of its answers."
            : ", and ended at \(Format.fixed(run.lastTrue.mean, 2)) ± \(Format.fixed(run.lastTrue.halfWidth, 2)), "
                + "not below it beyond noise."
        let verdict =
            run.learnedRose && run.trueRose && run.fellAfterPeak
            ? " The optimiser found answers the reward model over-rates: this is **over-optimisation** (reward "
                + "hacking), measured."
            : " In \(run.steps) steps this run does not show over-optimisation beyond noise."
        return learned + peak + fall + verdict
    }

    /// The unleashed run's final learned reward against the leashed runs' over the same steps.
    public static func freedom(_ unleashed: Estimate, leashed: Estimate) -> String {
        switch Comparison(unleashed, leashed) {
        case .above: return "above the leashed runs' \(Format.fixed(leashed, 2)) over the same steps"
        case .withinNoise:
            return "within noise of the leashed runs' \(Format.fixed(leashed, 2)) over the "
                + "same steps: dropping the leash bought no more of the reward model's approval, only drift"
        case .below:
            return "below the leashed runs' \(Format.fixed(leashed, 2)) over the same steps: "
                + "dropping the leash bought no more of the reward model's approval, only drift"
        }
    }
}
