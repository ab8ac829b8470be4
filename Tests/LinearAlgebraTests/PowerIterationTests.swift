import LinearAlgebra
import Testing

@Suite("Power iteration with deflation")
struct PowerIterationTests {
    @Test func findsTheTopOfAKnownSpectrum() throws {
        let spectrum: [Float] = [10, 8, 6, 4, 2, 1, 0.5, 0.25]
        let a = Matrix.withSingularValues(spectrum, rows: 30, columns: 8, seed: 12)
        let triplets = a.topSingularTriplets(k: 4, seed: 1)
        #expect(triplets.allSatisfy { $0.converged })
        expectClose(triplets.map(\.singularValue), Array(spectrum.prefix(4)), tolerance: 1e-5, scale: 10)

        // Same vectors as the full decomposition (canonical signs on both sides).
        let reference = try a.lapackSingularValueDecomposition()
        for (j, triplet) in triplets.enumerated() {
            expectClose(triplet.leftVector, reference.u.column(j), tolerance: 1e-4)
            expectClose(triplet.rightVector, reference.vTransposed.row(j), tolerance: 1e-4)
        }
    }

    @Test func aTruncatedDecompositionIsTheBestLowRankApproximation() throws {
        let a = Matrix.gaussian(rows: 25, columns: 40, seed: 6)
        let top = SingularValueDecomposition(triplets: a.topSingularTriplets(k: 3, iterations: 5_000, seed: 2))
        let exact = a.jacobiSingularValueDecomposition().lowRankApproximation(rank: 3)
        let difference = (top.reconstructed() - exact).frobeniusNorm / exact.frobeniusNorm
        #expect(difference < 1e-3)
        #expect(top.leftOrthogonalityError < 1e-4 && top.rightOrthogonalityError < 1e-4)
    }

    @Test func isDeterministicForASeedAndReportsAnExhaustedBudget() {
        let a = Matrix.gaussian(rows: 12, columns: 9, seed: 3)
        let first = a.topSingularTriplets(k: 2, seed: 5)
        let second = a.topSingularTriplets(k: 2, seed: 5)
        #expect(first.map(\.singularValue) == second.map(\.singularValue))
        #expect(first.map(\.iterations) == second.map(\.iterations))
        // Two steps are not enough to settle on a Gaussian matrix's close singular values.
        let hurried = a.topSingularTriplets(k: 1, iterations: 2, tolerance: 1e-12, seed: 5)
        #expect(!hurried[0].converged && hurried[0].iterations == 2)
    }

    @Test func aMatrixOfLowerRankGivesZeroSingularValuesWithOrthogonalVectors() {
        let a = Matrix.withSingularValues([3, 1], rows: 6, columns: 5, seed: 7)
        let triplets = a.topSingularTriplets(k: 3, seed: 1)
        expectClose(triplets.map(\.singularValue), [3, 1, 0], tolerance: 1e-5, scale: 3)
        let u = SingularValueDecomposition(triplets: triplets).u
        #expect(u.orthonormalityError() < 1e-4)
    }
}
