import Engine

// MARK: - Counting what trains

/// How many of a model's numbers train, and what that costs the optimizer — one account for
/// every fine-tuning method, because they all work the same way: freeze, then mark what trains.
///
/// Adam keeps two running averages (m and v) per trainable number, and training needs a
/// gradient per trainable number too: 3 × 4 bytes each in float32, beside the weights.
///
/// Example:
/// ```swift
/// let budget = ParameterBudget(of: model)
/// print(budget.trainable, budget.share)    // 8,192  0.78 %
/// ```
public struct ParameterBudget: Sendable, Equatable, CustomStringConvertible {
    /// All parameters, frozen or not (LoRA's A and B included).
    public let total: Int
    /// Parameters with `requiresGradient`.
    public let trainable: Int

    public init(total: Int, trainable: Int) {
        self.total = total
        self.trainable = trainable
    }

    /// Counts `model`'s parameters (a tensor shared under two names counts once).
    public init(of model: any Layer, extra: [Tensor] = []) {
        var seen = Set<ObjectIdentifier>()
        var total = 0, trainable = 0
        for tensor in model.parameters + extra where seen.insert(ObjectIdentifier(tensor)).inserted {
            total += tensor.count
            if tensor.requiresGradient { trainable += tensor.count }
        }
        self.init(total: total, trainable: trainable)
    }

    /// trainable / total.
    public var share: Double { total == 0 ? 0 : Double(trainable) / Double(total) }

    /// Bytes of Adam's state: m and v, one float32 each per trainable number.
    public var optimizerStateBytes: Int { 2 * 4 * trainable }

    /// Bytes of gradients: one float32 per trainable number.
    public var gradientBytes: Int { 4 * trainable }

    public var description: String {
        "\(trainable) of \(total) parameters train (\(String(format: "%.2f", 100 * share)) %)"
    }
}

/// Freezing and unfreezing by name.
public enum Freezing {
    /// Freezes everything in `model`.
    public static func freezeAll(_ model: any Layer) { model.setTrainable(false) }

    /// Makes trainable exactly the parameters whose name satisfies `isTrainable`.
    /// - Returns: the names made trainable.
    @discardableResult
    public static func train(only isTrainable: (String) -> Bool, in model: any Layer) -> [String] {
        var names: [String] = []
        for (name, tensor) in model.namedParameters() {
            tensor.requiresGradient = isTrainable(name)
            if tensor.requiresGradient { names.append(name) }
        }
        return names
    }
}
