import Engine
import Transformers

// MARK: - Many PPO steps: the run a chapter asks for

extension PPOTrainer {
    /// Runs `steps` PPO steps, each on `batchSize` prompts drawn from `prompts` (with
    /// replacement) by a generator seeded by (seed, step), the rollouts of each prompt drawing
    /// from a generator seeded the same way — so step s's prompts and samples depend on
    /// nothing but the seed, the step and the policy.
    ///
    /// - Parameters:
    ///   - prompts: the pool of prompts (e.g. chat-formatted requests).
    ///   - score: the reward of each (prompt, response), e.g. the reward model's.
    ///   - progress: called after every step with its report (a progress bar, a curve).
    /// - Returns: the reports, one per step.
    ///
    /// Example:
    /// ```swift
    /// let curve = ppo.train(steps: 60, prompts: prompts, batchSize: 16, seed: 9, score: rewardModelScore) {
    ///     bar.update($0.step, metric: "reward \($0.meanScore)")
    /// }
    /// ```
    @discardableResult
    public func train(
        steps: Int, prompts: [[Int]], batchSize: Int, seed: UInt64,
        score: (_ prompts: [[Int]], _ responses: [[Int]]) -> [Float],
        progress: (PPOStepReport) -> Void = { _ in }
    ) -> [PPOStepReport] {
        precondition(!prompts.isEmpty && batchSize > 0, "PPO needs prompts and a positive batch size")
        var reports: [PPOStepReport] = []
        for _ in 0..<steps {
            var draw = Trainer.batchGenerator(seed: seed, step: stepCount)
            let chosen = (0..<batchSize).map { _ in prompts[draw.nextInt(below: prompts.count)] }
            var generators = (0..<batchSize).map { _ in SplitMix64(seed: draw.next()) }
            let report = step(prompts: chosen, generators: &generators, score: score)
            reports.append(report)
            progress(report)
        }
        return reports
    }
}
