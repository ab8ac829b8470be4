import Engine
import Transformers

/// Full fine-tuning: every parameter trains — the yardstick every other method is measured
/// against, and the most expensive (gradients and optimizer state for every weight).
public struct FullFineTuning: FineTuningMethod {
    public init() {}
    public var id: MethodID { MethodID("full") }
    public var name: String { "full fine-tuning" }
    public var family: MethodFamily { .full }

    public func prepare(_ base: GPT, rng: inout SplitMix64) -> any LanguageModel {
        base.setTrainable(true)
        return base
    }
}
