import Foundation

// MARK: - How much of a matrix lives in its top directions

extension SingularValueDecomposition {
    /// The share of the squared Frobenius norm ("energy") in the top `k` singular values:
    /// `Σ_{i ≤ k} σᵢ² / Σᵢ σᵢ²`, a value in [0, 1].
    ///
    /// Since `‖A‖_F² = Σᵢ σᵢ²` and `‖A − A_k‖_F² = Σ_{i > k} σᵢ²` (Eckart–Young), this is
    /// `1 − ‖A − A_k‖_F² / ‖A‖_F²`: how much of `A` its best rank-`k` approximation keeps.
    /// Meaningful for a thin or full decomposition (a truncated one only knows its own `σ`s).
    /// A zero matrix captures everything trivially: the result is 1.
    ///
    /// Example: `σ = (3, 2, 1)` gives `energyCaptured(topK: 1) = 9 / 14 ≈ 0.643`.
    public func energyCaptured(topK k: Int) -> Float {
        Self.energyCaptured(singularValues: singularValues, topK: k)
    }

    /// ``energyCaptured(topK:)`` for a bare list of singular values (descending).
    public static func energyCaptured(singularValues: [Float], topK k: Int) -> Float {
        precondition(k >= 0 && k <= singularValues.count, "k = \(k) is outside 0…\(singularValues.count)")
        let squares = singularValues.map { Double($0) * Double($0) }
        let total = squares.reduce(0, +)
        guard total > 0 else { return 1 }
        return Float(squares[..<k].reduce(0, +) / total)
    }

    /// The entropy-based effective rank of Roy & Vetterli (2007): `exp(H(p))` where
    /// `pᵢ = σᵢ / Σⱼ σⱼ` and `H(p) = −Σᵢ pᵢ log pᵢ` (natural log, `0 log 0 = 0`).
    ///
    /// A real number between 1 and the number of singular values: `r` equal non-zero singular
    /// values give exactly `r`; a spectrum that falls off gives less than its count. Unlike the
    /// numerical rank it needs no threshold, and it moves smoothly as a matrix is trained.
    /// A zero matrix has effective rank 0 by convention.
    ///
    /// Example: `σ = (1, 1, 0)` gives `p = (½, ½, 0)`, `H = log 2`, effective rank 2.
    public var effectiveRank: Float {
        Self.effectiveRank(singularValues: singularValues)
    }

    /// ``effectiveRank`` for a bare list of singular values.
    public static func effectiveRank(singularValues: [Float]) -> Float {
        let total = singularValues.reduce(0.0) { $0 + Double($1) }
        guard total > 0 else { return 0 }
        var entropy = 0.0
        for sigma in singularValues where sigma > 0 {
            let p = Double(sigma) / total
            entropy -= p * log(p)
        }
        return Float(exp(entropy))
    }

    /// The numerical rank: how many singular values exceed `relativeTolerance · σ₁`.
    ///
    /// The default tolerance is a little above `Float`'s rounding (`ε ≈ 1.2e-7`), times a
    /// safety factor: below it a singular value is indistinguishable from the rounding noise
    /// of a `Float` matrix. Pass e.g. `0.01` to count "directions that matter".
    ///
    /// Example: `σ = (10, 1, 1e-9)` gives numerical rank 2; with tolerance 0.5 it gives 1.
    public func numericalRank(relativeTolerance: Float = 1e-5) -> Int {
        Self.numericalRank(singularValues: singularValues, relativeTolerance: relativeTolerance)
    }

    /// ``numericalRank(relativeTolerance:)`` for a bare list of singular values.
    public static func numericalRank(singularValues: [Float], relativeTolerance: Float = 1e-5) -> Int {
        guard let largest = singularValues.max(), largest > 0 else { return 0 }
        return singularValues.filter { $0 > relativeTolerance * largest }.count
    }

    // MARK: - How good a decomposition is

    /// `‖A − U Σ Vᵀ‖_F / ‖A‖_F`: how well this decomposition rebuilds `original` (0 is perfect;
    /// a correct `Float` SVD sits near 1e-7 to 1e-6). For a zero `original`, the absolute error.
    public func reconstructionRelativeError(of original: Matrix) -> Float {
        let difference = (original - reconstructed()).frobeniusNorm
        let scale = original.frobeniusNorm
        return scale > 0 ? difference / scale : difference
    }

    /// `max |UᵀU − I|`: how far `U`'s columns are from orthonormal.
    public var leftOrthogonalityError: Float { u.orthonormalityError() }

    /// `max |V ᵀV − I|` over the right singular vectors (the rows of `Vᵀ`).
    public var rightOrthogonalityError: Float { vTransposed.transposed().orthonormalityError() }
}

extension Matrix {
    /// `‖QᵀQ − I‖_max`, the largest entry of `QᵀQ − I`: 0 when the columns of `Q` are orthonormal.
    public func orthonormalityError() -> Float {
        (transposed() * self - .identity(size: columns)).maximumAbsoluteEntry
    }
}
