import Alignment
import TestSupport
import Testing

@Suite struct AdvantageTests {
    @Test func gaeOnAHandComputedTrajectory() {
        // r = [−0.1, −0.2, 1], V = [0.2, 0.4, 0.6], γ = 1, λ = 0.95:
        // δ₂ = 1 − 0.6 = 0.4; δ₁ = −0.2 + 0.6 − 0.4 = 0; δ₀ = −0.1 + 0.4 − 0.2 = 0.1
        // A₂ = 0.4; A₁ = 0 + 0.95·0.4 = 0.38; A₀ = 0.1 + 0.95·0.38 = 0.461; returns = A + V
        let (advantages, returns) = AdvantageEstimation.estimate(
            rewards: [-0.1, -0.2, 1], values: [0.2, 0.4, 0.6],
            gamma: 1, lambda: 0.95)
        expectClose(advantages, [0.461, 0.38, 0.4], tolerance: 1e-6)
        expectClose(returns, [0.661, 0.78, 1.0], tolerance: 1e-6)
    }

    @Test func lambdaOneGivesMonteCarloReturnsAndLambdaZeroOneStepTD() {
        let rewards: [Float] = [-0.1, -0.2, 1], values: [Float] = [0.2, 0.4, 0.6]
        // λ = 1, γ = 1: returns are the sums of the rewards still to come, whatever V is.
        expectClose(
            AdvantageEstimation.estimate(rewards: rewards, values: values, gamma: 1, lambda: 1).returns,
            [0.7, 0.8, 1.0], tolerance: 1e-6)
        // λ = 0: Aₖ = δₖ.
        expectClose(
            AdvantageEstimation.estimate(rewards: rewards, values: values, gamma: 1, lambda: 0).advantages,
            [0.1, 0, 0.4], tolerance: 1e-6)
        // The documentation's example: γ = 1, λ = ½.
        let documented = AdvantageEstimation.estimate(
            rewards: [0, 0, 1], values: [0.5, 0.5, 0.5],
            gamma: 1, lambda: 0.5)
        expectClose(documented.advantages, [0.125, 0.25, 0.5], tolerance: 1e-6)
        expectClose(documented.returns, [0.625, 0.75, 1], tolerance: 1e-6)
    }

    @Test func discountingShrinksLaterRewards() {
        // γ = 0.5, λ = 1, V = 0: Aₖ = Σⱼ 0.5ʲ rₖ₊ⱼ
        let (advantages, _) = AdvantageEstimation.estimate(
            rewards: [0, 0, 4], values: [0, 0, 0], gamma: 0.5, lambda: 1)
        expectClose(advantages, [1, 2, 4], tolerance: 1e-6)
    }

    @Test func whiteningGivesMeanZeroUnitVariance() {
        expectClose(AdvantageEstimation.whitened([1, 2, 3]), [-1, 0, 1], tolerance: 1e-6)
        #expect(AdvantageEstimation.whitened([5]) == [5])
    }
}
