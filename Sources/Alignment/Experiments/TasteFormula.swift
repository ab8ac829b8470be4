import Corpus
import Notebook

// MARK: - A hidden person's taste as the page prints it

extension HumanTaste {
    /// The true reward's formula with this taste's weights (whole numbers), e.g.
    /// "r = 2·(grammatical share) + 2·coherent + … − 2·(repeated share)".
    public var formula: String {
        "r = \(Format.fixed(grammarWeight, 0))·(grammatical share) + "
            + "\(Format.fixed(coherenceWeight, 0))·coherent + \(Format.fixed(heroWeight, 0))·character + "
            + "\(Format.fixed(objectWeight, 0))·object + \(Format.fixed(endingWeight, 0))·ending + "
            + "\(Format.fixed(lengthWeight, 0))·length − \(Format.fixed(repetitionWeight, 0))·(repeated share)"
    }

    /// The best a story can score: every check passed, the liked ending, the liked length, no repeats.
    public var largestReward: Double {
        grammarWeight + coherenceWeight + heroWeight + objectWeight + abs(endingWeight) + lengthWeight
    }
}
