import Engine
import Foundation
import TestSupport
import Testing

@testable import Transformers

/// The cached path must compute exactly what the full forward pass computes: these tests
/// compare logits position by position, for whole prompts, single tokens, several rows of
/// different lengths, and a prefix.
@Suite struct GenerationTests {
    let config = GPTConfig(vocabularySize: 23, contextLength: 16, width: 16, heads: 2, layers: 2)

    func model(seed: UInt64) -> GPT {
        var rng = SplitMix64(seed: seed)
        let model = GPT(config: config, rng: &rng)
        model.isTraining = false
        return model
    }

    func randomIDs(_ count: Int, seed: UInt64) -> [Int] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in rng.nextInt(below: 23) }
    }

    /// Logits of position `position` of sequence `row` in a `[B, T, V]` tensor.
    func logitsRow(_ logits: Tensor, row: Int, position: Int) -> [Float] {
        let (time, vocabulary) = (logits.shape[1], logits.shape[2])
        let start = (row * time + position) * vocabulary
        return Array(logits.scalars[start..<(start + vocabulary)])
    }

    @Test func cachedLogitsEqualFullRecomputation() {
        let gpt = model(seed: 3)
        let ids = randomIDs(12, seed: 4)
        let full = Tensor.withoutGradient { gpt(ids, batch: 1) }  // [1, 12, V]
        let cache = KeyValueCache(config: config)
        let prefill = gpt(Array(ids.prefix(5)), batch: 1, cache: cache)  // 5 positions at once
        for position in 0..<5 {
            expectClose(
                logitsRow(prefill, row: 0, position: position), logitsRow(full, row: 0, position: position),
                tolerance: 1e-5, "prefill position \(position)")
        }
        for position in 5..<12 {  // then one at a time
            let step = gpt([ids[position]], batch: 1, cache: cache)
            expectClose(
                logitsRow(step, row: 0, position: 0), logitsRow(full, row: 0, position: position),
                tolerance: 1e-5, "cached position \(position)")
        }
        #expect(cache.lengths == [12])
    }

    @Test func rowsOfDifferentLengthsAdvanceIndependently() {
        let gpt = model(seed: 5)
        let prompts = [randomIDs(3, seed: 6), randomIDs(7, seed: 7), randomIDs(1, seed: 8)]
        let cache = KeyValueCache(config: config, rows: 3)
        for (row, prompt) in prompts.enumerated() { _ = gpt(prompt, batch: 1, cache: cache, rows: [row]) }
        let next = [1, 2, 3]
        let together = gpt(next, batch: 3, cache: cache)  // [3, 1, V]
        for row in 0..<3 {
            let sequence = prompts[row] + [next[row]]
            let alone = Tensor.withoutGradient { gpt(sequence, batch: 1) }
            expectClose(
                logitsRow(together, row: row, position: 0),
                logitsRow(alone, row: 0, position: sequence.count - 1), tolerance: 1e-5, "row \(row)")
        }
        #expect(cache.lengths == [4, 8, 2])
    }

    @Test func embeddingsInTheCacheEqualEmbeddingsInTheFullPass() {
        // What prompt tuning does: vectors that are no token's embedding, in front of the tokens.
        let gpt = model(seed: 9)
        var rng = SplitMix64(seed: 10)
        let prefix = Tensor.randomNormal(shape: [1, 3, 16], rng: &rng)
        let ids = randomIDs(6, seed: 11)
        let inputs = Tensor.concatenate([prefix, gpt.tokenEmbeddings(ids, batch: 1)], alongAxis: 1)  // [1, 9, C]
        let full = Tensor.withoutGradient { gpt.logits(fromHidden: gpt.hiddenStates(embeddings: inputs)) }
        #expect(full.shape == [1, 9, 23])
        let cache = KeyValueCache(config: config)
        let prefill = Tensor.concatenate([prefix, gpt.tokenEmbeddings(Array(ids.prefix(2)), batch: 1)], alongAxis: 1)
        _ = gpt.hiddenStates(embeddings: prefill, cache: cache)
        for position in 2..<6 {
            let step = gpt([ids[position]], batch: 1, cache: cache)
            expectClose(
                logitsRow(step, row: 0, position: 0), logitsRow(full, row: 0, position: position + 3),
                tolerance: 1e-5, "position \(position) behind three input vectors")
        }
        #expect(cache.lengths == [9])
    }

    @Test func tokenIDsAreTheirEmbeddingsThroughTheSamePass() {
        let gpt = model(seed: 14)
        let ids = randomIDs(8, seed: 15)
        let byIDs = Tensor.withoutGradient { gpt.hiddenStates(ids, batch: 2) }
        let byEmbeddings = Tensor.withoutGradient { gpt.hiddenStates(embeddings: gpt.tokenEmbeddings(ids, batch: 2)) }
        #expect(byIDs.scalars == byEmbeddings.scalars)
    }

    @Test func logitsAreTheHeadOfTheHiddenStates() {
        let gpt = model(seed: 12)
        let ids = randomIDs(8, seed: 13)
        let hidden = Tensor.withoutGradient { gpt.hiddenStates(ids, batch: 2) }
        #expect(hidden.shape == [2, 4, 16])
        let logits = Tensor.withoutGradient { gpt(ids, batch: 2) }
        #expect(Tensor.withoutGradient { gpt.logits(fromHidden: hidden) }.scalars == logits.scalars)
    }

    @Test func promptsGeneratedTogetherEqualPromptsGeneratedAlone() {
        let gpt = model(seed: 14)
        let prompts = [randomIDs(2, seed: 15), randomIDs(9, seed: 16), randomIDs(5, seed: 17)]
        for options in [SamplingOptions.greedy, SamplingOptions(temperature: 1.3, topK: 10)] {
            var generators = (0..<3).map { SplitMix64(seed: 100 + UInt64($0)) }
            let together = gpt.generate(
                prompts: prompts, maxNewTokens: 6, options: options, generators: &generators,
                stopTokens: [0])
            for (row, prompt) in prompts.enumerated() {
                var rng = SplitMix64(seed: 100 + UInt64(row))
                let alone = gpt.generate(prompt: prompt, maxNewTokens: 6, options: options, rng: &rng, stopTokens: [0])
                #expect(alone == together[row], "row \(row) with \(options)")
            }
        }
    }

    @Test func generationWithTheCacheEqualsGreedyRecomputation() {
        let gpt = model(seed: 18)
        var rng = SplitMix64(seed: 0)
        let prompt = randomIDs(4, seed: 19)
        let cached = gpt.generate(prompt: prompt, maxNewTokens: 10, options: .greedy, rng: &rng)
        var sequence = prompt
        for _ in 0..<10 {  // the slow way: the whole sequence again for every token
            let logits = Tensor.withoutGradient { gpt(sequence, batch: 1) }
            sequence.append(logits.argmaxAlongLastAxis().last!)
        }
        #expect(cached == Array(sequence.dropFirst(prompt.count)))
    }

    @Test func generationStopsAtTheContext() {
        let gpt = model(seed: 20)
        var rng = SplitMix64(seed: 1)
        let generated = gpt.generate(prompt: randomIDs(10, seed: 21), maxNewTokens: 50, options: .greedy, rng: &rng)
        // 10 + 6 tokens fill the context of 16; the 7th is drawn from the last position's logits
        // and returned, but never fed back.
        #expect(generated.count == 7)
        #expect(gpt.generate(prompt: [1], maxNewTokens: 0, options: .greedy, rng: &rng).isEmpty)
    }
}
