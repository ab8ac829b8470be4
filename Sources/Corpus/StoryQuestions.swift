// MARK: - A single task: questions about a story, with exact answers

/// What a question asks about a story.
///
/// Example: `StoryQuestionKind.place.title   // "where did they go?"`
public enum StoryQuestionKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// "Where did Mia go?" → "the park".
    case place
    /// "Who is Mia's friend?" → "Tom".
    case friend
    /// "What did Mia have?" → "the red ball".
    case object
    /// "Was Mia happy or sad in the end?" → "happy" / "sad" (the last sentence may say "proud" or "lonely").
    case ending
    /// "Who helped Mia?" → "Tom" (only stories where someone helped).
    case helper

    /// A few words for tables.
    public var title: String {
        switch self {
        case .place: "where did they go?"
        case .friend: "who is the friend?"
        case .object: "what did they have?"
        case .ending: "happy or sad?"
        case .helper: "who helped?"
        }
    }
}

/// One example of the task: an excerpt of a story, a question about it, and its exact answer.
///
/// The excerpt always holds the sentence that answers the question, plus as many other
/// sentences of the story (in story order) as the caller's length budget allows — those are
/// the distractors: other names, other objects, other places.
///
/// Example:
/// ```swift
/// let question = StoryQuestions.examples(count: 1, seed: 7, fits: { _ in true })[0]
/// print(question.excerpt, question.question, question.answer)
/// // "… One day, Mia took Tom to the park. …"  "Where did Mia go?"  "the park"
/// ```
public struct StoryQuestion: Sendable, Hashable, Codable {
    public let kind: StoryQuestionKind
    /// Some sentences of the story, in order, joined by spaces.
    public let excerpt: String
    /// "Where did Mia go?"
    public let question: String
    /// "the park" — what the model must generate, exactly.
    public let answer: String
    /// Which story of its generator's stream it was asked about (0 for the first): splits
    /// compare these to prove they share no story.
    public let story: Int

    public init(kind: StoryQuestionKind, excerpt: String, question: String, answer: String, story: Int = 0) {
        self.kind = kind
        self.excerpt = excerpt
        self.question = question
        self.answer = answer
        self.story = story
    }

    /// The user's turn: the excerpt, a newline, and the question.
    public var userText: String { "\(excerpt)\nQuestion: \(question)" }
}

/// The task set of chapter 5, made from the story world: every answer is a fact the story
/// generator put there, so exact match is a fair measure.
public enum StoryQuestions {
    /// `count` examples from stories drawn with `seed`, the kinds taking turns.
    ///
    /// - Parameters:
    ///   - count: how many examples.
    ///   - seed: fixes the stories, hence the examples.
    ///   - kinds: which questions to ask, in turn; a story that cannot answer the next kind
    ///     (no friend, no helper) is skipped for it.
    ///   - fits: whether an example is short enough (e.g. its chat fits the model's context);
    ///     sentences are added to the excerpt only while it still fits.
    public static func examples(
        count: Int, seed: UInt64, kinds: [StoryQuestionKind] = StoryQuestionKind.allCases,
        fits: (StoryQuestion) -> Bool
    ) -> [StoryQuestion] {
        precondition(!kinds.isEmpty, "ask at least one kind of question")
        var generator = StoryGenerator(seed: seed)
        var result: [StoryQuestion] = []
        var turn = 0
        var attempts = 0
        while result.count < count {
            attempts += 1
            precondition(attempts < 100 * count + 1_000, "no story fits the length budget; allow longer examples")
            let story = generator.nextStory()
            if let example = question(kinds[turn % kinds.count], about: story, number: attempts - 1, fits: fits) {
                result.append(example)
                turn += 1
            }
        }
        return result
    }

