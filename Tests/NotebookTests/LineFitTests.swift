import Foundation
@testable import Notebook
import Testing

@Suite struct LineFitTests {
    @Test func recoversAnExactLine() throws {
        let x = [0.0, 1, 2, 3, 4]
        let fit = try #require(LineFit(x: x, y: x.map { 2 - 0.5 * $0 }))
        #expect(abs(fit.slope + 0.5) < 1e-12 && abs(fit.intercept - 2) < 1e-12 && abs(fit.rSquared - 1) < 1e-12)
    }

    @Test func powerLawRecoversZipfsExponentAndSkipsZeros() throws {
        let ranks = (1...100).map(Double.init)
        let fit = try #require(LineFit.powerLaw(x: ranks + [101], y: ranks.map { 1_000 / $0 } + [0]))
        #expect(abs(fit.slope + 1) < 1e-9)
        #expect(abs(exp(fit.intercept) - 1_000) < 1e-6)
    }

    @Test func refusesDegenerateInput() {
        #expect(LineFit(x: [1], y: [1]) == nil)
        #expect(LineFit(x: [2, 2, 2], y: [1, 2, 3]) == nil)
    }
}
