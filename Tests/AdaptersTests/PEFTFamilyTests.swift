import Engine
import Foundation
import Tasks
import TestSupport
import Testing
import Transformers

@testable import Adapters

/// Trains `model` for a few steps on `parameters` and returns which named parameters changed.
func changedParameters(_ model: any Layer, loss: () -> Tensor) -> Set<String> {
    let before = model.namedParameters().map { ($0.name, $0.tensor.scalars) }
    let optimizer = Adam(parameters: model.trainableParameters, learningRate: 1e-2)
    for _ in 0..<2 {
        optimizer.zeroGradient()
        loss().backward()
        optimizer.step()
    }
    var changed = Set<String>()
    for ((name, old), (_, tensor)) in zip(before, model.namedParameters()) where tensor.scalars != old {
        changed.insert(name)
    }
    return changed
}

func languageModelLoss(_ model: GPT) -> Tensor {
    model.loss(Array(sampleIDs[0..<8]), targets: Array(sampleIDs[1..<9]), batch: 1)
}

@Test func bitFitTrainsOnlyBiases() {
    let model = tinyGPT()
    let names = SelectiveTuning.bitFit(model)
    #expect(!names.isEmpty && names.allSatisfy { $0.hasSuffix(".bias") })
    let changed = changedParameters(model) { languageModelLoss(model) }
    #expect(!changed.isEmpty && changed.allSatisfy { $0.hasSuffix(".bias") })
}

@Test func layerNormTuningTrainsOnlyNorms() {
    let model = tinyGPT()
    SelectiveTuning.layerNormTuning(model)
    #expect(ParameterBudget(of: model).trainable == 2 * 16 * (2 * 2 + 1))  // γ, β of 5 norms
    let changed = changedParameters(model) { languageModelLoss(model) }
    #expect(!changed.isEmpty && changed.allSatisfy { $0.contains("Norm.") })
}

@Test func bottleneckAdaptersStartUnchangedAndTrainOnlyThemselves() {
    let model = tinyGPT()
    let before = Tensor.withoutGradient { model(sampleIDs, batch: 2) }.scalars
    var rng = SplitMix64(seed: 20)
    let added = BottleneckAdapter.apply(to: model, bottleneck: 3, rng: &rng)
    #expect(added.count == 4)  // attention output and MLP down, in 2 blocks
    #expect(Tensor.withoutGradient { model(sampleIDs, batch: 2) }.scalars == before)
    #expect(ParameterBudget(of: model).trainable == 4 * (3 * 16 + 3 + 16 * 3 + 16))
    let changed = changedParameters(model) { languageModelLoss(model) }
    #expect(!changed.isEmpty && changed.allSatisfy { $0.contains(".adapter.") })
}

@Test func promptTuningTrainsOnlyTheSoftPrompt() {
    let model = tinyGPT()
    let tuned = PromptTunedGPT(model: model, promptLength: 3, initialTokens: [4, 5])
    #expect(ParameterBudget(of: tuned).trainable == 3 * 16)
    let logits = Tensor.withoutGradient { tuned(sampleIDs, batch: 2) }
    #expect(logits.shape == [2, 8, 20])
    let changed = changedParameters(tuned) {
        tuned.loss(Array(sampleIDs[0..<8]), targets: Array(sampleIDs[1..<9]), batch: 1)
    }
    #expect(changed == ["softPrompt"])
}

@Test func subspaceSimilarityKnownAnswers() {
    var rng = SplitMix64(seed: 21)
    let a = Tensor.randomNormal(shape: [10, 6], rng: &rng)
    // A matrix against itself: every top-i subspace lies in the top-j for j ≥ i.
    let same = SubspaceSimilarity.grid(firstUpdate: a, secondUpdate: a, rows: 4, columns: 6)
    for i in 0..<4 { for j in i..<6 { #expect(abs(same[i][j] - 1) < 1e-4) } }
    // A diagonal matrix's left singular vectors are the axes, ordered by the entries 3, 2, 1.
    let diagonal = Tensor(shape: [3, 3], scalars: [3, 0, 0, 0, 1, 0, 0, 0, 2])
    let u = SubspaceSimilarity.leftSingularVectors(diagonal)
    #expect(abs(abs(u[0, 0]) - 1) < 1e-5 && abs(abs(u[2, 1]) - 1) < 1e-5 && abs(abs(u[1, 2]) - 1) < 1e-5)
    // Orthogonal column spaces: similarity 0.
    let first = Tensor(shape: [4, 1], scalars: [1, 0, 0, 0]), second = Tensor(shape: [4, 1], scalars: [0, 1, 0, 0])
    #expect(SubspaceSimilarity.grid(firstUpdate: first, secondUpdate: second, rows: 1, columns: 1)[0][0] < 1e-8)
}

@Test func exactMatchAgreesWithGreedyGeneration() {
    let model = tinyGPT()
    let examples = [TaskExample(prompt: [1, 2, 3], answer: [4, 0]), TaskExample(prompt: [5, 6], answer: [7, 8, 0])]
    var rng = SplitMix64(seed: 0)
    let generated = examples.map { model.generate(prompt: $0.prompt, maxNewTokens: 3, options: .greedy, rng: &rng) }
    // Make examples whose answers ARE the greedy outputs: both must match.
    let greedyExamples = zip(examples, generated).map { TaskExample(prompt: $0.prompt, answer: $1) }
    #expect(SupervisedTask.exactMatches(greedyExamples, model: model, padding: 0) == [true, true])
    // Change one token of an answer: no longer a match.
    let wrong = greedyExamples.map {
        TaskExample(prompt: $0.prompt, answer: [($0.answer[0] + 1) % 20] + $0.answer.dropFirst())
    }
    #expect(SupervisedTask.exactMatches(wrong, model: model, padding: 0) == [false, false])
}

@Test func batchTargetsOnlyTheAnswer() {
    let batch = SupervisedTask.batch(
        [
            TaskExample(prompt: [1, 2, 3], answer: [4, 0]),
            TaskExample(prompt: [5], answer: [6]),
        ], padding: 9)
    #expect(batch.length == 4)
    #expect(batch.inputs == [1, 2, 3, 4, 5, 9, 9, 9])
    #expect(batch.targets == [-1, -1, 4, 0, 6, -1, -1, -1])
}
