import Adapters
import Notebook

/// One method measured over every seed of an experiment: its outcomes and their estimates
/// (mean ± 95% t-interval over the seeds).
public struct MeasuredMethod {
    public let method: any FineTuningMethod
    /// The learning rate every seed trained at.
    public let rate: Float
    public let outcomes: [FineTuningOutcome]

    public init(method: any FineTuningMethod, rate: Float, outcomes: [FineTuningOutcome]) {
        precondition(!outcomes.isEmpty, "a measured method needs at least one run")
        self.method = method
        self.rate = rate
        self.outcomes = outcomes
    }

    public var name: String { method.name }
    public var accuracy: Estimate { Estimate(outcomes.map(\.accuracy)) }
    public var answerLoss: Estimate { Estimate(outcomes.map(\.answerLoss)) }
    public var secondsPerStep: Estimate { Estimate(outcomes.map(\.secondsPerStep)) }
    /// The experiment's extra measurement (e.g. the story loss), over seeds.
    public var extra: Estimate { Estimate(outcomes.compactMap(\.extra)) }
    public var budget: ParameterBudget { outcomes[0].budget }
    /// The largest peak of any seed.
    public var peakBytes: Int { outcomes.map(\.peakBytes).max() ?? 0 }

    /// Exact match on the evaluation examples whose index `chosen` accepts, over seeds.
    public func accuracy(where chosen: (Int) -> Bool) -> Estimate {
        Estimate(outcomes.map { $0.accuracy(where: chosen) })
    }

    /// This method's accuracy minus `other`'s, seed by seed: the paired estimate, for runs
    /// that share seeds and so data order (see `RunSeeds`).
    public func accuracyDifference(from other: MeasuredMethod) -> Estimate {
        precondition(outcomes.count == other.outcomes.count, "a paired difference needs the same seeds")
        return Estimate(zip(outcomes, other.outcomes).map { $0.accuracy - $1.accuracy })
    }
}
