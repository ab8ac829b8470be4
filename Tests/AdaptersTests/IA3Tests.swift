import Engine
import Foundation
import TestSupport
import Testing
import Transformers

@testable import Adapters

// MARK: - IA³: learned vectors that rescale keys, values and the MLP's hidden activations

@Suite struct IA3Tests {
    @Test func startsAsTheBaseModelAndTrainsOnlyItsVectors() {
        let model = tinyGPT(seed: 40)
        let before = Tensor.withoutGradient { model(sampleIDs, batch: 2) }.scalars
        var rng = SplitMix64(seed: 0)
        let tuned = IA3().prepare(model, rng: &rng)
        #expect(Tensor.withoutGradient { tuned.logits(sampleIDs, batch: 2) }.scalars == before)
        // Per block: l_k and l_v of width 16, l_ff of the MLP's hidden width 64.
        #expect(ParameterBudget(of: tuned).trainable == 2 * (16 + 16 + 64))
        let changed = changedParameters(model) { languageModelLoss(model) }
        #expect(changed.count == 6 && changed.allSatisfy { $0.hasSuffix(".ia3") })
    }

    @Test func scalesTheOutputOfKeysAndValuesAndTheInputOfTheDownProjection() {
        let model = tinyGPT(seed: 41)
        var rng = SplitMix64(seed: 0)
        _ = IA3().prepare(model, rng: &rng)
        let layers = model.linearSlots().compactMap { slot in (slot.layer as? IA3Linear).map { (slot.name, $0) } }
        #expect(
            layers.map(\.0).sorted() == [
                "blocks.0.attention.key", "blocks.0.attention.value", "blocks.0.mlp.down",
                "blocks.1.attention.key", "blocks.1.attention.value", "blocks.1.mlp.down",
            ])
        for (name, layer) in layers {
            #expect(layer.scalesInput == name.hasSuffix("mlp.down"), "\(name)")
            #expect(layer.scales.count == (layer.scalesInput ? layer.inputDimensions : layer.outputDimensions))
        }
    }

    @Test func theVectorsGradientsMatchFiniteDifferences() {
        var rng = SplitMix64(seed: 42)
        let input = randomTensor([3, 5], seed: 43)
        for scalesInput in [false, true] {
            let layer = IA3Linear(
                wrapping: Linear(inputDimensions: 5, outputDimensions: 4, rng: &rng),
                scalesInput: scalesInput)
            let start = randomTensor([layer.scales.count], seed: 44)
            layer.scales.assign(start)
            checkGradients([layer.scales, input]) { _ in layer(input) }
        }
    }

    @Test func fusingFoldsTheVectorIntoTheWeight() {
        var rng = SplitMix64(seed: 45)
        let input = randomTensor([2, 6], seed: 46)
        for scalesInput in [false, true] {
            let layer = IA3Linear(
                wrapping: Linear(inputDimensions: 6, outputDimensions: 3, rng: &rng),
                scalesInput: scalesInput)
            layer.scales.assign(randomTensor([layer.scales.count], seed: 47))
            let expected = Tensor.withoutGradient { layer(input) }.scalars
            let fused = layer.fused()
            expectClose(Tensor.withoutGradient { fused(input) }.scalars, expected, tolerance: 1e-5)
            // A wrong fold (rows where columns belong) must not pass the same check.
            let wrong = IA3Linear(wrapping: layer.base, scalesInput: !scalesInput)
            #expect(
                layer.scales.count != wrong.scales.count || expected != Tensor.withoutGradient { wrong(input) }.scalars)
        }
    }
}

// MARK: - One interface for every method

@Suite struct FineTuningMethodTests {
    let methods: [any FineTuningMethod] = [
        FullFineTuning(), LoRAMethod(rank: 2, targets: LoRATarget.attention, alpha: 4),
        LoRAMethod(rank: 2, targets: LoRATarget.allLinear, alpha: 4, scaling: .rankStabilized),
        BottleneckAdapters(size: 3), PromptTuning(length: 2, initialTokens: [3]), BitFit(), LayerNormTuning(), IA3(),
    ]

    @Test func everyMethodHasItsOwnIdentity() {
        #expect(Set(methods.map(\.id)).count == methods.count)
        #expect(Set(methods.map(\.name)).count == methods.count)
    }

    @Test func everyMethodStartsAsTheBaseModelExceptNone() {
        for method in methods {
            let model = tinyGPT(seed: 50)
            let before = Tensor.withoutGradient { model(sampleIDs, batch: 2) }.scalars
            var rng = SplitMix64(seed: 51)
            let prepared = method.prepare(model, rng: &rng)
            let after = Tensor.withoutGradient { prepared.logits(sampleIDs, batch: 2) }.scalars
            if method is PromptTuning {
                #expect(after != before, "a soft prompt changes the outputs from the first step")
            } else {
                #expect(after == before, "\(method.name) must start as the base model")
            }
            let budget = ParameterBudget(of: prepared)
            if method is FullFineTuning {
                #expect(budget.trainable == budget.total)
            } else {
                #expect(budget.trainable > 0 && budget.trainable < budget.total, "\(method.name): \(budget)")
            }
        }
    }

    @Test func onlyPromptTuningLeavesTheBaseWeightsAlone() {
        for method in methods { #expect(method.changesBaseWeights == !(method is PromptTuning), "\(method.name)") }
    }
}

// MARK: - LoRA's scaling is an option

@Suite struct LoRAScalingTests {
    @Test func rankStabilizedScalesByTheRootOfTheRank() {
        #expect(LoRAScaling.standard.scale(alpha: 16, rank: 64) == 0.25)
        #expect(LoRAScaling.rankStabilized.scale(alpha: 16, rank: 64) == 2)
        var rng = SplitMix64(seed: 60)
        let layer = LoRALinear(
            wrapping: Linear(inputDimensions: 4, outputDimensions: 4, rng: &rng), rank: 4,
            alpha: 8, scaling: .rankStabilized, rng: &rng)
        #expect(layer.scale == 4)
    }

    @Test func anAdapterFileKeepsItsScaling() throws {
        let model = tinyGPT(seed: 61)
        var rng = SplitMix64(seed: 62)
        _ = LoRAMethod(rank: 2, targets: LoRATarget.attention, alpha: 4, scaling: .rankStabilized)
            .prepare(model, rng: &rng)
        randomizeB(model, seed: 63)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-rs-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try LoRAAdapter(capturing: model).write(to: url)
        let read = try LoRAAdapter.read(from: url)
        #expect(read.scaling == .rankStabilized)
        // Attached to a plain copy of the base, it gives the trained model's outputs.
        let fresh = tinyGPT(seed: 61)
        try read.attach(to: fresh)
        expectClose(
            Tensor.withoutGradient { fresh(sampleIDs, batch: 2) }.scalars,
            Tensor.withoutGradient { model(sampleIDs, batch: 2) }.scalars, tolerance: 1e-6)
        #expect(LoRA.layers(in: fresh).allSatisfy { $0.layer.scaling == .rankStabilized })
    }
}
