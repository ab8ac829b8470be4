import Engine
import Transformers

// MARK: - One interface for every way of fine-tuning

/// The three families of parameter-efficient fine-tuning (Lialin et al. 2023), and full
/// fine-tuning, which belongs to none.
public enum MethodFamily: String, Sendable, Hashable, Codable {
    /// Every weight trains.
    case full = "—"
    /// New trainable pieces beside frozen weights (bottleneck adapters, prompt tuning, IA³).
    case additive
    /// A chosen few of the model's own parameters train (BitFit, LayerNorm tuning).
    case selective
    /// A compact form of the update trains (LoRA).
    case reparametrised
}

/// A method's identity: stable across display names, the key under which tables and files
/// (chapter 5's learning rates) find it. Lower-case words joined by dashes: `lora-r8-qkvo`.
public struct MethodID: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (left: MethodID, right: MethodID) -> Bool { left.rawValue < right.rawValue }
}

/// A way of fine-tuning a pretrained GPT, in the spirit of PEFT's one `…Config` per tuner and
/// mlx-swift-examples' `ModelAdapter`: who it is, which family it belongs to, and how it turns
/// a copy of the pretrained model into the model that trains — freezing what stays frozen,
/// adding and initialising what is new. Everything else (the trainer, the evaluation, the
/// parameter count) is the same for every method, because it reads only the result.
///
/// A new method is one folder in Adapters: its layer(s), a type conforming to this protocol,
/// and its test.
///
/// Example:
/// ```swift
/// let method: any FineTuningMethod = LoRAMethod(rank: 8, targets: LoRATarget.attention, alpha: 16)
/// let model = method.prepare(base.copied(), rng: &rng)
/// print(ParameterBudget(of: model))        // only A and B train
/// ```
// listing: fine-tuning-method
public protocol FineTuningMethod: Sendable {
    /// The stable key (see `MethodID`).
    var id: MethodID { get }
    /// The name tables print: "LoRA r = 8 (q,k,v,o)".
    var name: String { get }
    var family: MethodFamily { get }
    /// Makes the trainable model from `base`, which it may change in place (freeze, wrap
    /// layers) or wrap whole (prompt tuning). Pass a copy to keep the original.
    /// - Parameter rng: initialises the method's new pieces, in a fixed order.
    func prepare(_ base: GPT, rng: inout SplitMix64) -> any LanguageModel
    /// Whether training can change the base model's own weights. False for a method that
    /// only puts something in front of a frozen model (prompt tuning): without its additions
    /// the model is the base, so it forgets nothing by construction.
    var changesBaseWeights: Bool { get }
}
// listing: end

extension FineTuningMethod {
    public var changesBaseWeights: Bool { true }
}

/// A method whose update can be folded into the base weights and taken out again, so the
/// fine-tuned model costs nothing extra at inference (LoRA, IA³).
public protocol MergeableMethod: FineTuningMethod {
    /// Folds every update of the method found in `model` into its weight.
    func merge(in model: any Layer)
    /// Takes every update back out (up to float rounding).
    func unmerge(in model: any Layer)
}
