import Engine
import TestSupport
import Testing

@testable import Transformers

@Suite("Attention and MLP layers")
struct AttentionAndMLPTests {
    @Test func mlpGradients() {
        var rng = SplitMix64(seed: 76)
        let mlp = MLP(dimensions: 4, rng: &rng)
        #expect(mlp.namedParameters().map(\.tensor.shape) == [[16, 4], [16], [4, 16], [4]])
        checkGradients([randomTensor([2, 3, 4], seed: 77)] + mlp.parameters) { mlp($0[0]) }
    }

    @Test(arguments: [true, false])
    func attentionGradients(causal: Bool) {
        var rng = SplitMix64(seed: 78)
        let attention = MultiHeadAttention(dimensions: 8, heads: 2, causal: causal, rng: &rng)
        // Several chained products and a softmax: rounding grows, so a slightly wider tolerance.
        checkGradients([randomTensor([2, 5, 8], seed: 79)] + attention.parameters, tolerance: 1e-2) { attention($0[0]) }
    }

    @Test func attentionIsCausalAndRecordsItsWeights() {
        var rng = SplitMix64(seed: 80)
        let attention = MultiHeadAttention(dimensions: 8, heads: 2, causal: true, rng: &rng)
        attention.recordsAttentionWeights = true
        let x = randomTensor([1, 4, 8], seed: 81)
        let full = attention(x)
        let weights = attention.lastAttentionWeights!
        #expect(weights.shape == [1, 2, 4, 4])
        #expect(weights[0, 1, 0, 3] == 0)
        // Changing the last token leaves earlier outputs unchanged.
        let changed = x.detached()
        for j in 0..<8 { changed.pointer[3 * 8 + j] += 1 }
        let other = attention(changed)
        expectClose(Array(full.scalars.prefix(24)), Array(other.scalars.prefix(24)), tolerance: 1e-6)
    }

    @Test func parametersAreNamedCountedAndFrozen() {
        var rng = SplitMix64(seed: 82)
        let attention = MultiHeadAttention(dimensions: 8, heads: 2, rng: &rng)
        let names = attention.namedParameters(prefix: "blocks.0.attention").map(\.name)
        #expect(names.first == "blocks.0.attention.query.weight")
        #expect(names.contains("blocks.0.attention.output.bias") && names.count == 8)
        #expect(attention.parameterCount == 4 * (8 * 8 + 8))
        let mlp = MLP(dimensions: 8, hiddenDimensions: 12, rng: &rng)
        #expect(mlp.namedParameters().map(\.name) == ["up.weight", "up.bias", "down.weight", "down.bias"])
        mlp.namedParameters()[0].tensor.requiresGradient = false  // up.weight
        #expect(mlp.trainableParameterCount == mlp.parameterCount - 8 * 12)
        mlp.setTrainable(false)
        #expect(mlp.trainableParameterCount == 0)
    }
}
