import Corpus
import Tokenization

// MARK: - Chapter 5's reading task, so other chapters can run under its protocol

/// Questions about short excerpts of stories in the chat format of chapter 1 —
/// `<|user|>excerpt\nQuestion: …<|end|><|assistant|>` then ` answer.` — split into training,
/// validation and test sets drawn from different stories (`StoryQuestions.splits`). Chapter 5
/// defines the protocol on it; chapter 6 compares QLoRA with LoRA under the same protocol.
public struct ReadingTask: FineTuningTask {
    public let training: [TaskExample]
    public let validation: [TaskExample]
    public let test: [TaskExample]
    /// The questions behind `test`, for tables by kind.
    public let testQuestions: [StoryQuestion]
    /// The questions behind `training` and `validation`.
    public let trainingQuestions: [StoryQuestion], validationQuestions: [StoryQuestion]
    /// The end-of-turn id: padding for batches (never a target).
    public let padding: Int
    /// Training steps and examples per step of chapter 5's runs. 300 rather than 150 because
    /// copying a place or an object out of the excerpt is learned late in a run.
    public let steps: Int, batchSize: Int

    /// The longest example, in tokens: the answering sentence and one or two distractors.
    /// Short, because the copy questions (places, objects) get harder with every distractor
    /// sentence; the limit was chosen on the validation split, never on test.
    public static func maximumExampleTokens(contextLength: Int, softPromptLength: Int, quick: Bool) -> Int {
        min(quick ? 48 : 34, contextLength - softPromptLength)  // quick: a coarser tokenizer, longer ids
    }

    /// Chapter 5's task: 1,000 / 300 / 1,000 questions (`quick`: 96 / 48 / 96), stories from
    /// `seed + 500`, examples that fit beside a soft prompt of `softPromptLength`.
    /// - Throws: `ReadingTaskError.noChatMarkers` for a tokenizer without the chat tokens.
    public init(
        tokenizer: BytePairTokenizer, contextLength: Int, quick: Bool, seed: UInt64,
        softPromptLength: Int = 8
    ) throws {
        let counts = quick ? (training: 96, validation: 48, test: 96) : (training: 1_000, validation: 300, test: 1_000)
        let limit = ReadingTask.maximumExampleTokens(
            contextLength: contextLength, softPromptLength: softPromptLength,
            quick: quick)
        let encode = try ReadingTask.chatEncoder(tokenizer: tokenizer)
        let splits = StoryQuestions.splits(
            training: counts.training, validation: counts.validation,
            test: counts.test, seed: seed &+ 500
        ) {
            encode($0.userText, $0.answer).tokens.count <= limit
        }
        training = splits.training.map { encode($0.userText, $0.answer) }
        validation = splits.validation.map { encode($0.userText, $0.answer) }
        test = splits.test.map { encode($0.userText, $0.answer) }
        testQuestions = splits.test
        trainingQuestions = splits.training
        validationQuestions = splits.validation
        padding = tokenizer.id(ofSpecialToken: BytePairTokenizer.endOfTurn) ?? 0
        steps = quick ? 8 : 300
        batchSize = quick ? 8 : 16
    }

    public var name: String { "reading" }

    /// The commonest training answer of each kind of question (the later of equals by name):
    /// what a model answers that learned the answers' form and nothing about the story.
    public var majorityAnswer: [StoryQuestionKind: String] {
        var answers: [StoryQuestionKind: String] = [:]
        for kind in StoryQuestionKind.allCases {
            var counts: [String: Int] = [:]
            for question in trainingQuestions where question.kind == kind { counts[question.answer, default: 0] += 1 }
            answers[kind] = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
        }
        return answers
    }

    /// How many stories appear in more than one split, pair by pair: 0 by construction, counted
    /// rather than assumed.
    public var storiesSharedBetweenSplits: Int {
        let training = Set(trainingQuestions.map(\.story)), validation = Set(validationQuestions.map(\.story))
        return training.intersection(testQuestions.map(\.story)).count + training.intersection(validation).count
            + validation.intersection(testQuestions.map(\.story)).count
    }

    /// The mean and the largest training example, in tokens.
    public var trainingLengths: (mean: Double, largest: Int) {
        let lengths = training.map(\.tokens.count)
        return (Double(lengths.reduce(0, +)) / Double(max(lengths.count, 1)), lengths.max() ?? 0)
    }

    /// How often the majority answer of its kind is right on the test split, over the questions
    /// of `kind` (all kinds when nil).
    public func majorityShare(of kind: StoryQuestionKind?) -> Double {
        let answers = majorityAnswer
        let chosen = testQuestions.filter { kind == nil || $0.kind == kind }
        return Double(chosen.filter { $0.answer == answers[$0.kind] }.count) / Double(max(chosen.count, 1))
    }

    public func examples(_ split: TaskSplit) -> [TaskExample] {
        switch split {
        case .training: training
        case .validation: validation
        case .test: test
        }
    }

    /// A function from (user text, answer) to the chat example
    /// `<|user|>text<|end|><|assistant|>` + ` answer.`.
    ///
    /// The answer starts with a space: the tokenizer's words carry their leading space
    /// (" park"), so "park" alone would be split into rarer pieces. It ends with "." rather than
    /// `<|end|>`: pretraining never produced `<|end|>`, so its row of the (frozen, for LoRA)
    /// output head is untrained, and learning to emit it would dominate a small fine-tuning
    /// budget. "." is the model's own end of a sentence.
    public static func chatEncoder(tokenizer: BytePairTokenizer) throws -> @Sendable (String, String) -> TaskExample {
        guard let user = tokenizer.id(ofSpecialToken: BytePairTokenizer.userMarker),
            let assistant = tokenizer.id(ofSpecialToken: BytePairTokenizer.assistantMarker),
            let end = tokenizer.id(ofSpecialToken: BytePairTokenizer.endOfTurn)
        else {
            throw ReadingTaskError.noChatMarkers
        }
        return { text, answer in
            let prompt = [user] + tokenizer.encode(text, allowingSpecialTokens: false) + [end, assistant]
            return TaskExample(
                prompt: prompt,
                answer: tokenizer.encode(" " + answer + ".", allowingSpecialTokens: false))
        }
    }
}

/// Why the reading task could not be built.
public enum ReadingTaskError: Error, CustomStringConvertible {
    case noChatMarkers

    public var description: String {
        "the tokenizer has no chat markers (<|user|>, <|assistant|>, <|end|>); re-run `swift run chapter01-tokenizer`"
    }
}
