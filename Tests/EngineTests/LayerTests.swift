import Engine
import Testing
import TestSupport

@Suite("Layers")
struct LayerTests {
    @Test func linearComputesXTimesWTransposedPlusB() {
        let layer = Linear(weight: Tensor(shape: [2, 3], scalars: [1, 0, 0, 0, 1, 1]),
                           bias: Tensor(shape: [2], scalars: [10, 20]))
        let y = layer(Tensor(shape: [1, 3], scalars: [1, 2, 3]))
        #expect(y.scalars == [11, 25])
        #expect(layer(Tensor(shape: [3], scalars: [1, 2, 3])).scalars == [11, 25])
    }

    @Test(arguments: [[5, 4], [2, 3, 4]])
    func linearGradients(inputShape: [Int]) {
        var rng = SplitMix64(seed: 71)
        let layer = Linear(inputDimensions: 4, outputDimensions: 3, rng: &rng)
        checkGradients([randomTensor(inputShape, seed: 72), layer.weight, layer.bias!]) { layer($0[0]) }
        let noBias = Linear(inputDimensions: 4, outputDimensions: 2, bias: false, rng: &rng)
        checkGradients([randomTensor(inputShape, seed: 73), noBias.weight]) { noBias($0[0]) }
    }

    @Test func embeddingAndLayerNormLayers() {
        var rng = SplitMix64(seed: 74)
        let embedding = Embedding(count: 10, dimensions: 4, rng: &rng)
        #expect(embedding([[1, 2, 3], [4, 5, 6]]).shape == [2, 3, 4])
        checkGradients([embedding.table]) { _ in embedding([[1, 1], [9, 0]]) }
        let norm = LayerNorm(dimensions: 4)
        norm.weight.pointer[1] = 2; norm.bias.pointer[2] = 1
        checkGradients([randomTensor([3, 4], seed: 75), norm.weight, norm.bias]) { norm($0[0]) }
    }

    @Test func mlpGradients() {
        var rng = SplitMix64(seed: 76)
        let mlp = MLP(dimensions: 4, rng: &rng)
        #expect(mlp.up.weight.shape == [16, 4] && mlp.down.weight.shape == [4, 16])
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
        mlp.up.weight.requiresGradient = false
        #expect(mlp.trainableParameterCount == mlp.parameterCount - 8 * 12)
        mlp.setTrainable(false)
        #expect(mlp.trainableParameterCount == 0)
    }
}
