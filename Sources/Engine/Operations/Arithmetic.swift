// MARK: - Element-wise arithmetic with broadcasting

/// Applies `operation` to aligned elements of two broadcastable tensors into `output`.
@inline(__always)
private func broadcastKernel(
    _ left: Tensor, _ right: Tensor, into output: Tensor,
    _ operation: (Float, Float) -> Float
) {
    let l = left.pointer, r = right.pointer, o = output.pointer
    if left.shape == right.shape {
        // Same shape: one flat loop the compiler vectorises.
        for index in 0..<output.count { o[index] = operation(l[index], r[index]) }
        return
    }
    if right.count == 1 {
        let value = r[0]
        for index in 0..<output.count { o[index] = operation(l[index], value) }
        return
    }
    forEachBroadcastRun(
        outputShape: output.shape,
        leftStrides: broadcastStrides(left.shape, to: output.shape),
        rightStrides: broadcastStrides(right.shape, to: output.shape)
    ) {
        outputOffset, leftOffset, rightOffset, length, leftStride, rightStride in
        if leftStride == 1 && rightStride == 1 {
            // The bias case: a row of the left operand with a whole row of the right one.
            for i in 0..<length { o[outputOffset + i] = operation(l[leftOffset + i], r[rightOffset + i]) }
        } else {
            for i in 0..<length {
                o[outputOffset + i] = operation(l[leftOffset + i * leftStride], r[rightOffset + i * rightStride])
            }
        }
    }
}

/// Adds `term(outputGradient, outputValue, otherOperand)` into `target`'s gradient, summing
/// over the axes along which `target` was broadcast.
@inline(__always)
private func accumulateBroadcastGradient(
    into target: Tensor, outputGradient: Tensor,
    outputValues: UnsafeMutablePointer<Float>, other: Tensor,
    _ term: (Float, Float, Float) -> Float
) {
    let t = target.gradientPointer, g = outputGradient.pointer, y = outputValues, b = other.pointer
    let shape = outputGradient.shape
    if target.shape == shape && other.shape == shape {
        for index in 0..<outputGradient.count { t[index] += term(g[index], y[index], b[index]) }
        return
    }
    forEachBroadcastRun(
        outputShape: shape,
        leftStrides: broadcastStrides(target.shape, to: shape),
        rightStrides: broadcastStrides(other.shape, to: shape)
    ) {
        outputOffset, targetOffset, otherOffset, length, targetStride, otherStride in
        // Unit strides (a bias row, a residual) get loops the compiler can vectorise.
        if targetStride == 1 && otherStride == 1 {
            for i in 0..<length {
                t[targetOffset + i] += term(g[outputOffset + i], y[outputOffset + i], b[otherOffset + i])
            }
        } else if targetStride == 1 && otherStride == 0 {
            let other = b[otherOffset]
            for i in 0..<length { t[targetOffset + i] += term(g[outputOffset + i], y[outputOffset + i], other) }
        } else {
            for i in 0..<length {
                t[targetOffset + i * targetStride] += term(
                    g[outputOffset + i], y[outputOffset + i],
                    b[otherOffset + i * otherStride])
            }
        }
    }
}

extension Tensor {
    /// `left + right`, broadcasting as NumPy does (trailing axes aligned, size 1 stretches).
    ///
    /// Gradient: the output gradient, summed over broadcast axes, to both.
    ///
    /// Example: `x + bias` with x `[B, T, C]` and bias `[C]`.
    public static func + (left: Tensor, right: Tensor) -> Tensor {
        let output = Tensor(uninitializedShape: broadcastShape(left.shape, right.shape))
        broadcastKernel(left, right, into: output, +)
        let values = output.storage
        return recording(output, inputs: [left, right]) { gradient in
            // A residual connection: an operand of the output's own size takes the gradient
            // as it is — the first one shares the buffer, the second copies it.
            var adopted = false
            if left.requiresGradient {
                if left.count == gradient.count {
                    left.adoptOrAddGradient(gradient)
                    adopted = true
                } else {
                    accumulateBroadcastGradient(
                        into: left, outputGradient: gradient, outputValues: values.pointer,
                        other: right
                    ) { g, _, _ in g }
                }
            }
            if right.requiresGradient && right.count == gradient.count {
                if adopted { right.addGradient(copying: gradient.pointer) } else { right.adoptOrAddGradient(gradient) }
            } else if right.requiresGradient {
                accumulateBroadcastGradient(
                    into: right, outputGradient: gradient, outputValues: values.pointer,
                    other: left
                ) { g, _, _ in g }
            }
        }
    }

    /// `left − right`, broadcasting. Gradient: +g to the left, −g to the right.
    public static func - (left: Tensor, right: Tensor) -> Tensor {
        let output = Tensor(uninitializedShape: broadcastShape(left.shape, right.shape))
        broadcastKernel(left, right, into: output, -)
        let values = output.storage
        return recording(output, inputs: [left, right]) { gradient in
            if left.requiresGradient {
                accumulateBroadcastGradient(
                    into: left, outputGradient: gradient, outputValues: values.pointer,
                    other: right
                ) { g, _, _ in g }
            }
            if right.requiresGradient {
                accumulateBroadcastGradient(
                    into: right, outputGradient: gradient, outputValues: values.pointer,
                    other: left
                ) { g, _, _ in -g }
            }
        }
    }

    /// `left ⊙ right` (element-wise), broadcasting. Gradient: g·right and g·left.
    public static func * (left: Tensor, right: Tensor) -> Tensor {
        let output = Tensor(uninitializedShape: broadcastShape(left.shape, right.shape))
        broadcastKernel(left, right, into: output, *)
        let values = output.storage
        return recording(output, inputs: [left, right]) { gradient in
            if left.requiresGradient {
                accumulateBroadcastGradient(
                    into: left, outputGradient: gradient, outputValues: values.pointer,
                    other: right
                ) { g, _, b in g * b }
            }
            if right.requiresGradient {
                accumulateBroadcastGradient(
                    into: right, outputGradient: gradient, outputValues: values.pointer,
                    other: left
                ) { g, _, a in g * a }
            }
        }
    }

    /// `left / right` (element-wise), broadcasting.
    ///
    /// Gradient: g / right to the left; −g·a/b² = −g·y/b to the right (y the output).
    public static func / (left: Tensor, right: Tensor) -> Tensor {
        let output = Tensor(uninitializedShape: broadcastShape(left.shape, right.shape))
        broadcastKernel(left, right, into: output, /)
        let values = output.storage
        return recording(output, inputs: [left, right]) { gradient in
            if left.requiresGradient {
                accumulateBroadcastGradient(
                    into: left, outputGradient: gradient, outputValues: values.pointer,
                    other: right
                ) { g, _, b in g / b }
            }
            if right.requiresGradient {
                // Here the "other" operand must be the right one itself (b), read with its strides.
                let shape = gradient.shape
                let t = right.gradientPointer, g = gradient.pointer, y = values.pointer, b = right.pointer
                forEachBroadcastRun(
                    outputShape: shape,
                    leftStrides: broadcastStrides(right.shape, to: shape),
                    rightStrides: broadcastStrides(right.shape, to: shape)
                ) {
                    outputOffset, rightOffset, _, length, rightStride, _ in
                    for i in 0..<length {
                        let position = rightOffset + i * rightStride
                        t[position] -= g[outputOffset + i] * y[outputOffset + i] / b[position]
                    }
                }
            }
        }
    }

    /// Element-wise negation.
    public static prefix func - (tensor: Tensor) -> Tensor { tensor.scaled(by: -1) }
}