    /// Training, validation and test questions from one stream of stories, each story used for
    /// at most one question, so no split shares a story with another: a model cannot pass the
    /// test by having read the test's story in training.
    ///
    /// Stories are dealt out in turn — training, validation, test — until each split is full;
    /// the kinds take turns within each split.
    ///
    /// Example:
    /// ```swift
    /// let splits = StoryQuestions.splits(training: 800, validation: 300, test: 1_000, seed: 5, fits: fits)
    /// Set(splits.training.map(\.story)).isDisjoint(with: splits.test.map(\.story))   // true
    /// ```
    public static func splits(
        training: Int, validation: Int, test: Int, seed: UInt64,
        kinds: [StoryQuestionKind] = StoryQuestionKind.allCases,
        fits: (StoryQuestion) -> Bool
    ) -> StoryQuestionSplits {
        precondition(!kinds.isEmpty, "ask at least one kind of question")
        let wanted = [training, validation, test]
        var generator = StoryGenerator(seed: seed)
        var parts: [[StoryQuestion]] = [[], [], []]
        var turns = [0, 0, 0]
        var number = 0
        var split = 0
        while zip(parts, wanted).contains(where: { $0.count < $1 }) {
            precondition(
                number < 100 * wanted.reduce(0, +) + 1_000,
                "no story fits the length budget; allow longer examples")
            while parts[split].count >= wanted[split] { split = (split + 1) % 3 }
            let story = generator.nextStory()
            if let example = question(kinds[turns[split] % kinds.count], about: story, number: number, fits: fits) {
                parts[split].append(example)
                turns[split] += 1
                split = (split + 1) % 3
            }
            number += 1
        }
        return StoryQuestionSplits(training: parts[0], validation: parts[1], test: parts[2])
    }

    /// One question of `kind` about `story`, or nil when the story has no answer to it or
    /// even the answering sentences do not fit.
    ///   - number: the story's place in its generator's stream, kept in `StoryQuestion.story`.
    public static func question(
        _ kind: StoryQuestionKind, about story: Story, number: Int = 0,
        fits: (StoryQuestion) -> Bool
    ) -> StoryQuestion? {
        let hero = story.heroName
        let sentences = story.sentences
        func indices(containing text: String) -> [Int] {
            sentences.indices.filter { sentences[$0].contains(text) }
        }
        let asked: (question: String, answer: String, needed: [Int])
        switch kind {
        case .place:
            guard let index = indices(containing: story.placePhrase).first else { return nil }
            asked = ("Where did \(hero) go?", story.placePhrase, [index])
        case .friend:
            guard let friend = story.friendName, let index = indices(containing: "named \(friend)").first else {
                return nil
            }
            asked = ("Who is \(hero)'s friend?", friend, [index])
        case .object:
            guard let index = indices(containing: story.object.phrase).first else { return nil }
            asked = ("What did \(hero) have?", "the \(story.object.phrase)", [index])
        case .ending:
            asked = ("Was \(hero) happy or sad in the end?", story.isHappy ? "happy" : "sad", [sentences.count - 1])
        case .helper:
            // The helping sentence is the last one naming the helper before the ending.
            guard let helper = story.helper?.name,
                let index = indices(containing: helper).last(where: { $0 < sentences.count - 1 })
            else { return nil }
            asked = ("Who helped \(hero)?", helper, [index])
        }
        func example(_ chosen: Set<Int>) -> StoryQuestion {
            StoryQuestion(
                kind: kind, excerpt: chosen.sorted().map { sentences[$0] }.joined(separator: " "),
                question: asked.question, answer: asked.answer, story: number)
        }
        var chosen = Set(asked.needed)
        guard fits(example(chosen)) else { return nil }
        // Fill the budget with the story's other sentences, from the start: the distractors.
        for index in sentences.indices where !chosen.contains(index) {
            chosen.insert(index)
            if !fits(example(chosen)) { chosen.remove(index) }
        }
        return example(chosen)
    }
}

/// Questions split three ways by story: fit on `training`, choose settings on `validation`,
/// report on `test`.
public struct StoryQuestionSplits: Sendable {
    public let training: [StoryQuestion]
    public let validation: [StoryQuestion]
    public let test: [StoryQuestion]
}
