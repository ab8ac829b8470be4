import Engine
import Transformers

/// IA³ (Liu et al. 2022) as a `FineTuningMethod`: learned vectors l_k, l_v on every block's
/// keys and values and l_ff on its MLP's hidden activations (`IA3Linear`), everything else
/// frozen — PEFT's `IA3Config(target_modules=["k", "v", "down"], feedforward_modules=["down"])`.
public struct IA3: FineTuningMethod {
    public init() {}
    public var id: MethodID { MethodID("ia3") }
    public var name: String { "IA³ (k, v, MLP)" }
    public var family: MethodFamily { .additive }

    /// The slots IA³ rescales, and whether it scales their input (the feed-forward one).
    static let placements: [(suffix: String, scalesInput: Bool)] = [
        ("attention.key", false), ("attention.value", false), ("mlp.down", true),
    ]

    public func prepare(_ base: GPT, rng: inout SplitMix64) -> any LanguageModel {
        base.setTrainable(false)
        for slot in base.linearSlots() {
            guard let placement = Self.placements.first(where: { slot.name.hasSuffix($0.suffix) }) else { continue }
            slot.replace(with: IA3Linear(wrapping: slot.layer, scalesInput: placement.scalesInput))
        }
        return base
    }
}
