/// What a model costs in memory: the arithmetic of chapter 3, in one place so it is tested.
///
/// Loading needs the weights; training with Adam needs, per parameter, the weight, its
/// gradient and Adam's two moments — plus the activations the backward pass keeps.
public enum MemoryAccount {
    /// Storage formats of a parameter and their size in bytes, counting what a blockwise
    /// format stores beside the codes.
    public enum Precision: String, CaseIterable, Sendable {
        case fp32 = "fp32", fp16 = "fp16 / bf16", int8 = "int8"
        /// NF4 in blocks of 64 with one fp32 absmax per block (QLoRA, bitsandbytes' default).
        case nf4 = "NF4, blocks of 64"
        /// NF4 whose block constants are themselves quantized to 8 bits in blocks of 256.
        case nf4DoubleQuantized = "NF4 + double quantization"

        /// Bytes per parameter: 4 + 32/64 = 4.5 bits for NF4; 4 + 8/64 + 32/(64·256) ≈ 4.127
        /// bits with double quantization (Dettmers et al. 2023, §3).
        public var bytesPerParameter: Double {
            switch self {
            case .fp32: return 4
            case .fp16: return 2
            case .int8: return 1
            case .nf4: return (4 + 32.0 / 64) / 8
            case .nf4DoubleQuantized: return (4 + 8.0 / 64 + 32.0 / (64 * 256)) / 8
            }
        }
    }

    /// Bytes to hold `parameters` weights in `precision`: P × bytes per parameter.
    public static func loadBytes(parameters: Double, precision: Precision) -> Double {
        parameters * precision.bytesPerParameter
    }

    /// Bytes of weights, gradients and Adam's m and v for full training in fp32:
    /// 4 + 4 + 4 + 4 = 16 per parameter (mixed precision also comes to 16: fp16 weight and
    /// gradient, fp32 master weight, fp32 m and v). Activations are extra.
    public static func adamTrainingBytes(parameters: Double) -> Double {
        16 * parameters
    }

    /// Activation bytes of a GPT's forward pass kept for backward, after Korthikanti et al.
    /// (2022, "Reducing Activation Recomputation in Large Transformer Models"): per layer
    /// s·b·h·(34 + 5·a·s/h) bytes in 16-bit precision, without recomputation or parallelism.
    /// - Parameters:
    ///   - bytesPerValue: 2 for 16-bit activations (the paper's case); 4 scales it to fp32.
    public static func activationBytes(
        layers: Int, context s: Int, batch b: Int, width h: Int, heads a: Int,
        bytesPerValue: Double = 2
    ) -> Double {
        let (s, b, h, a) = (Double(s), Double(b), Double(h), Double(a))
        return Double(layers) * s * b * h * (34 + 5 * a * s / h) * (bytesPerValue / 2)
    }

    /// The shape of a GPT of about `parameters` weights the way GPT-3's paper sizes them
    /// (Brown et al. 2020, table 2.1), for the memory table: its 1.3 B model has 24 layers,
    /// width 2,048 and 16 heads (we use its 2,048-token context).
    public struct ModelShape: Sendable {
        public let parameters: Double, layers: Int, width: Int, heads: Int, context: Int
        public init(parameters: Double, layers: Int, width: Int, heads: Int, context: Int) {
            self.parameters = parameters
            self.layers = layers
            self.width = width
            self.heads = heads
            self.context = context
        }
        /// GPT-3 XL: 1.3 B parameters.
        public static let gpt3XL = ModelShape(parameters: 1.3e9, layers: 24, width: 2048, heads: 24, context: 2048)
    }
}
