// MARK: - The plain averages the chapters take

/// Small statistics the chapters share; intervals are `Estimate`'s.
public enum Statistics {
    /// The arithmetic mean; 0 for no values (a table cell with nothing to average).
    public static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
}
