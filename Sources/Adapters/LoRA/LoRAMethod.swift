import Engine
import Transformers

/// LoRA (Hu et al. 2021) as a `FineTuningMethod`: a `LoRALinear` in every targeted projection.
///
/// Example:
/// ```swift
/// let method = LoRAMethod(rank: 8, targets: LoRATarget.attention, alpha: 16)
/// let model = method.prepare(base.copied(), rng: &rng)    // A random, B zero: the base model
/// ```
public struct LoRAMethod: MergeableMethod {
    public let rank: Int
    public let targets: Set<LoRATarget>
    public let alpha: Float
    public let scaling: LoRAScaling
    /// Whether `name` says which scaling it uses (where a chapter compares the two).
    public let namesScaling: Bool

    public init(
        rank: Int, targets: Set<LoRATarget>, alpha: Float, scaling: LoRAScaling = .standard,
        namesScaling: Bool = false
    ) {
        precondition(rank >= 1, "LoRA rank must be at least 1, got \(rank)")
        precondition(!targets.isEmpty, "LoRA needs at least one target")
        self.rank = rank
        self.targets = targets
        self.alpha = alpha
        self.scaling = scaling
        self.namesScaling = namesScaling
    }

    public var id: MethodID {
        let placement = targets == LoRATarget.allLinear ? "all" : String(LoRATarget.label(targets).filter { $0 != "," })
        return MethodID("lora-r\(rank)-\(placement)" + (scaling == .rankStabilized ? "-rs" : ""))
    }
    public var name: String {
        "LoRA r = \(rank) (\(LoRATarget.label(targets))" + (namesScaling ? ", \(scaling.label))" : ")")
    }
    public var family: MethodFamily { .reparametrised }

    public func prepare(_ base: GPT, rng: inout SplitMix64) -> any LanguageModel {
        LoRA.apply(to: base, targets: targets, rank: rank, alpha: alpha, scaling: scaling, rng: &rng)
        return base
    }

    public func merge(in model: any Layer) { LoRA.merge(in: model) }
    public func unmerge(in model: any Layer) { LoRA.unmerge(in: model) }
}
