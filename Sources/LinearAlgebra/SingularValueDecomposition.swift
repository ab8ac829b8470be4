// MARK: - The decomposition

/// A singular value decomposition `A = U Σ Vᵀ` of an `m × n` matrix `A`.
///
/// The maths: every real matrix is a rotation, a stretch along the axes, and another rotation.
/// `U` has orthonormal columns `u₁, u₂, …` (the left singular vectors, in ℝᵐ), `Vᵀ` has
/// orthonormal rows `v₁ᵀ, v₂ᵀ, …` (the right singular vectors, in ℝⁿ), and
/// `σ₁ ≥ σ₂ ≥ … ≥ 0` are the singular values, so that `A vᵢ = σᵢ uᵢ` and
/// `A = Σᵢ σᵢ uᵢ vᵢᵀ`, a sum of rank-one layers, largest first.
///
/// Two shapes, with `p = min(m, n)` singular values in both:
/// - **thin**: `U` is `m × p`, `Vᵀ` is `p × n` — all that is needed to rebuild `A`;
/// - **full**: `U` is `m × m`, `Vᵀ` is `n × n` — square orthogonal matrices; the extra
///   columns of `U` (rows of `Vᵀ`) are an orthonormal basis of the space `A` never reaches
///   (the null space of `Aᵀ`, resp. of `A`).
///
/// A decomposition built from ``Matrix/topSingularTriplets(k:iterations:tolerance:seed:)`` is
/// **truncated**: only `k < p` layers, `U` is `m × k`, `Vᵀ` is `k × n`.
///
/// Signs are canonical: singular vectors are only defined up to a sign (`(−u)σ(−v)ᵀ = uσvᵀ`),
/// so every decomposition here flips each pair `(uᵢ, vᵢ)` to make the largest-magnitude entry
/// of `uᵢ` positive. Two methods then agree vector by vector (for distinct singular values).
///
/// Example:
/// ```swift
/// let a = Matrix.gaussian(rows: 6, columns: 4, seed: 3)
/// let svd = a.singularValueDecomposition()            // one-sided Jacobi, thin
/// svd.singularValues                                   // 4 values, descending
/// svd.reconstructionRelativeError(of: a)               // ~1e-7
/// let rankTwo = svd.lowRankApproximation(rank: 2)      // the best rank-2 matrix
/// ```
public struct SingularValueDecomposition: Sendable {
    /// How a decomposition is computed.
    public enum Method: String, Sendable, CaseIterable {
        /// One-sided Jacobi (Hestenes 1958), written from scratch in this module.
        case jacobi
        /// LAPACK's divide-and-conquer `sgesdd`, as shipped with OpenBLAS.
        case lapack
    }

    /// The left singular vectors as columns: `m × p` (thin), `m × m` (full) or `m × k` (truncated).
    public let u: Matrix
    /// The singular values `σ₁ ≥ σ₂ ≥ … ≥ 0`.
    public let singularValues: [Float]
    /// The right singular vectors as rows: `p × n` (thin), `n × n` (full) or `k × n` (truncated).
    public let vTransposed: Matrix
    /// Whether `U` and `Vᵀ` are the square orthogonal matrices of the full form.
    public let isFull: Bool

    /// Creates a decomposition from its factors, sorting nothing and flipping nothing.
    ///
    /// - Parameters:
    ///   - u: left singular vectors as columns (at least `singularValues.count` of them).
    ///   - singularValues: the `σᵢ`, expected non-negative and descending.
    ///   - vTransposed: right singular vectors as rows (at least `singularValues.count` of them).
    ///   - isFull: whether `u` and `vTransposed` are square.
    public init(u: Matrix, singularValues: [Float], vTransposed: Matrix, isFull: Bool) {
        precondition(
            u.columns >= singularValues.count && vTransposed.rows >= singularValues.count,
            "\(singularValues.count) singular values need as many vectors on each side, "
                + "got U \(u.rows) × \(u.columns), Vᵀ \(vTransposed.rows) × \(vTransposed.columns)")
        self.u = u
        self.singularValues = singularValues
        self.vTransposed = vTransposed
        self.isFull = isFull
    }

    /// The right singular vectors as columns, `V = (Vᵀ)ᵀ`.
    public var v: Matrix { vTransposed.transposed() }

