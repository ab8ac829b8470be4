/// A figure of the book: line, scatter and bar plots with several series, histograms and
/// heatmaps, with titles, labels and log axes. `Gnuplot` turns it into a script and data
/// written beside the PNG, so anyone can restyle and redraw it. Titles, labels, legends and
/// tic labels are data: any text is drawn as written (on one line), never run.
///
/// Example:
/// ```swift
/// var figure = Figure("compression", title: "Compression against vocabulary size",
///                     xLabel: "vocabulary size", yLabel: "bytes per token")
/// figure.logX = true
/// figure.add(Series("story corpus", x: sizes, y: bytesPerToken, style: .linesPoints))
/// book.figure(figure, caption: "More merges, fewer tokens — with diminishing returns.")
/// ```
public struct Figure: Sendable {
    /// Short name: the file is Figures/NN-slug-NAME.png (letters, digits, `-` and `_`).
    public var name: String
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var logX = false
    public var logY = false
    public var series: [Series] = []
    /// A heatmap replaces the series when set.
    public var heatmap: Heatmap?
    /// Axis ranges; nil lets gnuplot choose.
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    /// Labels for the x positions 0, 1, 2… of bar charts (e.g. method names).
    public var xTickLabels: [String]?
    /// Where the legend goes, in gnuplot's words ("top right", "bottom left", "outside right");
    /// only position words are accepted, so it cannot carry a command.
    public var legendPosition = "top right"
    /// Size in pixels.
    public var width = 960
    public var height = 600
    /// Extra gnuplot commands, placed just before `plot`, for what this API does not cover.
    /// The one place where text is code: write them in the chapter, never from data or input.
    public var extraCommands: [String] = []

    public init(_ name: String, title: String, xLabel: String = "", yLabel: String = "") {
        self.name = name
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// Adds a series.
    public mutating func add(_ series: Series) { self.series.append(series) }
}

/// One named set of points and how to draw them.
public struct Series: Sendable {
    public enum Style: String, Sendable {
        case lines, points, linesPoints = "linespoints", bars = "boxes", steps
    }
    public var label: String
    public var points: [(x: Double, y: Double)]
    public var style: Style
    /// Draw with a dashed line (e.g. a reference or a formula next to a measurement).
    public var dashed = false
    /// Half-widths of an interval around each y (e.g. a 95% interval over seeds), drawn as
    /// error bars; nil: none.
    public var errors: [Double]?

    public init(_ label: String, points: [(x: Double, y: Double)], style: Style = .lines, dashed: Bool = false) {
        self.label = label
        self.points = points
        self.style = style
        self.dashed = dashed
    }

    public init<X: BinaryFloatingPoint, Y: BinaryFloatingPoint>(
        _ label: String, x: [X], y: [Y],
        style: Style = .lines, dashed: Bool = false
    ) {
        precondition(x.count == y.count, "series '\(label)': \(x.count) x values but \(y.count) y values")
        self.init(label, points: zip(x, y).map { (Double($0), Double($1)) }, style: style, dashed: dashed)
    }

    public init<Y: BinaryFloatingPoint>(_ label: String, y: [Y], style: Style = .lines, dashed: Bool = false) {
        self.init(
            label, points: y.enumerated().map { (Double($0.offset), Double($0.element)) },
            style: style, dashed: dashed)
    }

    /// A histogram of `values` in `bins` equal bins, drawn as bars at the bin centres.
    public static func histogram<V: BinaryFloatingPoint>(
        _ label: String, values: [V], bins: Int,
        range: ClosedRange<Double>? = nil
    ) -> Series {
        precondition(bins > 0, "a histogram needs at least one bin")
        let doubles = values.map { Double($0) }.filter(\.isFinite)
        let low = range?.lowerBound ?? (doubles.min() ?? 0)
        var high = range?.upperBound ?? (doubles.max() ?? 1)
        if high <= low { high = low + 1 }
        let binWidth = (high - low) / Double(bins)
        var counts = [Double](repeating: 0, count: bins)
        for value in doubles where value >= low && value <= high {
            counts[min(bins - 1, Int((value - low) / binWidth))] += 1
        }
        return Series(
            label,
            points: counts.enumerated().map { (low + (Double($0.offset) + 0.5) * binWidth, $0.element) },
            style: .bars)
    }
}

/// A matrix drawn as coloured cells, e.g. attention weights or positional encodings.
public struct Heatmap: Sendable {
    /// values[row][column]; row 0 is drawn at the top.
    public var values: [[Double]]
    public var rowLabels: [String]?
    public var columnLabels: [String]?
    /// Fixed colour range (e.g. 0...1 for probabilities); nil uses the data's range.
    public var colorRange: ClosedRange<Double>?
    /// Print each cell's value in it (for small matrices).
    public var showValues = false
    /// A diverging palette (blue–white–red) for signed data such as sinusoids.
    public var diverging = false

    public init(
        _ values: [[Double]], rowLabels: [String]? = nil, columnLabels: [String]? = nil,
        colorRange: ClosedRange<Double>? = nil, showValues: Bool = false, diverging: Bool = false
    ) {
        precondition(
            !values.isEmpty && values.allSatisfy { $0.count == values[0].count },
            "a heatmap needs a non-empty rectangular matrix")
        self.values = values
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.colorRange = colorRange
        self.showValues = showValues
        self.diverging = diverging
    }
}
