import Engine
import Transformers

/// BitFit as a `FineTuningMethod`: only the biases train (see `SelectiveTuning.bitFit`).
public struct BitFit: FineTuningMethod {
    public init() {}
    public var id: MethodID { MethodID("bitfit") }
    public var name: String { "BitFit (biases)" }
    public var family: MethodFamily { .selective }

    public func prepare(_ base: GPT, rng: inout SplitMix64) -> any LanguageModel {
        SelectiveTuning.bitFit(base)
        return base
    }
}

/// LayerNorm tuning as a `FineTuningMethod`: only the LayerNorms' γ and β train
/// (see `SelectiveTuning.layerNormTuning`; PEFT's `LNTuningConfig`).
public struct LayerNormTuning: FineTuningMethod {
    public init() {}
    public var id: MethodID { MethodID("layernorm") }
    public var name: String { "LayerNorm tuning" }
    public var family: MethodFamily { .selective }

    public func prepare(_ base: GPT, rng: inout SplitMix64) -> any LanguageModel {
        SelectiveTuning.layerNormTuning(base)
        return base
    }
}
