import Foundation

/// A straight line fitted by least squares, y ≈ intercept + slope·x.
///
/// The slope is cov(x, y)/var(x) and the intercept ȳ − slope·x̄. On log–log data the line is a
/// power law: `LineFit.powerLaw(x:y:)` fits log y against log x, so its slope is the exponent.
///
/// Example:
/// ```swift
/// let fit = LineFit.powerLaw(x: ranks, y: counts)   // counts ≈ e^intercept · rank^slope
/// fit.slope                                          // −1 for an exact Zipf law
/// ```
public struct LineFit: Sendable, Equatable {
    public let slope: Double
    public let intercept: Double
    /// R², the share of y's variance the line explains (1 when every point is on it).
    public let rSquared: Double

    /// Fits `y` against `x`; needs at least two distinct x values.
    public init?(x: [Double], y: [Double]) {
        guard x.count == y.count, x.count >= 2 else { return nil }
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
        let sxx = x.map { ($0 - meanX) * ($0 - meanX) }.reduce(0, +)
        let sxy = zip(x, y).map { ($0 - meanX) * ($1 - meanY) }.reduce(0, +)
        let syy = y.map { ($0 - meanY) * ($0 - meanY) }.reduce(0, +)
        guard sxx > 0 else { return nil }
        slope = sxy / sxx
        intercept = meanY - slope * meanX
        rSquared = syy > 0 ? sxy * sxy / (sxx * syy) : 1
    }

    /// The line's value at `x`.
    public func callAsFunction(_ x: Double) -> Double { intercept + slope * x }

    /// Fits log y = intercept + slope·log x over the points where both are positive, so
    /// y ≈ e^intercept · x^slope.
    public static func powerLaw(x: [Double], y: [Double]) -> LineFit? {
        let points = zip(x, y).filter { $0 > 0 && $1 > 0 }
        return LineFit(x: points.map { Foundation.log($0.0) }, y: points.map { Foundation.log($0.1) })
    }
}
