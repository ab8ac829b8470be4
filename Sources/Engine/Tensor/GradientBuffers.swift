// MARK: - Writing gradients without zero-filling

// `gradientPointer` creates a zeroed buffer that kernels then add into: for a fresh
// gradient that is one pass to zero it and one to add, where one pass of writing would do.
// In a GPT step most gradients are fresh (each activation has one consumer), so these
// helpers let backward passes write, copy or simply share instead.

extension Tensor {
    /// A buffer for this tensor's gradient and whether it is new. A new buffer is NOT
    /// initialised: the caller must overwrite every element (e.g. sgemm with β = 0);
    /// an existing one must be added into. Public for ops recorded outside the engine
    /// (see `recording(_:inputs:backward:)`).
    public func gradientForOverwrite() -> (pointer: UnsafeMutablePointer<Float>, isFresh: Bool) {
        if let gradient { return (gradient.pointer, false) }
        let fresh = Tensor(uninitializedShape: shape)
        gradient = fresh
        return (fresh.pointer, true)
    }

    /// Adds `incoming` (same element count) into this tensor's gradient. When there is none
    /// yet, the gradient *shares* `incoming`'s storage: no allocation, no copy.
    ///
    /// Sharing is safe because `incoming` is the gradient of an op's output, which nothing
    /// writes to once that op's backward pass runs. An op must let at most ONE of its inputs
    /// adopt a given buffer (two inputs sharing it would add into each other); the others
    /// use `addGradient(copying:)`.
    func adoptOrAddGradient(_ incoming: Tensor) {
        precondition(incoming.count == count, "gradient of \(incoming.count) elements for \(shape)")
        guard let gradient else {
            self.gradient = Tensor(shape: shape, storage: incoming.storage)
            return
        }
        addVectors(into: gradient.pointer, incoming.pointer, count: count)
    }

    /// Adds `count` values from `incoming` into this tensor's gradient, copying them into a
    /// new (uninitialised, so not zero-filled) buffer when there is no gradient yet.
    func addGradient(copying incoming: UnsafePointer<Float>) {
        let (target, isFresh) = gradientForOverwrite()
        if isFresh {
            target.update(from: incoming, count: count)
        } else {
            addVectors(into: target, incoming, count: count)
        }
    }
}

/// `target[i] += source[i]` for `count` elements (a loop the compiler vectorises).
@inline(__always)
func addVectors(into target: UnsafeMutablePointer<Float>, _ source: UnsafePointer<Float>, count: Int) {
    for index in 0..<count { target[index] += source[index] }
}
