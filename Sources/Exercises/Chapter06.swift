// MARK: - Chapter 6 exercises: NF4 from scratch
//
// Each exercise's title and hint are declared once, in Checks06.swift: `swift run exercises 6`
// shows them, and a stub's `notAttempted` error quotes them.
//
// Check your work with `swift run exercises 6`.

/// Your solutions to chapter 6's exercises.
public enum Chapter06 {
    /// Exercise 6.1.
    ///
    /// The 16 NF4 levels, sorted, from the standard normal's quantiles: 8 non-negative quantiles
    /// from probabilities evenly spaced between `offset` and 0.5, 7 negative ones from 7 evenly
    /// spaced probabilities between `offset` and 0.5 (mirrored), and 0; then every level divided
    /// by the largest magnitude. `inverseNormalCDF(p)` is given below.
    public static func normalFloatLevels(offset: Double) throws -> [Float] {
        throw ExerciseError.notAttempted("6.1")
    }

    /// Exercise 6.2.
    ///
    /// One block of blockwise 4-bit quantization: divide `values` by their absmax, then give each
    /// the index of the nearest of `levels` (sorted, in [−1, 1]). Return the codes and the absmax.
    public static func quantizeBlock(_ values: [Float], levels: [Float]) throws -> (codes: [UInt8], absmax: Float) {
        throw ExerciseError.notAttempted("6.2")
    }

    /// Exercise 6.3.
    ///
    /// Two 4-bit codes per byte, the FIRST code in the HIGH nibble (bitsandbytes' order); an odd
    /// count is padded with a 0 code.
    public static func packCodes(_ codes: [UInt8]) throws -> [UInt8] {
        throw ExerciseError.notAttempted("6.3")
    }

    /// Exercise 6.4.
    ///
    /// Bits per weight of NF4 storage for `count` weights, counted from the buffers: packed codes,
    /// then either one Float32 absmax per block, or (double quantization) one byte per block plus
    /// one Float32 per `nestedBlockSize` blocks and one Float32 mean. Partial blocks count whole.
    public static func bitsPerWeight(
        count: Int, blockSize: Int, doubleQuantization: Bool,
        nestedBlockSize: Int
    ) throws -> Double {
        throw ExerciseError.notAttempted("6.4")
    }

    /// Φ⁻¹(p), the standard normal's inverse CDF, for exercise 6.1.
    public static func inverseNormalCDF(_ p: Double) -> Double { ExerciseCatalog.normalQuantile(p) }
}
