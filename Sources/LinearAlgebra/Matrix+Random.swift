import Foundation

// MARK: - A seeded generator of our own

/// SplitMix64 (Steele, Lea & Flood 2014), the same fifteen lines as the engine's generator.
///
/// LinearAlgebra depends on nothing but BLAS, so it carries its own copy for the functions
/// that take a plain `seed:`; the ones that take `inout some RandomNumberGenerator` accept the
/// engine's `SplitMix64` directly (and give the same stream for the same seed).
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension RandomNumberGenerator {
    /// A standard normal sample by the Box–Muller transform, from two uniform doubles.
    mutating func nextStandardNormal() -> Double {
        // The top 53 bits make a uniform double in [0, 1); 1 − u keeps log's argument in (0, 1].
        let u1 = 1.0 - Double(next() >> 11) * 0x1p-53
        let u2 = Double(next() >> 11) * 0x1p-53
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }
}

// MARK: - Random matrices

extension Matrix {
    /// A `rows × columns` matrix of independent Gaussian entries with mean 0 and standard
    /// deviation `standardDeviation`.
    ///
    /// - Parameters:
    ///   - rows: the number of rows.
    ///   - columns: the number of columns.
    ///   - standardDeviation: the spread of each entry (1 by default).
    ///   - generator: any seeded generator, e.g. the engine's `SplitMix64`, passed `inout`.
    ///
    /// Example:
    /// ```swift
    /// var rng = SplitMix64(seed: 7)
    /// let a = Matrix.gaussian(rows: 64, columns: 32, using: &rng)
    /// ```
    public static func gaussian(rows: Int, columns: Int, standardDeviation: Float = 1,
                                using generator: inout some RandomNumberGenerator) -> Matrix {
        var result = Matrix(rows: rows, columns: columns)
        for index in result.scalars.indices {
            result.scalars[index] = standardDeviation * Float(generator.nextStandardNormal())
        }
        return result
    }

    /// A Gaussian matrix fixed by `seed` (see ``gaussian(rows:columns:standardDeviation:using:)``).
    public static func gaussian(rows: Int, columns: Int, standardDeviation: Float = 1, seed: UInt64) -> Matrix {
        var generator = SeededGenerator(seed: seed)
        return gaussian(rows: rows, columns: columns, standardDeviation: standardDeviation, using: &generator)
    }

    /// A random `size × size` orthogonal matrix `Q` (`QᵀQ = I`): the Q of a QR factorisation of
    /// a Gaussian matrix, by Gram–Schmidt.
    ///
    /// Orthonormalising Gaussian columns one after another is the QR factorisation `G = QR` with
    /// positive diagonal in `R`, which makes `Q` uniformly (Haar) distributed over the
    /// orthogonal matrices (Mezzadri 2007).
    public static func randomOrthogonal(size: Int, using generator: inout some RandomNumberGenerator) -> Matrix {
        let gaussian = Matrix.gaussian(rows: size, columns: size, using: &generator)
        return gaussian.orthonormalizedColumns()
    }

    /// A `rows × columns` matrix with exactly the given singular values: `A = Q₁ Σ Q₂ᵀ` for random
    /// orthogonal `Q₁` (rows × rows) and `Q₂` (columns × columns).
    ///
    /// The test bench of an SVD: the answer is known before the decomposition runs.
    ///
    /// - Parameters:
    ///   - singularValues: at most `min(rows, columns)` non-negative values (any order; missing
    ///     ones are zero, which makes a rank-deficient matrix).
    ///   - generator: the source of the random rotations.
    ///
    /// Example:
    /// ```swift
    /// var rng = SplitMix64(seed: 1)
    /// let a = Matrix.withSingularValues([5, 3, 1], rows: 6, columns: 4, using: &rng)   // rank 3
    /// ```
    public static func withSingularValues(_ singularValues: [Float], rows: Int, columns: Int,
                                          using generator: inout some RandomNumberGenerator) -> Matrix {
        precondition(singularValues.allSatisfy { $0 >= 0 }, "singular values are never negative")
        let left = randomOrthogonal(size: rows, using: &generator)
        let right = randomOrthogonal(size: columns, using: &generator)
        let sigma = Matrix(rows: rows, columns: columns, diagonal: singularValues)
        return left * sigma * right.transposed()
    }

    /// A random orthogonal matrix fixed by `seed` (see ``randomOrthogonal(size:using:)``).
    public static func randomOrthogonal(size: Int, seed: UInt64) -> Matrix {
        var generator = SeededGenerator(seed: seed)
        return randomOrthogonal(size: size, using: &generator)
    }

    /// A matrix with known singular values fixed by `seed`
    /// (see ``withSingularValues(_:rows:columns:using:)``).
    public static func withSingularValues(_ singularValues: [Float], rows: Int, columns: Int,
                                          seed: UInt64) -> Matrix {
        var generator = SeededGenerator(seed: seed)
        return withSingularValues(singularValues, rows: rows, columns: columns, using: &generator)
    }
}
