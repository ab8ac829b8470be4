import Foundation
import Randomness

// MARK: - Labels from a hidden human: Bradley–Terry with a known temperature

/// One comparison a labeller made: two completions of a request, the one they chose first.
///
/// `chosenReward` and `rejectedReward` are the TRUE rewards — kept for measurement only;
/// a reward model is trained on the texts and the label, never on these.
public struct PreferencePair: Sendable, Hashable {
    public let request: StoryRequest
    public let chosen: String
    public let rejected: String
    public let chosenReward: Double
    public let rejectedReward: Double
    /// P(chosen ≻ rejected) under the labeller's noise, σ((r_chosen − r_rejected)/τ): below
    /// ½ when the label went against the true rewards (the labeller "disagreed").
    public let probabilityOfLabel: Double

    public init(
        request: StoryRequest, chosen: String, rejected: String, chosenReward: Double,
        rejectedReward: Double, probabilityOfLabel: Double
    ) {
        self.request = request
        self.chosen = chosen
        self.rejected = rejected
        self.chosenReward = chosenReward
        self.rejectedReward = rejectedReward
        self.probabilityOfLabel = probabilityOfLabel
    }

    /// Whether the label agrees with the true rewards (a tie counts as agreeing).
    public var agreesWithTruth: Bool { chosenReward >= rejectedReward }

    /// The best any predictor can do on this pair: max(p, 1 − p).
    public var bestAchievableAccuracy: Double { max(probabilityOfLabel, 1 - probabilityOfLabel) }
}

/// A person with a known taste who labels pairs of completions the way people do: usually
/// for the better one, sometimes not — by a Bradley–Terry draw with temperature τ,
///
///     P(a ≻ b) = σ((r(a) − r(b)) / τ),   σ(x) = 1 / (1 + e^(−x)),
///
/// the very model a reward model's loss −log σ(r_θ(chosen) − r_θ(rejected)) assumes
/// (Bradley & Terry 1952; Christiano et al. 2017; Ouyang et al. 2022). τ → 0 is a perfect
/// labeller; a large τ a coin.
///
/// Because r and τ are known, so is the best accuracy ANY reward model can reach on held-out
/// pairs: on a pair with P(a ≻ b) = p, the best guess is the likelier side, right with
/// probability max(p, 1 − p); averaged over pairs, `ceilingAccuracy`.
///
/// Example:
/// ```swift
/// let human = HiddenHuman(taste: .happyAndShort, temperature: 1)
/// var rng = SplitMix64(seed: 7)
/// let pair = human.label(request: request, first: storyA, second: storyB, rng: &rng)
/// print(pair.chosen, pair.probabilityOfLabel)
/// ```
public struct HiddenHuman: Sendable, Hashable {
    public let taste: HumanTaste
    /// τ > 0: the noise of the labels, in units of reward.
    public let temperature: Double

    public init(taste: HumanTaste, temperature: Double) {
        precondition(temperature > 0, "the Bradley–Terry temperature must be positive, got \(temperature)")
        self.taste = taste
        self.temperature = temperature
    }

    /// σ((r_first − r_second)/τ): the probability of choosing the first of two completions
    /// whose true rewards are given.
    public func probabilityOfPreferring(firstReward: Double, over secondReward: Double) -> Double {
        logistic((firstReward - secondReward) / temperature)
    }

    /// Labels one pair: computes both true rewards and draws the choice with one uniform
    /// number from `rng` (first chosen when u < P(first ≻ second)).
    public func label(request: StoryRequest, first: String, second: String, rng: inout SplitMix64) -> PreferencePair {
        let firstReward = taste.reward(of: first, for: request)
        let secondReward = taste.reward(of: second, for: request)
        let p = probabilityOfPreferring(firstReward: firstReward, over: secondReward)
        if rng.nextUniformDouble() < p {
            return PreferencePair(
                request: request, chosen: first, rejected: second, chosenReward: firstReward,
                rejectedReward: secondReward, probabilityOfLabel: p)
        }
        return PreferencePair(
            request: request, chosen: second, rejected: first, chosenReward: secondReward,
            rejectedReward: firstReward, probabilityOfLabel: 1 - p)
    }

    /// The best accuracy any predictor of this person's labels can expect on pairs with
    /// these true reward differences r(a) − r(b): the mean of max(p, 1 − p), p = σ(Δ/τ).
    public func ceilingAccuracy(rewardDifferences: [Double]) -> Double {
        guard !rewardDifferences.isEmpty else { return 0 }
        let total = rewardDifferences.reduce(0) { sum, difference in
            let p = logistic(difference / temperature)
            return sum + max(p, 1 - p)
        }
        return total / Double(rewardDifferences.count)
    }

    /// `ceilingAccuracy` of labelled pairs (their true rewards; the labels drawn do not matter).
    public func ceilingAccuracy(of pairs: [PreferencePair]) -> Double {
        ceilingAccuracy(rewardDifferences: pairs.map { $0.chosenReward - $0.rejectedReward })
    }
}

/// σ(x) = 1 / (1 + e^(−x)), computed without overflow for large |x|.
public func logistic(_ x: Double) -> Double {
    x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
}
