// MARK: - Gram–Schmidt

/// Orthonormalisation by modified Gram–Schmidt, in `Double`, "twice is enough" (Giraud et al.
/// 2005): each new vector has the earlier ones projected out two times, which brings the
/// orthogonality down to rounding level even when the vectors are nearly dependent.
enum GramSchmidt {
    /// Projects the orthonormal `basis` vectors out of `vector` twice; returns what is left.
    static func residual(of vector: [Double], against basis: [[Double]]) -> [Double] {
        var result = vector
        for _ in 0..<2 {
            for direction in basis {
                var overlap = 0.0
                for i in result.indices { overlap += direction[i] * result[i] }
                for i in result.indices { result[i] -= overlap * direction[i] }
            }
        }
        return result
    }

    static func norm(_ vector: [Double]) -> Double {
        vector.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
    }

    /// Extends orthonormal `basis` vectors (each of `dimension` entries) to `targetCount` of them.
    ///
    /// Which direction to add? The coordinate axis `e_k` least covered by the basis so far: its
    /// leftover after projection has squared length `1 − Σ_j basis_j[k]²`, so the axis whose row
    /// of the basis is shortest leaves the most behind, at least `(dimension − count)/dimension`
    /// of a unit — never a near-zero residual to blow up when normalised.
    static func completed(_ basis: [[Double]], dimension: Int, targetCount: Int) -> [[Double]] {
        precondition(
            targetCount <= dimension,
            "cannot fit \(targetCount) orthonormal vectors in \(dimension) dimensions")
        var result = basis
        var coverage = [Double](repeating: 0, count: dimension)  // Σ_j basis_j[k]² for each axis k
        for direction in result {
            for k in 0..<dimension { coverage[k] += direction[k] * direction[k] }
        }
        while result.count < targetCount {
            let axis = coverage.indices.min { coverage[$0] < coverage[$1] }!
            var candidate = [Double](repeating: 0, count: dimension)
            candidate[axis] = 1
            var leftover = residual(of: candidate, against: result)
            let length = norm(leftover)
            for k in 0..<dimension { leftover[k] /= length }
            for k in 0..<dimension { coverage[k] += leftover[k] * leftover[k] }
            result.append(leftover)
        }
        return result
    }
}

extension Matrix {
    /// The columns of this matrix made orthonormal, in order, by Gram–Schmidt (the `Q` of `A = QR`).
    ///
    /// A column that depends on the earlier ones (its leftover is below 1e-10 of its length, or it
    /// is zero) is replaced by the coordinate direction least covered so far, so the result always
    /// has orthonormal columns. Needs `columns ≤ rows`.
    ///
    /// Example:
    /// ```swift
    /// let q = Matrix.gaussian(rows: 5, columns: 3, seed: 1).orthonormalizedColumns()
    /// // q.transposed() * q ≈ I₃
    /// ```
    public func orthonormalizedColumns() -> Matrix {
        precondition(columns <= rows, "\(columns) orthonormal columns do not fit in \(rows) dimensions")
        var basis: [[Double]] = []
        for j in 0..<columns {
            let vector = column(j).map(Double.init)
            let leftover = GramSchmidt.residual(of: vector, against: basis)
            let length = GramSchmidt.norm(leftover)
            if length > 1e-10 * GramSchmidt.norm(vector) && length > 0 {
                basis.append(leftover.map { $0 / length })
            } else {
                basis = GramSchmidt.completed(basis, dimension: rows, targetCount: basis.count + 1)
            }
        }
        return Matrix(columnVectors: basis, rows: rows)
    }

    /// A matrix whose columns are the given vectors (each of `rows` entries), rounded to `Float`.
    init(columnVectors: [[Double]], rows: Int) {
        self.init(rows: rows, columns: columnVectors.count)
        for (j, vector) in columnVectors.enumerated() {
            for i in 0..<rows { scalars[i * columnVectors.count + j] = Float(vector[i]) }
        }
    }
}
