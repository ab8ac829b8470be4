import Engine
import Foundation
import LinearAlgebra
import Notebook
import Transformers

// MARK: - Chapter 3's scaling experiment

/// One model size's run: its width, its non-embedding parameters (what Kaplan et al. 2020 count)
/// and its validation curve against training compute.
public struct ScalingRun {
    public let width: Int
    public let parameters: Int
    /// (compute C ≈ 6·N·D in FLOPs, validation loss in nats) at each evaluation.
    public let curve: [(compute: Double, loss: Double)]
}

extension Notebook {
    /// Trains one 2-layer, 4-head GPT per width on the same data, each from the same seeds, with a
    /// progress bar, and records its validation loss (4 batches) every `evaluateEvery` steps.
    ///
    /// - Parameters:
    ///   - settings: the schedule; its `steps` is replaced by `steps`.
    ///   - initSeed, batchSeed: the models' initialisation and the batches' seeds (shared by all widths).
    public func trainScalingRuns(
        widths: [Int], vocabularySize: Int, contextLength: Int, settings: TrainingSettings,
        steps: Int, evaluateEvery: Int, data: LanguageModelData, batchSize: Int,
        initSeed: UInt64, batchSeed: UInt64
    ) -> [ScalingRun] {
        widths.map { width in
            var rng = SplitMix64(seed: initSeed)
            let config = GPTConfig(
                vocabularySize: vocabularySize, contextLength: contextLength,
                width: width, heads: 4, layers: 2)
            let model = GPT(config: config, rng: &rng)
            var scaled = settings
            scaled.steps = steps
            let trainer = Trainer.languageModel(
                model, data: data, batchSize: batchSize, settings: scaled,
                seed: batchSeed)
            let curve = train(trainer, steps: steps, label: "width \(width)", evaluateEvery: evaluateEvery) {
                model.validationLoss(on: data, batches: 4, batchSize: batchSize)
            }
            let embeddings = (2 * config.vocabularySize + config.contextLength) * width
            let nonEmbedding = model.parameterCount - embeddings
            let tokensPerStep = batchSize * contextLength
            let points = curve.compactMap { step in
                step.validationLoss.map { (6 * Double(nonEmbedding) * Double(step.step * tokensPerStep), Double($0)) }
            }
            return ScalingRun(width: width, parameters: nonEmbedding, curve: points)
        }
    }
}

extension Array where Element == ScalingRun {
    /// The compute frontier: in order of compute, the points no smaller budget beats, as Kaplan
    /// et al. plot it.
    public var frontier: [(compute: Double, loss: Double)] {
        let all = flatMap(\.curve).sorted { $0.compute < $1.compute }
        var frontier: [(compute: Double, loss: Double)] = []
        for point in all where point.loss < (frontier.last?.loss ?? .infinity) { frontier.append(point) }
        return frontier
    }

    /// Width, non-embedding parameters, compute and validation loss at each run's last evaluation.
    public func table(steps: Int) -> Table {
        var table = Table([
            "width", "non-embedding parameters", "compute after \(steps) steps (FLOPs)",
            "final validation loss",
        ])
        for run in self {
            table.append([
                String(run.width), Format.count(run.parameters),
                String(format: "%.2g", run.curve.last?.compute ?? 0),
                Format.fixed(run.curve.last?.loss ?? .nan, 3),
            ])
        }
        return table
    }

    /// Validation loss against compute on log-log axes, one line per width, with the power law
    /// fitted to `frontier` dashed across the frontier's range when there is a fit.
    public func figure(fit: PowerLawFit?, frontier: [(compute: Double, loss: Double)]) -> Figure {
        var figure = Figure(
            "scaling",
            title: "Validation loss against training compute, 2-layer GPTs of "
                + "\(count) widths",
            xLabel: "compute C ≈ 6·N·D (FLOPs, log scale)",
            yLabel: "validation loss (nats, log scale)")
        figure.logX = true
        figure.logY = true
        figure.legendPosition = "bottom left"
        for run in self {
            figure.add(
                Series(
                    "width \(run.width)", x: run.curve.map(\.compute), y: run.curve.map(\.loss),
                    style: .linesPoints))
        }
        if let fit {
            let ends = [frontier.first?.compute ?? 1, frontier.last?.compute ?? 1]
            let label = "frontier fit: L = \(String(format: "%.3g", fit.scale))·C^−\(Format.fixed(fit.exponent, 3))"
            figure.add(Series(label, x: ends, y: ends.map(fit.predict), dashed: true))
        }
        return figure
    }
}
