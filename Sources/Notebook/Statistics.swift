// MARK: - The plain averages the chapters take

/// Small statistics the chapters share; intervals are `Estimate`'s.
public enum Statistics {
    /// The arithmetic mean; 0 for no values (a table cell with nothing to average).
    public static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
}

extension Statistics {
    /// The mean and the population standard deviation (divided by n, as LayerNorm computes it);
    /// (0, 0) for no values.
    public static func moments(_ values: [Double]) -> (mean: Double, deviation: Double) {
        let mean = Statistics.mean(values)
        return (mean, Statistics.mean(values.map { ($0 - mean) * ($0 - mean) }).squareRoot())
    }
}
