// MARK: - A taste: what one hidden human likes, as weights

/// What one person likes in a story, as weights on `StoryFeatures`: the TRUE reward of a
/// completion, which a chapter can compute and which no reward model ever sees.
///
/// r(story) = w_grammar·grammaticalShare + w_coherent·coherent + w_hero·heroPresent
///          + w_object·objectPresent + w_ending·ending + w_length·lengthFit − w_repetition·repetition
///
/// `ending` is +1 for a happy ending and −1 for a sad one, so a positive `endingWeight`
/// likes happy endings and a negative one sad endings. `lengthFit` is 1 for a sentence count
/// in `preferredSentences` and loses 0.5 per sentence outside it, down to −1.
///
/// Two people are two values: `HumanTaste.happyAndShort` and `HumanTaste.sadAndLong` agree on
/// grammar, coherence and answering the request, and disagree on the ending and the length —
/// chapter 7's personalisation experiment.
///
/// Example:
/// ```swift
/// let taste = HumanTaste.happyAndShort
/// taste.reward(of: "There was once a shy girl named Mia. Mia had a red ball. In the end, Mia was happy.",
///              for: request)   // 2 + 1 + 1 + 1 + 1 + 1 = 7
/// ```
public struct HumanTaste: Sendable, Hashable {
    public var grammarWeight: Double
    public var coherenceWeight: Double
    public var heroWeight: Double
    public var objectWeight: Double
    /// > 0 likes happy endings, < 0 likes sad ones.
    public var endingWeight: Double
    public var lengthWeight: Double
    /// The sentence counts this person finds just right.
    public var preferredSentences: ClosedRange<Int>
    /// How much a repeated sentence costs (a weight on the share of repeats, subtracted).
    public var repetitionWeight: Double

    public init(
        grammarWeight: Double = 2, coherenceWeight: Double = 1, heroWeight: Double = 1,
        objectWeight: Double = 1, endingWeight: Double, lengthWeight: Double = 1,
        preferredSentences: ClosedRange<Int>, repetitionWeight: Double = 2
    ) {
        precondition(preferredSentences.lowerBound >= 1, "a story has at least one sentence")
        self.grammarWeight = grammarWeight
        self.coherenceWeight = coherenceWeight
        self.heroWeight = heroWeight
        self.objectWeight = objectWeight
        self.endingWeight = endingWeight
        self.lengthWeight = lengthWeight
        self.preferredSentences = preferredSentences
        self.repetitionWeight = repetitionWeight
    }

    /// Likes happy endings and short stories (3–4 sentences).
    public static let happyAndShort = HumanTaste(endingWeight: 1, preferredSentences: 3...4)
    /// Likes sad endings and long stories (5–8 sentences).
    public static let sadAndLong = HumanTaste(endingWeight: -1, preferredSentences: 5...8)

    /// 1 inside `preferredSentences`, minus 0.5 per sentence outside, never below −1.
    public func lengthFit(sentenceCount: Int) -> Double {
        let distance = max(
            preferredSentences.lowerBound - sentenceCount,
            sentenceCount - preferredSentences.upperBound, 0)
        return max(-1, 1 - 0.5 * Double(distance))
    }

    /// Each term of the reward by name, in the order of the formula: what a table prints.
    public func contributions(of features: StoryFeatures) -> [(name: String, value: Double)] {
        [
            ("grammar", grammarWeight * features.grammaticalShare),
            ("coherence", coherenceWeight * features.coherent),
            ("character", heroWeight * features.heroPresent),
            ("object", objectWeight * features.objectPresent),
            ("ending", endingWeight * features.ending),
            ("length", lengthWeight * lengthFit(sentenceCount: features.sentenceCount)),
            ("repetition", -repetitionWeight * features.repetition),
        ]
    }

    /// The true reward of features already computed.
    public func reward(of features: StoryFeatures) -> Double {
        contributions(of: features).reduce(0) { $0 + $1.value }
    }

    /// The true reward of `text` written for `request`.
    public func reward(of text: String, for request: StoryRequest) -> Double {
        reward(of: StoryFeatures(of: text, for: request))
    }
}
