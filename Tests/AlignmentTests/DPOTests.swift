import Alignment
import Engine
import Foundation
import TestSupport
import Testing
import Transformers

@Suite struct DPOTests {
    @Test func lossAndGradientOnAHandComputedExample() {
        // log π(y_w) = −10, log π_ref(y_w) = −12, log π(y_l) = −9, log π_ref(y_l) = −8:
        // margin = (−10 + 12) − (−9 + 8) = 3; β = 0.1 → loss = −log σ(0.3) = log(1 + e^−0.3)
        let chosen = Tensor(shape: [1], scalars: [-10]), rejected = Tensor(shape: [1], scalars: [-9])
        chosen.requiresGradient = true; rejected.requiresGradient = true
        let loss = DPO.loss(
            policyChosen: chosen, policyRejected: rejected,
            referenceChosen: Tensor(shape: [1], scalars: [-12]),
            referenceRejected: Tensor(shape: [1], scalars: [-8]), beta: 0.1)
        expectClose(loss.item, Float(log(1 + exp(-0.3))), tolerance: 1e-6)
        loss.backward()
        // ∂/∂log π(y_w) = −β·σ(−βm) = −0.1·σ(−0.3); the rejected side the opposite.
        let slope = Float(-0.1 / (1 + exp(0.3)))
        expectClose(chosen.gradient?.item ?? 0, slope, tolerance: 1e-6)
        expectClose(rejected.gradient?.item ?? 0, -slope, tolerance: 1e-6)
    }

    @Test func atTheReferenceTheLossIsLog2() {
        // The policy equals the reference: margin 0, loss log 2, whatever β.
        let x = Tensor(shape: [3], scalars: [-4, -7, -2]), y = Tensor(shape: [3], scalars: [-5, -1, -9])
        for beta: Float in [0.1, 0.5] {
            expectClose(
                DPO.loss(
                    policyChosen: x, policyRejected: y, referenceChosen: x, referenceRejected: y,
                    beta: beta
                ).item, Float(log(2.0)), tolerance: 1e-6)
        }
    }

    @Test func gradientMatchesFiniteDifferences() {
        let chosen = randomTensor([4], seed: 1, scale: 3), rejected = randomTensor([4], seed: 2, scale: 3)
        let referenceChosen = randomTensor([4], seed: 3, scale: 3)
        let referenceRejected = randomTensor([4], seed: 4, scale: 3)
        checkGradients([chosen, rejected]) {
            DPO.loss(
                policyChosen: $0[0], policyRejected: $0[1], referenceChosen: referenceChosen,
                referenceRejected: referenceRejected, beta: 0.5)
        }
    }

    @Test func dpoTrainingRaisesTheChosenMarginAndLeavesTheReferenceAlone() throws {
        let policy = tinyGPT(seed: 3)
        let reference = ReferenceModel(copying: policy)
        let before = reference.fingerprint, policyBefore = parameterFingerprint(policy)
        // Prefer responses of 5s over responses of 6s.
        let pairs = (0..<8).map {
            PreferenceExample(prompt: [1, 2 + $0 % 3], chosen: [5, 5, 5], rejected: [6, 6, 6])
        }
        let trainer = Trainer.dpo(
            policy, reference: reference, pairs: pairs, batchSize: 4, padding: 0, beta: 0.1,
            settings: .constantAdam(learningRate: 1e-2, steps: 20), seed: 1)
        let curve = try trainer.train(steps: 20)
        #expect(reference.fingerprint == before)
        #expect(parameterFingerprint(policy) != policyBefore)
        #expect((curve.last?.loss ?? 1) < (curve.first?.loss ?? 0))
        expectClose(curve.first?.loss ?? 0, Float(log(2.0)), tolerance: 1e-4)  // starts at the reference
    }
}
