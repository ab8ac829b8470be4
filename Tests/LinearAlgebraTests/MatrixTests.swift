import LinearAlgebra
import Testing

@Suite("Matrix")
struct MatrixTests {
    @Test func productMatchesHandComputedAnswer() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        let b = Matrix([[7, 8], [9, 10], [11, 12]])
        // [1·7+2·9+3·11, 1·8+2·10+3·12; 4·7+5·9+6·11, 4·8+5·10+6·12]
        #expect(a * b == Matrix([[58, 64], [139, 154]]))
        #expect(a * [1, 0, -1] == [-2, -2])
    }

    @Test func transposeSwapsIndicesAndIsAnInvolution() {
        let a = Matrix.gaussian(rows: 3, columns: 5, seed: 1)
        let t = a.transposed()
        #expect(t.rows == 5 && t.columns == 3)
        for i in 0..<3 { for j in 0..<5 { #expect(t[j, i] == a[i, j]) } }
        #expect(t.transposed() == a)
    }

    @Test func identityIsNeutralAndNormsAreRight() {
        let a = Matrix.gaussian(rows: 4, columns: 3, seed: 2)
        #expect(Matrix.identity(size: 4) * a == a)
        #expect(Matrix([[3, 4], [0, 0]]).frobeniusNorm == 5)
        #expect(Matrix([[1, -7], [2, 3]]).maximumAbsoluteEntry == 7)
    }

    @Test func slicesTakeLeadingRowsAndColumns() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(a.leadingColumns(2) == Matrix([[1, 2], [4, 5]]))
        #expect(a.leadingRows(1) == Matrix([[1, 2, 3]]))
        #expect(a.column(2) == [3, 6])
        #expect(a.row(1) == [4, 5, 6])
    }

    @Test func gaussianIsDeterministicAndRoughlyStandard() {
        let a = Matrix.gaussian(rows: 100, columns: 100, seed: 9)
        #expect(a == Matrix.gaussian(rows: 100, columns: 100, seed: 9))
        #expect(a != Matrix.gaussian(rows: 100, columns: 100, seed: 10))
        let mean = a.scalars.reduce(0, +) / 10_000
        let variance = a.scalars.reduce(0) { $0 + $1 * $1 } / 10_000
        #expect(abs(mean) < 0.05)  // standard error 0.01
        #expect(abs(variance - 1) < 0.05)  // standard error ≈ 0.014
    }

    @Test func randomOrthogonalIsOrthogonal() {
        let q = Matrix.randomOrthogonal(size: 20, seed: 3)
        #expect(q.orthonormalityError() < orthogonalityTolerance)
        #expect(q.transposed().orthonormalityError() < orthogonalityTolerance)
    }

    @Test func gramSchmidtReplacesDependentColumns() {
        // Column 1 is twice column 0, column 2 is zero: both get replaced by fresh directions.
        let a = Matrix([[1, 2, 0], [1, 2, 0], [0, 0, 0], [0, 0, 0]])
        let q = a.orthonormalizedColumns()
        #expect(q.orthonormalityError() < orthogonalityTolerance)
        let half = Float(0.5).squareRoot()
        #expect(abs(q[0, 0] - half) < 1e-6 && abs(q[1, 0] - half) < 1e-6)
    }
}
