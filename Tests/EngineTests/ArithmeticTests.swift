import Engine
import TestSupport
import Testing

@Suite("Element-wise arithmetic with broadcasting")
struct ArithmeticTests {
    @Test func forwardKnownAnswers() {
        let a = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
        let bias = Tensor(shape: [2], scalars: [10, 20])
        #expect((a + bias).scalars == [11, 22, 13, 24])
        #expect((a - bias).scalars == [-9, -18, -7, -16])
        #expect((a * Tensor(shape: [2, 1], scalars: [2, 3])).scalars == [2, 4, 9, 12])
        #expect((a / 2).scalars == [0.5, 1, 1.5, 2])
        #expect((1 - a).scalars == [0, -1, -2, -3])
        #expect((2 / a).scalars == [2, 1, 2 / 3, 0.5])
        #expect((-a).scalars == [-1, -2, -3, -4])
        #expect(broadcastShape([4, 1, 3], [5, 3]) == [4, 5, 3])
    }

    static let shapePairs: [([Int], [Int])] = [
        ([3, 4], [3, 4]),  // same shape
        ([2, 3, 4], [4]),  // bias
        ([4, 1, 3], [5, 3]),  // both stretch
        ([2, 3], [1]),  // scalar-like
        ([3, 1], [1, 5]),  // outer product shape
        ([5], [2, 3, 5]),  // the left one stretches
    ]

    @Test(arguments: shapePairs)
    func addSubtractMultiplyDivideGradients(leftShape: [Int], rightShape: [Int]) {
        let a = randomTensor(leftShape, seed: 1), b = randomTensor(rightShape, seed: 2)
        checkGradients([a, b]) { $0[0] + $0[1] }
        checkGradients([a, b]) { $0[0] - $0[1] }
        checkGradients([a, b]) { $0[0] * $0[1] }
        // Keep the divisor away from zero: 2 + |b|-ish values.
        let divisor = Tensor(shape: rightShape, scalars: b.scalars.map { 2 + abs($0) })
        checkGradients([a, divisor]) { $0[0] / $0[1] }
    }

    @Test func scalarOperationGradients() {
        let a = randomTensor([3, 4], seed: 3)
        checkGradients([a]) { $0[0] * 3 + 1 }
        checkGradients([a]) { 2 - $0[0].scaled(by: 0.5) }
        let positive = Tensor(shape: [5], scalars: [1, 2, 3, 0.5, 4])
        checkGradients([positive]) { 2 / $0[0] }
    }
}
