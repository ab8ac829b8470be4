// MARK: - A request for a story: the prompt of chapter 7

/// What a user asks the assistant for: a short story about a named character and an object.
///
/// The request is made from a story of the world (its hero and its object), so the world
/// can always answer it: `StoryRequests.examples` pairs each request with the story it came
/// from (supervised fine-tuning), and `StoryRequests.requests` gives fresh requests for
/// sampling (the prompts of RLHF). The chat markers are the tokenizer's business; this is
/// the user's turn as text.
///
/// Example:
/// ```swift
/// let request = StoryRequest(heroName: "Mia", object: StoryObject(adjective: "red", noun: "ball"))
/// request.userText   // "Write a short story about Mia and a red ball."
/// ```
public struct StoryRequest: Sendable, Hashable, Codable {
    /// The character the story must be about, e.g. "Mia"; the name fixes the kind.
    public let heroName: String
    /// The object the story must be about, e.g. "red ball".
    public let object: StoryObject

    public init(heroName: String, object: StoryObject) {
        self.heroName = heroName
        self.object = object
    }

    /// The request a story fulfils: its hero and its object.
    public init(for story: Story) {
        self.init(heroName: story.heroName, object: story.object)
    }

    /// The user's turn: "Write a short story about Mia and a red ball."
    public var userText: String { "Write a short story about \(heroName) and a \(object.phrase)." }
}

/// Requests drawn from the story world, with or without the stories that fulfil them.
public enum StoryRequests {
    /// `count` (request, story) pairs: each story answers its own request, so these are the
    /// demonstrations of supervised fine-tuning ("the instruction-tuned starting policy").
    ///
    /// - Parameters:
    ///   - count: how many pairs.
    ///   - seed: fixes the stories.
    ///   - fits: whether a story is short enough to keep (e.g. prompt + story within the
    ///     model's context); stories that do not fit are skipped.
    public static func examples(
        count: Int, seed: UInt64,
        fits: (StoryRequest, Story) -> Bool = { _, _ in true }
    ) -> [(StoryRequest, Story)] {
        var generator = StoryGenerator(seed: seed)
        var result: [(StoryRequest, Story)] = []
        var attempts = 0
        while result.count < count {
            attempts += 1
            precondition(attempts < 100 * count + 1_000, "no story fits the length budget; allow longer examples")
            let story = generator.nextStory()
            let request = StoryRequest(for: story)
            if fits(request, story) { result.append((request, story)) }
        }
        return result
    }

    /// `count` requests (hero and object of fresh stories drawn with `seed`): the prompts a
    /// policy answers by sampling. Use a seed no training set used.
    public static func requests(count: Int, seed: UInt64) -> [StoryRequest] {
        var generator = StoryGenerator(seed: seed)
        return (0..<count).map { _ in StoryRequest(for: generator.nextStory()) }
    }
}

extension Story {
    /// The story cut to at most `count` sentences: its first `count − 1` and its ending, so
    /// it still introduces its hero first and still says how it ends — grammatical and
    /// coherent, only shorter. A story of `count` sentences or fewer is returned whole.
    ///
    /// Why: a small model's context (128 tokens in the book) holds a request and a few
    /// sentences, not a whole story of 8–14.
    ///
    /// Example: `story.abridged(toSentences: 4).count == min(4, story.sentences.count)`
    public func abridged(toSentences count: Int) -> [String] {
        precondition(count >= 2, "an abridged story keeps its beginning and its ending: at least 2 sentences")
        guard sentences.count > count, let ending = sentences.last else { return sentences }
        return Array(sentences.prefix(count - 1)) + [ending]
    }
}
