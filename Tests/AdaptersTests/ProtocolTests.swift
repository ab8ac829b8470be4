import Engine
import Foundation
import Tasks
import Testing
import Transformers

@testable import Adapters

/// Chapter 5's measurements: one-pass evaluation, forgetting, subspace chance, the refusal's message.
@Suite struct ProtocolTests {
    /// `evaluate` gives what `exactMatches` and `answerLoss` give, in one pass.
    @Test func evaluateAgreesWithExactMatchAndAnswerLoss() {
        let model = tinyGPT()
        let examples = [
            TaskExample(prompt: [1, 2, 3], answer: [4, 0]), TaskExample(prompt: [5, 6], answer: [7, 8, 0]),
            TaskExample(prompt: [9], answer: [3]),
        ]
        let scores = SupervisedTask.evaluate(examples, model: model, padding: 0, batchSize: 2)
        #expect(scores.matches == SupervisedTask.exactMatches(examples, model: model, padding: 0))
        // answerLoss averages over tokens; weight each example's mean by its answer length.
        let tokens = examples.map { Double($0.answer.count) }
        let pooled = zip(scores.losses, tokens).map { $0 * $1 }.reduce(0, +) / tokens.reduce(0, +)
        #expect(abs(pooled - SupervisedTask.answerLoss(examples, model: model, padding: 0)) < 1e-4)
    }

    @Test func textLossOfAnUntrainedModelIsNearLogV() {
        let model = tinyGPT()
        let tokens = (0..<200).map { ($0 * 7) % 20 }
        let loss = Forgetting.textLoss(tokens, model: model, context: 11, windows: 5)
        #expect(loss > 0.5 * log(20.0) && loss < 2 * log(20.0))
    }

    /// Random subspaces: φ(i, j) ≈ max(i, j)/d.
    @Test func subspaceChanceLevel() {
        #expect(SubspaceSimilarity.chanceLevel(8, 64, dimension: 128) == 0.5)
        var rng = SplitMix64(seed: 3)
        let first = Tensor.randomNormal(shape: [4, 64], rng: &rng)
        let second = Tensor.randomNormal(shape: [16, 64], rng: &rng)
        let grid = SubspaceSimilarity.inputGrid(firstA: first, secondA: second, rows: 4, columns: 16)
        #expect(grid.count == 4 && grid[0].count == 16)
        #expect(abs(grid[3][15] - SubspaceSimilarity.chanceLevel(4, 16, dimension: 64)) < 0.2)
        // A subspace against itself: φ = 1.
        let same = SubspaceSimilarity.inputGrid(firstA: first, secondA: first, rows: 4, columns: 4)
        #expect(abs(same[3][3] - 1) < 1e-4)
    }

    /// The refusal names two different fingerprints for two different models of one layout.
    @Test func wrongBaseMessageShowsTwoFingerprints() throws {
        let trained = tinyGPT(seed: 1), other = tinyGPT(seed: 2)
        var rng = SplitMix64(seed: 14)
        LoRA.apply(to: trained, targets: LoRATarget.queryValue, rank: 2, alpha: 4, rng: &rng)
        LoRA.apply(to: other, targets: LoRATarget.queryValue, rank: 2, alpha: 4, rng: &rng)
        do {
            try LoRAAdapter(capturing: trained).apply(to: other, file: "task.safetensors")
            Issue.record("the wrong base was accepted")
        } catch let AdapterError.wrongBase(_, expected, found) {
            #expect(expected != found)
            // The short forms the message prints differ too: the values' hash, not only the RMS list.
            #expect(LoRAAdapter.short(expected).prefix(8) != LoRAAdapter.short(found).prefix(8))
        }
    }
}
