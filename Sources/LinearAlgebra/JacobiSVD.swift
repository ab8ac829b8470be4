// MARK: - One-sided Jacobi, from scratch

/// The one-sided Jacobi SVD of Hestenes (1958), the way Demmel & Veselić (1992) tell it.
///
/// The idea, for a tall `m × n` matrix `A` (`m ≥ n`): rotate its columns, two at a time, until
/// every pair is orthogonal. Each rotation is a multiplication on the right by an orthogonal
/// `J`, so after all of them `A V = W` with `V = J₁ J₂ …` orthogonal and the columns `wⱼ` of `W`
/// mutually orthogonal. Their lengths are the singular values and their directions the left
/// singular vectors: `wⱼ = σⱼ uⱼ`, so `A V = U Σ` and `A = U Σ Vᵀ`.
///
/// One rotation: for columns `a_p`, `a_q` with `α = ‖a_p‖²`, `β = ‖a_q‖²`, `γ = a_p · a_q`,
/// the rotation
///
///     a_p ← c a_p − s a_q,   a_q ← s a_p + c a_q
///
/// makes them orthogonal when `t = s/c` solves `t² + 2ζt − 1 = 0` with `ζ = (β − α) / (2γ)`;
/// the smaller root `t = sign(ζ) / (|ζ| + √(1 + ζ²))` turns by at most 45°, and
/// `c = 1/√(1 + t²)`, `s = c t`. It is the 2 × 2 symmetric eigenproblem of the Gram matrix
/// `[[α, γ], [γ, β]]`, solved without ever forming `AᵀA` (which would square the condition
/// number and lose the small singular values).
///
/// A sweep visits every pair `(p, q)` once. A pair counts as orthogonal when its cosine is
/// below ``tolerance``: `|γ| ≤ tolerance · √(αβ)`. The method converges quadratically once
/// close; a sweep with no rotation means we are done. Measured on Gaussian n × n matrices:
/// 9 sweeps at n = 32, 13 at n = 256 (the last one only confirming).
///
/// Deliberately readable teaching code, O(n² m) per sweep; LAPACK's `sgesdd` (bidiagonalise,
/// then divide and conquer) is the production method. Everything accumulates in `Double`
/// so the `Float` answer is correct to the last bits `Float` can hold.
public enum OneSidedJacobi {
    /// Pairs whose columns have cosine `|γ| / √(αβ)` at most this are left alone. A few hundred
    /// `Double` rounding units: far below what a `Float` answer can see (≈ 6e-8), and still
    /// reachable in `Double` arithmetic, so the sweeps stop.
    static let tolerance = 1e-13

    /// A safety net on the number of sweeps; quadratic convergence needs far fewer.
    static let maximumSweeps = 60

    /// What the sweeps leave for a tall matrix: the orthogonalised columns `W = A V` and `V`,
    /// both column-major (`column j` starts at `j * height`).
    struct Sweeps {
        var columnsOfW: [Double]
        var columnsOfV: [Double]
        var sweepCount: Int
    }

    /// Rotates the columns of a tall `height × width` matrix (column-major, `height ≥ width`)
    /// until they are pairwise orthogonal, accumulating the rotations in `V`.
    static func sweep(columnMajor: [Double], height: Int, width: Int) -> Sweeps {
        var w = columnMajor
        var v = [Double](repeating: 0, count: width * width)
        for j in 0..<width { v[j * width + j] = 1 }  // V starts as I
        // A column shorter than this is rounding noise: rotating it against a real column
        // would change nothing that a Float can see, and it would never settle.
        let negligibleSquaredNorm = negligibleNorm(of: w, width: width).squared

        var sweepCount = 0
        w.withUnsafeMutableBufferPointer { wBuffer in
            v.withUnsafeMutableBufferPointer { vBuffer in
                let wBase = wBuffer.baseAddress!, vBase = vBuffer.baseAddress!
                // listing: jacobi-sweeps
                for _ in 0..<maximumSweeps {
                    sweepCount += 1
                    var rotationCount = 0
                    for p in 0..<max(width - 1, 0) {
                        for q in (p + 1)..<width {
                            let columnP = wBase + p * height, columnQ = wBase + q * height
                            let alpha = dot(columnP, columnP, count: height)
                            let beta = dot(columnQ, columnQ, count: height)
                            let gamma = dot(columnP, columnQ, count: height)
                            if min(alpha, beta) <= negligibleSquaredNorm { continue }
                            if abs(gamma) <= tolerance * (alpha * beta).squareRoot() { continue }

                            let (c, s) = rotation(alpha: alpha, beta: beta, gamma: gamma)
                            rotate(columnP, columnQ, count: height, cosine: c, sine: s)
                            rotate(vBase + p * width, vBase + q * width, count: width, cosine: c, sine: s)
                            rotationCount += 1
                        }
                    }
                    if rotationCount == 0 { break }
                }
                // listing: end
            }
        }
        return Sweeps(columnsOfW: w, columnsOfV: v, sweepCount: sweepCount)
    }

    /// `‖A‖_F · width · ε_Double`: a column this short is zero up to the rounding of the sweeps.
    static func negligibleNorm(of columnMajor: [Double], width: Int) -> Double {
        let frobenius = columnMajor.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
        return frobenius * Double(max(width, 1)) * Double.ulpOfOne
    }

    // MARK: - Column kernels

    /// `Σᵢ x[i] y[i]`.
    @inline(__always)
    static func dot(_ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) -> Double {
        var sum = 0.0
        for i in 0..<count { sum += x[i] * y[i] }
        return sum
    }

