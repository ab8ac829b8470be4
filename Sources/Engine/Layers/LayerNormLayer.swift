// MARK: - LayerNorm

/// Layer normalisation over the last axis with a learned scale (ones) and shift (zeros);
/// see `Tensor.layerNorm(weight:bias:epsilon:)`.
///
/// Example: `let norm = LayerNorm(dimensions: 64); let y = norm(x)`
public final class LayerNorm: Layer {
    /// `[dimensions]`, γ.
    public var weight: Tensor
    /// `[dimensions]`, β.
    public var bias: Tensor
    /// Added to the variance.
    public let epsilon: Float

    public init(dimensions: Int, epsilon: Float = 1e-5) {
        weight = parameter(Tensor.ones([dimensions]))
        bias = parameter(Tensor.zeros([dimensions]))
        self.epsilon = epsilon
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        input.layerNorm(weight: weight, bias: bias, epsilon: epsilon)
    }

    public func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        [(parameterName(prefix, "weight"), weight), (parameterName(prefix, "bias"), bias)]
    }
}
