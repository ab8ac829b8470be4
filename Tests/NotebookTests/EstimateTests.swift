import Testing

@testable import Notebook

/// The interval code against examples worked by hand.
struct EstimateTests {
    /// values 0.60, 0.64, 0.62: mean 0.62, s = 0.02, s/√3 = 0.011547, t(0.975, 2) = 4.303,
    /// half-width = 4.303 · 0.011547 = 0.049687.
    @Test func threeSeedsByHand() {
        let estimate = Estimate([0.60, 0.64, 0.62])
        #expect(abs(estimate.mean - 0.62) < 1e-12)
        #expect(abs(estimate.halfWidth - 0.049687) < 1e-5)
        #expect(abs(estimate.low - 0.570313) < 1e-5 && abs(estimate.high - 0.669687) < 1e-5)
        #expect(Format.percent(estimate) == "62.0% ± 5.0")
    }

    /// 1, 2, 3, 4, 5: mean 3, s = √2.5 = 1.5811, s/√5 = 0.70711, t(0.975, 4) = 2.776 → 1.96293.
    @Test func fiveValuesByHand() {
        let estimate = Estimate([1, 2, 3, 4, 5])
        #expect(abs(estimate.halfWidth - 1.96293) < 1e-4)
    }

    @Test func singleValueHasNoInterval() {
        let estimate = Estimate(constant: 0.25)
        #expect(estimate.isSingle && estimate.halfWidth == 0)
        #expect(Format.percent(estimate) == "25.0%")
    }

    @Test func tQuantilesBeyondTheTable() {
        #expect(abs(Estimate.tQuantile(degreesOfFreedom: 40) - 2.021) < 0.003)
        #expect(abs(Estimate.tQuantile(degreesOfFreedom: 120) - 1.980) < 0.003)
    }

    /// Gaps against the combined half-width √(h₁² + h₂²).
    @Test func comparisonWords() {
        let high = Estimate([0.80, 0.82, 0.81])  // h = 4.303 · 0.01/√3 = 0.0248
        let low = Estimate([0.50, 0.52, 0.51])
        let close = Estimate([0.79, 0.83, 0.81])  // h = 0.0497
        #expect(Comparison.verb(high, low) == "beats")
        #expect(Comparison.verb(low, high) == "falls short of")
        #expect(Comparison.verb(high, close) == "is within noise of")
        #expect(Comparison.verb(Estimate([0.81, 0.81, 0.81]), Estimate(constant: 0.81)) == "matches")
        #expect(Comparison.lossVerb(low, high) == "is below")
    }
}
