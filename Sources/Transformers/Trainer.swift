import Engine
import Foundation
import Safetensors

// MARK: - The one training loop

/// How a run trains: AdamW's settings, a linear warmup then cosine decay of the learning
/// rate, and gradient clipping. The defaults are nanoGPT's (β₂ = 0.95, weight decay 0.1,
/// clipping at 1, decay to a tenth of the peak).
///
/// Example:
/// ```swift
/// var settings = TrainingSettings(learningRate: 3e-3, steps: 900)
/// settings.weightDecay = 0          // fine-tuning: no decay
/// ```
public struct TrainingSettings: Sendable {
    /// The peak learning rate η.
    public var learningRate: Float
    /// The schedule's length in steps (training may stop earlier).
    public var steps: Int
    /// Steps of linear warmup; nil: 5% of `steps` (at least 1).
    public var warmupSteps: Int?
    /// The final rate as a fraction of the peak; 1 keeps the rate constant after warmup.
    public var floorFraction: Float = 0.1
    /// AdamW's decoupled weight decay λ; 0 makes it plain Adam.
    public var weightDecay: Float = 0.1
    /// Adam's moment decay rates.
    public var beta1: Float = 0.9, beta2: Float = 0.95
    /// The largest joint gradient norm; larger gradients are scaled down to it. nil: no clipping.
    public var clipNorm: Float? = 1

    public init(learningRate: Float, steps: Int) {
        precondition(learningRate > 0 && steps > 0, "training needs a positive learning rate and step count")
        self.learningRate = learningRate
        self.steps = steps
    }

    /// Plain Adam at a constant rate (β₂ = 0.999, no decay, no warmup, no clipping), the
    /// textbook optimizer chapter 2 uses on its small attention task.
    public static func constantAdam(learningRate: Float, steps: Int) -> TrainingSettings {
        var settings = TrainingSettings(learningRate: learningRate, steps: steps)
        settings.warmupSteps = 0
        settings.floorFraction = 1
        settings.weightDecay = 0
        settings.beta2 = 0.999
        settings.clipNorm = nil
        return settings
    }

    /// The learning rate of each step.
    public var schedule: WarmupCosineSchedule {
        WarmupCosineSchedule(
            peak: learningRate, warmupSteps: warmupSteps ?? max(1, steps / 20), totalSteps: steps,
            floor: learningRate * floorFraction)
    }
}

/// One step's numbers, as the trainer reports them to its progress callback and in its curve.
public struct TrainingStep: Sendable {
    /// Steps taken so far, this one included (1 for the first).
    public let step: Int
    /// The batch's loss before the update.
    public let loss: Float
    /// The mean loss of the last `Trainer.smoothingWindow` steps: what a progress bar shows.
    public let smoothedLoss: Float
    /// The joint gradient norm before clipping.
    public let gradientNorm: Float
    /// The rate this step used.
    public let learningRate: Float
    /// The validation loss, on the steps where it was evaluated.
    public let validationLoss: Float?
}

/// What step s's loss draws its batch from: the step number (0-based) and a generator seeded
/// by (seed, s) — never a running stream, so any step's batch can be drawn again.
public struct BatchDraw {
    public let step: Int
    public var rng: SplitMix64
}

/// Training, step by step, for any model that produces a loss: AdamW, warmup + cosine,
/// gradient clipping, a smoothed loss, periodic evaluation, a progress callback, checkpoints
/// that resume exactly, and a stop that names the step when the loss stops being a number.
///
/// The batch of step s is drawn from a generator seeded by (seed, s), not from one running
/// stream, so a run resumed from a checkpoint at step s sees the very batches an
/// uninterrupted run would: the same curve.
///
/// Example:
/// ```swift
/// let trainer = Trainer(model: gpt, settings: TrainingSettings(learningRate: 3e-3, steps: 900), seed: 42) { draw in
///     let batch = data.trainingBatch(size: 16, context: 128, rng: &draw.rng)
///     return gpt.loss(batch.inputs, targets: batch.targets, batch: 16)
/// }
/// let curve = try trainer.train(steps: 900) { bar.update($0.step, metric: "loss \($0.smoothedLoss)") }
/// ```
public final class Trainer {
    /// What trains, by name (the names checkpoints use).
    public let parameters: [(name: String, tensor: Tensor)]
    public let settings: TrainingSettings
    public let optimizer: AdamW
    public let seed: UInt64
    /// Steps taken so far.
    public private(set) var step = 0
    /// How many recent steps `smoothedLoss` averages.
    public static let smoothingWindow = 20
    private let loss: (inout BatchDraw) -> Tensor
    private var recentLosses: [Float] = []

    /// - Parameters:
    ///   - parameters: the tensors to train, by name; each must require a gradient.
    ///   - settings: optimizer, schedule and clipping.
    ///   - seed: seeds each step's batch generator (with the step number).
    ///   - loss: builds one step's scalar loss from the batch it draws (see `BatchDraw`).
    public init(
        parameters: [(name: String, tensor: Tensor)], settings: TrainingSettings, seed: UInt64,
        loss: @escaping (_ draw: inout BatchDraw) -> Tensor
    ) {
        precondition(!parameters.isEmpty, "nothing to train: no parameter requires a gradient")
        self.parameters = parameters
        self.settings = settings
        self.seed = seed
        self.loss = loss
        optimizer = AdamW(
            parameters: parameters.map(\.tensor), learningRate: settings.learningRate,
            beta1: settings.beta1, beta2: settings.beta2, weightDecay: settings.weightDecay)
    }

