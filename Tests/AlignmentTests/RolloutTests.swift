import Alignment
import Engine
import Testing
import Transformers

@Suite struct RolloutTests {
    let prompts = [[1, 2, 3], [4], [5, 6, 7, 8, 9], [2, 2]]

    @Test(arguments: [true, false])
    func rolloutsWithTheCacheEqualRolloutsWithout(greedy: Bool) {
        let model = tinyGPT(seed: 5)
        let options = greedy ? SamplingOptions.greedy : SamplingOptions()
        for stop: Set<Int> in [[], [3]] {
            var cachedGenerators = generators(prompts.count), plainGenerators = generators(prompts.count)
            let cached = Rollouts.sample(
                policy: model, prompts: prompts, maxNewTokens: 12, options: options,
                generators: &cachedGenerators, stopTokens: stop)
            let plain = Rollouts.sampleWithoutCache(
                policy: model, prompts: prompts, maxNewTokens: 12, options: options,
                generators: &plainGenerators, stopTokens: stop)
            #expect(cached == plain, "greedy: \(greedy), stop: \(stop)")
            // The generators advanced alike too.
            func nextDraws(_ generators: [SplitMix64]) -> [UInt64] {
                generators.map {
                    var g = $0; return g.next()
                }
            }
            #expect(nextDraws(cachedGenerators) == nextDraws(plainGenerators))
        }
    }

    @Test func rolloutsMayFillTheContextExactly() {
        // Prompt 20 + 12 new = the context of 32: the last token is drawn but never fed to the cache.
        let model = tinyGPT(seed: 5)
        let prompts = [Array(repeating: 1, count: 20), Array(repeating: 2, count: 18)]
        var cachedGenerators = generators(2), plainGenerators = generators(2)
        let cached = Rollouts.sample(
            policy: model, prompts: prompts, maxNewTokens: 12, generators: &cachedGenerators,
            stopTokens: [3])
        let plain = Rollouts.sampleWithoutCache(
            policy: model, prompts: prompts, maxNewTokens: 12,
            generators: &plainGenerators, stopTokens: [3])
        #expect(cached == plain && cached.allSatisfy { $0.count <= 12 })
        let batch = ResponseBatch(prompts: prompts, responses: cached, padding: 0)
        #expect(batch.length <= model.config.contextLength)
    }

    @Test func stopTokensAreKeptAndEndTheResponse() {
        let model = tinyGPT(seed: 5)
        var rows = generators(16, base: 7)
        let responses = Rollouts.sample(
            policy: model, prompts: Array(repeating: [1, 2], count: 16), maxNewTokens: 12,
            generators: &rows, stopTokens: [3])
        for response in responses {
            if let stop = response.firstIndex(of: 3) {
                #expect(stop == response.count - 1)
            } else {
                #expect(response.count == 12)
            }
        }
        #expect(responses.contains { $0.last == 3 }, "with 16 ids and 16 rows of 12 draws, some row stops")
    }

    @Test func aRowDrawsOnlyFromItsOwnGenerator() {
        let model = tinyGPT(seed: 5)
        var together = generators(prompts.count)
        let batched = Rollouts.sample(
            policy: model, prompts: prompts, maxNewTokens: 8, generators: &together,
            stopTokens: [])
        for row in prompts.indices {
            var alone = [SplitMix64(seed: 100 + UInt64(row))]
            #expect(
                Rollouts.sample(
                    policy: model, prompts: [prompts[row]], maxNewTokens: 8, generators: &alone,
                    stopTokens: []) == [batched[row]])
        }
    }
}
