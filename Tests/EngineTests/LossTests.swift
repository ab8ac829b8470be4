import Engine
import TestSupport
import Testing

@Suite("Cross-entropy")
struct LossTests {
    @Test func matchesNegativeLogSoftmax() {
        let logits = randomTensor([4, 6], seed: 41, scale: 2)
        let targets = [0, 5, 2, 2]
        let logProbabilities = logits.logSoftmax()
        let expected = -(0..<4).map { logProbabilities[$0, targets[$0]] }.reduce(0, +) / 4
        expectClose(Tensor.crossEntropy(logits: logits, targets: targets).item, expected, tolerance: 1e-6)
        // Uniform logits over V classes: log V.
        expectClose(Tensor.crossEntropy(logits: Tensor.zeros([2, 8]), targets: [1, 7]).item, 2.0794415)
    }

    @Test func ignoredRowsCountForNothing() {
        let logits = randomTensor([3, 5], seed: 42)
        let full = Tensor.crossEntropy(logits: logits.sliced(alongAxis: 0, range: 0..<2), targets: [1, 4])
        let ignoring = Tensor.crossEntropy(logits: logits, targets: [1, 4, -100], ignoreIndex: -100)
        expectClose(ignoring.item, full.item, tolerance: 1e-6)
        logits.requiresGradient = true
        Tensor.crossEntropy(logits: logits, targets: [1, 4, -100], ignoreIndex: -100).backward()
        #expect((0..<5).allSatisfy { logits.gradient![2, $0] == 0 })
    }

    @Test(arguments: [([5, 7], nil as Int?), ([6, 3], 2)])
    func gradients(shape: [Int], ignoreIndex: Int?) {
        let logits = randomTensor(shape, seed: 43)
        let targets = (0..<shape[0]).map { ($0 * 5 + 1) % shape[1] }
        checkGradients([logits]) { Tensor.crossEntropy(logits: $0[0], targets: targets, ignoreIndex: ignoreIndex) }
    }
}
