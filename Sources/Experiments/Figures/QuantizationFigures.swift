import Notebook
import Quantization

// MARK: - Chapter 6's figures of 4-bit storage

/// Figures of how weights are distributed and what each storage format costs.
public enum QuantizationFigures {
    /// The block-scaled weights' histogram with the NF4 and Int4 levels as vertical marks.
    public static func weightsAndLevels(_ distribution: WeightDistribution, weightCount: Int) -> Figure {
        var figure = Figure(
            "weights-and-levels",
            title: "Projection weights scaled by their block's absmax, "
                + "with the 16 NF4 levels", xLabel: "weight / block absmax", yLabel: "density")
        figure.add(
            Series(
                "\(Format.count(weightCount)) weights of chapter 3's model", x: distribution.binCentres,
                y: distribution.density, style: .steps))
        let peak = distribution.density.max() ?? 1
        figure.add(Series("NF4 levels", points: levelMarks(FourBitType.nf4.levels, height: peak * 1.05)))
        let int4Levels = (-7...7).map { Float($0) / 7 }
        figure.add(Series("Int4 levels (−7…7)/7", points: levelMarks(int4Levels, height: peak * 0.5), dashed: true))
        return figure
    }

    /// Vertical marks at `levels`, as one series (NaN breaks the line between marks).
    public static func levelMarks(_ levels: [Float], height: Double) -> [(x: Double, y: Double)] {
        levels.flatMap { [(Double($0), 0), (Double($0), height), (Double.nan, Double.nan)] }
    }

    /// Each format's round-trip error on normal data and on the model's weights, as bars on a log axis.
    public static func roundTripError(_ errors: [(name: String, normal: Double, weights: Double)]) -> Figure {
        var figure = Figure(
            "quantization-error", title: "Round-trip error of each format (blocks of 64)",
            xLabel: "", yLabel: "relative mean squared error (log scale)")
        figure.logY = true
        figure.xTickLabels = errors.map(\.name)
        figure.legendPosition = "top left"
        let all = errors.flatMap { [$0.normal, $0.weights] }.filter { $0 > 0 }
        // Bars on a log axis start at the bottom of the range: leave room under the smallest (int8).
        figure.yRange = ((all.min() ?? 1e-6) / 3)...((all.max() ?? 1) * 3)
        figure.add(
            Series(
                "normal data", x: errors.indices.map { Double($0) - 0.15 }, y: errors.map(\.normal),
                style: .bars))
        figure.add(
            Series(
                "chapter 3's weights", x: errors.indices.map { Double($0) + 0.15 }, y: errors.map(\.weights),
                style: .bars))
        return figure
    }

    /// The model's validation loss with its projections stored in each format.
    public static func modelLoss(_ losses: [(name: String, loss: Double)]) -> Figure {
        var figure = Figure(
            "model-loss", title: "Chapter 3's model with its projections quantized",
            xLabel: "", yLabel: "validation loss (nats)")
        figure.xTickLabels = losses.map(\.name)
        figure.add(Series("validation loss", x: losses.indices.map(Double.init), y: losses.map(\.loss), style: .bars))
        let values = losses.map(\.loss)
        figure.yRange = ((values.min() ?? 0) * 0.98)...((values.max() ?? 1) * 1.01)
        figure.extraCommands = ["set yrange [\(Format.fixed((values.min() ?? 0) * 0.98, 3)):*]"]
        return figure
    }
}
