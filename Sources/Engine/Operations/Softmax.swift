import Foundation

// MARK: - Softmax and log-softmax

extension Tensor {
    /// softmax(x)ᵢ = e^(xᵢ − max x) / Σⱼ e^(xⱼ − max x) along `axis`.
    ///
    /// Subtracting the maximum changes nothing mathematically and keeps e^x from
    /// overflowing for large logits. The last axis (attention scores, logits) takes a
    /// contiguous fast path.
    ///
    /// Gradient: dx = y ⊙ (dy − Σ dy⊙y), the sum along the axis.
    ///
    /// Example: `scores.softmax(alongAxis: -1)` — each row sums to 1.
    public func softmax(alongAxis axis: Int = -1) -> Tensor {
        let (outer, size, inner) = splitAround(axis: resolved(axis: axis))
        let output = Tensor(uninitializedShape: shape)
        let x = pointer, y = output.pointer
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * size * inner + i
                if inner == 1 {
                    softmaxRow(x + base, y + base, size)
                } else {
                    var maximum = -Float.infinity
                    for s in 0..<size { maximum = Swift.max(maximum, x[base + s * inner]) }
                    var total: Float = 0
                    for s in 0..<size {
                        let e = fastExp(x[base + s * inner] - maximum)
                        y[base + s * inner] = e; total += e
                    }
                    let reciprocal = 1 / total
                    for s in 0..<size { y[base + s * inner] *= reciprocal }
                }
            }
        }
        let values = output.storage
        return Tensor.recording(output, inputs: [self]) { [self] gradient in
            let target = gradientPointer, g = gradient.pointer, y = values.pointer
            if inner == 1 {
                for o in 0..<outer {
                    let row = o * size
                    let dot = rowDot(g + row, y + row, size)
                    for s in 0..<size { target[row + s] += y[row + s] * (g[row + s] - dot) }
                }
                return
            }
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * size * inner + i
                    var dot: Float = 0
                    for s in 0..<size { dot += g[base + s * inner] * y[base + s * inner] }
                    for s in 0..<size {
                        let p = base + s * inner
                        target[p] += y[p] * (g[p] - dot)
                    }
                }
            }
        }
    }

    /// log softmax(x)ᵢ = xᵢ − max − log Σⱼ e^(xⱼ − max) along `axis`, computed without
    /// forming softmax (no log of an underflowed 0).
    ///
    /// Gradient: dx = dy − softmax ⊙ Σ dy.
    public func logSoftmax(alongAxis axis: Int = -1) -> Tensor {
        let (outer, size, inner) = splitAround(axis: resolved(axis: axis))
        let output = Tensor(uninitializedShape: shape)
        let x = pointer, y = output.pointer
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * size * inner + i
                var maximum = -Float.infinity
                for s in 0..<size { maximum = Swift.max(maximum, x[base + s * inner]) }
                var total: Float = 0
                for s in 0..<size { total += fastExp(x[base + s * inner] - maximum) }
                let logNormaliser = maximum + Foundation.log(total)
                for s in 0..<size { y[base + s * inner] = x[base + s * inner] - logNormaliser }
            }
        }
        let values = output.storage
        return Tensor.recording(output, inputs: [self]) { [self] gradient in
            let target = gradientPointer, g = gradient.pointer, y = values.pointer
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * size * inner + i
                    var total: Float = 0
                    for s in 0..<size { total += g[base + s * inner] }
                    for s in 0..<size {
                        let p = base + s * inner
                        target[p] += g[p] - fastExp(y[p]) * total
                    }
                }
            }
        }
    }
}

/// Softmax of one contiguous row of `count` values from `input` into `output`: a vectorised
/// maximum, a loop of exponentials with no reduction in it (so it vectorises), a vectorised
/// sum, a scaling.
@inline(__always)
func softmaxRow(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ count: Int) {
    exponentiate(input, subtracting: rowMaximum(input, count), into: output, count: count)
    let reciprocal = 1 / rowSum(output, count)
    for j in 0..<count { output[j] *= reciprocal }
}
