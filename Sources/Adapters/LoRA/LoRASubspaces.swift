import Engine
import LinearAlgebra

// MARK: - How much two updates share: the LoRA paper's subspace similarity

/// Comparing the directions two updates use (Hu et al. 2021, §7.2).
///
/// For updates ΔW₁ and ΔW₂ (`[out, in]`) with left singular vectors U₁ and U₂,
///
///     φ(i, j) = ‖U₁[:, :i]ᵀ · U₂[:, :j]‖²_F / min(i, j)   ∈ [0, 1]
///
/// is 1 when the top-i directions of one lie inside the top-j of the other, 0 when orthogonal.
/// The SVD and φ are chapter 4's (`LinearAlgebra`); this adapts tensors to them.
///
/// Example:
/// ```swift
/// let grid = SubspaceSimilarity.grid(firstUpdate: deltaR8, secondUpdate: deltaR64, rows: 8, columns: 64)
/// grid[0][0]   // φ(1, 1): do the two top directions agree?
/// ```
public enum SubspaceSimilarity {
    /// φ(i, j) for i in 1…rows, j in 1…columns (capped at the ranks available).
    public static func grid(firstUpdate: Tensor, secondUpdate: Tensor, rows: Int, columns: Int) -> [[Double]] {
        precondition(firstUpdate.shape[0] == secondUpdate.shape[0], "the updates must have the same output size")
        let first = leftSingularVectors(firstUpdate), second = leftSingularVectors(secondUpdate)
        let rows = min(rows, first.columns), columns = min(columns, second.columns)
        return subspaceSimilarityGrid(first, second, maximumColumnsOfA: rows, maximumColumnsOfB: columns)
            .map { $0.map(Double.init) }
    }

    /// φ(i, j) between the *input-side* subspaces of two LoRA adapters of one layer: the right
    /// singular vectors of their A matrices (`[r, in]`), what Hu et al. compare in §7.2
    /// (A_{r=8} against A_{r=64}). They are the left singular vectors of Aᵀ.
    ///
    /// - Parameters:
    ///   - rows, columns: at most the two ranks; the singular vectors beyond a rank span
    ///     nothing A uses, so they are never compared.
    public static func inputGrid(firstA: Tensor, secondA: Tensor, rows: Int, columns: Int) -> [[Double]] {
        precondition(
            firstA.rank == 2 && secondA.rank == 2 && firstA.shape[1] == secondA.shape[1],
            "two A matrices of one layer, [r, in], got \(firstA.shape) and \(secondA.shape)")
        return grid(
            firstUpdate: firstA.transposed(), secondUpdate: secondA.transposed(),
            rows: min(rows, firstA.shape[0]), columns: min(columns, secondA.shape[0]))
    }

    /// φ(i, j) of two random subspaces of ℝᵈ: E‖U_iᵀ V_j‖²_F = i·j/d, divided by min(i, j),
    /// is max(i, j)/d — so φ(8, 64) in d = 128 is 0.5 by chance alone.
    public static func chanceLevel(_ i: Int, _ j: Int, dimension: Int) -> Double {
        Double(max(i, j)) / Double(dimension)
    }

    /// The left singular vectors of a 2-D tensor, as the columns of a matrix (LAPACK's SVD).
    static func leftSingularVectors(_ update: Tensor) -> Matrix {
        precondition(update.rank == 2, "SVD needs a matrix, got shape \(update.shape)")
        let matrix = Matrix(rows: update.shape[0], columns: update.shape[1], scalars: update.scalars)
        do {
            return try matrix.lapackSingularValueDecomposition().u
        } catch {
            preconditionFailure("the SVD of a weight update failed: \(error)")  // only for NaN/∞ entries
        }
    }
}
