import Engine

// MARK: - A copy of a model that shares nothing with it

extension GPT {
    /// A new model with the same config and a copy of every parameter: the starting point of
    /// a reward model, a value model or a reference, which must not share storage with the
    /// policy they are copied from.
    ///
    /// Copy BEFORE attaching adapters: a LoRA-wrapped model has parameters a plain GPT has
    /// no place for (the precondition names the first one missing).
    public func copied() -> GPT {
        var rng = SplitMix64(seed: 0)  // every parameter is overwritten below
        let copy = GPT(config: config, rng: &rng)
        var source: [String: Tensor] = [:]
        for (name, tensor) in namedParameters() { source[name] = tensor }
        for (name, tensor) in copy.namedParameters() {
            guard let original = source[name] else {
                preconditionFailure("copied(): the model has no parameter \(name); copy it before attaching adapters")
            }
            tensor.assign(original)
            tensor.requiresGradient = original.requiresGradient
        }
        copy.isTraining = isTraining
        return copy
    }
}
