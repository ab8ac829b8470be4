import Adapters
import ArgumentParser
import Engine
import Foundation
import Tokenization
import Transformers

/// `tailor sample`: text from a checkpoint the book wrote, printed as it is generated.
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate text from a model the book trained, streamed token by token.")

    @Option(help: "The model (a GPT checkpoint written by chapter 3 or `GPT.save`).")
    var model = "Checkpoints/gpt.safetensors"
    @Option(help: "A LoRA adapter to put on the model (written by chapter 5), or none.")
    var adapter: String?
    @Option(help: "The tokenizer; by default tokenizer.bpe beside the model.")
    var tokenizer: String?
    @Option(help: "The text to continue.")
    var prompt = "Once upon a time,"
    @Option(help: "Divides the logits: below 1 sharper, above 1 flatter.")
    var temperature: Float = 0.8
    @Option(name: .customLong("top-k"), help: "Keep only the k likeliest tokens.")
    var topK: Int?
    @Option(name: .customLong("top-p"), help: "Keep the smallest set of likeliest tokens whose probability reaches p.")
    var topP: Float?
    @Option(name: .customLong("max-tokens"), help: "The most tokens to generate.")
    var maxTokens = 200
    @Option(help: "Seed of the sampling: the same seed writes the same text.")
    var seed: UInt64 = 42

    func validate() throws {
        guard temperature > 0 else { throw ValidationError("--temperature must be positive (got \(temperature))") }
        guard maxTokens >= 0 else { throw ValidationError("--max-tokens must be 0 or more") }
        if let topK, topK < 1 { throw ValidationError("--top-k must be at least 1") }
        if let topP, !(topP > 0 && topP <= 1) { throw ValidationError("--top-p must lie in (0, 1]") }
    }

    func run() throws {
        try reportingFailure("sample") {
            let modelURL = try existingFile(model, what: "model")
            let tokenizerPath =
                tokenizer
                ?? modelURL.deletingLastPathComponent().appendingPathComponent("tokenizer.bpe").path
            let bpe = try BytePairTokenizer.load(from: try existingFile(tokenizerPath, what: "tokenizer"))
            let gpt = try GPT.load(from: modelURL)
            guard gpt.config.vocabularySize == bpe.vocabularySize else {
                throw MismatchedTokenizer(model: gpt.config.vocabularySize, tokenizer: bpe.vocabularySize)
            }
            if let adapter {
                let url = try existingFile(adapter, what: "adapter")
                try LoRAAdapter.read(from: url).attach(to: gpt, file: url.path)
            }
            let ids = bpe.encode(prompt, allowingSpecialTokens: true)
            guard !ids.isEmpty else { throw ValidationError("the prompt is empty") }
            let stop = Set(
                [BytePairTokenizer.endOfText, BytePairTokenizer.endOfTurn]
                    .compactMap { bpe.id(ofSpecialToken: $0) })
            var rng = SplitMix64(seed: seed)
            var stream = UTF8Stream()
            let output = FileHandle.standardOutput
            output.write(Data(prompt.utf8))
            _ = gpt.generate(
                prompt: ids, maxNewTokens: maxTokens,
                options: SamplingOptions(temperature: temperature, topK: topK, topP: topP),
                rng: &rng, stopTokens: stop
            ) { token in
                output.write(Data(stream.append(bpe.tokenBytes(token)).utf8))
            }
            output.write(Data((stream.finish() + "\n").utf8))
        }
    }
}

/// A model and a tokenizer that do not belong together.
struct MismatchedTokenizer: Error, CustomStringConvertible {
    let model: Int, tokenizer: Int
    var description: String {
        "the model has \(model) token ids but the tokenizer \(tokenizer); "
            + "give the tokenizer it was trained with (--tokenizer)"
    }
}
