import Alignment
import Engine
import Foundation
import TestSupport
import Testing
import Transformers

@Suite struct KLEstimateTests {
    let p: [Double] = [0.5, 0.3, 0.2]  // π
    let q: [Double] = [0.25, 0.25, 0.5]  // π_ref

    @Test func knownValues() {
        expectClose(
            KLEstimate.k1(logProbability: Float(log(0.5)), referenceLogProbability: Float(log(0.25))),
            Float(log(2.0)), tolerance: 1e-6)
        // ρ = ½: (½ − 1) − log ½ = log 2 − ½
        expectClose(
            KLEstimate.k3(logProbability: Float(log(0.5)), referenceLogProbability: Float(log(0.25))),
            Float(log(2.0) - 0.5), tolerance: 1e-6)
        #expect(KLEstimate.k3(logProbability: -1.3, referenceLogProbability: -1.3) == 0)
    }

    @Test func bothEstimatorsAverageToTheExactKLUnderThePolicy() {
        let exact = KLEstimate.exact(p, q)  // Σ p log(p/q)
        expectClose(Float(exact), Float(0.5 * log(2.0) + 0.3 * log(1.2) + 0.2 * log(0.4)), tolerance: 1e-6)
        var k1 = 0.0, k3 = 0.0
        for (pi, qi) in zip(p, q) {
            k1 += pi * Double(KLEstimate.k1(logProbability: Float(log(pi)), referenceLogProbability: Float(log(qi))))
            k3 += pi * Double(KLEstimate.k3(logProbability: Float(log(pi)), referenceLogProbability: Float(log(qi))))
        }
        expectClose(Float(k1), Float(exact), tolerance: 1e-6)
        expectClose(Float(k3), Float(exact), tolerance: 1e-6)
    }

    @Test func k3IsNeverNegativeWhereK1Is() {
        // Token 3 is likelier under the reference: k1 < 0 there, k3 > 0.
        let k1 = KLEstimate.k1(logProbability: Float(log(0.2)), referenceLogProbability: Float(log(0.5)))
        let k3 = KLEstimate.k3(logProbability: Float(log(0.2)), referenceLogProbability: Float(log(0.5)))
        #expect(k1 < 0 && k3 > 0)
    }

    @Test func sampledEstimatesConvergeToTheExactKL() {
        var rng = SplitMix64(seed: 9)
        let draws = 40_000
        var k1 = 0.0, k3 = 0.0
        for _ in 0..<draws {
            let i = rng.nextCategorical(p.map(Float.init))
            k1 += Double(KLEstimate.k1(logProbability: Float(log(p[i])), referenceLogProbability: Float(log(q[i]))))
            k3 += Double(KLEstimate.k3(logProbability: Float(log(p[i])), referenceLogProbability: Float(log(q[i]))))
        }
        let exact = KLEstimate.exact(p, q)
        #expect(abs(k1 / Double(draws) - exact) < 0.01 && abs(k3 / Double(draws) - exact) < 0.01)
    }

    @Test func aModelAgainstItsOwnCopyHasZeroKLOnEveryToken() {
        let policy = tinyGPT()
        let reference = ReferenceModel(copying: policy)
        let batch = ResponseBatch(prompts: [[1, 2, 3], [4]], responses: [[5, 6], [7, 8, 9]], padding: 0)
        let (mine, theirs) = Tensor.withoutGradient {
            (policy.responseLogProbabilities(batch).scalars, reference.model.responseLogProbabilities(batch).scalars)
        }
        for (a, b) in zip(mine, theirs) { #expect(KLEstimate.k1(logProbability: a, referenceLogProbability: b) == 0) }
    }
}
