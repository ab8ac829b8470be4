import Adapters
import Engine
import Foundation
import TestSupport
import Testing
import Transformers

/// A small GPT for tests: 2 blocks, d = 16, context 12.
func tinyGPT(seed: UInt64 = 1) -> GPT {
    var rng = SplitMix64(seed: seed)
    let model = GPT(config: GPTConfig(vocabularySize: 20, contextLength: 12, width: 16, heads: 2, layers: 2), rng: &rng)
    model.isTraining = false
    return model
}

let sampleIDs = [1, 5, 3, 7, 2, 9, 4, 4, 8, 1, 0, 6, 3, 3, 2, 5]  // 2 sequences of 8

/// Puts random values into every LoRA B, so the adapters actually change the model.
func randomizeB(_ model: GPT, seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    for (_, layer) in LoRA.layers(in: model) {
        for index in 0..<layer.loraB.count { layer.loraB.pointer[index] = rng.nextNormal() * 0.1 }
    }
}

@Test func loraWithZeroBLeavesOutputsUnchanged() {
    let model = tinyGPT()
    let before = Tensor.withoutGradient { model(sampleIDs, batch: 2) }.scalars
    var rng = SplitMix64(seed: 2)
    LoRA.apply(to: model, targets: LoRATarget.allLinear, rank: 4, alpha: 8, rng: &rng)
    let after = Tensor.withoutGradient { model(sampleIDs, batch: 2) }.scalars
    #expect(before == after)  // B = 0: the low-rank path adds exactly zero
}

@Test func layerComputesTheFormula() {
    var rng = SplitMix64(seed: 3)
    let base = Linear(inputDimensions: 5, outputDimensions: 3, rng: &rng)
    let lora = LoRALinear(wrapping: base, rank: 2, alpha: 6, rng: &rng)
    for index in 0..<lora.loraB.count { lora.loraB.pointer[index] = Float(index) * 0.1 - 0.2 }
    let x = Tensor.randomNormal(shape: [4, 5], rng: &rng)
    let y = lora(x).scalars
    // y = x·(W + (α/r)·B·A)ᵀ + b, computed by hand
    let w = base.weight.scalars, a = lora.loraA.scalars, b = lora.loraB.scalars
    let bias = base.bias!.scalars, xs = x.scalars
    var expected: [Float] = []
    for row in 0..<4 {
        for out in 0..<3 {
            var sum = bias[out]
            for input in 0..<5 {
                var update: Float = 0
                for k in 0..<2 { update += b[out * 2 + k] * a[k * 5 + input] }
                sum += xs[row * 5 + input] * (w[out * 5 + input] + 3 * update)
            }
            expected.append(sum)
        }
    }
    expectClose(y, expected, tolerance: 1e-5)
}

@Test func mergeThenUnmergeRestoresTheWeight() {
    let model = tinyGPT()
    let original = model.namedParameters().map { $0.tensor.scalars }
    var rng = SplitMix64(seed: 4)
    LoRA.apply(to: model, targets: LoRATarget.allLinear, rank: 4, alpha: 8, rng: &rng)
    randomizeB(model, seed: 5)
    let layer = LoRA.layers(in: model)[0].layer
    let unmergedWeight = baseWeight(layer).scalars
    LoRA.merge(in: model)
    #expect(layer.isMerged)
    #expect(baseWeight(layer).scalars != unmergedWeight)
    LoRA.unmerge(in: model)
    expectClose(baseWeight(layer).scalars, unmergedWeight, tolerance: 1e-6)
    LoRA.remove(from: model)
    #expect(LoRA.layers(in: model).isEmpty)
    for (restored, saved) in zip(model.namedParameters().map { $0.tensor.scalars }, original) {
        expectClose(restored, saved, tolerance: 1e-6)
    }
}

