import Foundation

// MARK: - How a model's weights are distributed, as blockwise quantization sees them

/// The weights divided by the absmax of their block, as a histogram on [−1, 1], and the raw
/// weights' moments (excess kurtosis 0 for a normal distribution).
public struct WeightDistribution {
    /// The density of the block-scaled weights in each of `bins` equal bins of [−1, 1].
    public let density: [Double]
    /// The centre of each bin.
    public let binCentres: [Double]
    public let mean: Double, variance: Double, excessKurtosis: Double

    public init(_ weights: [Float], blockSize: Int = 64, bins: Int = 81) {
        let scaled = Self.blockScaled(weights, blockSize: blockSize)
        var counts = [Double](repeating: 0, count: bins)
        for value in scaled { counts[min(bins - 1, max(0, Int((Double(value) + 1) / 2 * Double(bins))))] += 1 }
        let width = 2 / Double(bins)
        density = counts.map { $0 / (Double(scaled.count) * width) }
        binCentres = (0..<bins).map { -1 + (Double($0) + 0.5) * width }
        let n = Double(weights.count)
        mean = weights.reduce(0) { $0 + Double($1) } / n
        let mean = self.mean
        variance = weights.reduce(0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
        let fourth = weights.reduce(0) { $0 + pow(Double($1) - mean, 4) } / n
        excessKurtosis = fourth / (variance * variance) - 3
    }

    /// Each value divided by the absmax of its block (0 for an all-zero block).
    public static func blockScaled(_ values: [Float], blockSize: Int) -> [Float] {
        var scaled = values
        for start in stride(from: 0, to: values.count, by: blockSize) {
            let block = start..<min(start + blockSize, values.count)
            let absmax = values[block].map(abs).max() ?? 0
            for index in block { scaled[index] = absmax > 0 ? values[index] / absmax : 0 }
        }
        return scaled
    }
}
