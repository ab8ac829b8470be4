import Corpus
import Notebook

// MARK: - The figures of a comparison of fine-tuning methods

/// Figures drawn from measured methods: each point a mean over seeds with its 95% interval.
public enum MethodFigures {
    /// Exact match against trainable parameters (log scale), with horizontal baselines.
    public static func accuracyAgainstParameters(
        _ methods: [MeasuredMethod], baselines: [(name: String, value: Double)]
    )
        -> Figure
    {
        var figure = Figure(
            "accuracy-vs-parameters", title: "Reading: accuracy against trainable parameters",
            xLabel: "trainable parameters (log scale)", yLabel: "exact match on test questions")
        figure.logX = true
        figure.yRange = -0.03...1  // below 0, so a baseline at 0 is not hidden by the axis
        figure.legendPosition = "outside right"
        figure.width = 1150
        let smallest = Double(methods.map(\.budget.trainable).min() ?? 1) / 2
        let largest = Double(methods.map(\.budget.trainable).max() ?? 1) * 2
        for measured in methods {
            var point = Series(
                measured.name, x: [Double(measured.budget.trainable)], y: [measured.accuracy.mean],
                style: .points)
            point.errors = [measured.accuracy.halfWidth]
            figure.add(point)
        }
        for baseline in baselines {
            figure.add(
                Series(baseline.name, x: [smallest, largest], y: [baseline.value, baseline.value], dashed: true))
        }
        return figure
    }

    /// The first seed's training loss of each method, as a moving average of 10 steps.
    public static func trainingLoss(_ methods: [MeasuredMethod]) -> Figure {
        var figure = Figure(
            "training-loss", title: "Reading: training loss on the answers (seed 1)", xLabel: "step",
            yLabel: "cross-entropy (nats, log scale)")
        figure.logY = true
        figure.extraCommands = ["set ytics (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10)"]
        for measured in methods { figure.add(Series(measured.name, y: movingAverage(measured.outcomes[0].curve))) }
        return figure
    }

    /// The mean of the last `window` values at each step (fewer at the start), so curves can be told apart.
    public static func movingAverage(_ values: [Double], window: Int = 10) -> [Double] {
        values.indices.map { index in
            let slice = values[max(0, index - window + 1)...index]
            return slice.reduce(0, +) / Double(slice.count)
        }
    }

    /// Exact match per kind of question, methods side by side, with each kind's majority baseline.
    public static func accuracyByKind(
        _ methods: [MeasuredMethod], testKinds: [StoryQuestionKind],
        majorityShare: [StoryQuestionKind: Double]
    ) -> Figure {
        var figure = Figure(
            "peft-family", title: "Reading, by kind of question", xLabel: "",
            yLabel: "exact match on test questions")
        let kinds = StoryQuestionKind.allCases
        figure.xTickLabels = kinds.map(\.title)
        figure.yRange = -0.03...1.05
        figure.xRange = -0.5...Double(kinds.count) - 0.5
        figure.legendPosition = "outside right"
        figure.width = 1150
        for (position, measured) in methods.enumerated() {
            let estimates = kinds.map { kind in measured.accuracy(where: { testKinds[$0] == kind }) }
            // Side by side, so the bars do not hide each other.
            let offset = (Double(position) - Double(methods.count - 1) / 2) * 0.06
            var series = Series(
                measured.name, x: estimates.indices.map { Double($0) + offset },
                y: estimates.map(\.mean), style: .points)
            series.errors = estimates.map(\.halfWidth)
            figure.add(series)
        }
        figure.add(
            Series(
                "majority answer", x: kinds.indices.map(Double.init), y: kinds.map { majorityShare[$0] ?? 0 },
                style: .points, dashed: true))
        return figure
    }

    /// Recall against LoRA's rank for two scalings, with full fine-tuning and the majority
    /// answer as horizontal lines.
    public static func recallAgainstRank(
        rootScaled: [(rank: Int, recall: Estimate)],
        linearScaled: [(rank: Int, recall: Estimate)],
        full: Estimate, majority: Double
    ) -> Figure {
        let ranks = rootScaled.map(\.rank)
        var figure = Figure(
            "rank-sweep", title: "Knowledge: recall against LoRA rank", xLabel: "rank r (log scale)",
            yLabel: "recall of the facts (exact match)")
        figure.logX = true
        figure.yRange = -0.03...1.05
        figure.xRange = 0.7...(Double(ranks.last ?? 64) * 1.4)
        figure.extraCommands = ["set xtics (" + ranks.map { "\"\($0)\" \($0)" }.joined(separator: ", ") + ")"]
        figure.legendPosition = "outside right"
        figure.width = 1000
        for (label, points, style) in [
            ("LoRA, α/√r (rate per rank)", rootScaled, Series.Style.linesPoints),
            ("LoRA, α/r (the same rate as α/√r)", linearScaled, .points),
        ] {
            var series = Series(label, x: points.map { Double($0.rank) }, y: points.map(\.recall.mean), style: style)
            series.errors = points.map(\.recall.halfWidth)
            figure.add(series)
        }
        let span = [0.7, Double(ranks.last ?? 64) * 1.4]
        // Full fine-tuning's interval is in its label: drawn as two more lines it would be as thin as the line.
        figure.add(Series("full fine-tuning: \(Format.percent(full))", x: span, y: [full.mean, full.mean]))
        figure.add(
            Series("majority answer: \(Format.percent(majority))", x: span, y: [majority, majority], dashed: true))
        return figure
    }
}
