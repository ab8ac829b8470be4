import Engine
import Foundation

// MARK: - Why attention divides by √d

/// How peaked a softmax over q·k scores is for random queries and keys of width d, unscaled and
/// scaled by 1/√d: the measurement behind the √d in scaled dot-product attention.
public struct SoftmaxSpread: Sendable {
    /// The scores' root mean square, unscaled; about √d for unit-variance entries.
    public let scoreDeviation: Double
    /// Mean entropy of the weights, in nats (ln keys is uniform, 0 is one-hot).
    public let unscaledEntropy: Double, scaledEntropy: Double
    /// Mean of the largest weight, 0…1.
    public let unscaledMaxWeight: Double, scaledMaxWeight: Double

    /// Averages over `trials` draws of one standard-normal query [1, d] against `keys` keys [keys, d].
    ///
    /// - Parameter rng: each trial draws the query, then the keys.
    public static func measure(dimension d: Int, keys: Int, trials: Int, rng: inout SplitMix64) -> SoftmaxSpread {
        var entropySum = (unscaled: 0.0, scaled: 0.0), maxWeightSum = (unscaled: 0.0, scaled: 0.0), scoreSquares = 0.0
        for _ in 0..<trials {
            let query = Tensor.randomNormal(shape: [1, d], rng: &rng)
            let keyRows = Tensor.randomNormal(shape: [keys, d], rng: &rng)
            let raw = query.matmul(keyRows, transposingRight: true)  // [1, keys]
            scoreSquares += raw.scalars.map { Double($0 * $0) }.reduce(0, +) / Double(keys)
            let softmaxes = [
                (false, raw.softmax(alongAxis: -1)),
                (true, raw.scaled(by: 1 / Float(d).squareRoot()).softmax(alongAxis: -1)),
            ]
            for (scaled, probabilities) in softmaxes {
                let p = probabilities.scalars.map(Double.init)
                let entropy = -p.filter { $0 > 0 }.map { $0 * Foundation.log($0) }.reduce(0, +)
                let largest = p.max() ?? 0
                if scaled {
                    entropySum.scaled += entropy; maxWeightSum.scaled += largest
                } else {
                    entropySum.unscaled += entropy; maxWeightSum.unscaled += largest
                }
            }
        }
        let n = Double(trials)
        return SoftmaxSpread(
            scoreDeviation: (scoreSquares / n).squareRoot(),
            unscaledEntropy: entropySum.unscaled / n, scaledEntropy: entropySum.scaled / n,
            unscaledMaxWeight: maxWeightSum.unscaled / n, scaledMaxWeight: maxWeightSum.scaled / n)
    }
}
