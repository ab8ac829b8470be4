// MARK: - Subspace similarity (Hu et al. 2021, LoRA §7.2)

/// The subspace similarity of the LoRA paper (Hu et al. 2021, §7.2, eq. 4):
///
///     φ(A, B, i, j) = ‖Uᵢᵀ Uⱼ‖_F² / min(i, j)
///
/// where `Uᵢ` is the first `i` columns of the orthonormal basis `basisA` and `Uⱼ` the first `j`
/// columns of `basisB` (in the paper: the top right singular vectors of two learned LoRA
/// matrices). `‖Uᵢᵀ Uⱼ‖_F²` is the sum of the squared cosines of the principal angles between
/// the two subspaces, so `φ` is 1 when the smaller subspace lies inside the larger, 0 when they
/// are orthogonal, and in [0, 1] always.
///
/// - Parameters:
///   - basisA: a matrix with orthonormal columns, the directions of one subspace (most important first).
///   - basisB: another one, with the same number of rows.
///   - i: how many leading columns of `basisA` to take, `1 ≤ i ≤ basisA.columns`.
///   - j: how many leading columns of `basisB` to take, `1 ≤ j ≤ basisB.columns`.
///
/// Example:
/// ```swift
/// let right8 = loraA8.singularValueDecomposition().v     // [d, 8]
/// let right64 = loraA64.singularValueDecomposition().v   // [d, 64]
/// subspaceSimilarity(right8, right64, leadingColumnsOfA: 1, leadingColumnsOfB: 1)
/// ```
public func subspaceSimilarity(
    _ basisA: Matrix, _ basisB: Matrix,
    leadingColumnsOfA i: Int, leadingColumnsOfB j: Int
) -> Float {
    precondition(i >= 1 && i <= basisA.columns, "i = \(i) is outside 1…\(basisA.columns)")
    precondition(j >= 1 && j <= basisB.columns, "j = \(j) is outside 1…\(basisB.columns)")
    return subspaceSimilarityGrid(basisA, basisB, maximumColumnsOfA: i, maximumColumnsOfB: j)[i - 1][j - 1]
}

/// The whole grid `φ(A, B, i, j)` for `i = 1…maximumColumnsOfA`, `j = 1…maximumColumnsOfB`,
/// for the heat maps of the LoRA paper's Figure 3: `grid[i − 1][j − 1] = φ(A, B, i, j)`.
///
/// One product `M = basisAᵀ basisB` gives every cosine; `‖Uᵢᵀ Uⱼ‖_F²` is the sum of `Mₖₗ²` over
/// the top-left `i × j` corner, which a running 2-D prefix sum gives for all `(i, j)` at once.
///
/// - Parameters: as ``subspaceSimilarity(_:_:leadingColumnsOfA:leadingColumnsOfB:)``, with the
///   largest `i` and `j` to tabulate.
public func subspaceSimilarityGrid(
    _ basisA: Matrix, _ basisB: Matrix,
    maximumColumnsOfA: Int, maximumColumnsOfB: Int
) -> [[Float]] {
    precondition(
        basisA.rows == basisB.rows,
        "bases of ℝ^\(basisA.rows) and ℝ^\(basisB.rows) live in different spaces")
    precondition(
        maximumColumnsOfA >= 1 && maximumColumnsOfA <= basisA.columns,
        "maximumColumnsOfA = \(maximumColumnsOfA) is outside 1…\(basisA.columns)")
    precondition(
        maximumColumnsOfB >= 1 && maximumColumnsOfB <= basisB.columns,
        "maximumColumnsOfB = \(maximumColumnsOfB) is outside 1…\(basisB.columns)")
    // [I, d] · [d, J] → [I, J]: every cosine between a direction of A and one of B.
    let cosines = basisA.leadingColumns(maximumColumnsOfA).transposed() * basisB.leadingColumns(maximumColumnsOfB)
    // prefix[i][j] = Σ_{k < i, l < j} cosines[k, l]², accumulated in Double.
    var prefix = [[Double]](
        repeating: [Double](repeating: 0, count: maximumColumnsOfB + 1),
        count: maximumColumnsOfA + 1)
    var grid = [[Float]](repeating: [Float](repeating: 0, count: maximumColumnsOfB), count: maximumColumnsOfA)
    for i in 1...maximumColumnsOfA {
        for j in 1...maximumColumnsOfB {
            let cosine = Double(cosines[i - 1, j - 1])
            prefix[i][j] = cosine * cosine + prefix[i - 1][j] + prefix[i][j - 1] - prefix[i - 1][j - 1]
            // Rounding can push a perfect overlap a hair past 1; φ lives in [0, 1].
            grid[i - 1][j - 1] = Float(min(max(prefix[i][j] / Double(min(i, j)), 0), 1))
        }
    }
    return grid
}
