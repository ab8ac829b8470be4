import Engine
import Foundation

/// Pretraining, step by step: AdamW, a warmup + cosine learning-rate schedule, gradient
/// clipping, validation at intervals, checkpoints that resume exactly, and a stop with a
/// clear message when the loss stops being a number.
///
/// The batch of step s is drawn from a generator seeded by (seed, s), not from one running
/// stream, so a run resumed from a checkpoint at step s sees the very batches an
/// uninterrupted run would: the same curve.
public final class LanguageModelTrainer {
    public let model: GPT
    public let data: LanguageModelData
    public let optimizer: AdamW
    public let schedule: WarmupCosineSchedule
    public let batchSize: Int
    public let clipNorm: Float
    public let seed: UInt64
    /// Steps taken so far.
    public private(set) var step = 0

    public init(model: GPT, data: LanguageModelData, batchSize: Int, totalSteps: Int, peakLearningRate: Float = 3e-3,
                warmupSteps: Int? = nil, weightDecay: Float = 0.1, clipNorm: Float = 1, seed: UInt64) {
        self.model = model
        self.data = data
        self.batchSize = batchSize
        self.clipNorm = clipNorm
        self.seed = seed
        optimizer = AdamW(parameters: model.trainableParameters, learningRate: peakLearningRate,
                          beta1: 0.9, beta2: 0.95, weightDecay: weightDecay)
        schedule = WarmupCosineSchedule(peak: peakLearningRate, warmupSteps: warmupSteps ?? max(1, totalSteps / 20),
                                        totalSteps: totalSteps, floor: peakLearningRate / 10)
    }

    /// Tokens one step reads.
    public var tokensPerStep: Int { batchSize * model.config.contextLength }

    /// One optimisation step.
    /// - Returns: the step's training loss and the gradient norm before clipping.
    /// - Throws: `TrainingError.diverged` if the loss is NaN or infinite (nothing is updated).
    @discardableResult
    public func trainStep() throws -> (loss: Float, gradientNorm: Float) {
        var rng = LanguageModelTrainer.batchGenerator(seed: seed, step: step)
        let batch = data.trainingBatch(size: batchSize, context: model.config.contextLength, rng: &rng)
        model.isTraining = true
        optimizer.zeroGradient()
        let loss = model.loss(batch.inputs, targets: batch.targets, batch: batchSize)
        let value = loss.item
        guard value.isFinite else {
            throw TrainingError.diverged(step: step + 1, loss: value, learningRate: optimizer.learningRate)
        }
        loss.backward()
        let norm = clipGradientNorm(optimizer.parameters, maxNorm: clipNorm)
        optimizer.learningRate = schedule.learningRate(atStep: step)
        optimizer.step()
        step += 1
        return (value, norm)
    }

    /// The generator of step `step`'s batch. The step is scrambled before it meets the seed:
    /// SplitMix64 streams whose seeds differ by its increment are the same stream shifted by
    /// one, so `seed + step × increment` would give each step the previous step's windows
    /// but one — a trap this function exists to avoid.
    static func batchGenerator(seed: UInt64, step: Int) -> SplitMix64 {
        var scrambler = SplitMix64(seed: UInt64(step))
        return SplitMix64(seed: seed ^ scrambler.next())
    }

    /// The mean loss over fixed validation windows, without gradients or dropout.
    public func validationLoss(batches: Int = 8) -> Float {
        let wasTraining = model.isTraining
        model.isTraining = false
        defer { model.isTraining = wasTraining }
        let windows = data.validationBatches(count: batches, size: batchSize, context: model.config.contextLength)
        let total = Tensor.withoutGradient {
            windows.reduce(Float(0)) { $0 + model.loss($1.inputs, targets: $1.targets, batch: batchSize).item }
        }
        return total / Float(batches)
    }

    // MARK: - Checkpoints that resume

    /// Saves the model, the optimizer's moments and the step: everything a resumed run needs.
    public func saveCheckpoint(to url: URL) throws {
        var tensors: [String: Tensor] = [:]
        for (name, tensor) in model.namedParameters() { tensors[name] = tensor }
        for (name, tensor) in optimizer.stateTensors() { tensors["optimizer." + name] = tensor }
        try Checkpoint(tensors: tensors, metadata: ["config": model.config.json, "step": String(step),
                                                    "format": "tailor-gpt-training"]).write(to: url)
    }

    /// Restores model, optimizer and step from `saveCheckpoint`; the model's config must match.
    public func resume(from url: URL) throws {
        let checkpoint = try Checkpoint.read(from: url)
        guard let json = checkpoint.metadata["config"], let config = try? GPTConfig(json: json), config == model.config,
              let stepText = checkpoint.metadata["step"], let savedStep = Int(stepText) else {
            throw CheckpointError.malformedHeader(file: url.path, reason: "not a training checkpoint of this model's configuration")
        }
        try checkpoint.load(into: model, file: url.path)
        var state: [String: Tensor] = [:]
        for (name, tensor) in checkpoint.tensors where name.hasPrefix("optimizer.") {
            state[String(name.dropFirst("optimizer.".count))] = tensor
        }
        try optimizer.loadState(state)
        step = savedStep
    }
}

/// Why training stopped.
public enum TrainingError: Error, CustomStringConvertible {
    case diverged(step: Int, loss: Float, learningRate: Float)

    public var description: String {
        switch self {
        case let .diverged(step, loss, learningRate):
            return "the loss became \(loss) at step \(step) (learning rate \(learningRate)); "
                + "try a smaller learning rate (e.g. half), stronger gradient clipping, or another --seed"
        }
    }
}