    /// The cosine and sine of the rotation that makes two columns orthogonal, from their squared
    /// lengths `alpha`, `beta` and dot product `gamma ≠ 0`: t = s/c is the smaller root of
    /// t² + 2ζt − 1 = 0, ζ = (β − α)/(2γ), so the turn is at most 45° (see the type's comment).
    @inline(__always)
    public static func rotation(alpha: Double, beta: Double, gamma: Double) -> (cosine: Double, sine: Double) {
        let zeta = (beta - alpha) / (2 * gamma)
        let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
        let c = 1 / (1 + t * t).squareRoot()
        return (c, c * t)
    }

    /// `(x, y) ← (c x − s y, s x + c y)`, the plane rotation of one pair of columns.
    @inline(__always)
    // listing: jacobi-rotate-columns
    static func rotate(
        _ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int,
        cosine c: Double, sine s: Double
    ) {
        for i in 0..<count {
            let xi = x[i], yi = y[i]
            x[i] = c * xi - s * yi
            y[i] = s * xi + c * yi
        }
    }
    // listing: end

    // MARK: - From sweeps to U, Σ, V

    /// The decomposition of a tall `height × width` matrix as `Double` vectors: singular values
    /// descending, `U`'s columns (`width` of them, or `height` when `full`), `V`'s columns.
    static func decomposeTall(columnMajor: [Double], height: Int, width: Int, full: Bool)
        -> (singularValues: [Double], uColumns: [[Double]], vColumns: [[Double]])
    {
        let result = sweep(columnMajor: columnMajor, height: height, width: width)
        let negligible = negligibleNorm(of: columnMajor, width: width)

        // listing: jacobi-singular-values
        // σⱼ = ‖wⱼ‖; a column at rounding level is a zero singular value.
        var norms = (0..<width).map { j in
            result.columnsOfW[(j * height)..<((j + 1) * height)].reduce(0.0) { $0 + $1 * $1 }.squareRoot()
        }
        for j in norms.indices where norms[j] <= negligible { norms[j] = 0 }

        // Largest first; ties keep their original order so the result is deterministic.
        let order = norms.indices.sorted { norms[$0] > norms[$1] || (norms[$0] == norms[$1] && $0 < $1) }
        let singularValues = order.map { norms[$0] }
        // listing: end

        // uⱼ = wⱼ / σⱼ for the non-zero σⱼ; the rest of U is any orthonormal completion.
        var uColumns: [[Double]] = []
        for j in order where norms[j] > 0 {
            uColumns.append(result.columnsOfW[(j * height)..<((j + 1) * height)].map { $0 / norms[j] })
        }
        uColumns = GramSchmidt.completed(uColumns, dimension: height, targetCount: full ? height : width)

        let vColumns = order.map { j in Array(result.columnsOfV[(j * width)..<((j + 1) * width)]) }
        return (singularValues, uColumns, vColumns)
    }
}

extension Double {
    fileprivate var squared: Double { self * self }
}

// MARK: - Entry point

extension Matrix {
    /// The SVD `A = U Σ Vᵀ` by one-sided Jacobi rotations (see ``SingularValueDecomposition``
    /// for the shapes), written from scratch and computed in `Double`.
    ///
    /// A tall or square `A` (`m ≥ n`) has its columns rotated until orthogonal. A wide `A`
    /// (`m < n`) is decomposed through its transpose: `Aᵀ = U′ Σ V′ᵀ` gives `A = V′ Σ U′ᵀ`, so
    /// `U = V′` and `V = U′`. Zero singular values (a rank-deficient `A`) get left singular
    /// vectors from an orthonormal completion (Gram–Schmidt on the least-covered coordinate
    /// axes); repeated singular values get some orthonormal basis of their shared subspace.
    ///
    /// - Parameter full: square `U` and `Vᵀ` when `true`; the thin form when `false`.
    /// - Returns: singular values descending, signs canonical.
    ///
    /// Example:
    /// ```swift
    /// let svd = Matrix.gaussian(rows: 8, columns: 5, seed: 1).jacobiSingularValueDecomposition()
    /// svd.u.columns     // 5
    /// ```
    public func jacobiSingularValueDecomposition(full: Bool = false) -> SingularValueDecomposition {
        let isWide = rows < columns
        let tall = isWide ? transposed() : self  // height ≥ width
        let height = tall.rows, width = tall.columns

        // Row-major [height, width] → column-major Double, so each column is contiguous.
        var columnMajor = [Double](repeating: 0, count: height * width)
        for i in 0..<height {
            for j in 0..<width { columnMajor[j * height + i] = Double(tall.scalars[i * width + j]) }
        }
        let (sigma, tallU, tallV) = OneSidedJacobi.decomposeTall(
            columnMajor: columnMajor, height: height,
            width: width, full: full)
        // tall = U′ Σ V′ᵀ with U′ [height, width or height], V′ [width, width].
        let singularValues = sigma.map { Float($0) }
        let decomposition: SingularValueDecomposition
        if isWide {
            // A = tallᵀ = V′ Σ U′ᵀ: U = V′ (m × m, already square), Vᵀ = U′ᵀ.
            decomposition = SingularValueDecomposition(
                u: Matrix(columnVectors: tallV, rows: width),
                singularValues: singularValues,
                vTransposed: Matrix(columnVectors: tallU, rows: height).transposed(),
                isFull: full)
        } else {
            decomposition = SingularValueDecomposition(
                u: Matrix(columnVectors: tallU, rows: height),
                singularValues: singularValues,
                vTransposed: Matrix(columnVectors: tallV, rows: width).transposed(),
                isFull: full)
        }
        return decomposition.withCanonicalSigns()
    }
}
