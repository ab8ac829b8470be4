import Corpus
import Engine
import Foundation
import Notebook
import Transformers

// MARK: - Chapter 2's induction experiment

/// One trained attention-only model on the induction task and what it measured.
public struct InductionRun {
    /// Attention layers (1 cannot form an induction head; 2 can).
    public let layers: Int
    /// Seeds the model's initialisation; its batches use seed + 1.
    public let seed: UInt64
    public let model: AttentionOnlyModel
    /// Training loss per step, nats.
    public let losses: [Double]
    /// Share of the test set's scored tokens predicted exactly, 0…1.
    public let accuracy: Double
}

extension Notebook {
    /// Trains one width-64 attention-only model per (layers, seed), layers outermost, each with a
    /// progress bar, and scores it on `test`. Models with the same seed see the same batches.
    ///
    /// - Parameter test: inputs and targets of `testSequences` sequences, as `InductionTask.batch` makes.
    public func trainInductionRuns(
        task: InductionTask, layers: [Int], seeds: [UInt64], steps: Int, batch: Int,
        test: (inputs: [Int], targets: [Int]), testSequences: Int
    ) -> [InductionRun] {
        layers.flatMap { layers in
            seeds.map { seed in
                var initRNG = SplitMix64(seed: seed)
                let model = AttentionOnlyModel(
                    vocabulary: task.vocabulary, context: task.inputLength,
                    width: 64, layers: layers, rng: &initRNG)
                let trainer = model.trainer(steps: steps, batch: batch, seed: seed &+ 1) {
                    task.batch($0, rng: &$1)
                }
                let curve = train(trainer, steps: steps, label: "\(layers) layer(s), seed \(seed)")
                let accuracy = model.accuracy(inputs: test.inputs, targets: test.targets, batch: testSequences)
                return InductionRun(
                    layers: layers, seed: seed, model: model, losses: curve.map { Double($0.loss) },
                    accuracy: accuracy)
            }
        }
    }
}

extension Array where Element == InductionRun {
    /// Mean, lowest and highest accuracy of the runs with `layers` layers (0s when there are none).
    public func accuracySummary(layers: Int) -> (mean: Double, low: Double, high: Double) {
        let values = filter { $0.layers == layers }.map(\.accuracy)
        return (Statistics.mean(values), values.min() ?? 0, values.max() ?? 0)
    }
}

extension Array where Element == InductionRun {
    /// One row per run: layers, seed, the final loss (mean of the last 20 steps, to see past
    /// batch-to-batch noise; nats) and the test accuracy.
    public func table(testSequences: Int) -> Table {
        var table = Table(["layers", "seed", "final loss", "accuracy on \(testSequences) new sequences"])
        for run in self {
            table.append([
                String(run.layers), String(run.seed),
                Format.fixed(Statistics.mean([Double](run.losses.suffix(20))), 3),
                Format.percent(run.accuracy),
            ])
        }
        return table
    }

    /// Every run's training loss, with the dashed line ln(vocabulary) of a uniform guess.
    public func lossFigure(steps: Int, vocabulary: Int) -> Figure {
        var figure = Figure(
            "induction-loss", title: "Training loss on the induction task",
            xLabel: "step", yLabel: "cross-entropy on the second copy (nats)")
        for run in self {
            let name = "\(run.layers) layer\(run.layers == 1 ? "" : "s"), seed \(run.seed)"
            figure.add(Series(name, y: run.losses))
        }
        let chance = Foundation.log(Double(vocabulary))
        figure.add(Series("chance: ln \(vocabulary)", x: [0.0, Double(steps)], y: [chance, chance], dashed: true))
        figure.yRange = -0.1...(chance * 1.8)
        figure.legendPosition = "top right"
        return figure
    }

    /// Per run with `layers` layers, the 1-based first step whose loss is below 0.1 (where its
    /// loss has collapsed), or "never"; joined by commas.
    public func collapseSteps(layers: Int) -> String {
        filter { $0.layers == layers }.map { run in run.losses.firstIndex { $0 < 0.1 } }
            .map { $0.map { String($0 + 1) } ?? "never" }.joined(separator: ", ")
    }
}
