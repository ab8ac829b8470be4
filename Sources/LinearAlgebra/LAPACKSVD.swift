import CBLAS

// MARK: - Errors

/// A LAPACK routine refused its arguments or did not finish.
public enum LAPACKError: Error, CustomStringConvertible, Equatable {
    /// `info = −i`: the `i`-th argument of `routine` had an illegal value (a bug on our side).
    case illegalArgument(routine: String, position: Int)
    /// `info > 0`: `routine`'s iteration did not converge (for `sgesdd`: the divide-and-conquer
    /// update failed), typically on a matrix holding NaN or infinity.
    case didNotConverge(routine: String, info: Int)
    /// The matrix holds NaN or infinity, which no SVD can decompose.
    case nonFiniteEntries(routine: String)

    public var description: String {
        switch self {
        case let .illegalArgument(routine, position):
            return "LAPACK \(routine): argument \(position) has an illegal value"
        case let .didNotConverge(routine, info):
            return "LAPACK \(routine) did not converge (info = \(info))"
        case let .nonFiniteEntries(routine):
            return "LAPACK \(routine): the matrix holds NaN or infinity"
        }
    }
}

// MARK: - sgesdd

extension Matrix {
    /// The SVD `A = U Σ Vᵀ` by LAPACK's `sgesdd` (single precision, divide and conquer) from
    /// OpenBLAS: the reference the Jacobi SVD is checked against.
    ///
    /// LAPACK is Fortran, so it reads matrices column-major: we copy `A` out in column order,
    /// and read `U` and `Vᵀ` back the same way. `sgesdd` is called twice: first with
    /// `lwork = −1`, a workspace query that writes the optimal workspace size into `work[0]`,
    /// then for real.
    ///
    /// - Parameter full: square `U` (`m × m`) and `Vᵀ` (`n × n`) when `true` (`jobz = "A"`);
    ///   the thin form when `false` (`jobz = "S"`).
    /// - Returns: singular values descending (LAPACK's order), signs made canonical.
    /// - Throws: ``LAPACKError`` when the matrix is not finite or LAPACK reports `info ≠ 0`.
    ///
    /// Example:
    /// ```swift
    /// let reference = try a.lapackSingularValueDecomposition()
    /// ```
    public func lapackSingularValueDecomposition(full: Bool = false) throws -> SingularValueDecomposition {
        let routine = "sgesdd"
        guard scalars.allSatisfy(\.isFinite) else { throw LAPACKError.nonFiniteEntries(routine: routine) }
        let m = rows, n = columns, p = min(rows, columns)
        let uColumns = full ? m : p
        let vTransposedRows = full ? n : p
        if p == 0 {  // nothing to decompose; LAPACK would reject the zero leading dimensions
            return SingularValueDecomposition(
                u: full ? .identity(size: m) : Matrix(rows: m, columns: 0), singularValues: [],
                vTransposed: full ? .identity(size: n) : Matrix(rows: 0, columns: n), isFull: full)
        }

        // Row-major [m, n] → column-major: entry (i, j) at i + j·m. sgesdd overwrites it.
        var a = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n { a[i + j * m] = scalars[i * n + j] }
        }
        var singularValues = [Float](repeating: 0, count: p)
        var u = [Float](repeating: 0, count: m * uColumns)  // column-major, ldu = m
        var vTransposed = [Float](repeating: 0, count: vTransposedRows * n)  // column-major, ldvt = rows of Vᵀ
        var integerWork = [Int32](repeating: 0, count: 8 * p)  // the size sgesdd documents
        var jobz = CChar(UInt8(ascii: full ? "A" : "S"))
        var rowCount = Int32(m), columnCount = Int32(n)
        var leadingA = Int32(m), leadingU = Int32(m), leadingVT = Int32(vTransposedRows)
        var info: Int32 = 0

        func callSGESDD(work: inout [Float], workLength: Int32) {
            var lwork = workLength
            sgesdd_(
                &jobz, &rowCount, &columnCount, &a, &leadingA, &singularValues,
                &u, &leadingU, &vTransposed, &leadingVT, &work, &lwork, &integerWork, &info)
        }

        // 1. Workspace query: lwork = −1 asks for the optimal size, returned in work[0].
        var query = [Float](repeating: 0, count: 1)
        callSGESDD(work: &query, workLength: -1)
        try Self.check(info: info, routine: routine)
        // 2. The decomposition itself.
        var work = [Float](repeating: 0, count: max(Int(query[0].rounded(.up)), 1))
        callSGESDD(work: &work, workLength: Int32(work.count))
        try Self.check(info: info, routine: routine)

        // Column-major back to row-major.
        var uMatrix = Matrix(rows: m, columns: uColumns)
        for i in 0..<m {
            for j in 0..<uColumns { uMatrix[i, j] = u[i + j * m] }
        }
        var vTransposedMatrix = Matrix(rows: vTransposedRows, columns: n)
        for i in 0..<vTransposedRows {
            for j in 0..<n { vTransposedMatrix[i, j] = vTransposed[i + j * vTransposedRows] }
        }
        return SingularValueDecomposition(
            u: uMatrix, singularValues: singularValues,
            vTransposed: vTransposedMatrix, isFull: full
        ).withCanonicalSigns()
    }

    /// Turns LAPACK's `info` into a Swift error.
    static func check(info: Int32, routine: String) throws {
        if info < 0 { throw LAPACKError.illegalArgument(routine: routine, position: Int(-info)) }
        if info > 0 { throw LAPACKError.didNotConverge(routine: routine, info: Int(info)) }
    }
}
