import Corpus
import Notebook

// MARK: - A policy's held-out answers judged by two people

/// A policy's held-out answers judged by both people of chapter 7, and what they contain:
/// means over the answers.
public struct JudgedPolicy: Sendable, Hashable {
    /// Mean true reward by the first and the second person's taste.
    public let rewardA: Double, rewardB: Double
    /// The share of happy endings, and the mean number of sentences.
    public let happyShare: Double, sentences: Double

    public init(_ features: [StoryFeatures], first: HumanTaste, second: HumanTaste) {
        rewardA = Statistics.mean(features.map { first.reward(of: $0) })
        rewardB = Statistics.mean(features.map { second.reward(of: $0) })
        happyShare = Statistics.mean(features.map { $0.ending > 0 ? 1 : 0 })
        sentences = Statistics.mean(features.map { Double($0.sentenceCount) })
    }

    /// A table row: label, both rewards, the happy share with its interval, sentences — over `runs`.
    public static func row(_ label: String, _ runs: [JudgedPolicy]) -> [String] {
        [
            label, Format.fixed(Estimate(runs.map(\.rewardA)), 2), Format.fixed(Estimate(runs.map(\.rewardB)), 2),
            RLHFWords.share(Estimate(runs.map(\.happyShare))), Format.fixed(Estimate(runs.map(\.sentences)), 1),
        ]
    }
}
