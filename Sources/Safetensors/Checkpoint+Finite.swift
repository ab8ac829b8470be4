import Engine

// MARK: - Non-finite values are refused, in and out

extension Checkpoint {
    /// Throws for the first NaN or ±infinity in `tensor`, naming it and the index: one NaN
    /// weight makes every logit NaN, and sampling then quietly picks a stop token.
    /// - Throws: `CheckpointError.nonFiniteValue`.
    public static func checkFinite(_ tensor: Tensor, name: String, file: String) throws {
        let pointer = tensor.pointer
        for index in 0..<tensor.count where !pointer[index].isFinite {
            throw CheckpointError.nonFiniteValue(file: file, tensor: name, index: index, value: pointer[index])
        }
    }

    /// Checks every float tensor (in name order, so the error is the same each run).
    /// - Throws: `CheckpointError.nonFiniteValue` for the first non-finite value.
    public func checkFinite(file: String) throws {
        for (name, tensor) in tensors.sorted(by: { $0.key < $1.key }) {
            try Checkpoint.checkFinite(tensor, name: name, file: file)
        }
    }
}
