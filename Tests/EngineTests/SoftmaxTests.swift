import Engine
import Foundation
import TestSupport
import Testing

@Suite("Softmax and log-softmax")
struct SoftmaxTests {
    @Test func rowsSumToOne() {
        let y = randomTensor([4, 9], seed: 31, scale: 3).softmax(alongAxis: -1)
        for row in 0..<4 {
            let total = (0..<9).reduce(Float(0)) { $0 + y[row, $1] }
            expectClose(total, 1, tolerance: 1e-6)
        }
        let z = randomTensor([3, 5, 2], seed: 32).softmax(alongAxis: 1)
        for a in 0..<3 {
            for c in 0..<2 {
                expectClose((0..<5).reduce(Float(0)) { $0 + z[a, $1, c] }, 1, tolerance: 1e-6)
            }
        }
    }

    @Test func stableForLargeLogits() {
        let x = Tensor(shape: [1, 3], scalars: [1000, 1001, 1002])
        let y = x.softmax()
        #expect(y.scalars.allSatisfy { $0.isFinite })
        // Same as softmax([0, 1, 2]).
        let e = [Float(1), exp(1), exp(2)], total = e.reduce(0, +)
        expectClose(y.scalars, e.map { $0 / total }, tolerance: 1e-6)
        let logY = Tensor(shape: [1, 2], scalars: [-1e4, 1e4]).logSoftmax()
        #expect(logY.scalars.allSatisfy { $0.isFinite })
        expectClose(logY.scalars, [-2e4, 0])
    }

    @Test func logSoftmaxIsLogOfSoftmax() {
        let x = randomTensor([3, 6], seed: 33)
        expectClose(x.logSoftmax().scalars, x.softmax().log().scalars, tolerance: 1e-5)
    }

    @Test(arguments: [([4, 7], -1), ([2, 5, 3], 1), ([3, 4], 0)])
    func gradients(shape: [Int], axis: Int) {
        let x = randomTensor(shape, seed: 34)
        checkGradients([x]) { $0[0].softmax(alongAxis: axis) }
        checkGradients([x]) { $0[0].logSoftmax(alongAxis: axis) }
    }
}
