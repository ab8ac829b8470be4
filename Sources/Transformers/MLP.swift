import Engine

// MARK: - MLP

/// The transformer's position-wise feed-forward network: up-project, GELU, down-project.
///
/// Example: `let mlp = MLP(dimensions: 64, rng: &rng)  // 64 → 256 → 64`
public final class MLP: Layer {
    /// d → hidden.
    public var up: any LinearLayer
    /// hidden → d.
    public var down: any LinearLayer

    /// - Parameters:
    ///   - dimensions: d, the model width.
    ///   - hiddenDimensions: the inner width; 4·d when nil, as in GPT-2.
    public init(dimensions: Int, hiddenDimensions: Int? = nil, rng: inout SplitMix64) {
        let hidden = hiddenDimensions ?? 4 * dimensions
        up = Linear(inputDimensions: dimensions, outputDimensions: hidden, rng: &rng)
        down = Linear(inputDimensions: hidden, outputDimensions: dimensions, rng: &rng)
    }

    /// `[..., d] → [..., d]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        down(up(input).gelu())
    }

    public func linearSlots(prefix: String) -> [LinearSlot] {
        [
            LinearSlot(name: parameterName(prefix, "up"), read: { self.up }, write: { self.up = $0 }),
            LinearSlot(name: parameterName(prefix, "down"), read: { self.down }, write: { self.down = $0 }),
        ]
    }

    public func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        up.namedParameters(prefix: parameterName(prefix, "up"))
            + down.namedParameters(prefix: parameterName(prefix, "down"))
    }
}
