// MARK: - A plain mean

/// The arithmetic mean of `values`, summed left to right; 0 for an empty list (so a table of
/// no runs reads 0 rather than stopping the chapter).
///
/// `Estimate(values).mean` is the same number with an interval; this is for the places that
/// only need the number.
public func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