    /// A trainer for every trainable parameter of `model` (frozen ones are left out).
    public convenience init(
        model: any Layer, settings: TrainingSettings, seed: UInt64,
        loss: @escaping (_ draw: inout BatchDraw) -> Tensor
    ) {
        self.init(
            parameters: model.namedParameters().filter { $0.tensor.requiresGradient }, settings: settings,
            seed: seed, loss: loss)
    }

    /// One optimisation step.
    /// - Throws: `TrainingError.diverged` if the loss is NaN or infinite (nothing is updated).
    @discardableResult
    // listing: train-step
    public func trainStep() throws -> TrainingStep {
        var draw = BatchDraw(step: step, rng: Trainer.batchGenerator(seed: seed, step: step))
        optimizer.zeroGradient()
        let lossTensor = loss(&draw)
        let value = lossTensor.item
        guard value.isFinite else {
            throw TrainingError.diverged(
                step: step + 1, loss: value,
                learningRate: settings.schedule.learningRate(atStep: step))
        }
        lossTensor.backward()
        let norm = clipGradientNorm(optimizer.parameters, maxNorm: settings.clipNorm ?? .infinity)
        optimizer.learningRate = settings.schedule.learningRate(atStep: step)
        optimizer.step()
        step += 1
        recentLosses.append(value)
        if recentLosses.count > Trainer.smoothingWindow { recentLosses.removeFirst() }
        let smoothedLoss = recentLosses.reduce(0, +) / Float(recentLosses.count)
        return TrainingStep(
            step: step, loss: value, smoothedLoss: smoothedLoss,
            gradientNorm: norm, learningRate: optimizer.learningRate, validationLoss: nil)
    }
    // listing: end

    /// Runs `steps` steps, evaluating every `evaluateEvery` steps (0: never) and after the last.
    ///
    /// - Parameters:
    ///   - evaluate: the validation loss, computed without gradients; nil: none.
    ///   - progress: called after every step (a chapter draws its progress bar here).
    /// - Returns: the curve, one entry per step.
    /// - Throws: `TrainingError.diverged` at the first step whose loss is not a number.
    public func train(
        steps: Int, evaluateEvery: Int = 0, evaluate: (() -> Float)? = nil,
        progress: (TrainingStep) -> Void = { _ in }
    ) throws -> [TrainingStep] {
        guard steps > 0 else { return [] }
        var curve: [TrainingStep] = []
        curve.reserveCapacity(steps)
        for index in 1...steps {
            var result = try trainStep()
            let due = (evaluateEvery > 0 && index % evaluateEvery == 0) || index == steps
            if due, let evaluate {
                let validation = Tensor.withoutGradient { evaluate() }
                result = TrainingStep(
                    step: result.step, loss: result.loss, smoothedLoss: result.smoothedLoss,
                    gradientNorm: result.gradientNorm, learningRate: result.learningRate,
                    validationLoss: validation)
            }
            curve.append(result)
            progress(result)
        }
        return curve
    }

    /// The generator of step `step`'s batch. The step is scrambled before it meets the seed:
    /// SplitMix64 streams whose seeds differ by its increment are the same stream shifted by
    /// one, so `seed + step × increment` would give each step the previous step's windows
    /// but one — a trap this function exists to avoid.
    public static func batchGenerator(seed: UInt64, step: Int) -> SplitMix64 {
        var scrambler = SplitMix64(seed: UInt64(step))
        return SplitMix64(seed: seed ^ scrambler.next())
    }

    // MARK: - Checkpoints that resume

    /// Saves the trained parameters, the optimizer's moments and the step: everything a
    /// resumed run needs. `metadata` is stored beside them (e.g. the model's config).
    public func saveCheckpoint(to url: URL, metadata: [String: String] = [:]) throws {
        var tensors: [String: Tensor] = [:]
        for (name, tensor) in parameters { tensors[name] = tensor }
        for (name, tensor) in optimizer.stateTensors() { tensors["optimizer." + name] = tensor }
        var metadata = metadata
        metadata["step"] = String(step)
        metadata["format"] = "tailor-training"
        try Checkpoint(tensors: tensors, metadata: metadata).write(to: url)
    }

    /// Restores parameters, optimizer state and step from `saveCheckpoint`.
    /// - Throws: a `CheckpointError` naming the file when a parameter or an optimizer entry is
    ///   missing or misshapen, or the step is absent.
    public func resume(from url: URL) throws {
        let checkpoint = try Checkpoint.read(from: url)
        try checkpoint.checkFinite(file: url.path)  // a NaN moment would poison every later step
        guard checkpoint.metadata["format"] == "tailor-training", let stepText = checkpoint.metadata["step"],
            let savedStep = Int(stepText), savedStep >= 0
        else {
            throw CheckpointError.malformedHeader(file: url.path, reason: "not a training checkpoint (no step)")
        }
        for (name, tensor) in parameters {
            guard let saved = checkpoint.tensors[name] else {
                throw CheckpointError.missingParameter(file: url.path, name: name)
            }
            guard saved.shape == tensor.shape else {
                throw CheckpointError.shapeMismatch(
                    file: url.path, name: name, expected: tensor.shape,
                    found: saved.shape)
            }
            tensor.pointer.update(from: saved.pointer, count: tensor.count)
        }
        var state: [String: Tensor] = [:]
        for (name, tensor) in checkpoint.tensors where name.hasPrefix("optimizer.") {
            state[String(name.dropFirst("optimizer.".count))] = tensor
        }
        try optimizer.loadState(state)
        step = savedStep
        recentLosses = []
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
