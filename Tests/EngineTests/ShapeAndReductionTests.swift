import Engine
import TestSupport
import Testing

@Suite("Reductions and shape operations")
struct ShapeAndReductionTests {
    @Test func sumsAndMeansKnownAnswers() {
        let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(x.sum().item == 21)
        #expect(x.sum(alongAxis: 0).scalars == [5, 7, 9])
        #expect(x.sum(alongAxis: -1, keepingDimension: true).shape == [2, 1])
        #expect(x.sum(alongAxis: 1).scalars == [6, 15])
        #expect(x.mean(alongAxis: 1).scalars == [2, 5])
        #expect(x.mean().item == 3.5)
    }

    @Test(arguments: [0, 1, 2])
    func reductionGradients(axis: Int) {
        let x = randomTensor([2, 3, 4], seed: 11)
        checkGradients([x]) { $0[0].sum(alongAxis: axis) }
        checkGradients([x]) { $0[0].mean(alongAxis: axis, keepingDimension: true) }
        checkGradients([x]) { $0[0].sum() }
        checkGradients([x]) { $0[0].mean() }
    }

    @Test func permuteAndTransposeKnownAnswers() {
        let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(x.transposed().scalars == [1, 4, 2, 5, 3, 6])
        let y = randomTensor([2, 3, 4], seed: 12)
        let p = y.permuted([2, 0, 1])
        #expect(p.shape == [4, 2, 3])
        #expect(p[3, 1, 2] == y[1, 2, 3])
    }

    @Test func shapeOperationGradients() {
        let x = randomTensor([2, 3, 4], seed: 13)
        checkGradients([x]) { $0[0].reshaped([6, 4]) }
        checkGradients([x]) { $0[0].permuted([1, 2, 0]) }
        checkGradients([x]) { $0[0].transposed(0, 2) }
        checkGradients([x]) { $0[0].sliced(alongAxis: 1, range: 1..<3) }
        checkGradients([x]) { $0[0].sliced(alongAxis: -1, range: 0..<1) }
        let y = randomTensor([2, 5, 4], seed: 14)
        checkGradients([x, y]) { Tensor.concatenate([$0[0], $0[1]], alongAxis: 1) }
        checkGradients([x, x.detached()]) { Tensor.concatenate([$0[0], $0[1]], alongAxis: 0) }
    }

    @Test func sliceAndConcatenateAreInverse() {
        let x = randomTensor([3, 7], seed: 15)
        let parts = [x.sliced(alongAxis: 1, range: 0..<2), x.sliced(alongAxis: 1, range: 2..<7)]
        #expect(Tensor.concatenate(parts, alongAxis: 1).scalars == x.scalars)
    }
}
