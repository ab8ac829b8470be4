import Foundation
import LinearAlgebra
import Testing

@Suite("Low-rank tools")
struct SpectralMeasuresTests {
    @Test func eckartYoungTheErrorOfTheBestRankKIsTheTailOfTheSpectrum() {
        let a = Matrix.gaussian(rows: 16, columns: 10, seed: 31)
        let svd = a.jacobiSingularValueDecomposition()
        let squares = svd.singularValues.map { Double($0) * Double($0) }
        for k in 0...10 {
            let error = Double((a - svd.lowRankApproximation(rank: k)).frobeniusNorm)
            let tail = squares[k...].reduce(0, +)
            // ‖A − A_k‖_F² = Σ_{i>k} σᵢ², up to Float rounding of ‖A‖_F² ≈ 160.
            #expect(abs(error * error - tail) < 1e-3, "k = \(k): \(error * error) vs \(tail)")
            let energy = Double(svd.energyCaptured(topK: k))
            #expect(abs(energy - (1 - tail / squares.reduce(0, +))) < 1e-5)
        }
        #expect(svd.lowRankApproximation(rank: 10) == svd.reconstructed())
    }

    @Test func energyCapturedOnAHandComputedCase() {
        // σ = (3, 2, 1): energies 9, 4, 1 of 14.
        let sigma: [Float] = [3, 2, 1]
        #expect(SingularValueDecomposition.energyCaptured(singularValues: sigma, topK: 0) == 0)
        #expect(abs(SingularValueDecomposition.energyCaptured(singularValues: sigma, topK: 1) - 9 / 14) < 1e-7)
        #expect(abs(SingularValueDecomposition.energyCaptured(singularValues: sigma, topK: 2) - 13 / 14) < 1e-7)
        #expect(SingularValueDecomposition.energyCaptured(singularValues: sigma, topK: 3) == 1)
    }

    @Test func effectiveRankOnHandComputedCases() {
        // r equal values → exactly r; zeros do not count.
        #expect(abs(SingularValueDecomposition.effectiveRank(singularValues: [2, 2, 2, 2]) - 4) < 1e-6)
        #expect(abs(SingularValueDecomposition.effectiveRank(singularValues: [1, 1, 0]) - 2) < 1e-6)
        #expect(abs(SingularValueDecomposition.effectiveRank(singularValues: [5, 0, 0]) - 1) < 1e-6)
        // σ = (3, 1): p = (¾, ¼), H = −¾ log ¾ − ¼ log ¼, erank = exp(H) ≈ 1.7548.
        let h = -0.75 * log(0.75) - 0.25 * log(0.25)
        #expect(abs(Double(SingularValueDecomposition.effectiveRank(singularValues: [3, 1])) - exp(h)) < 1e-6)
        #expect(SingularValueDecomposition.effectiveRank(singularValues: [0, 0]) == 0)
        // Through a decomposition: a matrix with spectrum (1, 1, 1) has effective rank 3.
        let a = Matrix.withSingularValues([1, 1, 1], rows: 5, columns: 3, seed: 2)
        #expect(abs(a.jacobiSingularValueDecomposition().effectiveRank - 3) < 1e-4)
    }

    @Test func numericalRankCountsValuesAboveARelativeThreshold() {
        #expect(SingularValueDecomposition.numericalRank(singularValues: [10, 1, 1e-9]) == 2)
        #expect(SingularValueDecomposition.numericalRank(singularValues: [10, 1, 1e-9], relativeTolerance: 0.5) == 1)
        #expect(SingularValueDecomposition.numericalRank(singularValues: [0, 0]) == 0)
    }

    @Test func subspaceSimilarityIsOneForTheSameSubspaceAndZeroForOrthogonalOnes() {
        let q = Matrix.randomOrthogonal(size: 10, seed: 4)
        // The same subspace in a different basis: rotate the first three columns among themselves.
        let rotation = Matrix.randomOrthogonal(size: 3, seed: 5)
        let rotated = q.leadingColumns(3) * rotation
        #expect(abs(subspaceSimilarity(q, rotated, leadingColumnsOfA: 3, leadingColumnsOfB: 3) - 1) < 1e-5)
        // A subspace inside a bigger one: φ counts against the smaller, so still 1.
        #expect(abs(subspaceSimilarity(rotated, q, leadingColumnsOfA: 3, leadingColumnsOfB: 7) - 1) < 1e-5)
        // Columns 0–4 against columns 5–9 of one orthogonal matrix: orthogonal subspaces.
        var later = Matrix(rows: 10, columns: 5)
        for i in 0..<10 { for j in 0..<5 { later[i, j] = q[i, j + 5] } }
        #expect(subspaceSimilarity(q, later, leadingColumnsOfA: 5, leadingColumnsOfB: 5) < 1e-6)
    }

    @Test func subspaceSimilarityOnAHandComputedCase() {
        // A = (e₁, e₂), B = ((e₁ + e₂)/√2, e₃) in ℝ³.
        // AᵀB = [[1/√2, 0], [1/√2, 0]]:
        //   φ(1, 1) = (1/√2)² / 1 = ½;  φ(2, 1) = (½ + ½) / 1 = 1;
        //   φ(1, 2) = ½ / 1 = ½;        φ(2, 2) = 1 / 2 = ½.
        let r = Float(0.5).squareRoot()
        let a = Matrix([[1, 0], [0, 1], [0, 0]])
        let b = Matrix([[r, 0], [r, 0], [0, 1]])
        let grid = subspaceSimilarityGrid(a, b, maximumColumnsOfA: 2, maximumColumnsOfB: 2)
        expectClose(grid[0], [0.5, 0.5], tolerance: 1e-6)
        expectClose(grid[1], [1, 0.5], tolerance: 1e-6)
        #expect(abs(subspaceSimilarity(a, b, leadingColumnsOfA: 2, leadingColumnsOfB: 2) - 0.5) < 1e-6)
    }

    @Test func theGridMatchesTheDirectFormulaEverywhere() {
        let a = Matrix.gaussian(rows: 20, columns: 6, seed: 1).orthonormalizedColumns()
        let b = Matrix.gaussian(rows: 20, columns: 4, seed: 2).orthonormalizedColumns()
        let grid = subspaceSimilarityGrid(a, b, maximumColumnsOfA: 6, maximumColumnsOfB: 4)
        for i in 1...6 {
            for j in 1...4 {
                let direct = (a.leadingColumns(i).transposed() * b.leadingColumns(j)).frobeniusNorm
                let expected = direct * direct / Float(min(i, j))
                #expect(abs(grid[i - 1][j - 1] - expected) < 1e-5)
                #expect(grid[i - 1][j - 1] >= 0 && grid[i - 1][j - 1] <= 1)
            }
        }
    }
}
