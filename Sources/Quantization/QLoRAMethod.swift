import Adapters
import Engine
import Transformers

/// QLoRA (Dettmers et al. 2023) as a `FineTuningMethod`: every projection of the base stored as
/// NF4 (blocks of 64, with double quantization) and frozen, then LoRA on top — the adapters
/// train in float32 while the weights under them stay 4-bit.
public struct QLoRAMethod: FineTuningMethod {
    /// The LoRA that sits on the 4-bit base.
    public let lora: LoRAMethod
    public let blockSize: Int
    public let doubleQuantization: Bool
    private let displayName: String?

    public init(lora: LoRAMethod, blockSize: Int = 64, doubleQuantization: Bool = true, name: String? = nil) {
        self.lora = lora
        self.blockSize = blockSize
        self.doubleQuantization = doubleQuantization
        displayName = name
    }

    public var id: MethodID { MethodID("qlora-" + lora.id.rawValue.dropFirst("lora-".count)) }
    public var name: String {
        displayName ?? "QLoRA r = \(lora.rank) (NF4\(doubleQuantization ? " + double quant." : "") base)"
    }
    public var family: MethodFamily { .reparametrised }

    // listing: qlora-prepare
    public func prepare(_ base: GPT, rng: inout SplitMix64) -> any LanguageModel {
        NF4Linear.quantizeLinearLayers(in: base, blockSize: blockSize, doubleQuantization: doubleQuantization)
        return lora.prepare(base, rng: &rng)
    }
    // listing: end
}
