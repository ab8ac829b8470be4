import Engine
import TestSupport
import Testing

@Suite("Layers")
struct LayerTests {
    @Test func linearComputesXTimesWTransposedPlusB() {
        let layer = Linear(
            weight: Tensor(shape: [2, 3], scalars: [1, 0, 0, 0, 1, 1]),
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
}
