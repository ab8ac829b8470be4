import Foundation

// MARK: - Calibration of predicted preferences

/// One bin of a reliability diagram: predictions in `[lower, upper)`, how many, their mean,
/// and how often the predicted side was in fact chosen.
public struct CalibrationBin: Sendable, Hashable {
    public let lower: Double
    public let upper: Double
    public let count: Int
    /// The mean predicted probability of the bin (NaN when empty).
    public let meanPredicted: Double
    /// The share of the bin's predictions that came true (NaN when empty).
    public let observedFrequency: Double
}

/// Does a reward model mean what it says? If it gives P(a ≻ b) = σ(r_a − r_b) = 0.8 on many
/// pairs, a well-calibrated model is right on 80% of them. Plot observed against predicted
/// per bin: the diagonal is perfect calibration.
///
/// A pair is counted in both orientations — (σ(m), chosen was a) and (σ(−m), chosen was not
/// b) — so the diagram is symmetric about ½ and uses every pair whichever way it was stored.
///
/// Example:
/// ```swift
/// let bins = Calibration.bins(margins: zip(chosenScores, rejectedScores).map { Double($0 - $1) }, binCount: 10)
/// ```
public enum Calibration {
    /// Bins of the predictions σ(mᵢ) and σ(−mᵢ), mᵢ = r(chosenᵢ) − r(rejectedᵢ), over [0, 1].
    public static func bins(margins: [Double], binCount: Int = 10) -> [CalibrationBin] {
        let predictions = margins.flatMap { margin -> [(Double, Bool)] in
            let p = 1 / (1 + exp(-margin))
            return [(p, true), (1 - p, false)]
        }
        return bins(predictions: predictions, binCount: binCount)
    }

    /// Bins of (predicted probability, whether it came true) pairs over [0, 1]; the last bin
    /// includes 1.
    public static func bins(predictions: [(probability: Double, outcome: Bool)], binCount: Int) -> [CalibrationBin] {
        precondition(binCount > 0, "calibration needs at least one bin")
        var sums = [Double](repeating: 0, count: binCount), hits = sums, counts = [Int](repeating: 0, count: binCount)
        for (probability, outcome) in predictions {
            let bin = min(max(Int(probability * Double(binCount)), 0), binCount - 1)
            sums[bin] += probability
            hits[bin] += outcome ? 1 : 0
            counts[bin] += 1
        }
        return (0..<binCount).map { bin in
            let n = Double(counts[bin])
            return CalibrationBin(
                lower: Double(bin) / Double(binCount), upper: Double(bin + 1) / Double(binCount),
                count: counts[bin], meanPredicted: counts[bin] > 0 ? sums[bin] / n : .nan,
                observedFrequency: counts[bin] > 0 ? hits[bin] / n : .nan)
        }
    }

    /// The expected calibration error: Σ_bins (n_bin/N)·|observed − predicted|.
    public static func expectedCalibrationError(_ bins: [CalibrationBin]) -> Double {
        let total = bins.reduce(0) { $0 + $1.count }
        guard total > 0 else { return 0 }
        return bins.filter { $0.count > 0 }.reduce(0) {
            $0 + Double($1.count) / Double(total) * abs($1.observedFrequency - $1.meanPredicted)
        }
    }
}