    /// The shape `m × n` of the decomposed matrix.
    public var rows: Int { u.rows }
    /// The number of columns `n` of the decomposed matrix.
    public var columns: Int { vTransposed.columns }

    // MARK: - Rebuilding A

    /// `U Σ Vᵀ` from all the layers this decomposition holds: `A` itself for a thin or full
    /// decomposition, `A`'s best rank-`k` approximation for a truncated one.
    public func reconstructed() -> Matrix {
        lowRankApproximation(rank: singularValues.count)
    }

    /// The best rank-`k` approximation `A_k = Σ_{i ≤ k} σᵢ uᵢ vᵢᵀ = U_k Σ_k V_kᵀ`.
    ///
    /// Eckart–Young–Mirsky (1936): no matrix of rank `k` is closer to `A`, in the Frobenius norm
    /// or the spectral norm, and the distance is what was left out:
    /// `‖A − A_k‖_F² = Σ_{i > k} σᵢ²`. This is the lens LoRA looks through: a weight update of
    /// rank `r` can only be as good as the best rank-`r` matrix.
    ///
    /// - Parameter rank: how many layers to keep, `0 ≤ k ≤ singularValues.count`.
    // listing: low-rank-approximation
    public func lowRankApproximation(rank: Int) -> Matrix {
        precondition(
            rank >= 0 && rank <= singularValues.count,
            "rank \(rank) is outside 0…\(singularValues.count)")
        // U_k Σ_k: scale the first k columns of U by σ₁ … σ_k.     [m, k]
        var scaledLeft = u.leadingColumns(rank)
        for i in 0..<scaledLeft.rows {
            for j in 0..<rank { scaledLeft[i, j] *= singularValues[j] }
        }
        // [m, k] · [k, n] → [m, n]
        return scaledLeft * vTransposed.leadingRows(rank)
    }
    // listing: end

    // MARK: - Canonical signs

    /// This decomposition with each `(uᵢ, vᵢ)` flipped so that `uᵢ`'s largest-magnitude entry is
    /// positive; the extra columns of a full `U` (rows of a full `Vᵀ`) with no partner are made
    /// canonical on their own by the same rule.
    public func withCanonicalSigns() -> SingularValueDecomposition {
        var left = u
        var right = vTransposed
        let paired = singularValues.count
        for j in 0..<left.columns where Self.largestMagnitudeEntry(left.column(j)) < 0 {
            for i in 0..<left.rows { left[i, j] = -left[i, j] }
            if j < paired {
                for k in 0..<right.columns { right[j, k] = -right[j, k] }
            }
        }
        for j in paired..<right.rows where Self.largestMagnitudeEntry(right.row(j)) < 0 {
            for k in 0..<right.columns { right[j, k] = -right[j, k] }
        }
        return SingularValueDecomposition(
            u: left, singularValues: singularValues,
            vTransposed: right, isFull: isFull)
    }

    /// The entry of largest magnitude (the first one, on a tie), with its sign.
    static func largestMagnitudeEntry(_ vector: [Float]) -> Float {
        var best: Float = 0
        for value in vector where abs(value) > abs(best) { best = value }
        return best
    }
}

// MARK: - Entry points

extension Matrix {
    /// The singular value decomposition `A = U Σ Vᵀ` of this matrix.
    ///
    /// - Parameters:
    ///   - method: `.jacobi` (from scratch, this module) or `.lapack` (`sgesdd`).
    ///   - full: `true` for square orthogonal `U` (`m × m`) and `Vᵀ` (`n × n`); `false` (the
    ///     default) for the thin form with `p = min(m, n)` vectors on each side.
    /// - Returns: singular values sorted descending, signs canonical.
    /// - Throws: ``LAPACKError`` if LAPACK rejects the call or fails to converge (never for Jacobi).
    ///
    /// Example:
    /// ```swift
    /// let mine = try a.singularValueDecomposition(method: .jacobi)
    /// let theirs = try a.singularValueDecomposition(method: .lapack)
    /// // mine.singularValues ≈ theirs.singularValues, mine.u ≈ theirs.u column by column
    /// ```
    public func singularValueDecomposition(
        method: SingularValueDecomposition.Method = .jacobi,
        full: Bool = false
    ) throws -> SingularValueDecomposition {
        switch method {
        case .jacobi: return jacobiSingularValueDecomposition(full: full)
        case .lapack: return try lapackSingularValueDecomposition(full: full)
        }
    }
}
