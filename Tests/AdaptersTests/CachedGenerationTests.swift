import Adapters
import Engine
import TestSupport
import Testing
import Transformers

/// Adapters change the layers, not the forward path: the cached generation of an adapted
/// model must equal its full recomputation, as for the base model.
@Suite struct CachedGenerationTests {
    /// The logits of every position of `ids`, once by the full pass and once through the
    /// cache (three tokens prefilled, then one at a time); returns the largest difference.
    func largestCacheDifference(_ model: GPT, ids: [Int]) -> Float {
        let vocabulary = model.config.vocabularySize
        let full = Tensor.withoutGradient { model(ids, batch: 1) }.scalars
        let cache = KeyValueCache(config: model.config)
        var cached = model(Array(ids.prefix(3)), batch: 1, cache: cache).scalars
        for id in ids.dropFirst(3) { cached += model([id], batch: 1, cache: cache).scalars }
        #expect(cached.count == ids.count * vocabulary)
        return zip(full, cached).map { abs($0 - $1) }.max() ?? .infinity
    }

    @Test func aLoRAModelGeneratesWithTheCacheAsWithout() {
        let model = tinyGPT(seed: 31)
        var rng = SplitMix64(seed: 32)
        LoRA.apply(to: model, targets: LoRATarget.allLinear, rank: 2, alpha: 4, rng: &rng)
        randomizeB(model, seed: 33)
        #expect(largestCacheDifference(model, ids: [1, 5, 3, 7, 2, 9, 4, 4, 8, 1]) < 1e-5)
    }

    @Test func aPromptTunedModelGeneratesWithTheCacheAsWithout() {
        let tuned = PromptTunedGPT(model: tinyGPT(seed: 34), promptLength: 2, initialTokens: [3, 4])
        for index in 0..<tuned.softPrompt.count { tuned.softPrompt.pointer[index] += 0.3 * Float(index % 5) }
        let ids = [2, 6, 1, 1, 9, 3, 0, 5]
        #expect(largestCacheDifference(tuned.model, ids: ids) < 1e-5)
        // Its generation is the greedy continuation of its own full forward pass.
        var rng = SplitMix64(seed: 0)
        let generated = tuned.generate(prompt: [2, 6], maxNewTokens: 4, options: .greedy, rng: &rng)
        var sequence = [2, 6]
        for _ in 0..<4 {
            sequence.append(Tensor.withoutGradient { tuned(sequence, batch: 1) }.argmaxAlongLastAxis().last!)
        }
        #expect(generated == Array(sequence.dropFirst(2)))
    }

    @Test func aBottleneckModelGeneratesWithTheCacheAsWithout() {
        let model = tinyGPT(seed: 35)
        var rng = SplitMix64(seed: 36)
        for (_, adapter) in BottleneckAdapter.apply(to: model, bottleneck: 3, rng: &rng) {
            for index in 0..<adapter.upWeight.count { adapter.upWeight.pointer[index] = rng.nextNormal() * 0.2 }
        }
        #expect(largestCacheDifference(model, ids: [4, 4, 1, 8, 2, 2, 7]) < 1e-5)
    }
}

/// A slot holds any layer of its widths, not only a `Linear`.
@Suite struct SlotTests {
    /// Not linear at all: y = tanh(x·Wᵀ). Anything with the right widths may stand in a slot.
    final class SquashedLinear: LinearLayer {
        let inner: Linear
        init(_ inner: Linear) { self.inner = inner }
        var inputDimensions: Int { inner.inputDimensions }
        var outputDimensions: Int { inner.outputDimensions }
        func callAsFunction(_ input: Tensor) -> Tensor { inner(input).tanh() }
        func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
            inner.namedParameters(prefix: prefix)
        }
    }

    @Test func anyLayerOfTheRightWidthsDropsIn() {
        let model = tinyGPT(seed: 37)
        let before = Tensor.withoutGradient { model([1, 2, 3], batch: 1) }.scalars
        let slot = model.linearSlots().first { $0.name == "blocks.1.mlp.up" }!
        guard let linear = slot.layer as? Linear else { Issue.record("the slot should hold a Linear"); return }
        slot.replace(with: SquashedLinear(linear))
        #expect(model.linearSlots().first { $0.name == "blocks.1.mlp.up" }!.layer is SquashedLinear)
        #expect(model.namedParameters().map(\.name).contains("blocks.1.mlp.up.weight"))  // names unchanged
        let after = Tensor.withoutGradient { model([1, 2, 3], batch: 1) }.scalars
        #expect(before != after)
        // LoRA wraps it as it wraps a Linear.
        var rng = SplitMix64(seed: 38)
        let lora = LoRALinear(
            wrapping: model.linearSlots().first { $0.name == "blocks.1.mlp.up" }!.layer,
            rank: 2, alpha: 2, rng: &rng)
        #expect(lora.base is SquashedLinear && lora.outputDimensions == 64)
    }
}
