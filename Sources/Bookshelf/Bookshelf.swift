import Corpus
import Engine
import Foundation
import Notebook
import Safetensors
import Tokenization
import Transformers

/// What the chapters hand to each other through Checkpoints/ (Sources/ARCHITECTURE.md, §5):
/// chapter 1's tokenizer and chapter 3's pretrained GPT. A chapter that finds one missing makes exactly
/// that one — the same recipe and seed as the chapter that owns it — says so, saves it, and
/// goes on; so a reader's first run of any chapter gives the book's result.
public enum Bookshelf {
    public static let tokenizerFile = "tokenizer.bpe"
    public static let modelFile = "gpt.safetensors"
    /// Where chapter 3 saves a model pretrained on a reader's `--corpus FILE`: never `modelFile`,
    /// which later chapters load as the story world's model.
    public static let userCorpusModelFile = "gpt-your-corpus.safetensors"
    /// Where chapter 1 saves a tokenizer trained on a reader's `--corpus FILE`: never `tokenizerFile`.
    public static let userCorpusTokenizerFile = "tokenizer-your-corpus.bpe"
    /// The `corpus` metadata of the story world's model.
    public static let storyWorldCorpus = "story-world"

    /// Chapter 1's tokenizer: loaded, or trained now exactly as chapter 1 trains it and saved.
    /// - Throws: the reader's error when the file exists but is damaged (never silently replaced).
    public static func tokenizer(for book: Notebook) throws -> BytePairTokenizer {
        let url = book.checkpointsDirectory.appendingPathComponent(tokenizerFile)
        if FileManager.default.fileExists(atPath: url.path) { return try BytePairTokenizer.load(from: url) }
        let recipe = TokenizerRecipe.book(quick: book.options.quick)
        book.status(
            "Chapter 1's tokenizer is not in \(book.checkpointsDirectory.lastPathComponent)/ yet: "
                + "training it now, exactly as chapter 1 does.")
        let text = StoryCorpus.pretrainingText(approximateBytes: recipe.corpusBytes, seed: book.options.seed)
        let bar = book.progress(
            "Chapter 1's tokenizer",
            total: recipe.vocabularySize - 256
                - BytePairTokenizer.defaultSpecialTokens.count, unit: "merges")
        let tokenizer = BytePairTokenizer.train(
            on: text, vocabularySize: recipe.vocabularySize,
            pretokenizer: .gpt2
        ) { done, _ in bar.update(done) }
        bar.finish()
        try tokenizer.save(to: url)  // atomically, creating Checkpoints/ if needed
        return tokenizer
    }

    /// The story world, tokenized: stories joined by `<|endoftext|>`, so the model learns where
    /// a story ends.
    public static func storyTokens(tokenizer: BytePairTokenizer, bytes: Int, seed: UInt64) -> [Int] {
        let endOfText = tokenizer.id(ofSpecialToken: BytePairTokenizer.endOfText)
        var tokens: [Int] = []
        for story in StoryCorpus.pretrainingText(approximateBytes: bytes, seed: seed)
            .components(separatedBy: StoryCorpus.storySeparator) where !story.isEmpty
        {
            tokens += tokenizer.encode(story, allowingSpecialTokens: false)
            if let endOfText { tokens.append(endOfText) }
        }
        return tokens
    }

