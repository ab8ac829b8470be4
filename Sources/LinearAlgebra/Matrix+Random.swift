import Foundation
import Randomness

// MARK: - Random matrices

extension Matrix {
    /// A `rows × columns` matrix of independent Gaussian entries with mean 0 and standard
    /// deviation `standardDeviation`.
    ///
    /// - Parameters:
    ///   - rows: the number of rows.
    ///   - columns: the number of columns.
    ///   - standardDeviation: the spread of each entry (1 by default).
    ///   - generator: any seeded generator, e.g. `SplitMix64`, passed `inout`.
    ///
    /// Example:
    /// ```swift
    /// var rng = SplitMix64(seed: 7)
    /// let a = Matrix.gaussian(rows: 64, columns: 32, using: &rng)
    /// ```
    public static func gaussian(
        rows: Int, columns: Int, standardDeviation: Float = 1,
        using generator: inout some RandomNumberGenerator
    ) -> Matrix {
        var result = Matrix(rows: rows, columns: columns)
        for index in result.scalars.indices {
            result.scalars[index] = standardDeviation * Float(generator.nextStandardNormal())
        }
        return result
    }

    /// A Gaussian matrix fixed by `seed` (see ``gaussian(rows:columns:standardDeviation:using:)``).
    public static func gaussian(rows: Int, columns: Int, standardDeviation: Float = 1, seed: UInt64) -> Matrix {
        var generator = SplitMix64(seed: seed)
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
    public static func withSingularValues(
        _ singularValues: [Float], rows: Int, columns: Int,
        using generator: inout some RandomNumberGenerator
    ) -> Matrix {
        precondition(singularValues.allSatisfy { $0 >= 0 }, "singular values are never negative")
        let left = randomOrthogonal(size: rows, using: &generator)
        let right = randomOrthogonal(size: columns, using: &generator)
        let sigma = Matrix(rows: rows, columns: columns, diagonal: singularValues)
        return left * sigma * right.transposed()
    }

    /// A random orthogonal matrix fixed by `seed` (see ``randomOrthogonal(size:using:)``).
    public static func randomOrthogonal(size: Int, seed: UInt64) -> Matrix {
        var generator = SplitMix64(seed: seed)
        return randomOrthogonal(size: size, using: &generator)
    }

    /// A matrix with known singular values fixed by `seed`
    /// (see ``withSingularValues(_:rows:columns:using:)``).
    public static func withSingularValues(
        _ singularValues: [Float], rows: Int, columns: Int,
        seed: UInt64
    ) -> Matrix {
        var generator = SplitMix64(seed: seed)
        return withSingularValues(singularValues, rows: rows, columns: columns, using: &generator)
    }
}
