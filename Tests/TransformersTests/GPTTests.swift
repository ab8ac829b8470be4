import Engine
import Foundation
import Testing

@testable import Transformers

let tinyConfig = GPTConfig(vocabularySize: 23, contextLength: 12, width: 16, heads: 2, layers: 2)

@Suite struct GPTTests {
    @Test func forwardShapesAndParameterCount() {
        var rng = SplitMix64(seed: 1)
        let tiedConfig = GPTConfig(
            vocabularySize: 23, contextLength: 12, width: 16, heads: 4, layers: 1,
            tiedHead: true)
        for config in [tinyConfig, tiedConfig] {
            let model = GPT(config: config, rng: &rng)
            let logits = Tensor.withoutGradient { model(Array(repeating: 3, count: 3 * 7), batch: 3) }
            #expect(logits.shape == [3, 7, 23])
            #expect(model.parameterCount == config.parameterCount)
        }
    }

    @Test func namesFollowTheModules() {
        var rng = SplitMix64(seed: 1)
        let names = GPT(config: tinyConfig, rng: &rng).namedParameters().map(\.name)
        #expect(names.contains("blocks.0.attention.query.weight"))
        #expect(names.contains("blocks.1.mlp.down.bias"))
        #expect(names.contains("head.weight"))
        #expect(Set(names).count == names.count)
    }

    @Test func initialisationFollowsGPT2() {
        var rng = SplitMix64(seed: 2)
        let config = GPTConfig(vocabularySize: 200, contextLength: 64, width: 64, heads: 4, layers: 8)
        let model = GPT(config: config, rng: &rng)
        func std(_ t: Tensor) -> Double {
            let v = t.scalars.map(Double.init); let mean = v.reduce(0, +) / Double(v.count)
            return (v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count)).squareRoot()
        }
        let byName = Dictionary(uniqueKeysWithValues: model.namedParameters().map { ($0.name, $0.tensor) })
        // 4096+ samples: the standard deviation is within a few percent of its target.
        #expect(abs(std(byName["blocks.0.attention.query.weight"]!) - 0.02) < 0.002)
        #expect(abs(std(byName["blocks.3.mlp.down.weight"]!) - 0.02 / 4) < 0.0005)
        #expect(byName["blocks.0.attention.query.bias"]!.scalars.allSatisfy { $0 == 0 })
        #expect(byName["finalNorm.weight"]!.scalars.allSatisfy { $0 == 1 })
    }

    @Test func saveAndLoadGiveTheSameModel() throws {
        var rng = SplitMix64(seed: 4)
        let model = GPT(config: tinyConfig, rng: &rng)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-gpt-\(getpid()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.save(to: url)
        let loaded = try GPT.load(from: url)
        #expect(loaded.config == model.config)
        for ((name, a), (_, b)) in zip(model.namedParameters(), loaded.namedParameters()) {
            #expect(a.scalars == b.scalars, "\(name) differs after loading")
        }
    }
}

@Suite struct SamplingTests {
    @Test func topKKeepsOnlyTheKLargest() {
        let p = Sampler.probabilities([1, 5, 3, 4, 2], options: SamplingOptions(topK: 2))
        #expect(p[0] == 0 && p[2] == 0 && p[4] == 0)
        #expect(abs(p[1] + p[3] - 1) < 1e-6)
        #expect(p[1] > p[3])
    }

    @Test func topPKeepsTheSmallestNucleus() {
        // softmax of log-probabilities is the probabilities themselves: 0.5, 0.3, 0.15, 0.05
        let logits = [0.5, 0.3, 0.15, 0.05].map { Float(log($0)) }
        let p = Sampler.probabilities(logits, options: SamplingOptions(topP: 0.75))
        #expect(p[2] == 0 && p[3] == 0)
        #expect(abs(p[0] - 0.625) < 1e-5 && abs(p[1] - 0.375) < 1e-5)
    }

    @Test func temperatureSharpens() {
        let cold = Sampler.probabilities([1, 2], options: SamplingOptions(temperature: 0.5))
        let warm = Sampler.probabilities([1, 2], options: SamplingOptions(temperature: 2))
        #expect(cold[1] > warm[1])
        #expect(Sampler.sample([1, 7, 3], options: .greedy, rng: &SamplingTests.unused) == 1)
    }
    nonisolated(unsafe) static var unused = SplitMix64(seed: 0)

    @Test func generationIsReproducibleForASeed() {
        var rng = SplitMix64(seed: 5)
        let model = GPT(config: tinyConfig, rng: &rng)
        var a = SplitMix64(seed: 9), b = SplitMix64(seed: 9)
        let first = model.generate(prompt: [1, 2], maxNewTokens: 8, options: SamplingOptions(temperature: 1), rng: &a)
        let second = model.generate(prompt: [1, 2], maxNewTokens: 8, options: SamplingOptions(temperature: 1), rng: &b)
        #expect(first == second)
        #expect(first.count == 8)
        let stopped = model.generate(prompt: [1], maxNewTokens: 50, options: .greedy, rng: &a, stopTokens: Set(0..<23))
        #expect(stopped.isEmpty)
    }
}
