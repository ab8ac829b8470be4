// MARK: - Fused layer normalisation

extension Tensor {
    /// Normalises each row over the last axis, then scales and shifts:
    /// y = (x − μ)/√(σ² + ε) ⊙ weight + bias, with μ, σ² the row's mean and (biased) variance.
    ///
    /// Fused: the forward pass keeps only μ and 1/√(σ²+ε) per row; the backward pass is
    /// the closed form, with x̂ = (x − μ)·r and d̂ = dy ⊙ weight:
    /// dx = r·(d̂ − mean(d̂) − x̂·mean(d̂ ⊙ x̂)), dweight = Σ dy ⊙ x̂, dbias = Σ dy.
    ///
    /// - Parameters:
    ///   - weight: `[D]` scale (γ).
    ///   - bias: `[D]` shift (β).
    ///   - epsilon: added to the variance so a constant row does not divide by zero.
    ///
    /// Example: `x.layerNorm(weight: gamma, bias: beta)` for x `[B, T, D]`.
    public func layerNorm(weight: Tensor, bias: Tensor, epsilon: Float = 1e-5) -> Tensor {
        let width = shape.last ?? 1
        precondition(weight.shape == [width] && bias.shape == [width],
                     "layerNorm over \(width) features needs weight and bias of shape [\(width)], got \(weight.shape), \(bias.shape)")
        let rows = count / Swift.max(width, 1)
        let output = Tensor(uninitializedShape: shape)
        var means = [Float](repeating: 0, count: rows)
        var reciprocals = [Float](repeating: 0, count: rows)
        let x = pointer, y = output.pointer, w = weight.pointer, b = bias.pointer
        for r in 0..<rows {
            let row = x + r * width, out = y + r * width
            var sum: Float = 0
            for j in 0..<width { sum += row[j] }
            let mean = sum / Float(width)
            var squares: Float = 0
            for j in 0..<width { let d = row[j] - mean; squares += d * d }
            let reciprocal = 1 / (squares / Float(width) + epsilon).squareRoot()
            means[r] = mean; reciprocals[r] = reciprocal
            for j in 0..<width { out[j] = (row[j] - mean) * reciprocal * w[j] + b[j] }
        }
        return Tensor.recording(output, inputs: [self, weight, bias]) { [self] gradient in
            let g = gradient.pointer, x = pointer, w = weight.pointer
            let dx = requiresGradient ? gradientPointer : nil
            let dw = weight.requiresGradient ? weight.gradientPointer : nil
            let db = bias.requiresGradient ? bias.gradientPointer : nil
            for r in 0..<rows {
                let row = x + r * width, dy = g + r * width
                let mean = means[r], reciprocal = reciprocals[r]
                var meanD: Float = 0, meanDX: Float = 0
                for j in 0..<width {
                    let normalised = (row[j] - mean) * reciprocal
                    let d = dy[j] * w[j]
                    meanD += d; meanDX += d * normalised
                    dw?[j] += dy[j] * normalised
                    db?[j] += dy[j]
                }
                meanD /= Float(width); meanDX /= Float(width)
                if let dx {
                    let destination = dx + r * width
                    for j in 0..<width {
                        let normalised = (row[j] - mean) * reciprocal
                        destination[j] += reciprocal * (dy[j] * w[j] - meanD - normalised * meanDX)
                    }
                }
            }
        }
    }
}
