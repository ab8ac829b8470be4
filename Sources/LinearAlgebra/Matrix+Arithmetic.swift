import CBLAS

// MARK: - Products through BLAS

extension Matrix {
    /// The matrix product `A B` (an `m × k` times a `k × n` gives an `m × n`), computed by
    /// OpenBLAS's `cblas_sgemm` in row-major layout.
    ///
    /// Example:
    /// ```swift
    /// let gram = a.transposed() * a      // AᵀA, n × n
    /// ```
    public static func * (left: Matrix, right: Matrix) -> Matrix {
        precondition(
            left.columns == right.rows,
            "cannot multiply \(left.rows) × \(left.columns) by \(right.rows) × \(right.columns)")
        var result = Matrix(rows: left.rows, columns: right.columns)
        // An empty inner dimension gives the zero matrix; BLAS would reject the leading dimensions.
        guard left.rows > 0, right.columns > 0, left.columns > 0 else { return result }
        left.scalars.withUnsafeBufferPointer { a in
            right.scalars.withUnsafeBufferPointer { b in
                result.scalars.withUnsafeMutableBufferPointer { c in
                    // [m, k] · [k, n] → [m, n]; leading dimensions are the row lengths.
                    cblas_sgemm(
                        CblasRowMajor, CblasNoTrans, CblasNoTrans,
                        Int32(left.rows), Int32(right.columns), Int32(left.columns),
                        1, a.baseAddress, Int32(left.columns),
                        b.baseAddress, Int32(right.columns),
                        0, c.baseAddress, Int32(right.columns))
                }
            }
        }
        return result
    }

    /// The matrix–vector product `A x` (`x` has `columns` entries; the result has `rows`).
    public static func * (matrix: Matrix, vector: [Float]) -> [Float] {
        precondition(
            matrix.columns == vector.count,
            "cannot multiply \(matrix.rows) × \(matrix.columns) by a vector of \(vector.count)")
        let product = matrix * Matrix(rows: vector.count, columns: 1, scalars: vector)
        return product.scalars
    }

    // MARK: - Entry-wise arithmetic

    /// The entry-wise sum `A + B` of two matrices of the same shape.
    public static func + (left: Matrix, right: Matrix) -> Matrix {
        precondition(
            left.rows == right.rows && left.columns == right.columns,
            "cannot add \(left.rows) × \(left.columns) and \(right.rows) × \(right.columns)")
        return Matrix(
            rows: left.rows, columns: left.columns,
            scalars: zip(left.scalars, right.scalars).map { $0 + $1 })
    }

    /// The entry-wise difference `A − B` of two matrices of the same shape.
    public static func - (left: Matrix, right: Matrix) -> Matrix {
        precondition(
            left.rows == right.rows && left.columns == right.columns,
            "cannot subtract \(right.rows) × \(right.columns) from \(left.rows) × \(left.columns)")
        return Matrix(
            rows: left.rows, columns: left.columns,
            scalars: zip(left.scalars, right.scalars).map { $0 - $1 })
    }

    /// The matrix with every entry multiplied by `scale`.
    public static func * (scale: Float, matrix: Matrix) -> Matrix {
        Matrix(rows: matrix.rows, columns: matrix.columns, scalars: matrix.scalars.map { scale * $0 })
    }
}
