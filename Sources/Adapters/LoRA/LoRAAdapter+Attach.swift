import Engine

extension LoRAAdapter {
    /// The slots this adapter has A and B for (`blocks.0.attention.query`, …), sorted.
    public var layerNames: [String] {
        Set(
            tensors.keys.compactMap { name -> String? in
                for suffix in [".loraA", ".loraB"] where name.hasSuffix(suffix) {
                    return String(name.dropLast(suffix.count))
                }
                return nil
            }
        ).sorted()
    }

    /// Puts LoRA layers of this adapter's rank and α into exactly the slots it covers, then
    /// loads its A and B (`apply(to:file:)`): what loading an adapter onto a plain base model
    /// takes, without knowing which targets it was trained with.
    ///
    /// - Throws: `AdapterError.layerMismatch` for a slot the model lacks, and whatever
    ///   `apply` throws (wrong base, wrong shapes).
    public func attach(to model: any Layer, file: String = "adapter") throws {
        let slots = Dictionary(uniqueKeysWithValues: model.linearSlots().map { ($0.name, $0) })
        var rng = SplitMix64(seed: 0)  // A is overwritten by the adapter's own below
        for name in layerNames {
            guard let slot = slots[name] else {
                throw AdapterError.layerMismatch(file: file, name: name, reason: "the model has no such layer")
            }
            guard !(slot.layer is LoRALinear) else { continue }
            // Shapes before allocation: a layer of this rank is made only where A and B fit it.
            if let a = tensors[name + ".loraA"], let b = tensors[name + ".loraB"],
                a.shape != [rank, slot.layer.inputDimensions] || b.shape != [slot.layer.outputDimensions, rank]
            {
                throw AdapterError.layerMismatch(
                    file: file, name: name,
                    reason: "A \(a.shape) and B \(b.shape) in the adapter; the layer needs A [\(rank), "
                        + "\(slot.layer.inputDimensions)] and B [\(slot.layer.outputDimensions), \(rank)]")
            }
            model.setTrainable(false)
            slot.replace(with: LoRALinear(wrapping: slot.layer, rank: rank, alpha: alpha, scaling: scaling, rng: &rng))
        }
        try apply(to: model, file: file)
    }
}
