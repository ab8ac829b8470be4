import Engine
import TestSupport
import Testing

@Suite("Layer normalisation")
struct LayerNormalizationTests {
    @Test func normalisesEachRow() {
        let x = randomTensor([3, 16], seed: 51, scale: 5).shifted(by: 3)
        let y = x.layerNorm(weight: Tensor.ones([16]), bias: Tensor.zeros([16]))
        for row in 0..<3 {
            let values = (0..<16).map { y[row, $0] }
            let mean = values.reduce(0, +) / 16
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 16
            expectClose(mean, 0, tolerance: 1e-5)
            expectClose(variance, 1, tolerance: 1e-3)  // ε = 1e-5 against a variance of ~25
        }
    }

    @Test(arguments: [[4, 8], [2, 3, 5], [1, 1, 6]])
    func gradients(shape: [Int]) {
        let width = shape.last!
        let x = randomTensor(shape, seed: 52)
        let weight = randomTensor([width], seed: 53).shifted(by: 1)
        let bias = randomTensor([width], seed: 54)
        checkGradients([x, weight, bias]) { $0[0].layerNorm(weight: $0[1], bias: $0[2]) }
    }
}
