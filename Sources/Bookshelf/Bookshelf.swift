import Corpus
import Engine
import Foundation
import Notebook
import Tokenization
import Transformers

/// What the chapters hand to each other through Checkpoints/ (DESIGN.md §5): chapter 1's
/// tokenizer and chapter 3's pretrained GPT. A chapter that finds one missing makes a small
/// stand-in itself, says so, and goes on.
public enum Bookshelf {
    public static let tokenizerFile = "tokenizer.bpe"
    public static let modelFile = "gpt.safetensors"

    /// Chapter 1's tokenizer, or a stand-in trained on the story world.
    public static func tokenizer(for book: Notebook) throws -> BytePairTokenizer {
        try BytePairTokenizer.loadOrTrain(
            at: book.checkpointsDirectory.appendingPathComponent(tokenizerFile),
            vocabularySize: 1024,
            trainingText: { StoryCorpus.pretrainingText(approximateBytes: 1_000_000, seed: book.options.seed) },
            report: { book.remark($0) })
    }

    /// The GPT the book pretrains in chapter 3, sized for the tokenizer.
    /// - Parameter quick: the tiny variant `--quick` runs use.
    public static func bookConfig(vocabularySize: Int, quick: Bool) -> GPTConfig {
        quick ? GPTConfig(vocabularySize: vocabularySize, contextLength: 64, width: 64, heads: 4, layers: 2)
              : GPTConfig(vocabularySize: vocabularySize, contextLength: 128, width: 128, heads: 4, layers: 4)
    }

    /// The story world, tokenized: stories joined by `<|endoftext|>`, so the model learns where
    /// a story ends.
    public static func storyTokens(tokenizer: BytePairTokenizer, bytes: Int, seed: UInt64) -> [Int] {
        let endOfText = tokenizer.id(ofSpecialToken: BytePairTokenizer.endOfText)
        var tokens: [Int] = []
        for story in StoryCorpus.pretrainingText(approximateBytes: bytes, seed: seed)
            .components(separatedBy: StoryCorpus.storySeparator) where !story.isEmpty {
            tokens += tokenizer.encode(story, allowingSpecialTokens: false)
            if let endOfText { tokens.append(endOfText) }
        }
        return tokens
    }

    /// Chapter 3's pretrained model, or — when Checkpoints/ has none — a small one pretrained
    /// here, briefly, with a note saying so. A checkpoint that exists but is damaged is an
    /// error naming the file, never silently replaced.
    public static func pretrainedModel(for book: Notebook, tokenizer: BytePairTokenizer) throws -> GPT {
        let url = book.checkpointsDirectory.appendingPathComponent(modelFile)
        if FileManager.default.fileExists(atPath: url.path) {
            let model = try GPT.load(from: url)
            guard model.config.vocabularySize == tokenizer.vocabularySize else {
                throw CheckpointError.malformedHeader(
                    file: url.path, reason: "the model has \(model.config.vocabularySize) token ids but the tokenizer \(tokenizer.vocabularySize); "
                        + "re-run chapter01-tokenizer and chapter03-pretraining so they match")
            }
            return model
        }
        book.remark("Chapter 3's model was not found at \(url.deletingLastPathComponent().lastPathComponent)/\(modelFile); "
                    + "pretraining a small stand-in now (run `swift run chapter03-pretraining` for the real one).")
        let config = bookConfig(vocabularySize: tokenizer.vocabularySize, quick: true)
        let tokens = storyTokens(tokenizer: tokenizer, bytes: 600_000, seed: book.options.seed)
        var rng = SplitMix64(seed: book.options.seed)
        let model = GPT(config: config, rng: &rng)
        let trainer = LanguageModelTrainer(model: model, data: LanguageModelData(tokens: tokens), batchSize: 16,
                                           totalSteps: book.options.quick ? 150 : 400, seed: book.options.seed)
        _ = try pretrain(trainer, steps: book.options.quick ? 150 : 400, evaluateEvery: 0, book: book, label: "Pretraining a stand-in")
        return model
    }

    /// One point of a training curve.
    public struct CurvePoint: Sendable {
        public let step: Int
        public let trainingLoss: Double
        public let validationLoss: Double?
    }

    /// Runs `steps` training steps with a progress bar showing the loss and tokens/s,
    /// evaluating the validation loss every `evaluateEvery` steps (0: never) and at the end.
    /// A diverging loss stops the chapter with the step and what to try.
    public static func pretrain(_ trainer: LanguageModelTrainer, steps: Int, evaluateEvery: Int, book: Notebook,
                                label: String) throws -> [CurvePoint] {
        let bar = book.progress(label, total: steps, unit: "steps")
        var curve: [CurvePoint] = []
        var recent: [Double] = []
        for step in 1...steps {
            let loss: Float
            do {
                loss = try trainer.trainStep().loss
            } catch let error as TrainingError {
                bar.finish()
                book.stop("\(label): \(error)")
            }
            recent.append(Double(loss))
            if recent.count > 20 { recent.removeFirst() }
            let smoothed = recent.reduce(0, +) / Double(recent.count)
            let evaluate = (evaluateEvery > 0 && step % evaluateEvery == 0) || step == steps
            let validation = evaluate ? Double(trainer.validationLoss()) : nil
            curve.append(CurvePoint(step: trainer.step, trainingLoss: Double(loss), validationLoss: validation))
            let tokensPerSecond = Double(step * trainer.tokensPerStep) / max(bar.elapsedSeconds, 1e-9)
            bar.update(step, metric: "loss \(Format.fixed(smoothed, 3)) · \(Format.rate(tokensPerSecond)) tok/s")
        }
        bar.finish()
        return curve
    }
}