@Test func mergedAndUnmergedLogitsAgree() {
    let model = tinyGPT()
    var rng = SplitMix64(seed: 6)
    LoRA.apply(to: model, targets: LoRATarget.queryValue, rank: 2, alpha: 4, rng: &rng)
    randomizeB(model, seed: 7)
    let unmerged = Tensor.withoutGradient { model(sampleIDs, batch: 2) }.scalars
    LoRA.merge(in: model)
    let merged = Tensor.withoutGradient { model(sampleIDs, batch: 2) }.scalars
    expectClose(merged, unmerged, tolerance: 1e-5)
    // The fused layer is a plain Linear with the same map.
    let lora = LoRA.layers(in: model)[0].layer
    LoRA.unmerge(in: model)
    let x = Tensor.randomNormal(shape: [3, 16], rng: &rng)
    let fused = lora.fused()
    #expect(!(fused is LoRALinear))
    expectClose(
        Tensor.withoutGradient { fused(x) }.scalars, Tensor.withoutGradient { lora(x) }.scalars,
        tolerance: 1e-5)
}

@Test func frozenWeightsDoNotMoveWhileAdaptersDo() {
    let model = tinyGPT()
    var rng = SplitMix64(seed: 8)
    LoRA.apply(to: model, targets: LoRATarget.queryValue, rank: 2, alpha: 2, rng: &rng)
    let frozen = model.namedParameters().filter { !$0.name.contains(".lora") }
    let frozenBefore = frozen.map { $0.tensor.scalars }
    let layer = LoRA.layers(in: model)[0].layer
    let bBefore = layer.loraB.scalars
    let optimizer = Adam(parameters: model.trainableParameters, learningRate: 1e-2)
    for _ in 0..<3 {
        optimizer.zeroGradient()
        let loss = model.loss(Array(sampleIDs[0..<8]), targets: Array(sampleIDs[1..<9]), batch: 1)
        loss.backward()
        optimizer.step()
    }
    #expect(frozen.allSatisfy { $0.tensor.gradient == nil })
    #expect(zip(frozen, frozenBefore).allSatisfy { $0.tensor.scalars == $1 })
    #expect(layer.loraB.scalars != bBefore)
    #expect(model.trainableParameters.count == 2 * LoRA.layers(in: model).count)
}

@Test(arguments: [1, 2, 8])
func trainableCountMatchesTheFormula(rank: Int) {
    let model = tinyGPT()
    let total = ParameterBudget(of: model).total
    var rng = SplitMix64(seed: 9)
    let added = LoRA.apply(to: model, targets: LoRATarget.allLinear, rank: rank, alpha: 8, rng: &rng)
    let budget = ParameterBudget(of: model)
    let expected = LoRA.parameterCount(
        rank: rank,
        shapes: added.map { [$0.layer.outputDimensions, $0.layer.inputDimensions] })
    // per block: q, k, v, o (16→16) and up (16→64), down (64→16)
    #expect(expected == 2 * rank * (4 * (16 + 16) + 2 * (16 + 64)))
    #expect(budget.trainable == expected)
    #expect(budget.total == total + expected)
}

@Test func targetsSelectTheNamedProjections() {
    let model = tinyGPT()
    var rng = SplitMix64(seed: 10)
    let added = LoRA.apply(to: model, targets: LoRATarget.queryValue, rank: 1, alpha: 1, rng: &rng)
    #expect(
        added.map(\.name) == [
            "blocks.0.attention.query", "blocks.0.attention.value",
            "blocks.1.attention.query", "blocks.1.attention.value",
        ])
    #expect(model.namedParameters().contains { $0.name == "blocks.0.attention.query.weight" })
    #expect(model.namedParameters().contains { $0.name == "blocks.0.attention.query.loraA" })
}

/// The float weight under a LoRA layer (the tests' models are float).
func baseWeight(_ layer: LoRALinear) -> Tensor {
    guard let linear = layer.base as? Linear else { preconditionFailure("a float base was expected") }
    return linear.weight
}
