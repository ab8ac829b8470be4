import Alignment
import Foundation
import TestSupport
import Testing

@Suite struct GaoFitTests {
    let kl: [Double] = [0.25, 1, 2, 4, 9]

    @Test func recoversBestOfNCoefficientsFromExactPoints() throws {
        // gain = d(α − βd), α = 2, β = 0.5; plus the SFT point (0, 0), which the fit must skip.
        let points = [(x: 0.0, y: 0.0)] + kl.map { (x: $0, y: $0.squareRoot() * (2 - 0.5 * $0.squareRoot())) }
        #expect(GaoFit.usable(points).count == kl.count)
        let fit = try #require(GaoFit.line(points, logarithmic: false))
        #expect(isClose(fit.intercept, 2, tolerance: 1e-9))
        #expect(isClose(fit.slope, -0.5, tolerance: 1e-9))
        #expect(isClose(fit.rSquared, 1, tolerance: 1e-9))
        let curve = GaoFit.curve(fit, logarithmic: false, at: [4])
        #expect(isClose(curve[0].y, 2 * (2 - 0.5 * 2), tolerance: 1e-9))
    }

    @Test func recoversRLCoefficientsOnTheLogarithmicForm() throws {
        // gain = d(α − β·log d), α = 1.5, β = 0.3.
        let points = kl.map { (x: $0, y: $0.squareRoot() * (1.5 - 0.3 * log($0.squareRoot()))) }
        let fit = try #require(GaoFit.line(points, logarithmic: true))
        #expect(isClose(fit.intercept, 1.5, tolerance: 1e-9))
        #expect(isClose(fit.slope, -0.3, tolerance: 1e-9))
        // The wrong form fits these points worse.
        let linear = try #require(GaoFit.line(points, logarithmic: false))
        #expect(linear.rSquared < fit.rSquared - 1e-6)
        let curve = GaoFit.curve(fit, logarithmic: true, at: kl)
        for (fitted, point) in zip(curve, points) { #expect(isClose(fitted.y, point.y, tolerance: 1e-9)) }
    }

    @Test func noFitFromFewerThanTwoUsablePoints() {
        #expect(GaoFit.line([(x: 0, y: 0), (x: 1e-4, y: 0.1), (x: 1, y: 0.5)], logarithmic: false) == nil)
    }

    @Test func logSpacedRunsFromATenthToTheLargestInEqualRatios() {
        let values = GaoFit.logSpaced(to: 100, count: 3)
        #expect(values.count == 4)
        for (value, expected) in zip(values, [0.1, 1, 10, 100]) { #expect(isClose(value, expected, tolerance: 1e-9)) }
    }
}
