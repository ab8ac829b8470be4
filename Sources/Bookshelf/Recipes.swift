import Transformers

// MARK: - How chapters 1 and 3 make what they hand on

/// How chapter 1 trains the book's tokenizer. Chapter 1 runs it; a later chapter that finds
/// no tokenizer runs the very same recipe, so its result is identical to running chapter 1.
public struct TokenizerRecipe: Sendable {
    /// Bytes of story-world text the tokenizer trains on.
    public let corpusBytes: Int
    /// The vocabulary asked for (training stops early when no pair repeats).
    public let vocabularySize: Int

    /// The book's recipe; `quick` is the tiny one of `--quick` runs.
    public static func book(quick: Bool) -> TokenizerRecipe {
        quick
            ? TokenizerRecipe(corpusBytes: 300_000, vocabularySize: 512)
            : TokenizerRecipe(corpusBytes: 2_000_000, vocabularySize: 1024)
    }
}

/// How chapter 3 pretrains the book's GPT: the data, the model's size and the schedule. A later
/// chapter that finds no model runs the very same recipe (same seed), so it gets the very model
/// chapter 3 would have saved.
public struct PretrainingRecipe: Sendable {
    /// Bytes of story-world text, tokenized with chapter 1's tokenizer; the last 10% held out.
    public let corpusBytes: Int
    public let steps: Int
    /// Sequences per step, each `contextLength` tokens.
    public let batchSize: Int
    /// Validation every this many steps.
    public let evaluateEvery: Int
    /// The peak learning rate; the rest of the settings are `TrainingSettings`' defaults.
    public let learningRate: Float
    /// Whether this is `--quick`'s tiny model.
    public let quick: Bool

    /// The book's recipe; `quick` is the tiny one of `--quick` runs.
    public static func book(quick: Bool) -> PretrainingRecipe {
        quick
            ? PretrainingRecipe(
                corpusBytes: 400_000, steps: 120, batchSize: 8, evaluateEvery: 40,
                learningRate: 3e-3, quick: true)
            : PretrainingRecipe(
                corpusBytes: 4_000_000, steps: 900, batchSize: 16, evaluateEvery: 100,
                learningRate: 3e-3, quick: false)
    }

    /// The model's shape for a tokenizer of `vocabularySize` ids.
    public func config(vocabularySize: Int) -> GPTConfig {
        quick
            ? GPTConfig(vocabularySize: vocabularySize, contextLength: 64, width: 64, heads: 4, layers: 2)
            : GPTConfig(vocabularySize: vocabularySize, contextLength: 128, width: 128, heads: 4, layers: 4)
    }

    /// AdamW with warmup and cosine decay over `steps`.
    public var settings: TrainingSettings { TrainingSettings(learningRate: learningRate, steps: steps) }
}
