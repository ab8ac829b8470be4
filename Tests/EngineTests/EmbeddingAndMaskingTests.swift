import Engine
import TestSupport
import Testing

@Suite("Embedding, dropout and masks")
struct EmbeddingAndMaskingTests {
    @Test func embeddingLooksUpAndScatterAdds() {
        let table = Tensor(shape: [3, 2], scalars: [0, 1, 10, 11, 20, 21])
        table.requiresGradient = true
        let y = Tensor.embedding(table: table, ids: [2, 0, 2])
        #expect(y.scalars == [20, 21, 0, 1, 20, 21])
        y.backward(seed: Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6]))
        #expect(table.gradient!.scalars == [3, 4, 0, 0, 6, 8])
        checkGradients([randomTensor([5, 3], seed: 61)]) { Tensor.embedding(table: $0[0], ids: [4, 1, 1, 0]) }
    }

    @Test func dropoutIsSeededScaledAndDifferentiable() {
        let x = Tensor.ones([10_000])
        var a = SplitMix64(seed: 1), b = SplitMix64(seed: 1)
        let y = x.dropout(probability: 0.25, rng: &a)
        #expect(y.scalars == x.dropout(probability: 0.25, rng: &b).scalars)
        #expect(y.scalars.allSatisfy { $0 == 0 || abs($0 - 4.0 / 3.0) < 1e-6 })
        let dropped = y.scalars.filter { $0 == 0 }.count
        #expect(abs(dropped - 2500) < 200)  // binomial σ ≈ 43
        var c = SplitMix64(seed: 1)
        #expect(x.dropout(probability: 0.5, training: false, rng: &c) === x)
        #expect(x.dropout(probability: 0, rng: &c) === x)
        let z = randomTensor([4, 5], seed: 62)
        checkGradients([z]) { inputs in
            var rng = SplitMix64(seed: 9)  // the same mask on every evaluation
            return inputs[0].dropout(probability: 0.3, rng: &rng)
        }
    }

    @Test func maskedFillAndCausalMask() {
        let scores = Tensor(shape: [1, 2, 2], scalars: [1, 2, 3, 4])
        let mask = Tensor(shape: [2, 2], scalars: [0, 1, 0, 0])
        #expect(scores.maskedFill(mask: mask, value: -9).scalars == [1, -9, 3, 4])
        #expect(scores.causallyMasked(value: -9).scalars == [1, -9, 3, 4])
        let attention = randomTensor([2, 3, 4, 4], seed: 63).causallyMasked().softmax()
        #expect(attention[1, 2, 0, 1] == 0 && attention[0, 0, 2, 3] == 0)
        expectClose(attention[0, 0, 0, 0], 1)
        let x = randomTensor([2, 3, 3], seed: 64)
        checkGradients([x]) { $0[0].causallyMasked(value: -5) }
        checkGradients([x]) { $0[0].maskedFill(mask: Tensor(shape: [3], scalars: [1, 0, 1]), value: 2) }
        checkGradients([x]) { $0[0].causallyMasked().softmax() }
    }
}
