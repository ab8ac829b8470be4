import Foundation

// MARK: - A mean over seeds, with its interval, and the words a comparison may use

/// The mean of a measurement repeated over seeds, with its two-sided confidence interval
/// from Student's t distribution:
///
///     mean ± t(1 − (1 − c)/2, n − 1) · s / √n          s: the sample standard deviation
///
/// The interval says how far another run of the same recipe (other seeds) could move the mean:
/// the training noise. It does not include the sampling noise of a fixed test set.
///
/// Example:
/// ```swift
/// let accuracy = Estimate([0.61, 0.64, 0.58])
/// accuracy.halfWidth          // 4.303 · 0.03 / √3 = 0.0745
/// Format.estimatePercent(accuracy)   // "61.0% ± 7.5"
/// ```
public struct Estimate: Sendable, Hashable {
    /// The measurements, one per seed.
    public let values: [Double]
    /// Their mean.
    public let mean: Double
    /// Half the interval's width (0 for a single value: no spread is known, see `isSingle`).
    public let halfWidth: Double
    /// The interval's confidence level, e.g. 0.95.
    public let confidence: Double

    /// - Parameters:
    ///   - values: one measurement per seed; at least one.
    ///   - confidence: the interval's level; 0.95 or 0.99 (the t table's columns).
    public init(_ values: [Double], confidence: Double = 0.95) {
        precondition(!values.isEmpty, "an estimate needs at least one value")
        precondition(
            confidence == 0.95 || confidence == 0.99,
            "confidence \(confidence): only 0.95 and 0.99 are tabulated")
        self.values = values
        self.confidence = confidence
        let count = Double(values.count)
        let average = values.reduce(0, +) / count
        mean = average
        if values.count < 2 {
            halfWidth = 0
        } else {
            let variance = values.reduce(0) { $0 + ($1 - average) * ($1 - average) } / (count - 1)
            halfWidth =
                Estimate.tQuantile(degreesOfFreedom: values.count - 1, confidence: confidence)
                * (variance / count).squareRoot()
        }
    }

    /// A known constant (a baseline): no interval.
    public init(constant: Double) { self.init([constant]) }

    /// The interval's ends.
    public var low: Double { mean - halfWidth }
    public var high: Double { mean + halfWidth }
    /// Whether this rests on one value only, so its interval is unknown rather than zero.
    public var isSingle: Bool { values.count < 2 }

    /// The two-sided t quantile t(1 − (1 − c)/2, ν): 12.706 for ν = 1, 4.303 for ν = 2 at c = 0.95.
    /// Tabulated to ν = 30; beyond, the Cornish–Fisher expansion z + (z³ + z)/(4ν), within 0.002.
    public static func tQuantile(degreesOfFreedom: Int, confidence: Double = 0.95) -> Double {
        precondition(degreesOfFreedom >= 1, "t needs at least one degree of freedom")
        let table95: [Double] = [
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
            2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
        ]
        let table99: [Double] = [
            63.657, 9.925, 5.841, 4.604, 4.032, 3.707, 3.499, 3.355, 3.250, 3.169,
            3.106, 3.055, 3.012, 2.977, 2.947, 2.921, 2.898, 2.878, 2.861, 2.845,
            2.831, 2.819, 2.807, 2.797, 2.787, 2.779, 2.771, 2.763, 2.756, 2.750,
        ]
        let table = confidence == 0.99 ? table99 : table95
        if degreesOfFreedom <= table.count { return table[degreesOfFreedom - 1] }
        let z = confidence == 0.99 ? 2.5758 : 1.9600
        return z + (z * z * z + z) / (4 * Double(degreesOfFreedom))
    }
}

// MARK: - Comparing two estimates in words

/// How one estimate stands against another, judged from their intervals.
///
/// Two means differ when their gap exceeds √(h₁² + h₂²), the half-widths combined as for
/// independent estimates; otherwise the gap is within the noise the seeds show. A comparison
/// with a single-valued estimate on each side has no known noise, and any gap counts.
public enum Comparison: Sendable, Hashable {
    case above, withinNoise, below

    /// Compares `first` against `second`.
    ///
    /// - Parameter tolerance: gaps below this are `withinNoise` even when both intervals are
    ///   narrower (e.g. 0.005: half a point of accuracy is no difference worth a word).
    public init(_ first: Estimate, _ second: Estimate, tolerance: Double = 1e-9) {
        let gap = first.mean - second.mean
        let combined = (first.halfWidth * first.halfWidth + second.halfWidth * second.halfWidth).squareRoot()
        let noise = max(combined, tolerance)
        if abs(gap) <= noise {
            self = .withinNoise
        } else {
            self = gap > 0 ? .above : .below
        }
    }

    /// The verb a sentence uses for "first … second", for a measure where higher is better:
    /// "beats", "falls short of", or, when the gap is within noise, "matches" if the combined
    /// interval is narrower than `close` and "is within noise of" if it is wide.
    public static func verb(
        _ first: Estimate, _ second: Estimate, close: Double = 0.02,
        tolerance: Double = 1e-9
    ) -> String {
        switch Comparison(first, second, tolerance: tolerance) {
        case .above: return "beats"
        case .below: return "falls short of"
        case .withinNoise:
            let noise = (first.halfWidth * first.halfWidth + second.halfWidth * second.halfWidth).squareRoot()
            return noise <= close ? "matches" : "is within noise of"
        }
    }

    /// The same for a measure where lower is better (a loss): "is below", "is above", "matches",
    /// "is within noise of".
    public static func lossVerb(
        _ first: Estimate, _ second: Estimate, close: Double = 0.01,
        tolerance: Double = 1e-9
    ) -> String {
        switch Comparison(first, second, tolerance: tolerance) {
        case .above: return "is above"
        case .below: return "is below"
        case .withinNoise:
            let noise = (first.halfWidth * first.halfWidth + second.halfWidth * second.halfWidth).squareRoot()
            return noise <= close ? "matches" : "is within noise of"
        }
    }
}

extension Format {
    /// "61.0% ± 7.5" (the half-width in percentage points); "61.0%" for a single value.
    public static func percent(_ estimate: Estimate, _ digits: Int = 1) -> String {
        if estimate.isSingle { return percent(estimate.mean, digits) }
        return percent(estimate.mean, digits) + " ± " + fixed(100 * estimate.halfWidth, digits)
    }

    /// "0.512 ± 0.031"; "0.512" for a single value.
    public static func fixed(_ estimate: Estimate, _ digits: Int) -> String {
        if estimate.isSingle { return fixed(estimate.mean, digits) }
        return fixed(estimate.mean, digits) + " ± " + fixed(estimate.halfWidth, digits)
    }
}

extension Comparison {
    /// "about level with", "above" or "below": where a single measured value (no interval) stands
    /// against a reference, treating gaps of at most `close` (in the values' own units, e.g. 0.03
    /// = 3 points of accuracy) as level, since one run's value carries unmeasured noise.
    public static func level(_ value: Double, against reference: Double, close: Double) -> String {
        abs(value - reference) < close ? "about level with" : value > reference ? "above" : "below"
    }
}
