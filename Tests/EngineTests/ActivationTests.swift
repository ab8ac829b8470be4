import Engine
import Foundation
import TestSupport
import Testing

@Suite("Element-wise functions")
struct ActivationTests {
    @Test func knownValues() {
        let x = Tensor(shape: [3], scalars: [-1, 0, 2])
        expectClose(x.exp().scalars, [exp(-1), 1, exp(2)])
        expectClose(x.relu().scalars, [0, 0, 2])
        expectClose(x.tanh().scalars, [tanh(-1), 0, tanh(2)])
        // GELU's tanh form at 1: ½·(1 + tanh(√(2/π)·1.044715)) = 0.841192 (PyTorch, approximate="tanh").
        expectClose(Tensor(shape: [2], scalars: [1, -1]).gelu().scalars, [0.841192, -0.158808], tolerance: 1e-5)
        expectClose(Tensor(shape: [1], scalars: [4]).log().scalars, [log(4)])
    }

    @Test(arguments: [[7], [3, 5], [2, 3, 4]])
    func gradients(shape: [Int]) {
        let x = randomTensor(shape, seed: 21)
        checkGradients([x]) { $0[0].exp() }
        checkGradients([x]) { $0[0].tanh() }
        checkGradients([x]) { $0[0].gelu() }
        checkGradients([x]) { $0[0].relu() }  // random inputs: none within h of the kink
        checkGradients([x]) { $0[0].squared() }
        let positive = Tensor(shape: shape, scalars: x.scalars.map { 0.5 + abs($0) })
        checkGradients([positive]) { $0[0].log() }
        checkGradients([positive]) { $0[0].squareRoot() }
    }

    @Test func fastExponentialIsAccurate() {
        // Relative error within a few Float ulps (ε = 1.2e-7) across the useful range.
        var x: Float = -80
        while x < 80 {
            expectClose(fastExp(x) / exp(x), 1, tolerance: 5e-7, "exp(\(x))")
            x += 0.37
        }
        #expect(fastExp(-.infinity) == 0 && fastExp(-100) == 0 && fastExp(0) == 1)
        #expect(fastExp(100).isFinite)
    }
}
