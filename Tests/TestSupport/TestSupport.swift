import Testing

// MARK: - Closeness

/// Whether `actual` is within `tolerance` of `expected`, relative to their size:
/// |a − e| ≤ tolerance · max(1, |a|, |e|) — absolute near zero, relative for large values.
public func isClose(_ actual: Double, _ expected: Double, tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance * max(1, abs(actual), abs(expected))
}

/// Expects two numbers to be close (see `isClose`), recording the values when not.
public func expectClose(
    _ actual: Float, _ expected: Float, tolerance: Float = 1e-5,
    _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        isClose(Double(actual), Double(expected), tolerance: Double(tolerance)),
        "\(comment) \(actual) vs expected \(expected) (tolerance \(tolerance))", sourceLocation: sourceLocation)
}

/// Expects two arrays of equal length to be close element by element; reports the worst
/// element (index and values) rather than one issue per element.
public func expectClose(
    _ actual: [Float], _ expected: [Float], tolerance: Float = 1e-5,
    _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual.count == expected.count else {
        Issue.record("\(comment) lengths differ: \(actual.count) vs \(expected.count)", sourceLocation: sourceLocation)
        return
    }
    var worst: (index: Int, excess: Double)? = nil
    for index in actual.indices {
        let a = Double(actual[index]), e = Double(expected[index])
        var excess = abs(a - e) / max(1, abs(a), abs(e))
        if excess.isNaN { excess = a.isNaN && e.isNaN ? 0 : .infinity }
        if excess > Double(tolerance) && excess > (worst?.excess ?? -1) { worst = (index, excess) }
    }
    if let worst {
        Issue.record(
            """
            \(comment) element \(worst.index): \(actual[worst.index]) vs expected \(expected[worst.index]) \
            (tolerance \(tolerance))
            """, sourceLocation: sourceLocation)
    }
}

// MARK: - Finite differences

/// Central finite differences of a scalar function of many Floats:
/// ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h.
///
/// `loss` evaluates the (Float) computation but should accumulate its result in Double,
/// so that the only Float error is in the op itself. The truncation error is O(h²·f‴);
/// the rounding error is about ε_Float·|terms|/h. With h = 1e-3 (in units of inputs of
/// order 1) both are ≲ 1e-4 relative, which is why gradient checks use a tolerance of a few
/// 1e-3 rather than Float's 1e-7.
///
/// - Parameters:
///   - values: the point x.
///   - step: h.
///   - loss: f, called with a perturbed copy of x, 2·count times.
public func numericalGradient(at values: [Float], step: Float = 1e-3, loss: ([Float]) -> Double) -> [Double] {
    var point = values
    var gradient = [Double](repeating: 0, count: values.count)
    for index in values.indices {
        let original = point[index]
        point[index] = original + step
        let plus = loss(point)
        point[index] = original - step
        let minus = loss(point)
        point[index] = original
        // Divide by the step actually taken (Float rounding of x ± h).
        gradient[index] = (plus - minus) / (Double(original + step) - Double(original - step))
    }
    return gradient
}

/// Compares an analytic gradient with central finite differences of `loss` at `values`;
/// returns a description of the worst mismatch, or nil when all agree within `tolerance`
/// (relative, as in `isClose`).
///
/// Example:
/// ```swift
/// let failure = gradientCheck(values: x, analytic: dx, tolerance: 5e-3) { x in Double(f(x)) }
/// #expect(failure == nil, "\(failure!)")
/// ```
public func gradientCheck(
    values: [Float], analytic: [Float], step: Float = 1e-3, tolerance: Double = 5e-3,
    loss: ([Float]) -> Double
) -> String? {
    precondition(values.count == analytic.count, "gradient of \(analytic.count) for \(values.count) values")
    let numeric = numericalGradient(at: values, step: step, loss: loss)
    var worst: (index: Int, excess: Double)? = nil
    for index in values.indices {
        let a = Double(analytic[index]), n = numeric[index]
        var excess = abs(a - n) / max(1, abs(a), abs(n))
        if excess.isNaN { excess = .infinity }
        if excess > tolerance && excess > (worst?.excess ?? -1) { worst = (index, excess) }
    }
    guard let worst else { return nil }
    return "element \(worst.index): analytic \(analytic[worst.index]) vs numeric \(numeric[worst.index])"
}

// MARK: - Fixtures

/// A small fixed data set: the four XOR inputs and their labels.
public let xorInputs: [Float] = [0, 0, 0, 1, 1, 0, 1, 1]
public let xorLabels: [Float] = [0, 1, 1, 0]
