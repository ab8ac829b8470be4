// MARK: - Fused affine map

extension Tensor {
    /// y = x·Wᵀ + b in one op: the bias is copied into every output row and the product
    /// accumulated onto it by BLAS (β = 1), instead of a product and then a broadcast add
    /// over the whole output.
    ///
    /// All leading axes of x fold into rows: `[..., in]` with W `[out, in]` gives `[..., out]`.
    ///
    /// Gradients, with G = dy as `[rows, out]`: dx = G·W, dW = Gᵀ·x, db = Σ_rows G —
    /// the first written with β = 0 when x has no gradient yet.
    ///
    /// - Parameters:
    ///   - weight: `[out, in]` (PyTorch's `nn.Linear` layout).
    ///   - bias: `[out]`, or nil for none.
    ///
    /// Example: `x.affine(weight: layer.weight, bias: layer.bias)` is `x.matmul(W, transposingRight: true) + b`.
    public func affine(weight: Tensor, bias: Tensor?) -> Tensor {
        precondition(
            rank >= 2 && weight.rank == 2,
            "affine needs [..., in] and [out, in], got \(shape) and \(weight.shape)")
        let inputs = shape[rank - 1], outputs = weight.shape[0]
        precondition(weight.shape[1] == inputs, "affine: input has \(inputs) features, weight is \(weight.shape)")
        if let bias { precondition(bias.shape == [outputs], "affine: bias \(bias.shape) for \(outputs) outputs") }
        let rows = count / Swift.max(inputs, 1)
        let output = Tensor(uninitializedShape: Array(shape.dropLast()) + [outputs])
        let y = output.pointer
        if let bias {
            for row in 0..<rows { (y + row * outputs).update(from: bias.pointer, count: outputs) }
        }
        if rows > 0 {
            sgemm(
                transposeA: false, transposeB: true, m: rows, n: outputs, k: inputs,
                a: pointer, leadingA: inputs, b: weight.pointer, leadingB: inputs,
                beta: bias == nil ? 0 : 1, c: y, leadingC: outputs)
        }
        let parents = bias.map { [self, weight, $0] } ?? [self, weight]
        return Tensor.recording(output, inputs: parents) { [self] gradient in
            let g = gradient.pointer
            guard rows > 0 else { return }
            if requiresGradient {
                let (dx, isFresh) = gradientForOverwrite()
                sgemm(
                    transposeA: false, transposeB: false, m: rows, n: inputs, k: outputs,
                    a: g, leadingA: outputs, b: weight.pointer, leadingB: inputs,
                    beta: isFresh ? 0 : 1, c: dx, leadingC: inputs)
            }
            if weight.requiresGradient {
                let (dw, isFresh) = weight.gradientForOverwrite()
                sgemm(
                    transposeA: true, transposeB: false, m: outputs, n: inputs, k: rows,
                    a: g, leadingA: outputs, b: pointer, leadingB: inputs,
                    beta: isFresh ? 0 : 1, c: dw, leadingC: inputs)
            }
            if let bias, bias.requiresGradient {
                let db = bias.gradientPointer
                for row in 0..<rows { addVectors(into: db, g + row * outputs, count: outputs) }
            }
        }
    }
}
