import Engine

// MARK: - Pretraining: the trainer on next-token prediction

extension Trainer {
    /// Next-token training of `model` on random windows of `data`: step s reads `batchSize`
    /// windows of `contextLength + 1` tokens drawn from step s's own generator.
    ///
    /// Example:
    /// ```swift
    /// let trainer = Trainer.languageModel(gpt, data: data, batchSize: 16,
    ///                                     settings: TrainingSettings(learningRate: 3e-3, steps: 900), seed: 42)
    /// ```
    public static func languageModel(
        _ model: GPT, data: LanguageModelData, batchSize: Int,
        settings: TrainingSettings, seed: UInt64
    ) -> Trainer {
        let context = model.config.contextLength
        return Trainer(model: model, settings: settings, seed: seed) { draw in
            let batch = data.trainingBatch(size: batchSize, context: context, rng: &draw.rng)
            model.isTraining = true
            return model.loss(batch.inputs, targets: batch.targets, batch: batchSize)
        }
    }
}

extension GPT {
    /// The mean next-token loss over fixed validation windows of `data` (the same windows
    /// every call, so losses at different steps compare), without gradients or dropout.
    ///
    /// - Parameters:
    ///   - batches: how many batches of `batchSize` windows of `contextLength` tokens.
    /// - Returns: nats per token.
    public func validationLoss(on data: LanguageModelData, batches: Int = 8, batchSize: Int) -> Float {
        let wasTraining = isTraining
        isTraining = false
        defer { isTraining = wasTraining }
        let windows = data.validationBatches(count: batches, size: batchSize, context: config.contextLength)
        let total = Tensor.withoutGradient {
            windows.reduce(Float(0)) { $0 + loss($1.inputs, targets: $1.targets, batch: batchSize).item }
        }
        return total / Float(batches)
    }
}

/// The order in which a fine-tuning set is read: epoch after epoch, each a fresh seeded
/// permutation, so every example is seen once per epoch — and the batch of any step can be
/// computed from (seed, step) alone, which is what lets training resume exactly.
///
/// Example: `let rows = EpochOrder(count: 800, seed: 7).indices(step: 12, batchSize: 16)`
public struct EpochOrder: Sendable {
    public let count: Int
    public let seed: UInt64

    public init(count: Int, seed: UInt64) {
        precondition(count > 0, "an epoch needs at least one example")
        self.count = count
        self.seed = seed
    }

    /// The example indices of step `step` (0-based): draws step·B ..< (step + 1)·B of the
    /// endless sequence of epochs.
    public func indices(step: Int, batchSize: Int) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(batchSize)
        var epoch = -1, order: [Int] = []
        for draw in (step * batchSize)..<((step + 1) * batchSize) {
            if draw / count != epoch {
                epoch = draw / count
                order = permutation(epoch: epoch)
            }
            result.append(order[draw % count])
        }
        return result
    }

    /// Epoch `epoch`'s order: a Fisher–Yates shuffle seeded by (seed, epoch).
    func permutation(epoch: Int) -> [Int] {
        var rng = Trainer.batchGenerator(seed: seed, step: epoch)
        var order = Array(0..<count)
        order.shuffle(using: &rng)
        return order
    }
}
