import Foundation
import LinearAlgebra
import Testing

@Suite struct PowerLawFitTests {
    @Test func aLineThroughExactPoints() throws {
        let line = try #require(LeastSquaresLine(x: [0, 1, 2, 3], y: [1, 3, 5, 7]))
        #expect(abs(line.slope - 2) < 1e-12 && abs(line.intercept - 1) < 1e-12 && abs(line.rSquared - 1) < 1e-12)
    }

    @Test func aLineThroughNoisyPointsByHand() throws {
        // x̄ = 1, ȳ = 2; Σ(x−x̄)(y−ȳ) = (−1)(−1) + 0·1 + 1·0 = 1; Σ(x−x̄)² = 2 → slope ½, intercept 1.5.
        let line = try #require(LeastSquaresLine(x: [0, 1, 2], y: [1, 3, 2]))
        #expect(abs(line.slope - 0.5) < 1e-12 && abs(line.intercept - 1.5) < 1e-12)
        // residuals −0.5, 1, −0.5 → 1.5 of a total 2: R² = 0.25.
        #expect(abs(line.rSquared - 0.25) < 1e-12)
    }

    @Test func aPowerLawIsRecovered() throws {
        let x: [Double] = [1e3, 1e4, 1e5, 1e6]
        let fit = try #require(PowerLawFit(x: x, y: x.map { 3 * pow($0, -0.07) }))
        #expect(abs(fit.exponent - 0.07) < 1e-9 && abs(fit.scale - 3) < 1e-9)
        #expect(abs(fit.predict(1e7) - 3 * pow(1e7, -0.07)) < 1e-9)
    }

    @Test func tooFewOrDegeneratePointsGiveNoFit() {
        #expect(LeastSquaresLine(x: [1], y: [2]) == nil)
        #expect(LeastSquaresLine(x: [1, 1], y: [2, 3]) == nil)
        #expect(PowerLawFit(x: [1, 0], y: [1, 1]) == nil)  // 0 has no logarithm: one point left
    }
}
