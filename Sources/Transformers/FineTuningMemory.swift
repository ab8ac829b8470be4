// MARK: - What fine-tuning a large model costs, three ways

/// The memory of fine-tuning a LLaMA-shaped model in full, with LoRA on a 16-bit base, and
/// with QLoRA (Dettmers et al. 2023), from the formulas — weights, gradients and Adam's
/// state; no activations, CUDA context or fragmentation, which the table in chapter 6 says.
///
/// - Full fine-tuning, 16-bit weights and gradients, fp32 Adam m and v: 2 + 2 + 8 = 12 bytes
///   per parameter (QLoRA's "> 780 GB" for 65 B is this count).
/// - LoRA: the base in 16 bits (2 bytes, frozen: no gradient, no state) plus every adapter
///   parameter at 12 bytes.
/// - QLoRA: the base in NF4 with double quantization (4.127 bits) plus the adapters.
/// Adapters: rank r on every linear layer of every block (q, k, v, o, gate, up, down), QLoRA's
/// setting (r = 64 in the paper).
///
/// Example: `FineTuningMemory.Model.llama65B.qloraBytes(rank: 64) / 1e9   // ≈ 43`
public enum FineTuningMemory {
    /// A LLaMA's shape (Touvron et al. 2023, table 2).
    public struct Model: Sendable {
        public let name: String
        public let parameters: Double
        public let layers: Int, width: Int, feedForward: Int

        public static let llama7B = Model(name: "7 B", parameters: 6.7e9, layers: 32, width: 4096, feedForward: 11008)
        public static let llama13B = Model(
            name: "13 B", parameters: 13.0e9, layers: 40, width: 5120,
            feedForward: 13824)
        public static let llama33B = Model(
            name: "33 B", parameters: 32.5e9, layers: 60, width: 6656,
            feedForward: 17920)
        public static let llama65B = Model(
            name: "65 B", parameters: 65.2e9, layers: 80, width: 8192,
            feedForward: 22016)
        public static let all = [llama7B, llama13B, llama33B, llama65B]

        /// r·(in + out) summed over the seven projections of every block.
        public func loraParameters(rank: Int) -> Double {
            let d = Double(width), f = Double(feedForward), r = Double(rank)
            let attention = 4 * r * (d + d)  // q, k, v, o: d → d
            let mlp = 2 * r * (d + f) + r * (f + d)  // gate and up: d → f; down: f → d
            return Double(layers) * (attention + mlp)
        }

        /// 12 bytes per parameter: 16-bit weight and gradient, fp32 m and v.
        public var fullFineTuningBytes: Double { 12 * parameters }
        /// The 16-bit base plus the adapters at 12 bytes each.
        public func loraBytes(rank: Int) -> Double { 2 * parameters + 12 * loraParameters(rank: rank) }
        /// The NF4 base with double quantization plus the adapters at 12 bytes each.
        public func qloraBytes(rank: Int) -> Double {
            (4 + 8.0 / 64 + 32.0 / (64 * 256)) / 8 * parameters + 12 * loraParameters(rank: rank)
        }
    }
}
