import Alignment
import Engine
import Foundation
import TestSupport
import Testing

@Suite struct BradleyTerryTests {
    @Test func lossOnAHandComputedExample() {
        // margins 1 and −2: loss = ½[log(1 + e⁻¹) + log(1 + e²)]
        let chosen = Tensor(shape: [2], scalars: [1, 0]), rejected = Tensor(shape: [2], scalars: [0, 2])
        let expected = Float((log(1 + exp(-1.0)) + log(1 + exp(2.0))) / 2)
        expectClose(BradleyTerry.loss(chosen: chosen, rejected: rejected).item, expected, tolerance: 1e-6)
    }

    @Test func gradientIsMinusOneMinusPOverB() {
        let chosen = Tensor(shape: [2], scalars: [1, 0]), rejected = Tensor(shape: [2], scalars: [0, 2])
        chosen.requiresGradient = true; rejected.requiresGradient = true
        BradleyTerry.loss(chosen: chosen, rejected: rejected).backward()
        // ∂/∂r_c = −σ(−m)/B with m = 1, −2
        let expected = [Float(-1 / (1 + exp(1.0)) / 2), Float(-1 / (1 + exp(-2.0)) / 2)]
        expectClose(chosen.gradient?.scalars ?? [], expected, tolerance: 1e-6)
        expectClose(rejected.gradient?.scalars ?? [], expected.map { -$0 }, tolerance: 1e-6)
    }

    @Test(arguments: [1, 5])
    func gradientMatchesFiniteDifferences(pairs: Int) {
        let chosen = randomTensor([pairs], seed: 3, scale: 2), rejected = randomTensor([pairs], seed: 4, scale: 2)
        checkGradients([chosen, rejected]) { BradleyTerry.loss(chosen: $0[0], rejected: $0[1]) }
    }

    @Test func pairAccuracyCountsTiesHalf() {
        #expect(BradleyTerry.accuracy(chosen: [1, 0, 3], rejected: [0, 2, 3]) == 0.5)
    }

    @Test func calibrationBinsAreSymmetricAndExactOnKnownMargins() {
        // Margin 0 → both orientations predict ½; one right, one wrong: observed ½.
        let bins = Calibration.bins(margins: [0, 0], binCount: 2)
        #expect(bins[0].count == 0 && bins[1].count == 4)
        #expect(bins[1].meanPredicted == 0.5 && bins[1].observedFrequency == 0.5)
        // A large margin predicts ≈1 for the chosen side (true) and ≈0 for the other (false): calibrated.
        let confident = Calibration.bins(margins: [20, 20, 20], binCount: 10)
        #expect(confident[9].observedFrequency == 1 && confident[0].observedFrequency == 0)
        #expect(Calibration.expectedCalibrationError(confident) < 1e-6)
    }
}

@Suite struct RewardNormalizationTests {
    @Test func scoresBecomeMeanZeroUnitSpread() {
        let normalize = RewardNormalization(scores: [1, 3])  // mean 2, σ 1
        #expect(normalize([1, 3, 4]) == [-1, 1, 2])
        #expect(RewardNormalization(scores: [5, 5]).standardDeviation == 1)
    }
}
