// MARK: - Many stories at once

/// Ready-made collections of stories: a list for building tasks, a long text for pretraining.
///
/// Example:
/// ```swift
/// let stories = StoryCorpus.stories(count: 1_000, seed: 7)
/// let text = StoryCorpus.pretrainingText(approximateBytes: 4_000_000, seed: 7)
/// ```
public enum StoryCorpus {
    /// What separates two stories in pretraining text: a blank line.
    public static let storySeparator = "\n\n"

    /// The first `count` stories of the stream fixed by `seed`.
    ///
    /// - Parameters:
    ///   - count: how many stories (zero or more).
    ///   - seed: fixes every story.
    public static func stories(count: Int, seed: UInt64) -> [Story] {
        precondition(count >= 0, "a corpus needs a non-negative count, got \(count)")
        var generator = StoryGenerator(seed: seed)
        return (0..<count).map { _ in generator.nextStory() }
    }

    /// Stories separated by blank lines, as long as fits in `approximateBytes` UTF-8 bytes.
    ///
    /// Stories are whole: the text stops before the story that would pass the budget, so it
    /// is at most `approximateBytes` long and short of it by less than one story (a story
    /// is about 400–700 bytes). It always holds at least one story.
    ///
    /// - Parameters:
    ///   - approximateBytes: the size wanted, in bytes (the text is ASCII, so also characters).
    ///   - seed: fixes the text.
    public static func pretrainingText(approximateBytes: Int = 4_000_000, seed: UInt64) -> String {
        var generator = StoryGenerator(seed: seed)
        var text = generator.nextStory().text
        var bytes = text.utf8.count
        text.reserveCapacity(approximateBytes + 1_024)
        while true {
            let story = generator.nextStory().text
            let added = storySeparator.utf8.count + story.utf8.count
            guard bytes + added <= approximateBytes else { break }
            text += storySeparator
            text += story
            bytes += added
        }
        return text
    }
}
