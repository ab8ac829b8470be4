// MARK: - Linear

/// y = x·Wᵀ + b, the affine map every network is mostly made of.
///
/// The weight has shape `[out, in]` (PyTorch's `nn.Linear` convention, so a checkpoint
/// loads there as is); the product reads it transposed through BLAS's flag, no copy.
/// Initialised uniformly in ±1/√in as PyTorch does, which keeps activations of order 1.
///
/// Example:
/// ```swift
/// let layer = Linear(inputDimensions: 64, outputDimensions: 256, rng: &rng)
/// let y = layer(x)   // [B, T, 64] → [B, T, 256]
/// ```
///
/// Adapters do not subclass it: a `LoRALinear` *holds* its base layer (as PEFT's
/// `LoraLayer` holds `base_layer`) and both conform to `LinearLayer`, so either drops into
/// the same slot of a model.
public final class Linear: LinearLayer {
    /// `[out, in]`.
    public var weight: Tensor
    /// `[out]`, or nil for a layer without bias.
    public var bias: Tensor?

    /// - Parameters:
    ///   - inputDimensions: the size of the input's last axis.
    ///   - outputDimensions: the size of the output's last axis.
    ///   - bias: whether to add a learned bias.
    ///   - rng: the seeded generator for the initial weights.
    public init(inputDimensions: Int, outputDimensions: Int, bias: Bool = true, rng: inout SplitMix64) {
        let bound = 1 / Float(inputDimensions).squareRoot()
        weight = parameter(
            Tensor.randomUniform(
                shape: [outputDimensions, inputDimensions],
                in: -bound..<bound, rng: &rng))
        self.bias =
            bias
            ? parameter(Tensor.randomUniform(shape: [outputDimensions], in: -bound..<bound, rng: &rng)) : nil
    }

    /// A layer around given tensors (e.g. loaded, or fused from LoRA).
    public init(weight: Tensor, bias: Tensor?) {
        self.weight = weight
        self.bias = bias
    }

    public var inputDimensions: Int { weight.shape[1] }
    public var outputDimensions: Int { weight.shape[0] }

    /// `[..., in] → [..., out]`; a single vector `[in]` gives `[out]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        if input.rank == 1 {
            return callAsFunction(input.reshaped([1, input.shape[0]])).reshaped([outputDimensions])
        }
        return input.affine(weight: weight, bias: bias)  // [..., in]·[in, out] + b, fused
    }

    public func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        var result = [(name: parameterName(prefix, "weight"), tensor: weight)]
        if let bias { result.append((parameterName(prefix, "bias"), bias)) }
        return result
    }
}
