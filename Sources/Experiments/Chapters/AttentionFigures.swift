import Foundation
import Notebook

// MARK: - Chapter 2's figures, built from its measurements

/// Figures chapter 2 draws; the chapter measures, these only lay the numbers out.
public enum AttentionFigures {
    /// Mean softmax entropy (nats) against d on a log axis, scaled and unscaled, with the
    /// dashed line ln(keys) of uniform weights.
    ///
    /// - Parameters: `dimensions` and both entropy lists run in step; `keys` is the keys per query.
    public static func softmaxEntropy(dimensions: [Int], scaled: [Double], unscaled: [Double], keys: Int) -> Figure {
        var figure = Figure(
            "softmax-entropy", title: "Softmax entropy over \(keys) keys against dimension d",
            xLabel: "dimension d of queries and keys (log scale)",
            yLabel: "entropy of the attention weights (nats)")
        figure.logX = true
        figure.legendPosition = "bottom left"
        let axis = dimensions.map(Double.init), uniform = Foundation.log(Double(keys))
        figure.add(Series("scores / √d (scaled)", x: axis, y: scaled, style: .linesPoints))
        figure.add(Series("raw scores q·k (unscaled)", x: axis, y: unscaled, style: .linesPoints))
        figure.add(Series("uniform: ln \(keys)", x: [1.0, axis.last ?? 1], y: [uniform, uniform], dashed: true))
        return figure
    }

    /// The copy task's two training curves (nats per step) with the dashed chance line ln(symbols).
    public static func copyLoss(withAttention: [Double], without: [Double], steps: Int, symbols: Int) -> Figure {
        var figure = Figure(
            "copy-loss", title: "Training loss on the copy task", xLabel: "step",
            yLabel: "cross-entropy (nats)")
        let chance = Foundation.log(Double(symbols))
        figure.yRange = -0.1...(chance * 1.3)
        figure.add(Series("with attention", y: withAttention))
        figure.add(Series("without attention", y: without))
        figure.add(Series("chance: ln \(symbols)", x: [0.0, Double(steps)], y: [chance, chance], dashed: true))
        return figure
    }
}
