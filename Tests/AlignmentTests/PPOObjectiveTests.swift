import Alignment
import Engine
import Foundation
import TestSupport
import Testing

@Suite struct PPOObjectiveTests {
    /// Five tokens (ε = 0.2) and a sixth that is masked, with absurd values:
    ///   A = +2, ρ = 1    inside:           −A·ρ = −2,   ∂/∂log π = −A·ρ = −2
    ///   A = +2, ρ = 1.5  above, favoured:  clipped −2.4, gradient 0
    ///   A = +2, ρ = 0.5  below, unfavoured: −1 (unclipped), gradient −1
    ///   A = −2, ρ = 1.5  above, unfavoured: 3 (unclipped), gradient 3
    ///   A = −2, ρ = 0.5  below, favoured:  clipped 1.6, gradient 0
    @Test func clippedPolicyLossAtBelowAndAboveTheClipRange() {
        let ratios: [Float] = [1, 1.5, 0.5, 1.5, 0.5, 9], advantages: [Float] = [2, 2, 2, -2, -2, 100]
        let old = Tensor(shape: [6], scalars: [-1, -2, -0.5, -3, -1, -1])
        let new = Tensor(shape: [6], scalars: zip(old.scalars, ratios).map { $0 + Float(log(Double($1))) })
        new.requiresGradient = true
        let mask = Tensor(shape: [6], scalars: [1, 1, 1, 1, 1, 0])
        let (loss, clipFraction) = PPOObjective.clippedPolicyLoss(
            logProbabilities: new, oldLogProbabilities: old, advantages: Tensor(shape: [6], scalars: advantages),
            mask: mask, clipRange: 0.2)
        expectClose(loss.item, (-2 - 2.4 - 1 + 3 + 1.6) / 5, tolerance: 1e-5)
        expectClose(clipFraction, 2.0 / 5)
        loss.backward()
        expectClose(new.gradient?.scalars ?? [], [-2, 0, -1, 3, 0, 0].map { $0 / 5 }, tolerance: 1e-5)
    }

    @Test func atTheBoundaryBothTermsAgree() {
        // ρ = 1.2 = 1 + ε exactly: unclipped and clipped are equal, −A·1.2.
        let old = Tensor(shape: [1], scalars: [0]), new = Tensor(shape: [1], scalars: [Float(log(1.2))])
        let (loss, _) = PPOObjective.clippedPolicyLoss(
            logProbabilities: new, oldLogProbabilities: old,
            advantages: Tensor(shape: [1], scalars: [1]),
            mask: Tensor(shape: [1], scalars: [1]))
        expectClose(loss.item, -1.2, tolerance: 1e-5)
    }

    @Test func gradientMatchesFiniteDifferencesAwayFromTheKinks() {
        let old = Tensor(shape: [4], scalars: [0, 0, 0, 0])
        let new = Tensor(shape: [4], scalars: [0.05, -0.1, 0.4, -0.5])  // ρ ≈ 1.05, 0.90, 1.49, 0.61
        let advantages = Tensor(shape: [4], scalars: [1, -1, 1, -0.5]),
            mask = Tensor(shape: [4], scalars: [1, 1, 1, 1])
        checkGradients([new]) {
            PPOObjective.clippedPolicyLoss(
                logProbabilities: $0[0], oldLogProbabilities: old, advantages: advantages,
                mask: mask
            ).loss
        }
    }

    @Test func clippedValueLoss() {
        // old V = 0, return 1, ε = 0.2:
        //   V = 0.5:  clipped to 0.2, (0.2 − 1)² = 0.64 > (0.5 − 1)² = 0.25 → 0.64, gradient 0
        //   V = −0.5: clipped −0.2, 1.44 < 2.25 → 2.25 unclipped, gradient (V − R) = −1.5
        //   V = 0.1:  inside, 0.81, gradient −0.9
        let values = Tensor(shape: [3], scalars: [0.5, -0.5, 0.1])
        values.requiresGradient = true
        let loss = PPOObjective.clippedValueLoss(
            values: values, oldValues: Tensor.zeros([3]),
            returns: Tensor.ones([3]), mask: Tensor.ones([3]), clipRange: 0.2)
        expectClose(loss.item, 0.5 * (0.64 + 2.25 + 0.81) / 3, tolerance: 1e-5)
        loss.backward()
        expectClose(values.gradient?.scalars ?? [], [0, -1.5 / 3, -0.9 / 3], tolerance: 1e-5)
    }
}
