import Alignment
import Engine
import Transformers

/// A tiny GPT for tests: 16 ids, context 32, one block of width 16.
func tinyGPT(seed: UInt64 = 1, vocabularySize: Int = 16, contextLength: Int = 32) -> GPT {
    var rng = SplitMix64(seed: seed)
    let model = GPT(
        config: GPTConfig(
            vocabularySize: vocabularySize, contextLength: contextLength, width: 16,
            heads: 2, layers: 1), rng: &rng)
    model.isTraining = false
    return model
}

/// Generators seeded 100, 101, … — one per row.
func generators(_ count: Int, base: UInt64 = 100) -> [SplitMix64] {
    (0..<count).map { SplitMix64(seed: base + UInt64($0)) }
}
