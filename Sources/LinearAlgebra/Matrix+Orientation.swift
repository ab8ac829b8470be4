// MARK: - Reading a small matrix: its rows, and whether it turns or mirrors

extension Matrix {
    /// The rows as Doubles, for printing and plotting ([rows][columns]).
    public var rowArrays: [[Double]] { (0..<rows).map { row($0).map(Double.init) } }

    /// The determinant of a 2×2 matrix, in Double: +1 for a rotation and −1 for a reflection
    /// when the matrix is orthogonal.
    /// - Precondition: the matrix is 2×2.
    public var determinant2x2: Double {
        precondition(rows == 2 && columns == 2, "determinant2x2 needs a 2×2 matrix, got \(rows)×\(columns)")
        return Double(self[0, 0]) * Double(self[1, 1]) - Double(self[0, 1]) * Double(self[1, 0])
    }

    /// "a rotation" or "a reflection", chosen by the sign of an orthogonal 2×2 matrix's
    /// determinant (a determinant of 0 cannot come from an orthogonal matrix; it reads as a reflection).
    public var turnKind: String { determinant2x2 > 0 ? "a rotation" : "a reflection" }
}

extension SingularValueDecomposition {
    /// energyCaptured(topK: k) for k = 1…`upTo`, k clamped to the number of singular values:
    /// the cumulative share of Σσᵢ² a figure draws against k (each 0…1).
    public func energyCurve(upTo largest: Int) -> [Double] {
        (1...largest).map { Double(energyCaptured(topK: Swift.min($0, singularValues.count))) }
    }
}
