import LinearAlgebra
import Testing

// MARK: - Tolerances, with their reasons

/// Float's rounding unit is ≈ 6e-8; an SVD computed in Double and rounded to Float, then
/// multiplied back in Float, rebuilds A to a few units of that. 1e-5 leaves a wide margin
/// and still catches any real mistake (a wrong rotation gives errors of order 1).
let reconstructionTolerance: Float = 1e-5

/// Orthogonality of Float vectors: a dot product of n Float entries rounds to ~√n · 6e-8.
let orthogonalityTolerance: Float = 1e-5

/// Two SVDs in Float agree on σᵢ to a few ε · σ₁ (Weyl: a perturbation E moves each σ by at most ‖E‖₂).
let singularValueTolerance: Float = 2e-5

// MARK: - Helpers

/// `max |xᵢ − yᵢ|`.
func maximumDifference(_ x: [Float], _ y: [Float]) -> Float {
    precondition(x.count == y.count, "comparing \(x.count) values with \(y.count)")
    return zip(x, y).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// Expects `|xᵢ − yᵢ| ≤ tolerance · scale` for every i, and names the worst one when not.
func expectClose(
    _ x: [Float], _ y: [Float], tolerance: Float, scale: Float = 1,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let difference = maximumDifference(x, y)
    #expect(
        difference <= tolerance * scale,
        "max difference \(difference) > \(tolerance) · \(scale)\n\(x.prefix(8))\n\(y.prefix(8))",
        sourceLocation: sourceLocation)
}

/// Expects a decomposition of `a` to rebuild it and to have orthonormal singular vectors
/// and descending, non-negative singular values, with the shapes of its form.
func expectValidDecomposition(
    _ svd: SingularValueDecomposition, of a: Matrix,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let p = min(a.rows, a.columns)
    #expect(svd.singularValues.count == p, sourceLocation: sourceLocation)
    #expect(svd.u.rows == a.rows && svd.u.columns == (svd.isFull ? a.rows : p), sourceLocation: sourceLocation)
    #expect(
        svd.vTransposed.columns == a.columns && svd.vTransposed.rows == (svd.isFull ? a.columns : p),
        sourceLocation: sourceLocation)
    #expect(
        svd.reconstructionRelativeError(of: a) <= reconstructionTolerance,
        "reconstruction error \(svd.reconstructionRelativeError(of: a))", sourceLocation: sourceLocation)
    #expect(
        svd.leftOrthogonalityError <= orthogonalityTolerance,
        "UᵀU − I: \(svd.leftOrthogonalityError)", sourceLocation: sourceLocation)
    #expect(
        svd.rightOrthogonalityError <= orthogonalityTolerance,
        "VᵀV − I: \(svd.rightOrthogonalityError)", sourceLocation: sourceLocation)
    #expect(svd.singularValues.allSatisfy { $0 >= 0 }, sourceLocation: sourceLocation)
    #expect(
        zip(svd.singularValues, svd.singularValues.dropFirst()).allSatisfy { $0 >= $1 },
        "not descending: \(svd.singularValues)", sourceLocation: sourceLocation)
}
