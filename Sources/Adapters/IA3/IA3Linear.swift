import Engine

// MARK: - IA³: learned vectors that rescale activations

/// A frozen linear layer whose output — or input — is rescaled element-wise by a learned
/// vector: IA³, "Infused Adapter by Inhibiting and Amplifying Inner Activations" (Liu et al.
/// 2022, "Few-Shot Parameter-Efficient Fine-Tuning is Better and Cheaper than In-Context
/// Learning").
///
///     on the output (keys, values):       y = (x·Wᵀ + b) ⊙ l        l: [out]
///     on the input (the MLP's second layer): y = (x ⊙ l)·Wᵀ + b        l: [in]
///
/// Rescaling the input of the MLP's down projection is rescaling the MLP's hidden activations
/// after the nonlinearity, which is where the paper puts l_ff. This is how PEFT's `IA3Config`
/// does it too: for `feedforward_modules` the vector multiplies the layer's input, for the
/// others its output. l starts at ones, so the model starts unchanged; it is the only
/// trainable tensor — out (or in) numbers per layer, fewer than any other method here.
///
/// Example:
/// ```swift
/// let scaled = IA3Linear(wrapping: slot.layer, scalesInput: false)   // l_k or l_v
/// slot.replace(with: scaled)
/// ```
public final class IA3Linear: LinearLayer {
    /// The frozen layer being rescaled.
    public let base: any LinearLayer
    /// l: `[out]` when it scales the output, `[in]` when it scales the input; ones at the start.
    public let scales: Tensor
    /// Whether l multiplies the input (feed-forward layers) rather than the output.
    public let scalesInput: Bool

    public var inputDimensions: Int { base.inputDimensions }
    public var outputDimensions: Int { base.outputDimensions }

    /// Wraps `base` (frozen, tensors shared) with a vector of ones.
    public init(wrapping base: any LinearLayer, scalesInput: Bool) {
        precondition(!(base is IA3Linear), "this layer already has an IA³ vector")
        self.base = base
        self.scalesInput = scalesInput
        let count = scalesInput ? base.inputDimensions : base.outputDimensions
        scales = Tensor(shape: [count], scalars: Array(repeating: 1, count: count))
        scales.requiresGradient = true
        base.setTrainable(false)
    }

    /// `[..., in] → [..., out]`; l broadcasts over every leading axis.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        scalesInput ? base(input * scales) : base(input) * scales
    }

    /// The weight with l folded in — W's rows scaled by l (output) or its columns (input) —
    /// and the bias scaled with the output: a plain `Linear` that computes the same map.
    public func fused() -> Linear {
        guard let linear = base as? Linear else {
            preconditionFailure("fusing needs a float base layer, not \(type(of: base))")
        }
        let out = linear.outputDimensions, inputs = linear.inputDimensions
        let weight = Tensor(shape: linear.weight.shape, scalars: linear.weight.scalars)  // [out, in]
        let l = scales.scalars
        for row in 0..<out {
            for column in 0..<inputs { weight.pointer[row * inputs + column] *= scalesInput ? l[column] : l[row] }
        }
        let bias = linear.bias.map { bias in
            Tensor(shape: bias.shape, scalars: scalesInput ? bias.scalars : zip(bias.scalars, l).map { $0 * $1 })
        }
        return Linear(weight: weight, bias: bias)
    }

    public func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        base.namedParameters(prefix: prefix) + [(parameterName(prefix, "ia3"), scales)]
    }
}
