import Foundation

// MARK: - Straight lines and power laws, by least squares

/// The least-squares line y ≈ intercept + slope·x through points (xᵢ, yᵢ):
///
///     slope = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²,   intercept = ȳ − slope·x̄,
///     R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)².
///
/// nil when there are fewer than two points or all x are equal (no line is determined).
///
/// Example: `LeastSquaresLine(x: [0, 1, 2], y: [1, 3, 5])?.slope   // 2`
public struct LeastSquaresLine: Sendable {
    public let slope: Double
    public let intercept: Double
    /// The share of y's variance the line explains (1: every point on it).
    public let rSquared: Double

    public init?(x: [Double], y: [Double]) {
        precondition(x.count == y.count, "\(x.count) x values but \(y.count) y values")
        guard x.count >= 2 else { return nil }
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
        let sxx = x.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
        guard sxx > 0 else { return nil }
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
        let slope = sxy / sxx, intercept = meanY - slope * meanX
        let total = y.reduce(0) { $0 + ($1 - meanY) * ($1 - meanY) }
        let residual = zip(x, y).reduce(0) { sum, point in
            let error = point.1 - (intercept + slope * point.0)
            return sum + error * error
        }
        self.slope = slope
        self.intercept = intercept
        rSquared = total > 0 ? 1 - residual / total : 1
    }
}

/// A power law y ≈ scale · x^(−exponent), fitted as a straight line in log-log coordinates:
/// log y = log scale − exponent·log x. The form of scaling laws (Kaplan et al. 2020) and of
/// Zipf's law (exponent ≈ 1).
///
/// Example: `PowerLawFit(x: [1, 10, 100], y: [2, 0.2, 0.02])?.exponent   // 1`
public struct PowerLawFit: Sendable {
    public let scale: Double
    /// The decay exponent: positive when y falls as x grows.
    public let exponent: Double
    /// R² of the log-log line.
    public let rSquared: Double

    /// nil with fewer than two usable points (x and y must be positive to take logarithms).
    public init?(x: [Double], y: [Double]) {
        let points = zip(x, y).filter { $0.0 > 0 && $0.1 > 0 }
        guard let line = LeastSquaresLine(x: points.map { log($0.0) }, y: points.map { log($0.1) }) else { return nil }
        scale = exp(line.intercept)
        exponent = -line.slope
        rSquared = line.rSquared
    }

    /// scale · x^(−exponent).
    public func predict(_ x: Double) -> Double { scale * pow(x, -exponent) }
}
