import Adapters
import Notebook
import Transformers

/// What one fine-tuning run measured.
public struct FineTuningOutcome {
    /// Whether the greedy answer to each evaluation example was exactly right.
    public let matches: [Bool]
    /// Each evaluation example's answer loss (nats per answer token).
    public let losses: [Double]
    /// Seconds per training step, as measured on this machine during this run.
    public let secondsPerStep: Double
    /// The engine's peak of live tensor bytes during the run, above what was live before it.
    public let peakBytes: Int
    /// The optimizer's state (Adam's m and v) at the end, in bytes.
    public let optimizerStateBytes: Int
    public let budget: ParameterBudget
    /// The training loss of every step.
    public let curve: [Double]
    /// The trained model.
    public let model: any LanguageModel
    /// Whatever the experiment measured after training (`FineTuningExperiment.extraMeasurement`).
    public let extra: Double?

    public init(
        matches: [Bool], losses: [Double], secondsPerStep: Double, peakBytes: Int, optimizerStateBytes: Int,
        budget: ParameterBudget, curve: [Double], model: any LanguageModel, extra: Double?
    ) {
        self.matches = matches
        self.losses = losses
        self.secondsPerStep = secondsPerStep
        self.peakBytes = peakBytes
        self.optimizerStateBytes = optimizerStateBytes
        self.budget = budget
        self.curve = curve
        self.model = model
        self.extra = extra
    }

    /// The share of exact matches.
    public var accuracy: Double { share(matches) }
    /// The mean answer loss.
    public var answerLoss: Double { Statistics.mean(losses) }

    /// Exact match on the evaluation examples whose index `chosen` accepts.
    public func accuracy(where chosen: (Int) -> Bool) -> Double {
        share(matches.indices.filter(chosen).map { matches[$0] })
    }
}

/// The share of `true` in `flags` (0 for none).
public func share(_ flags: [Bool]) -> Double { Double(flags.filter { $0 }.count) / Double(max(flags.count, 1)) }
