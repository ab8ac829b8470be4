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

    /// Every `Linear` this layer holds, as named slots that can be read and replaced — how
    /// LoRA and the other adapters find `blocks.0.attention.query` and swap in their own.
    /// A layer without `Linear` sublayers keeps the default (none).
    func linearSlots(prefix: String) -> [LinearSlot]
}

/// A named place in a model that holds a `Linear`: read it, or put another in its stead.
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
    private let read: () -> Linear
    private let write: (Linear) -> Void

    public init(name: String, read: @escaping () -> Linear, write: @escaping (Linear) -> Void) {
        self.name = name
        self.read = read
        self.write = write
    }

    /// The layer now in the slot.
    public var layer: Linear { read() }

    /// Puts `layer` in the slot.
    public func replace(with layer: Linear) { write(layer) }
}

extension Layer {
    public func linearSlots(prefix: String) -> [LinearSlot] { [] }

    /// Every `Linear` slot, named from this layer down.
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
