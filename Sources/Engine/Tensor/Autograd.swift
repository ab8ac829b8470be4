// MARK: - Recording

extension Tensor {
    /// Whether ops record the graph. A task-local value rather than a plain global: each
    /// task (and each thread outside tasks) sees its own, so tests running in parallel, or
    /// an evaluation task beside a training loop, cannot switch recording off for each
    /// other. Tensors themselves are still not thread-safe: share none between threads.
    @TaskLocal static var isGradientEnabled = true

    /// Whether ops currently record the graph (false inside `withoutGradient`).
    public static var gradientsAreEnabled: Bool { isGradientEnabled }

    /// Runs `body` without recording any graph: for inference, evaluation and optimizer
    /// updates. Nests, and restores the previous mode when `body` returns or throws.
    ///
    /// Example:
    /// ```swift
    /// let logits = Tensor.withoutGradient { model(tokens) }
    /// ```
    public static func withoutGradient<Result>(_ body: () throws -> Result) rethrows -> Result {
        try $isGradientEnabled.withValue(false, operation: body)
    }

    /// Makes an op's output: wraps `output`, and when gradients are on and an input needs
    /// them, records the inputs and `backward`, which receives the output's gradient and
    /// must ADD into the inputs' gradients (only those with `requiresGradient`).
    ///
    /// `backward` must not capture the output tensor itself (that would be a reference
    /// cycle); capture its `storage` if the values are needed.
    ///
    /// Public: an op defined in another module (Quantization's `NF4Linear`, whose weight is
    /// packed 4-bit codes rather than a tensor) records itself exactly as the engine's own.
    // listing: engine-recording
    public static func recording(
        _ output: Tensor, inputs: [Tensor],
        backward: @escaping (Tensor) -> Void
    ) -> Tensor {
        if isGradientEnabled && inputs.contains(where: { $0.requiresGradient }) {
            output.requiresGradient = true
            output.parents = inputs
            output.backwardFunction = backward
        }
        return output
    }
    // listing: end

    /// This tensor's gradient buffer, created as zeros on first use; kernels add into it.
    var gradientPointer: UnsafeMutablePointer<Float> {
        if let gradient { return gradient.pointer }
        let fresh = Tensor(shape: shape, repeating: 0)
        gradient = fresh
        return fresh.pointer
    }

    // MARK: - Backward

    /// Back-propagates from this tensor: every tensor it depends on that requires gradients
    /// gets d(self)/d(tensor) ADDED to its `gradient` (scaled by `seed`, ones by default,
    /// so a scalar loss needs no argument).
    ///
    /// A topological sort (iterative depth-first, as graphs of deep models overflow a
    /// recursive one) and a walk in reverse order. Afterwards the graph is released:
    /// intermediate tensors drop their parents, closures and gradients, so memory does not
    /// grow from step to step; leaves keep their gradients.
    ///
    /// - Parameter seed: the gradient of the final quantity with respect to this tensor;
    ///   defaults to ones.
    // listing: engine-backward
    public func backward(seed: Tensor? = nil) {
        // listing: elide
        precondition(
            requiresGradient,
            "backward() on a tensor that does not require gradients: no parameter was used, "
                + "or it ran inside withoutGradient")
        // listing: resume
        // Post-order depth-first search with an explicit stack: (node, children done?).
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(node: Tensor, expanded: Bool)] = [(self, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded { order.append(node); continue }
            guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))
            for parent in node.parents where !visited.contains(ObjectIdentifier(parent)) {
                stack.append((parent, false))
            }
        }
        // listing: elide
        let start = gradientPointer
        if let seed {
            precondition(seed.count == count, "seed of shape \(seed.shape) for a tensor of shape \(shape)")
            for index in 0..<count { start[index] += seed.pointer[index] }
        } else {
            for index in 0..<count { start[index] += 1 }
        }
        // listing: resume
        Tensor.withoutGradient {
            for node in order.reversed() {
                guard let function = node.backwardFunction, let gradient = node.gradient else { continue }
                function(gradient)
            }
        }
        for node in order where node.backwardFunction != nil {
            node.parents = []
            node.backwardFunction = nil
            node.gradient = nil
        }
    }
    // listing: end

    /// Forgets the accumulated gradient.
    public func zeroGradient() { gradient = nil }
}
