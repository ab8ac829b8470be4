// MARK: - Chapter 4 exercises: the SVD's tools
//
// Matrices are arrays of rows. Check your work with `swift run exercises 4`.

/// Your solutions to chapter 4's exercises.
public enum Chapter04 {
    /// Exercise 4.1 — Power iteration.
    ///
    /// Return the largest singular value σ₁ of `matrix`: start from any non-zero vector v,
    /// repeat v ← AᵀA v / ‖AᵀA v‖ for `iterations` steps, then σ₁ = ‖A v‖.
    public static func largestSingularValue(of matrix: [[Float]], iterations: Int) throws -> Float {
        throw ExerciseError.notAttempted(hint: "v = [1, 1, …]; each step w = A·v (length rows), v = Aᵀ·w, normalise v; at the end σ₁ = ‖A·v‖. Accumulate in Double.")
    }

    /// Exercise 4.2 — Rank-k reconstruction.
    ///
    /// Given the thin SVD (U as rows of an m×p matrix, the singular values, Vᵀ as rows of a
    /// p×n matrix), return A_k = Σ_{i<k} σᵢ uᵢ vᵢᵀ, an m×n matrix.
    public static func rankKReconstruction(u: [[Float]], singularValues: [Float], vTransposed: [[Float]], rank k: Int) throws -> [[Float]] {
        throw ExerciseError.notAttempted(hint: "entry (r, c) is Σ_{i<k} u[r][i] · σ[i] · vTransposed[i][c]")
    }

    /// Exercise 4.3 — Energy captured.
    ///
    /// The share of Σσᵢ² held by the k largest singular values (given sorted, largest first).
    public static func energyCaptured(singularValues: [Float], topK k: Int) throws -> Float {
        throw ExerciseError.notAttempted(hint: "sum of the first k squares over the sum of all squares")
    }
}
