import Transformers

/// The optimiser schedule every fine-tuning run of chapters 5 and 6 shares: AdamW without
/// weight decay (β₂ = 0.999), a linear warmup over the first tenth of the steps, then a cosine
/// decay — the same for every method, so they differ only in what trains and at which rate.
public struct FineTuningSchedule: Sendable {
    public var steps: Int
    public var batchSize: Int

    public init(steps: Int, batchSize: Int) {
        precondition(steps >= 1 && batchSize >= 1, "a run needs at least one step of one example")
        self.steps = steps
        self.batchSize = batchSize
    }

    /// The trainer's settings at learning rate `rate`.
    public func settings(rate: Float) -> TrainingSettings {
        var settings = TrainingSettings(learningRate: rate, steps: steps)
        settings.warmupSteps = max(1, steps / 10)
        settings.weightDecay = 0
        settings.beta2 = 0.999
        return settings
    }
}
