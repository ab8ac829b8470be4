import Engine

// MARK: - Which matrices get an adapter

/// A projection of a Transformer block that LoRA can adapt, found by its slot name.
///
/// Example: `LoRATarget.queryValue   // [.query, .value], the LoRA paper's choice`
public enum LoRATarget: String, Sendable, Hashable, CaseIterable, Codable {
    case query, key, value, output, up, down

    /// The end of the slot's dotted name: `attention.query`, `mlp.up`, ….
    public var slotSuffix: String {
        switch self {
        case .query, .key, .value, .output: "attention." + rawValue
        case .up, .down: "mlp." + rawValue
        }
    }

    /// W_q and W_v, what Hu et al. adapt in most experiments.
    public static let queryValue: Set<LoRATarget> = [.query, .value]
    /// The four attention projections.
    public static let attention: Set<LoRATarget> = [.query, .key, .value, .output]
    /// Every linear layer of every block (QLoRA's recommendation).
    public static let allLinear = Set(LoRATarget.allCases)

    /// A short label: "q,v", "all linear".
    public static func label(_ targets: Set<LoRATarget>) -> String {
        if targets == allLinear { return "all linear" }
        return allCases.filter(targets.contains).map { String($0.rawValue.prefix(1)) }.joined(separator: ",")
    }
}

// MARK: - LoRA on a whole model

/// Puts LoRA adapters into a model, and takes them out again.
///
/// Example:
/// ```swift
/// let adapters = LoRA.apply(to: model, targets: LoRATarget.queryValue, rank: 8, alpha: 8, rng: &rng)
/// print(ParameterBudget(of: model))     // trainable: 2·layers·8·(d + d)
/// LoRA.merge(in: model)                 // fold every update into its weight
/// ```
public enum LoRA {
    /// Freezes every parameter of `model`, then wraps each targeted `Linear` in a `LoRALinear`.
    ///
    /// - Parameters:
    ///   - model: any layer that lists its `Linear` slots (a `GPT`, a block, …).
    ///   - targets: which projections to adapt.
    ///   - rank, alpha, scaling, dropout: see `LoRALinear`.
    ///   - rng: initialises the A matrices, in slot order.
    /// - Returns: the new layers with their slot names, in slot order.
    @discardableResult
    // listing: lora-apply
    public static func apply(
        to model: any Layer, targets: Set<LoRATarget>, rank: Int, alpha: Float,
        scaling: LoRAScaling = .standard, dropout: Float = 0,
        rng: inout SplitMix64
    ) -> [(name: String, layer: LoRALinear)] {
        model.setTrainable(false)
        var added: [(name: String, layer: LoRALinear)] = []
        for slot in model.linearSlots() where targets.contains(where: { slot.name.hasSuffix($0.slotSuffix) }) {
            let lora = LoRALinear(
                wrapping: slot.layer, rank: rank, alpha: alpha, scaling: scaling, dropout: dropout,
                rng: &rng)
            slot.replace(with: lora)
            added.append((slot.name, lora))
        }
        precondition(!added.isEmpty, "no linear layer of the model matches the targets \(LoRATarget.label(targets))")
        return added
    }
    // listing: end

    /// Every LoRA layer in `model`, by slot name.
    public static func layers(in model: any Layer) -> [(name: String, layer: LoRALinear)] {
        model.linearSlots().compactMap { slot in (slot.layer as? LoRALinear).map { (slot.name, $0) } }
    }

    /// Folds every adapter's update into its weight (see `LoRALinear.merge()`).
    public static func merge(in model: any Layer) { for (_, layer) in layers(in: model) { layer.merge() } }

    /// Takes every adapter's update back out of its weight.
    public static func unmerge(in model: any Layer) { for (_, layer) in layers(in: model) { layer.unmerge() } }

    /// Puts the base layers back (unmerging first), leaving the model as it was.
    public static func remove(from model: any Layer) {
        for slot in model.linearSlots() {
            if let lora = slot.layer as? LoRALinear { slot.replace(with: lora.unwrapped()) }
        }
    }

    /// r·(in + out) per adapted matrix: the trainable numbers LoRA adds.
    ///
    /// - Parameter shapes: each adapted weight's `[out, in]`.
    public static func parameterCount(rank: Int, shapes: [[Int]]) -> Int {
        shapes.reduce(0) { $0 + rank * ($1[0] + $1[1]) }
    }
}
