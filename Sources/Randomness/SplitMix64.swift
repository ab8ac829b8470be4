import Foundation

/// A small, fast, seeded random number generator (SplitMix64, Steele et al. 2014).
///
/// Every random thing in Tailor takes one of these, passed `inout`, so that a chapter run
/// twice with the same `--seed` prints the same numbers. It is the only generator in the
/// book: Engine re-exports this module, and Corpus, LinearAlgebra and the tests import it.
///
/// Example:
/// ```swift
/// var rng = SplitMix64(seed: 42)
/// let u = rng.nextUniform()          // in [0, 1)
/// let z = rng.nextNormal()           // standard normal
/// let i = rng.nextCategorical([0.1, 0.7, 0.2])
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator whose whole stream is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits; every other draw is made from these.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform Float in [0, 1), from the top 24 bits (all a Float's mantissa can hold).
    public mutating func nextUniform() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A uniform Double in [0, 1), from the top 53 bits.
    public mutating func nextUniformDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A standard normal sample by the Box–Muller transform.
    public mutating func nextNormal() -> Float {
        Float(nextStandardNormal())
    }

    /// An index drawn with probability proportional to `weights` (which need not sum to 1).
    public mutating func nextCategorical(_ weights: [Float]) -> Int {
        precondition(!weights.isEmpty, "categorical sampling needs at least one weight")
        let total = weights.reduce(0, +)
        var target = nextUniform() * total
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }

    /// A uniform integer in `0..<bound`.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "nextInt(below:) needs a positive bound, got \(bound)")
        return Int(next(upperBound: UInt64(bound)))
    }
}

// MARK: - Draws any generator can make

extension RandomNumberGenerator {
    /// A standard normal sample in double precision by the Box–Muller transform, from the top
    /// 53 bits of two draws (so any seeded generator, passed `inout`, gives a fixed stream).
    public mutating func nextStandardNormal() -> Double {
        // A uniform double in [0, 1); 1 − u keeps the logarithm's argument in (0, 1], never zero.
        let u1 = 1.0 - Double(next() >> 11) * 0x1p-53
        let u2 = Double(next() >> 11) * 0x1p-53
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }
}