    /// Chapter 3's pretrained model: loaded, or pretrained now exactly as chapter 3 does it
    /// (same data, configuration, seed and steps) and saved. A checkpoint that exists but is
    /// damaged, or belongs to another tokenizer, is an error naming the file.
    public static func pretrainedModel(for book: Notebook, tokenizer: BytePairTokenizer) throws -> GPT {
        let url = book.checkpointsDirectory.appendingPathComponent(modelFile)
        if FileManager.default.fileExists(atPath: url.path) {
            let model = try GPT.load(from: url)
            guard model.config.vocabularySize == tokenizer.vocabularySize else {
                throw CheckpointError.malformedHeader(
                    file: url.path,
                    reason: "the model has \(model.config.vocabularySize) token ids but the tokenizer "
                        + "\(tokenizer.vocabularySize); re-run chapter01-tokenizer and chapter03-pretraining "
                        + "so they match")
            }
            return model
        }
        let recipe = PretrainingRecipe.book(quick: book.options.quick)
        book.status(
            "Chapter 3's model is not in \(book.checkpointsDirectory.lastPathComponent)/ yet: "
                + "pretraining it now, exactly as chapter 3 does (\(recipe.steps) steps).")
        let data = LanguageModelData(
            tokens: storyTokens(
                tokenizer: tokenizer, bytes: recipe.corpusBytes,
                seed: book.options.seed))
        let model = pretrain(
            recipe: recipe, data: data, vocabularySize: tokenizer.vocabularySize,
            seed: book.options.seed, book: book
        ).model
        try save(model, recipe: recipe, data: data, to: url)
        return model
    }

    /// Chapter 3's recipe, ready to run: a fresh model from `seed` and its trainer on `data`.
    public static func pretrainingRun(
        recipe: PretrainingRecipe, data: LanguageModelData, vocabularySize: Int,
        seed: UInt64
    ) -> (model: GPT, trainer: Trainer) {
        var rng = SplitMix64(seed: seed)
        let model = GPT(config: recipe.config(vocabularySize: vocabularySize), rng: &rng)
        let trainer = Trainer.languageModel(
            model, data: data, batchSize: recipe.batchSize, settings: recipe.settings,
            seed: seed)
        return (model, trainer)
    }

    /// Runs chapter 3's recipe: a fresh model from `seed`, trained on `data` with a progress bar.
    public static func pretrain(
        recipe: PretrainingRecipe, data: LanguageModelData, vocabularySize: Int, seed: UInt64,
        book: Notebook
    ) -> (model: GPT, trainer: Trainer, curve: [TrainingStep]) {
        let (model, trainer) = pretrainingRun(recipe: recipe, data: data, vocabularySize: vocabularySize, seed: seed)
        let curve = train(model, with: trainer, recipe: recipe, data: data, book: book)
        return (model, trainer, curve)
    }

    /// The recipe's steps for `trainer`, with validation every `recipe.evaluateEvery` steps.
    public static func train(
        _ model: GPT, with trainer: Trainer, recipe: PretrainingRecipe, data: LanguageModelData,
        book: Notebook, label: String = "Pretraining"
    ) -> [TrainingStep] {
        book.train(
            trainer, steps: recipe.steps, label: label, evaluateEvery: recipe.evaluateEvery,
            tokensPerStep: recipe.batchSize * model.config.contextLength
        ) {
            model.validationLoss(on: data, batchSize: recipe.batchSize)
        }
    }

    /// Saves the pretrained model with its validation loss and what trained it (`corpus`:
    /// `story-world`, or `file:NAME` for a reader's text).
    public static func save(
        _ model: GPT, recipe: PretrainingRecipe, data: LanguageModelData, to url: URL,
        corpus: String? = nil
    ) throws {
        let validation = model.validationLoss(on: data, batchSize: recipe.batchSize)
        try model.save(
            to: url,
            metadata: [
                "validation_loss": Format.fixed(Double(validation), 4),
                "steps": String(recipe.steps), "corpus": corpus ?? storyWorldCorpus,
            ])
    }
}

extension Bookshelf {
    /// Chapter 1's tokenizer and chapter 3's model, in evaluation mode — made exactly (and said
    /// so) when missing. Stops the chapter with the reason when they cannot be had, so every
    /// chapter that builds on chapter 3 starts the same way.
    public static func pretrained(for book: Notebook) -> (tokenizer: BytePairTokenizer, model: GPT) {
        do {
            let tokenizer = try Bookshelf.tokenizer(for: book)
            let model = try Bookshelf.pretrainedModel(for: book, tokenizer: tokenizer)
            model.isTraining = false
            return (tokenizer, model)
        } catch {
            book.stop("\(error)")
        }
    }
}
