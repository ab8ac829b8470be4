import LinearAlgebra
import Testing

/// The shapes every decomposition must handle: tall, wide, square, a single row and column.
let shapes: [(rows: Int, columns: Int)] = [(12, 5), (5, 12), (9, 9), (1, 6), (6, 1), (40, 17)]

@Suite("One-sided Jacobi SVD")
struct JacobiSVDTests {
    @Test(arguments: [false, true])
    func decomposesRandomMatricesOfEveryShape(full: Bool) {
        for (index, shape) in shapes.enumerated() {
            let a = Matrix.gaussian(rows: shape.rows, columns: shape.columns, seed: UInt64(index))
            expectValidDecomposition(a.jacobiSingularValueDecomposition(full: full), of: a)
        }
    }

    @Test(arguments: [false, true])
    func agreesWithLAPACKValueByValueAndVectorByVector(full: Bool) throws {
        for (index, shape) in shapes.enumerated() {
            let a = Matrix.gaussian(rows: shape.rows, columns: shape.columns, seed: 100 + UInt64(index))
            let mine = a.jacobiSingularValueDecomposition(full: full)
            let reference = try a.lapackSingularValueDecomposition(full: full)
            let largest = reference.singularValues[0]
            expectClose(
                mine.singularValues, reference.singularValues, tolerance: singularValueTolerance,
                scale: largest)
            // Gaussian matrices have distinct singular values, so with canonical signs the paired
            // vectors agree entry by entry (to ε · σ₁ / gap, a few 1e-5 here).
            let p = min(shape.rows, shape.columns)
            expectClose(mine.u.leadingColumns(p).scalars, reference.u.leadingColumns(p).scalars, tolerance: 1e-3)
            expectClose(
                mine.vTransposed.leadingRows(p).scalars, reference.vTransposed.leadingRows(p).scalars,
                tolerance: 1e-3)
        }
    }

    @Test func recoversAKnownSpectrum() {
        let spectrum: [Float] = [9, 7.5, 4, 2, 1, 0.5, 0.25, 0.01]
        for (rows, columns) in [(20, 8), (8, 20), (8, 8)] {
            let a = Matrix.withSingularValues(spectrum, rows: rows, columns: columns, seed: 5)
            let svd = a.jacobiSingularValueDecomposition()
            expectValidDecomposition(svd, of: a)
            expectClose(svd.singularValues, spectrum, tolerance: singularValueTolerance, scale: spectrum[0])
        }
    }

    @Test(arguments: [false, true])
    func handlesRankDeficientMatrices(full: Bool) throws {
        // Rank 3 out of 6 possible: three zero singular values whose U columns must be completed.
        let spectrum: [Float] = [5, 3, 1]
        for (rows, columns) in [(10, 6), (6, 10), (6, 6)] {
            let a = Matrix.withSingularValues(spectrum, rows: rows, columns: columns, seed: 11)
            let svd = a.jacobiSingularValueDecomposition(full: full)
            expectValidDecomposition(svd, of: a)
            expectClose(svd.singularValues, spectrum + [0, 0, 0], tolerance: singularValueTolerance, scale: 5)
            #expect(svd.numericalRank() == 3)
            let reference = try a.lapackSingularValueDecomposition(full: full)
            expectClose(svd.singularValues, reference.singularValues, tolerance: singularValueTolerance, scale: 5)
        }
    }

    @Test func handlesExactlyDependentColumnsAndTheZeroMatrix() {
        // Columns 0 and 1 equal, column 2 their sum: rank 1, exact in Float.
        let a = Matrix([[1, 1, 2], [2, 2, 4], [3, 3, 6], [0, 0, 0]])
        for full in [false, true] {
            let svd = a.jacobiSingularValueDecomposition(full: full)
            expectValidDecomposition(svd, of: a)
            // σ₁ = ‖(1,2,3)‖ · ‖(1,1,2)‖ = √14 · √6 = √84.
            expectClose(svd.singularValues, [Float(84).squareRoot(), 0, 0], tolerance: 1e-6, scale: 10)
        }
        let zero = Matrix(rows: 4, columns: 3)
        let svd = zero.jacobiSingularValueDecomposition(full: true)
        #expect(svd.singularValues == [0, 0, 0])
        #expect(svd.reconstructed() == zero)
        #expect(svd.leftOrthogonalityError < orthogonalityTolerance)
        #expect(svd.rightOrthogonalityError < orthogonalityTolerance)
    }

    @Test func handlesRepeatedSingularValues() throws {
        let spectrum: [Float] = [4, 4, 4, 2, 2, 1]
        let a = Matrix.withSingularValues(spectrum, rows: 9, columns: 6, seed: 21)
        let svd = a.jacobiSingularValueDecomposition(full: true)
        expectValidDecomposition(svd, of: a)
        expectClose(svd.singularValues, spectrum, tolerance: singularValueTolerance, scale: 4)
        // The vectors of a repeated σ are any basis of one subspace: compare subspaces, not vectors.
        let reference = try a.lapackSingularValueDecomposition()
        let similarity = subspaceSimilarity(svd.u, reference.u, leadingColumnsOfA: 3, leadingColumnsOfB: 3)
        #expect(abs(similarity - 1) < 1e-5)
        // The identity itself: every σ is 1, and U Σ Vᵀ must still be I.
        let identity = Matrix.identity(size: 7)
        let identitySVD = identity.jacobiSingularValueDecomposition()
        expectValidDecomposition(identitySVD, of: identity)
        expectClose(identitySVD.singularValues, [Float](repeating: 1, count: 7), tolerance: 1e-6)
    }

    @Test func keepsTinySingularValuesOfAnIllConditionedMatrix() {
        // Condition number 1e5: Jacobi on the columns (never forming AᵀA) keeps σ_min to
        // relative accuracy; AᵀA would have squared it to the edge of Float.
        let spectrum: [Float] = [1, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5]
        let a = Matrix.withSingularValues(spectrum, rows: 10, columns: 6, seed: 8)
        let svd = a.jacobiSingularValueDecomposition()
        expectValidDecomposition(svd, of: a)
        expectClose(svd.singularValues, spectrum, tolerance: 2e-6)
    }

    @Test func throughTheSharedEntryPointBothMethodsAgree() throws {
        let a = Matrix.gaussian(rows: 7, columns: 4, seed: 77)
        let jacobi = try a.singularValueDecomposition(method: .jacobi)
        let lapack = try a.singularValueDecomposition(method: .lapack)
        expectClose(
            jacobi.singularValues, lapack.singularValues, tolerance: singularValueTolerance,
            scale: lapack.singularValues[0])
        #expect(!jacobi.isFull)
        #expect(try a.singularValueDecomposition(full: true).isFull)
    }
}
