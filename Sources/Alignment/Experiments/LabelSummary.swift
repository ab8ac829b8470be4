import Corpus
import Notebook

// MARK: - What a hidden person's labels contain

/// Counts over pairs labelled by a hidden human, against the true rewards only this book can
/// see. `probabilityOfLabel` p is the chance the person gave the label they gave.
public struct LabelSummary: Sendable, Hashable {
    /// Pairs whose two answers score the same (the label is a coin flip), and labels that went
    /// to the answer with the lower true reward (the person's noise).
    public let ties: Int, against: Int
    /// Labels that went to the answer with the higher true reward.
    public let agreeing: Int
    /// How often two independent labels of one pair by this person agree, p² + (1 − p)²
    /// averaged: the quantity InstructGPT reports for its labellers, which sits below the ceiling.
    public let selfAgreement: Double
    /// How many pairs two independent labels by this person would split: Σ 2p(1 − p).
    public let expectedSplits: Double
    /// The true reward as a predictor of the labels: the share it orders as labelled (a tie: ½).
    public let formulaAccuracy: Double

    public init(_ pairs: [PreferencePair]) {
        ties = pairs.filter { $0.chosenReward == $0.rejectedReward }.count
        against = pairs.filter { $0.chosenReward < $0.rejectedReward }.count
        agreeing = pairs.count - against - ties
        selfAgreement = Statistics.mean(
            pairs.map {
                let p = $0.probabilityOfLabel; return p * p + (1 - p) * (1 - p)
            })
        expectedSplits = pairs.reduce(0) { $0 + 2 * $1.probabilityOfLabel * (1 - $1.probabilityOfLabel) }
        formulaAccuracy = Statistics.mean(
            pairs.map {
                $0.chosenReward > $0.rejectedReward ? 1 : ($0.chosenReward == $0.rejectedReward ? 0.5 : 0)
            })
    }
}
