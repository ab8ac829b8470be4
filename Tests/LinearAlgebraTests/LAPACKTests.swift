import LinearAlgebra
import Testing

@Suite("LAPACK sgesdd wrapper")
struct LAPACKTests {
    @Test(arguments: [false, true])
    func decomposesTallWideAndSquare(full: Bool) throws {
        for (index, shape) in shapes.enumerated() {
            let a = Matrix.gaussian(rows: shape.rows, columns: shape.columns, seed: 300 + UInt64(index))
            expectValidDecomposition(try a.lapackSingularValueDecomposition(full: full), of: a)
        }
    }

    @Test func findsAKnownSpectrumAndMakesSignsCanonical() throws {
        let spectrum: [Float] = [3, 2, 1]
        let a = Matrix.withSingularValues(spectrum, rows: 3, columns: 5, seed: 4)
        let svd = try a.lapackSingularValueDecomposition()
        expectClose(svd.singularValues, spectrum, tolerance: singularValueTolerance, scale: 3)
        for j in 0..<3 {
            let column = svd.u.column(j)
            let largest = column.max { abs($0) < abs($1) }!
            #expect(largest > 0)
        }
    }

    @Test func emptyMatricesGiveEmptyOrIdentityFactors() throws {
        let empty = Matrix(rows: 3, columns: 0)
        let svd = try empty.lapackSingularValueDecomposition(full: true)
        #expect(svd.singularValues.isEmpty)
        #expect(svd.u == .identity(size: 3))
    }

    @Test func rejectsNonFiniteEntriesWithAClearError() {
        var a = Matrix.gaussian(rows: 4, columns: 4, seed: 1)
        a[2, 3] = .nan
        #expect(throws: LAPACKError.nonFiniteEntries(routine: "sgesdd")) {
            try a.lapackSingularValueDecomposition()
        }
        #expect(
            LAPACKError.illegalArgument(routine: "sgesdd", position: 5).description
                == "LAPACK sgesdd: argument 5 has an illegal value")
    }
}
