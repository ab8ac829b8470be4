import ArgumentParser
import Foundation
import Notebook
import Tokenization

/// `swift run -c release bench bpe --vocab 4096 --input FILE [--mode gpt2]`: trains a
/// byte-level BPE on the file, then encodes the whole file, and prints one JSON line.
///
/// Comparable with ../shared/peers/bpe_bench.py (Hugging Face `tokenizers`): no special
/// tokens, so `--vocab 4096` means 3,840 merges on both sides; `--mode bytes` matches its
/// bytes mode (merges cross spaces, one sequence per line).
struct BPEBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bpe",
        abstract: "Train a BPE tokenizer on a file and measure training time and encoding speed.")

    @Option(help: "Vocabulary size: 256 bytes + merges (no special tokens).")
    var vocab: Int = 4096

    @Option(help: "The UTF-8 text file to train on and encode.")
    var input: String

    @Option(help: "Pre-tokenization: gpt2 (GPT-2's split), bytes (one chunk per line), none (whole file).")
    var mode: String = "gpt2"

    @Option(help: "Also save the trained tokenizer to this file (Tailor's .bpe text format).")
    var save: String?

    func run() throws {
        let pretokenizer: Pretokenizer
        switch mode {
        case "gpt2": pretokenizer = .gpt2
        case "bytes", "lines": pretokenizer = .lines
        case "none": pretokenizer = .none
        default: throw ValidationError("--mode must be gpt2, bytes or none, not \(mode)")
        }
        guard vocab >= 256 else { throw ValidationError("--vocab must be at least 256, got \(vocab)") }
        guard FileManager.default.fileExists(atPath: input) else {
            throw ValidationError("\(input): no such file")
        }
        guard FileManager.default.isReadableFile(atPath: input), let data = FileManager.default.contents(atPath: input)
        else { throw ValidationError("\(input): cannot read the file") }
        let bytes = [UInt8](data)
        note("bench bpe: \(bytes.count) bytes from \(input), vocabulary \(vocab), mode \(mode)")

        let (tokenizer, trainSeconds) = Stopwatch.time {
            BytePairTokenizer.train(
                onBytes: bytes, vocabularySize: vocab, pretokenizer: pretokenizer,
                specialTokens: [])
        }
        note("trained \(tokenizer.merges.count) merges in \(trainSeconds) s (\(tokenizer.trainingStop))")

        if let save { try tokenizer.save(to: URL(fileURLWithPath: save)) }

        // Encoding starts with a cold cache: the cache lives for one call.
        let (ids, encodeSeconds) = Stopwatch.time { tokenizer.encode(bytes: bytes) }
        let secondSeconds = Stopwatch.time { tokenizer.encode(bytes: bytes) }.seconds

        let roundTrip = tokenizer.decodeBytes(ids) == bytes
        let megabytes = Double(bytes.count) / 1e6
        emitJSONLine([
            "bench": "bpe",
            "impl": "tailor",
            "mode": .string(mode),
            "vocab": .integer(tokenizer.vocabularySize),
            "vocab_requested": .integer(vocab),
            "input_bytes": .integer(bytes.count),
            "merges": .integer(tokenizer.merges.count),
            "train_seconds": .number(trainSeconds),
            "encode_mb_per_s": .number(megabytes / encodeSeconds),
            "encode_mb_per_s_second_pass": .number(megabytes / secondSeconds),
            "tokens": .integer(ids.count),
            "bytes_per_token": .number(Double(bytes.count) / Double(max(ids.count, 1))),
            "roundtrip_equal": .string(roundTrip ? "true" : "false"),
        ])
    }
}
