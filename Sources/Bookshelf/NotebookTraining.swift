import Notebook
import Transformers

// MARK: - Training in front of the reader

extension Notebook {
    /// Runs the trainer for `steps` steps with a progress bar showing the smoothed loss (and
    /// tokens/s when `tokensPerStep` is given). If the loss stops being a number the chapter
    /// stops with the step and what to try. The loop itself is the trainer's; this only draws.
    ///
    /// - Parameters:
    ///   - evaluate: the validation loss, every `evaluateEvery` steps and after the last.
    /// - Returns: the trainer's curve.
    public func train(
        _ trainer: Trainer, steps: Int, label: String, evaluateEvery: Int = 0,
        tokensPerStep: Int? = nil, evaluate: (() -> Float)? = nil
    ) -> [TrainingStep] {
        let bar = progress(label, total: steps, unit: "steps")
        let firstStep = trainer.step
        do {
            let curve = try trainer.train(steps: steps, evaluateEvery: evaluateEvery, evaluate: evaluate) { step in
                let done = step.step - firstStep
                var metric = "loss \(Format.fixed(Double(step.smoothedLoss), 3))"
                if let tokensPerStep {
                    metric += " · \(Format.rate(Double(done * tokensPerStep) / max(bar.elapsedSeconds, 1e-9))) tok/s"
                }
                bar.update(done, metric: metric)
            }
            bar.finish()
            return curve
        } catch {
            bar.finish()
            stop("\(label): \(error)")
        }
    }
}
