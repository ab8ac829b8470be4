import Adapters
import Bookshelf
import Engine
import Notebook
import Tasks
import Transformers

/// A fine-tuning experiment: one pretrained model, one task, a set of seeds, the one trainer.
/// A chapter states an experiment in a few lines — which methods, at which rates — and this
/// runs them all the same way: a fresh copy of the base per run, the method's `prepare` with
/// the run's initialisation seed, `Trainer.supervised` on the task's training split with the
/// shared schedule, then greedy exact match on the split it is asked for.
///
/// Example:
/// ```swift
/// let experiment = FineTuningExperiment(base: gpt, task: reading, seeds: [1, 2, 3], notebook: book)
/// let lora = experiment.measure(LoRAMethod(rank: 8, targets: LoRATarget.attention, alpha: 16), rate: 3e-3)
/// print(lora.accuracy)        // mean ± 95% interval over the three seeds
/// ```
@MainActor
public struct FineTuningExperiment {
    public let base: GPT
    public let task: any FineTuningTask
    public let seeds: [UInt64]
    public let notebook: Notebook
    public var schedule: FineTuningSchedule
    /// Measured on each trained model after its evaluation (chapter 5: the story loss, for
    /// forgetting); gets the method too, so a method that leaves the base untouched can say so.
    public var extraMeasurement: ((any FineTuningMethod, any LanguageModel) -> Double)?

    public init(base: GPT, task: any FineTuningTask, seeds: [UInt64], notebook: Notebook) {
        self.base = base
        self.task = task
        self.seeds = seeds
        self.notebook = notebook
        schedule = FineTuningSchedule(steps: task.steps, batchSize: task.batchSize)
    }

    /// `method` on a fresh copy of the base, its new pieces initialised from `seed`.
    public func prepared(_ method: any FineTuningMethod, seed: UInt64) -> any LanguageModel {
        let copy = base.copied()
        copy.isTraining = false
        var rng = SplitMix64(seed: RunSeeds.initialization(seed))
        return method.prepare(copy, rng: &rng)
    }

    /// One run: prepare, train at `rate` with `seed`, evaluate on `split`.
    public func run(
        _ method: any FineTuningMethod, rate: Float, seed: UInt64, evaluating split: TaskSplit = .test,
        label: String? = nil
    ) -> FineTuningOutcome {
        let liveBefore = TensorMemory.liveBytes
        TensorMemory.resetPeak()
        let model = prepared(method, seed: seed)
        let budget = ParameterBudget(of: model)
        let trainer = Trainer.supervised(
            model, examples: task.examples(.training), batchSize: schedule.batchSize,
            padding: task.padding, settings: schedule.settings(rate: rate),
            seed: RunSeeds.batchOrder(seed))
        let stopwatch = Stopwatch()
        let curve = notebook.train(
            trainer, steps: schedule.steps,
            label: label ?? "\(task.name): \(method.name), seed \(seed)")
        let seconds = stopwatch.seconds
        let peak = TensorMemory.peakBytes - liveBefore
        let state = trainer.optimizer.stateTensors().values.reduce(0) { $0 + $1.count * 4 }
        model.isTraining = false
        let scores = task.score(model, on: split)
        return FineTuningOutcome(
            matches: scores.matches, losses: scores.losses,
            secondsPerStep: seconds / Double(schedule.steps), peakBytes: peak,
            optimizerStateBytes: state, budget: budget, curve: curve.map { Double($0.loss) },
            model: model, extra: extraMeasurement?(method, model))
    }

    /// Every seed of `method` at `rate`, evaluated on the test split.
    public func measure(_ method: any FineTuningMethod, rate: Float) -> MeasuredMethod {
        MeasuredMethod(method: method, rate: rate, outcomes: seeds.map { run(method, rate: rate, seed: $0) })
    }

    /// Every seed of `method` at the rate `rates` holds for it on this task.
    public func measure(_ method: any FineTuningMethod, rates: LearningRateTable) -> MeasuredMethod {
        measure(method, rate: rates.rate(for: RateKey(task: task.name, method: method.id), notebook: notebook))
    }

    /// A learning-rate sweep of `method` on the **validation** split with `seed`: each
    /// candidate trained once and scored by exact match minus 0.001 × answer loss (the loss
    /// breaks ties between equal accuracies); a diverged run scores −∞. A best rate at the edge
    /// of `candidates` is followed outward, up to three more rates (`chooseInside`).
    /// - Parameter perRun: called with each run's validation outcome (to print what it learned).
    public func sweep(
        _ method: any FineTuningMethod, candidates: [Float], seed: UInt64,
        perRun: (FineTuningOutcome) -> Void = { _ in }
    ) -> LearningRateTable.Choice {
        let choice = LearningRateSweep.chooseInside(candidates: candidates, validation: task.examples(.validation)) {
            rate, _ in
            let outcome = run(
                method, rate: rate, seed: seed, evaluating: .validation,
                label: "sweep \(task.name): \(method.name) @ \(Format.significant(Double(rate), 2))")
            perRun(outcome)
            let score = outcome.accuracy - 1e-3 * outcome.answerLoss
            return score.isFinite ? score : -.infinity
        }
        return .init(candidates: choice.candidates, scores: choice.scores, chosen: choice.chosen)
    }
}
