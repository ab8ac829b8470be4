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
        // One piece, like every op here: the forward pass and the backward closure that reuses its μ and r.
        let width = shape.last ?? 1
        precondition(
            weight.shape == [width] && bias.shape == [width],
            "layerNorm over \(width) features needs weight and bias of shape [\(width)], "
                + "got \(weight.shape), \(bias.shape)")
        let rows = count / Swift.max(width, 1)
        let output = Tensor(uninitializedShape: shape)
        var means = [Float](repeating: 0, count: rows)
        var reciprocals = [Float](repeating: 0, count: rows)
        let x = pointer, y = output.pointer, w = weight.pointer, b = bias.pointer
        for r in 0..<rows {
            let row = x + r * width, out = y + r * width
            let mean = rowSum(row, width) / Float(width)
            for j in 0..<width { out[j] = row[j] - mean }  // centred values, scaled below
            let squares = rowDot(out, out, width)
            let reciprocal = 1 / (squares / Float(width) + epsilon).squareRoot()
            means[r] = mean; reciprocals[r] = reciprocal
            for j in 0..<width { out[j] = out[j] * reciprocal * w[j] + b[j] }
        }
        return Tensor.recording(output, inputs: [self, weight, bias]) { [self] gradient in
            let g = gradient.pointer, x = pointer, w = weight.pointer
            // A fresh dx is overwritten (no zero fill); an existing one accumulated.
            let (dx, dxIsFresh): (UnsafeMutablePointer<Float>?, Bool) =
                requiresGradient ? gradientForOverwrite() : (nil, false)
            let dw = weight.requiresGradient ? weight.gradientPointer : nil
            let db = bias.requiresGradient ? bias.gradientPointer : nil
            for r in 0..<rows {
                let row = x + r * width, dy = g + r * width
                let mean = means[r], reciprocal = reciprocals[r]
                // Parameter gradients in their own loops: optional pointers inside one loop
                // would stop it from vectorising.
                if let dw { for j in 0..<width { dw[j] += dy[j] * (row[j] - mean) * reciprocal } }
                if let db { for j in 0..<width { db[j] += dy[j] } }
                guard let dx else { continue }
                // mean(d̂) and mean(d̂ ⊙ x̂) = (Σ dy⊙w⊙x − μ·Σ dy⊙w)·r / D, with vectorised sums.
                let destination = dx + r * width
                var dyw = SIMD16<Float>(repeating: 0), dywx = SIMD16<Float>(repeating: 0)
                var j = 0
                while j + 16 <= width {
                    let d =
                        UnsafeRawPointer(dy + j).loadUnaligned(as: SIMD16<Float>.self)
                        * UnsafeRawPointer(w + j).loadUnaligned(as: SIMD16<Float>.self)
                    dyw += d
                    dywx += d * UnsafeRawPointer(row + j).loadUnaligned(as: SIMD16<Float>.self)
                    j += 16
                }
                var sumD = dyw.sum(), sumDX = dywx.sum()
                while j < width { let d = dy[j] * w[j]; sumD += d; sumDX += d * row[j]; j += 1 }
                let meanD = sumD / Float(width)
                let meanDX = (sumDX - mean * sumD) * reciprocal / Float(width)
                if dxIsFresh {
                    for j in 0..<width {
                        let normalised = (row[j] - mean) * reciprocal
                        destination[j] = reciprocal * (dy[j] * w[j] - meanD - normalised * meanDX)
                    }
                } else {
                    for j in 0..<width {
                        let normalised = (row[j] - mean) * reciprocal
                        destination[j] += reciprocal * (dy[j] * w[j] - meanD - normalised * meanDX)
                    }
                }
            }
        }
    }
}
