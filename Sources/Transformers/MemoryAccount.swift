/// What a model costs in memory: the arithmetic of chapter 3, in one place so it is tested.
///
/// Loading needs the weights; training with Adam needs, per parameter, the weight, its
/// gradient and Adam's two moments — plus the activations the backward pass keeps.
public enum MemoryAccount {
    /// Storage formats of a parameter and their size in bytes.
    public enum Precision: String, CaseIterable, Sendable {
        case fp32 = "fp32", fp16 = "fp16 / bf16", int8 = "int8", fourBit = "4-bit (NF4)"

        public var bytesPerParameter: Double {
            switch self {
            case .fp32: return 4
            case .fp16: return 2
            case .int8: return 1
            case .fourBit: return 0.5
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
    public static func activationBytes(layers: Int, context s: Int, batch b: Int, width h: Int, heads a: Int,
                                       bytesPerValue: Double = 2) -> Double {
        let (s, b, h, a) = (Double(s), Double(b), Double(h), Double(a))
        return Double(layers) * s * b * h * (34 + 5 * a * s / h) * (bytesPerValue / 2)
    }
}
