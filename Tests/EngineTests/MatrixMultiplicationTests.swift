import Engine
import TestSupport
import Testing

@Suite("matmul")
struct MatrixMultiplicationTests {
    @Test func knownAnswer() {
        let a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = Tensor(shape: [3, 2], scalars: [7, 8, 9, 10, 11, 12])
        #expect(a.matmul(b).scalars == [58, 64, 139, 154])
        // The same product through the transpose flags on transposed storage.
        let aT = a.transposed(), bT = b.transposed()
        #expect(aT.matmul(b, transposingLeft: true).scalars == [58, 64, 139, 154])
        #expect(a.matmul(bT, transposingRight: true).scalars == [58, 64, 139, 154])
        #expect(aT.matmul(bT, transposingLeft: true, transposingRight: true).scalars == [58, 64, 139, 154])
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func gradientsOfEveryTransposeCombination(left: Bool, right: Bool) {
        // Non-square: M = 3, K = 4, N = 5.
        let a = randomTensor(left ? [4, 3] : [3, 4], seed: 1)
        let b = randomTensor(right ? [5, 4] : [4, 5], seed: 2)
        checkGradients([a, b]) { $0[0].matmul($0[1], transposingLeft: left, transposingRight: right) }
        // Batched: [2, 3]-batch of the same shapes.
        let batchedA = randomTensor([2, 3] + (left ? [4, 3] : [3, 4]), seed: 3)
        let batchedB = randomTensor([2, 3] + (right ? [5, 4] : [4, 5]), seed: 4)
        checkGradients([batchedA, batchedB]) {
            matmul($0[0], $0[1], transposingLeft: left, transposingRight: right)
        }
    }

    @Test func batchedAgainstLoopOfTwoDimensionalProducts() {
        let a = randomTensor([3, 2, 4], seed: 5), b = randomTensor([3, 4, 6], seed: 6)
        let batched = a.matmul(b)
        #expect(batched.shape == [3, 2, 6])
        for index in 0..<3 {
            let single = a.sliced(alongAxis: 0, range: index..<index + 1).reshaped([2, 4])
                .matmul(b.sliced(alongAxis: 0, range: index..<index + 1).reshaped([4, 6]))
            expectClose(batched.sliced(alongAxis: 0, range: index..<index + 1).scalars, single.scalars)
        }
    }

    @Test(arguments: [false, true])
    func leadingAxesFoldAgainstAWeight(transposed: Bool) {
        let x = randomTensor([2, 3, 4], seed: 7)
        let w = randomTensor(transposed ? [5, 4] : [4, 5], seed: 8)
        let y = x.matmul(w, transposingRight: transposed)
        #expect(y.shape == [2, 3, 5])
        checkGradients([x, w]) { $0[0].matmul($0[1], transposingRight: transposed) }
    }
}
