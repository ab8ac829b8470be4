import Engine
import TestSupport
import Testing

@Suite("Tensor basics")
struct TensorTests {
    @Test func shapeScalarsAndSubscript() {
        let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(x.count == 6 && x.rank == 2)
        #expect(x[1, 2] == 6 && x[0, 1] == 2)
        #expect(Tensor(3.5).item == 3.5)
        #expect(Tensor.zeros([2, 2]).scalars == [0, 0, 0, 0])
        #expect(Tensor.ones([3]).scalars == [1, 1, 1])
        #expect(Tensor.filled([2], with: 7).scalars == [7, 7])
    }

    @Test func reshapeSharesStorage() {
        let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let y = x.reshaped([3, -1])
        #expect(y.shape == [3, 2])
        #expect(y.storage === x.storage)
        x.pointer[0] = 42
        #expect(y[0, 0] == 42)
    }

    @Test func randomIsSeededAndHasTheRightMoments() {
        var a = SplitMix64(seed: 3), b = SplitMix64(seed: 3)
        let x = Tensor.randomNormal(shape: [10_000], standardDeviation: 2, rng: &a)
        let y = Tensor.randomNormal(shape: [10_000], standardDeviation: 2, rng: &b)
        #expect(x.scalars == y.scalars)
        let mean = x.scalars.reduce(0, +) / 10_000
        let variance = x.scalars.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 10_000
        // Standard error of the mean is 2/√10000 = 0.02; of the variance about 4·√(2/10000) ≈ 0.06.
        #expect(abs(mean) < 0.1 && abs(variance - 4) < 0.3)
        var c = SplitMix64(seed: 4)
        let u = Tensor.randomUniform(shape: [1000], in: -1..<3, rng: &c).scalars
        #expect(u.allSatisfy { $0 >= -1 && $0 < 3 })
    }

    @Test func descriptionIsReadable() {
        let x = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4.5])
        #expect(x.description == "[[1, 2],\n [3, 4.5]]")
        #expect(Tensor.zeros([100]).description.contains("shape: [100]"))
    }
}
