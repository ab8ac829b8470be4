import Engine
import Transformers

// MARK: - Training the reward model with the one trainer

extension Trainer {
    /// Trains `rewardModel` on labelled pairs with the Bradley–Terry loss: each step reads
    /// `batchSize` pairs in epoch order and scores chosen and rejected answers in one forward
    /// pass of 2·batchSize rows. InstructGPT trains its reward model for one epoch (more
    /// overfits); TRL's `RewardTrainer` does the same by default.
    ///
    /// Example:
    /// ```swift
    /// let trainer = Trainer.rewardModel(rewardModel, pairs: training, batchSize: 16, padding: endID,
    ///                                   settings: TrainingSettings(learningRate: 1e-4, steps: 200), seed: 3)
    /// try trainer.train(steps: 200)
    /// ```
    public static func rewardModel(
        _ rewardModel: RewardModel, pairs: [PreferenceExample], batchSize: Int,
        padding: Int, settings: TrainingSettings, seed: UInt64
    ) -> Trainer {
        let order = EpochOrder(count: pairs.count, seed: seed)
        return Trainer(model: rewardModel, settings: settings, seed: seed) { draw in
            let chosen = order.indices(step: draw.step, batchSize: batchSize).map { pairs[$0] }
            let scores = rewardModel.scores(PreferenceExample.batch(chosen, padding: padding))  // [2B]
            let size = chosen.count
            return BradleyTerry.loss(
                chosen: scores.sliced(alongAxis: 0, range: 0..<size),
                rejected: scores.sliced(alongAxis: 0, range: size..<(2 * size)))
        }
    }
}

extension RewardModel {
    /// The scores of both sides of every pair, without gradients, `batchSize` pairs per
    /// forward pass: for held-out accuracy (`BradleyTerry.accuracy`) and calibration.
    public func scores(of pairs: [PreferenceExample], padding: Int, batchSize: Int = 32)
        -> (chosen: [Float], rejected: [Float])
    {
        var chosen: [Float] = [], rejected: [Float] = []
        Tensor.withoutGradient {
            for start in stride(from: 0, to: pairs.count, by: batchSize) {
                let chunk = Array(pairs[start..<min(start + batchSize, pairs.count)])
                let scores = self.scores(PreferenceExample.batch(chunk, padding: padding)).scalars
                chosen += scores[0..<chunk.count]
                rejected += scores[chunk.count...]
            }
        }
        return (chosen, rejected)
    }

    /// Scores of prompt + response rows without gradients, `batchSize` rows per pass.
    public func scores(prompts: [[Int]], responses: [[Int]], padding: Int, batchSize: Int = 32) -> [Float] {
        var result: [Float] = []
        Tensor.withoutGradient {
            for start in stride(from: 0, to: prompts.count, by: batchSize) {
                let end = min(start + batchSize, prompts.count)
                let batch = ResponseBatch(
                    prompts: Array(prompts[start..<end]),
                    responses: Array(responses[start..<end]), padding: padding)
                result += scores(batch).scalars
            }
        }
        return result
    }
}
