import Engine
import Foundation
import TestSupport
import Testing

/// The small ops chapter 7 needs: σ and log σ (reward model, DPO), clamping and element-wise
/// extremes (PPO's clipped objective), and per-row target log-probabilities (policy and reference).
@Suite("Alignment operations")
struct AlignmentOperationTests {
    @Test func logisticKnownValues() {
        let x = Tensor(shape: [5], scalars: [-100, -1, 0, 1, 100])
        expectClose(x.sigmoid().scalars, [0, Float(1 / (1 + exp(1.0))), 0.5, Float(1 / (1 + exp(-1.0))), 1])
        // log σ stays finite where σ underflows: log σ(−100) = −100 − log(1 + e^−100) ≈ −100.
        expectClose(
            x.logSigmoid().scalars,
            [
                -100, Float(-log(1 + exp(1.0))), Float(-log(2.0)),
                Float(-log(1 + exp(-1.0))), 0,
            ])
    }

    @Test(arguments: [[7], [3, 5]])
    func logisticGradients(shape: [Int]) {
        let x = randomTensor(shape, seed: 5, scale: 3)
        checkGradients([x]) { $0[0].sigmoid() }
        checkGradients([x]) { $0[0].logSigmoid() }
    }

    @Test func clampingValuesAndGradient() {
        let x = Tensor(shape: [5], scalars: [0.5, 0.8, 1, 1.2, 1.5])
        expectClose(x.clamped(to: 0.8...1.2).scalars, [0.8, 0.8, 1, 1.2, 1.2])
        // Finite differences away from the bounds: inside passes, outside stops.
        let y = Tensor(shape: [6], scalars: [0.1, 0.7, 0.95, 1.05, 1.3, 2])
        checkGradients([y]) { $0[0].clamped(to: 0.8...1.2) }
        y.zeroGradient()
        y.requiresGradient = true
        y.clamped(to: 0.8...1.2).sum().backward()
        #expect(y.gradient?.scalars == [0, 0, 1, 1, 0, 0])
    }

    @Test func extremesValuesAndGradients() {
        let a = Tensor(shape: [4], scalars: [1, -2, 3, 0.5])
        let b = Tensor(shape: [4], scalars: [0, 2, 3.5, -1])
        #expect(Tensor.maximum(a, b).scalars == [1, 2, 3.5, 0.5])
        #expect(Tensor.minimum(a, b).scalars == [0, -2, 3, -1])
        checkGradients([a, b]) { Tensor.maximum($0[0], $0[1]) }
        checkGradients([a, b]) { Tensor.minimum($0[0], $0[1]) }
        // A tie sends the whole gradient to the left operand.
        let c = Tensor(shape: [1], scalars: [2]), d = Tensor(shape: [1], scalars: [2])
        c.requiresGradient = true; d.requiresGradient = true
        Tensor.maximum(c, d).sum().backward()
        #expect(c.gradient?.scalars == [1] && (d.gradient?.scalars ?? [0]) == [0])
    }

    @Test func tokenLogProbabilitiesMatchLogSoftmax() {
        let logits = randomTensor([4, 6], seed: 9, scale: 2)
        let targets = [2, 0, 5, 3]
        let expected = logits.logSoftmax(alongAxis: -1)
        let picked = Tensor.tokenLogProbabilities(logits: logits, targets: targets)
        expectClose(picked.scalars, targets.enumerated().map { expected[$0.offset, $0.element] }, tolerance: 1e-5)
        // The mean of their negatives is cross-entropy.
        expectClose(-picked.mean().item, Tensor.crossEntropy(logits: logits, targets: targets).item, tolerance: 1e-5)
    }

    @Test func tokenLogProbabilitiesGradientAndIgnoredRows() {
        let logits = randomTensor([5, 7], seed: 13)
        checkGradients([logits]) {
            Tensor.tokenLogProbabilities(logits: $0[0], targets: [1, -1, 6, 0, -1], ignoreIndex: -1)
        }
        let values = Tensor.tokenLogProbabilities(logits: logits, targets: [1, -1, 6, 0, -1], ignoreIndex: -1)
        #expect(values[1] == 0 && values[4] == 0)
        logits.zeroGradient()
        logits.requiresGradient = true
        Tensor.tokenLogProbabilities(logits: logits, targets: [1, -1, 6, 0, -1], ignoreIndex: -1).sum().backward()
        let gradient = logits.gradient?.scalars ?? []
        #expect(gradient[7..<14].allSatisfy { $0 == 0 } && gradient[28..<35].allSatisfy { $0 == 0 })
    }
}
