// MARK: - Dropout and masks

extension Tensor {
    /// Inverted dropout: each element is zeroed with probability p and the survivors are
    /// scaled by 1/(1 − p), so the expected value is unchanged and evaluation needs no
    /// rescaling.
    ///
    /// Returns `self` unchanged when `training` is false or p = 0 (the caller says which;
    /// the gradient mode is deliberately not taken as a hint).
    ///
    /// - Parameters:
    ///   - probability: p in [0, 1).
    ///   - training: whether to drop at all.
    ///   - rng: the seeded generator; advanced by one draw per element when dropping.
    ///
    /// Example: `hidden.dropout(probability: 0.1, training: true, rng: &rng)`
    public func dropout(probability: Float, training: Bool = true, rng: inout SplitMix64) -> Tensor {
        precondition(probability >= 0 && probability < 1, "dropout probability \(probability) not in [0, 1)")
        guard training && probability > 0 else { return self }
        let keep = TensorStorage(count: count)  // the scale each element was multiplied by
        let scale = 1 / (1 - probability)
        for index in 0..<count { keep.pointer[index] = rng.nextUniform() < probability ? 0 : scale }
        let output = Tensor(uninitializedShape: shape)
        let x = pointer, y = output.pointer, k = keep.pointer
        for index in 0..<count { y[index] = x[index] * k[index] }
        return Tensor.recording(output, inputs: [self]) { [self] gradient in
            // Read through `keep` (captured) so the mask lives as long as the graph does.
            let target = gradientPointer, g = gradient.pointer, k = keep.pointer
            for index in 0..<count { target[index] += g[index] * k[index] }
        }
    }

    /// Replaces elements where `mask` is non-zero with `value`; `mask`'s shape must be a
    /// suffix of this shape (e.g. `[T, T]` for scores `[B, heads, T, T]`).
    ///
    /// Gradient: passes through where the mask is zero, nothing where it was filled.
    ///
    /// Example: `scores.maskedFill(mask: padding, value: -.infinity)`
    public func maskedFill(mask: Tensor, value: Float) -> Tensor {
        precondition(
            mask.rank <= rank && Array(shape.suffix(mask.rank)) == mask.shape,
            "mask of shape \(mask.shape) must match the trailing axes of \(shape)")
        let period = mask.count
        let output = Tensor(uninitializedShape: shape)
        let x = pointer, y = output.pointer, m = mask.pointer
        for index in 0..<count { y[index] = m[index % period] != 0 ? value : x[index] }
        return Tensor.recording(output, inputs: [self]) { [self] gradient in
            let target = gradientPointer, g = gradient.pointer, m = mask.pointer
            for index in 0..<count where m[index % period] == 0 { target[index] += g[index] }
        }
    }

    /// Causal masking for attention scores `[..., T, T]`: entries above the diagonal
    /// (a query looking at a later key) become `value`, −∞ by default, so softmax gives
    /// them weight 0. No mask tensor is built.
    ///
    /// Gradient: passes through on and below the diagonal.
    // listing: causal-mask
    public func causallyMasked(value: Float = -.infinity) -> Tensor {
        precondition(rank >= 2, "causal mask needs [..., T, T], got \(shape)")
        let rows = shape[rank - 2], columns = shape[rank - 1]
        let matrices = count / Swift.max(rows * columns, 1)
        let output = Tensor(uninitializedShape: shape)
        let x = pointer, y = output.pointer
        for matrix in 0..<matrices {
            for i in 0..<rows {
                let base = (matrix * rows + i) * columns
                let visible = Swift.min(i + 1, columns)
                for j in 0..<visible { y[base + j] = x[base + j] }
                for j in visible..<columns { y[base + j] = value }
            }
        }
        return Tensor.recording(output, inputs: [self]) { [self] gradient in
            let target = gradientPointer, g = gradient.pointer
            for matrix in 0..<matrices {
                for i in 0..<rows {
                    let base = (matrix * rows + i) * columns
                    for j in 0..<Swift.min(i + 1, columns) { target[base + j] += g[base + j] }
                }
            }
        }
    }
    // listing: end
}
