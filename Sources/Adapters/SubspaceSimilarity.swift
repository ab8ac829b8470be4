import CBLAS
import Engine

// MARK: - How much two updates share: the LoRA paper's subspace similarity

// TODO(integration): use LinearAlgebra.subspaceSimilarity (and its SVD) once chapter 4's
// module lands; this local version calls LAPACK's sgesdd_ directly.

/// Comparing the directions two updates use (Hu et al. 2021, §7.2).
///
/// For updates ΔW₁ and ΔW₂ (`[out, in]`) with left singular vectors U₁ and U₂,
///
///     φ(i, j) = ‖U₁[:, :i]ᵀ · U₂[:, :j]‖²_F / min(i, j)   ∈ [0, 1]
///
/// is 1 when the top-i directions of one lie inside the top-j of the other, 0 when orthogonal.
///
/// Example:
/// ```swift
/// let grid = SubspaceSimilarity.grid(firstUpdate: deltaR8, secondUpdate: deltaR64, rows: 8, columns: 64)
/// grid[0][0]   // φ(1, 1): do the two top directions agree?
/// ```
public enum SubspaceSimilarity {
    /// The left singular vectors of `matrix` (`[m, n]`, row-major), as columns of a
    /// row-major `[m, min(m, n)]` array, and the singular values, largest first.
    public static func leftSingularVectors(_ matrix: Tensor) -> (vectors: [Float], values: [Float], rows: Int, columns: Int) {
        precondition(matrix.rank == 2, "SVD needs a matrix, got shape \(matrix.shape)")
        let m = matrix.shape[0], n = matrix.shape[1], k = min(m, n)
        // LAPACK is column-major: the column-major [m, n] array of A is the row-major data of Aᵀ.
        var a = [Float](repeating: 0, count: m * n)
        let source = matrix.scalars
        for row in 0..<m { for column in 0..<n { a[column * m + row] = source[row * n + column] } }
        var s = [Float](repeating: 0, count: k)
        var u = [Float](repeating: 0, count: m * k)
        var vt = [Float](repeating: 0, count: k * n)
        var rowsM = Int32(m), columnsN = Int32(n), lda = Int32(m), ldu = Int32(m), ldvt = Int32(k)
        var iwork = [Int32](repeating: 0, count: 8 * k)
        var info: Int32 = 0
        var job = Int8(UInt8(ascii: "S"))
        var workSize: Float = 0
        var query: Int32 = -1
        sgesdd_(&job, &rowsM, &columnsN, &a, &lda, &s, &u, &ldu, &vt, &ldvt, &workSize, &query, &iwork, &info)
        var lwork = Int32(workSize)
        var work = [Float](repeating: 0, count: Int(lwork))
        sgesdd_(&job, &rowsM, &columnsN, &a, &lda, &s, &u, &ldu, &vt, &ldvt, &work, &lwork, &iwork, &info)
        precondition(info == 0, "sgesdd_ failed with info \(info)")
        // u is column-major [m, k]: column c is u[c*m ..< (c+1)*m]. Return it row-major.
        var vectors = [Float](repeating: 0, count: m * k)
        for row in 0..<m { for column in 0..<k { vectors[row * k + column] = u[column * m + row] } }
        return (vectors, s, m, k)
    }

    /// φ(i, j) for i in 1…rows, j in 1…columns (capped at the ranks available).
    public static func grid(firstUpdate: Tensor, secondUpdate: Tensor, rows: Int, columns: Int) -> [[Double]] {
        precondition(firstUpdate.shape[0] == secondUpdate.shape[0], "the updates must have the same output size")
        let first = leftSingularVectors(firstUpdate), second = leftSingularVectors(secondUpdate)
        let m = first.rows
        let rows = min(rows, first.columns), columns = min(columns, second.columns)
        // overlap[i][j] = (u₁ᵢ · u₂ⱼ)²
        var overlap = [[Double]](repeating: [Double](repeating: 0, count: columns), count: rows)
        for i in 0..<rows {
            for j in 0..<columns {
                var dot: Double = 0
                for r in 0..<m { dot += Double(first.vectors[r * first.columns + i]) * Double(second.vectors[r * second.columns + j]) }
                overlap[i][j] = dot * dot
            }
        }
        // φ(i, j) = Σ_{a ≤ i, b ≤ j} overlap / min(i, j): a running 2-D sum.
        var grid = [[Double]](repeating: [Double](repeating: 0, count: columns), count: rows)
        for i in 0..<rows {
            var rowSum: Double = 0
            for j in 0..<columns {
                rowSum += overlap[i][j]
                let above = i > 0 ? grid[i - 1][j] * Double(min(i, j + 1)) : 0
                grid[i][j] = (above + rowSum) / Double(min(i + 1, j + 1))
            }
        }
        return grid
    }
}
