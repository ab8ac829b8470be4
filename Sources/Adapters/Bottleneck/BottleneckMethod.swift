import Engine
import Transformers

/// Bottleneck adapters (Houlsby et al. 2019) as a `FineTuningMethod`: a down-GELU-up network
/// of width `size` after every attention output and MLP down projection.
public struct BottleneckAdapters: FineTuningMethod {
    /// m, the bottleneck's width.
    public let size: Int
    public init(size: Int) {
        precondition(size >= 1, "bottleneck width must be at least 1")
        self.size = size
    }
    public var id: MethodID { MethodID("bottleneck-m\(size)") }
    public var name: String { "bottleneck adapters (m = \(size))" }
    public var family: MethodFamily { .additive }

    public func prepare(_ base: GPT, rng: inout SplitMix64) -> any LanguageModel {
        BottleneckAdapter.apply(to: base, bottleneck: size, rng: &rng)
        return base
    }
}
