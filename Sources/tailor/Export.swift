import Adapters
import ArgumentParser
import Engine
import FileSafety
import Foundation
import Tokenization
import Transformers

/// `tailor export --huggingface DIR`: the model in transformers' GPT-2 layout.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a model the book trained as a Hugging Face transformers GPT-2 "
            + "(config.json, model.safetensors).",
        discussion: """
            Load it in Python with:
                from transformers import GPT2LMHeadModel
                model = GPT2LMHeadModel.from_pretrained("DIR")
            The tokenizer is the book's own (byte-level BPE with its own merges); pass token ids.
            """)

    @Option(name: .customLong("huggingface"), help: "The directory to write (created if needed).")
    var directory: String
    @Option(help: "The model (a GPT checkpoint written by chapter 3 or `GPT.save`).")
    var model = "Checkpoints/gpt.safetensors"
    @Option(help: "A LoRA adapter to merge into the weights first, or none.")
    var adapter: String?
    @Option(help: "The tokenizer, for the end-of-text id; by default tokenizer.bpe beside the model.")
    var tokenizer: String?
    @Option(
        name: .customLong("reference-text"),
        help: ArgumentHelp(
            "Also write reference.json: this text's ids, Tailor's logits for them and its "
                + "greedy continuation, to check the export against transformers."))
    var referenceText: String?

    func run() throws {
        try reportingFailure("export") {
            let modelURL = try existingFile(model, what: "model")
            let gpt = try GPT.load(from: modelURL)
            if let adapter {
                let url = try existingFile(adapter, what: "adapter")
                try LoRAAdapter.read(from: url).attach(to: gpt, file: url.path)
                for slot in gpt.linearSlots() {
                    if let lora = slot.layer as? LoRALinear { slot.replace(with: lora.fused()) }
                }
            }
            let tokenizerPath =
                tokenizer
                ?? modelURL.deletingLastPathComponent().appendingPathComponent("tokenizer.bpe").path
            let bpe =
                FileManager.default.fileExists(atPath: tokenizerPath)
                ? try BytePairTokenizer.load(from: URL(fileURLWithPath: tokenizerPath)) : nil
            let export = try HuggingFaceGPT2(
                model: gpt,
                endOfTextID: bpe?.id(ofSpecialToken: BytePairTokenizer.endOfText))
            // Every argument is checked before anything is written: a bad --reference-text must
            // not leave a new model beside an old reference.json.
            var referenceIDs: [Int]?
            if let referenceText {
                guard let bpe else {
                    throw MissingFile(path: tokenizerPath, what: "tokenizer (needed for --reference-text)")
                }
                let ids = bpe.encode(referenceText, allowingSpecialTokens: false)
                guard !ids.isEmpty, ids.count <= gpt.config.contextLength else {
                    throw ValidationError(
                        "--reference-text must give 1 to \(gpt.config.contextLength) tokens, "
                            + "got \(ids.count)")
                }
                referenceIDs = ids
            }
            let url = URL(fileURLWithPath: directory)
            // The files go out together or not at all: a temporary folder, renamed into place.
            AtomicFile.removeStaleTemporaries(in: url.deletingLastPathComponent())
            try AtomicFile.writeDirectory(at: url, replaceable: Self.writtenFiles) { staging in
                try export.write(to: staging)
                if let referenceIDs {
                    try writeReference(
                        gpt: gpt, ids: referenceIDs,
                        to: staging.appendingPathComponent("reference.json"))
                }
            }
            print(
                "wrote \(url.appendingPathComponent("config.json").path) and model.safetensors: "
                    + "\(export.tensors.count) tensors, \(gpt.parameterCount) parameters")
        }
    }
}

extension Export {
    /// What `--huggingface DIR` holds after an export; a folder with anything else is refused.
    static let writtenFiles: Set<String> = ["config.json", "model.safetensors", "reference.json"]

    /// Tailor's logits `[T, V]` for `ids` and its greedy continuation, as JSON, so the export can be
    /// checked in Python: `GPT2LMHeadModel.from_pretrained(DIR)(torch.tensor([ids])).logits`.
    func writeReference(gpt: GPT, ids: [Int], to url: URL) throws {
        guard !ids.isEmpty, ids.count <= gpt.config.contextLength else {
            throw ValidationError(
                "--reference-text must give 1 to \(gpt.config.contextLength) tokens, got \(ids.count)")
        }
        gpt.isTraining = false
        let logits = Tensor.withoutGradient { gpt(ids, batch: 1) }
        let vocabulary = gpt.config.vocabularySize
        if let index = logits.scalars.firstIndex(where: { !$0.isFinite }) {
            throw ValidationError(
                "the model's logit \(index % vocabulary) at position \(index / vocabulary) "
                    + "is \(logits.scalars[index]); nothing was written")
        }
        let rows = (0..<ids.count).map { Array(logits.scalars[($0 * vocabulary)..<(($0 + 1) * vocabulary)]) }
        var rng = SplitMix64(seed: 0)
        let greedy = gpt.generate(
            prompt: ids, maxNewTokens: min(20, gpt.config.contextLength - ids.count),
            options: .greedy, rng: &rng)
        let json: [String: Any] = ["ids": ids, "logits": rows.map { $0.map(Double.init) }, "greedy": greedy]
        try AtomicFile.write(try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), to: url)
    }
}
