// MARK: - Chapter 4 exercises: the SVD's tools
//
// Each exercise's title and hint are declared once, in Checks04.swift: `swift run exercises 4`
// shows them, and a stub's `notAttempted` error quotes them.
//
// Matrices are arrays of rows. Check your work with `swift run exercises 4`.

/// Your solutions to chapter 4's exercises.
public enum Chapter04 {
    /// Exercise 4.1.
    ///
    /// Return the largest singular value σ₁ of `matrix` by power iteration (section 4.8), taking
    /// `iterations` steps.
    public static func largestSingularValue(of matrix: [[Float]], iterations: Int) throws -> Float {
        throw ExerciseError.notAttempted("4.1")
    }

    /// Exercise 4.2.
    ///
    /// Given the thin SVD (U as rows of an m×p matrix, the singular values, Vᵀ as rows of a
    /// p×n matrix), return A_k = Σ_{i<k} σᵢ uᵢ vᵢᵀ, an m×n matrix.
    public static func rankKReconstruction(
        u: [[Float]], singularValues: [Float], vTransposed: [[Float]],
        rank k: Int
    ) throws -> [[Float]] {
        throw ExerciseError.notAttempted("4.2")
    }

    /// Exercise 4.3 — The rank an error allows.
    ///
    /// Given a matrix's singular values (sorted, largest first), return the smallest k (0 allowed)
    /// whose best rank-k approximation A_k is within `relativeError` of A: ‖A − A_k‖_F / ‖A‖_F ≤
    /// `relativeError`.
    public static func smallestRank(singularValues: [Float], relativeError: Float) throws -> Int {
        throw ExerciseError.notAttempted("4.3")
    }

    /// Exercise 4.4 — One Jacobi rotation.
    ///
    /// `columnP` and `columnQ` are two columns of a matrix (length m each). Return them after the
    /// plane rotation p ← c·p − s·q, q ← s·p + c·q (c = cos θ, s = sin θ) that makes them
    /// orthogonal, with the angle of smaller size (|θ| ≤ 45°). Columns already orthogonal are
    /// returned as they are.
    public static func jacobiRotation(columnP: [Float], columnQ: [Float]) throws -> (p: [Float], q: [Float]) {
        throw ExerciseError.notAttempted("4.4")
    }
}
