// MARK: - Layers and their parameters

/// A piece of a model that owns parameters and lists them by name.
///
/// Parameters are listed EXPLICITLY by each layer (no reflection): a layer returns its own
/// tensors and asks its sublayers for theirs with a longer prefix, so block 0's query
/// weight is `blocks.0.attention.query.weight`. Those names are what checkpoints, freezing,
/// counting and LoRA replacement use.
///
/// Example:
/// ```swift
/// for (name, tensor) in model.namedParameters() { print(name, tensor.shape) }
/// ```
public protocol Layer: AnyObject {
    /// Every parameter of this layer and its sublayers, named `prefix.name`.
    ///
    /// - Parameter prefix: prepended with a dot; empty for the top-level layer.
    func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)]

    /// Every linear map this layer holds, as named slots that can be read and replaced — how
    /// LoRA, the other adapters and 4-bit layers find `blocks.0.attention.query` and put
    /// their own layer there. A layer without such sublayers keeps the default (none).
    func linearSlots(prefix: String) -> [LinearSlot]
}

/// Anything that can stand where a `Linear` stands: a map `[..., in] → [..., out]` that
/// lists its parameters. `Linear` is one; so are a LoRA-wrapped layer, a bottleneck adapter
/// and a frozen 4-bit layer — none of which needs to *be* a `Linear` (a bottleneck adapter
/// is not even linear), only to take and give tensors of the same widths.
///
/// Example:
/// ```swift
/// let slot = model.linearSlots().first { $0.name == "blocks.0.attention.query" }!
/// slot.replace(with: LoRALinear(wrapping: slot.layer, rank: 8, alpha: 8, rng: &rng))
/// ```
public protocol LinearLayer: Layer {
    /// The size of the input's last axis.
    var inputDimensions: Int { get }
    /// The size of the output's last axis.
    var outputDimensions: Int { get }
    /// `[..., in] → [..., out]`.
    func callAsFunction(_ input: Tensor) -> Tensor
}

/// A named place in a model that holds a `LinearLayer`: read it, or put another of the same
/// input and output widths in its stead.
///
/// Example:
/// ```swift
/// for slot in model.linearSlots() where slot.name.hasSuffix("query") {
///     slot.replace(with: LoRALinear(wrapping: slot.layer, rank: 8, alpha: 8, rng: &rng))
/// }
/// ```
public struct LinearSlot {
    /// The layer's dotted name, e.g. `blocks.0.attention.query` (its weight is `….weight`).
    public let name: String
    private let read: () -> any LinearLayer
    private let write: (any LinearLayer) -> Void

    public init(name: String, read: @escaping () -> any LinearLayer, write: @escaping (any LinearLayer) -> Void) {
        self.name = name
        self.read = read
        self.write = write
    }

    /// The layer now in the slot.
    public var layer: any LinearLayer { read() }

    /// Puts `layer` in the slot; its widths must be those of the layer it replaces.
    public func replace(with layer: any LinearLayer) {
        let current = read()
        precondition(
            layer.inputDimensions == current.inputDimensions
                && layer.outputDimensions == current.outputDimensions,
            "slot \(name) holds a \(current.inputDimensions) → \(current.outputDimensions) layer; "
                + "got \(layer.inputDimensions) → \(layer.outputDimensions)")
        write(layer)
    }
}

extension Layer {
    public func linearSlots(prefix: String) -> [LinearSlot] { [] }

    /// Every linear slot, named from this layer down.
    public func linearSlots() -> [LinearSlot] { linearSlots(prefix: "") }

    /// Every parameter, named from this layer down.
    public func namedParameters() -> [(name: String, tensor: Tensor)] { namedParameters(prefix: "") }

    /// Every parameter tensor, in `namedParameters()` order.
    public var parameters: [Tensor] { namedParameters().map(\.tensor) }

    /// Parameters that will be trained (`requiresGradient`), e.g. for an optimizer.
    public var trainableParameters: [Tensor] { parameters.filter(\.requiresGradient) }

    /// The total number of scalars in all parameters.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// The number of scalars in trainable parameters.
    public var trainableParameterCount: Int { trainableParameters.reduce(0) { $0 + $1.count } }

    /// Freezes (false) or unfreezes (true) every parameter of this layer.
    public func setTrainable(_ trainable: Bool) {
        for parameter in parameters { parameter.requiresGradient = trainable }
    }

    /// Forgets every parameter's gradient.
    public func zeroGradient() {
        for parameter in parameters { parameter.zeroGradient() }
    }
}

/// `prefix.name`, or `name` when the prefix is empty.
public func parameterName(_ prefix: String, _ name: String) -> String {
    prefix.isEmpty ? name : prefix + "." + name
}

/// Makes a tensor a trainable parameter.
func parameter(_ tensor: Tensor) -> Tensor {
    tensor.requiresGradient = true
    return tensor
}
