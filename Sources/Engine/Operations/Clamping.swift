// MARK: - Clamping and element-wise extremes

extension Tensor {
    /// Every element limited to `[lower, upper]`.
    ///
    /// Gradient: g where lower ≤ x ≤ upper (as PyTorch's `clamp`), 0 where the bound was
    /// taken — which is what makes PPO's clipped ratio stop pushing once it leaves 1 ± ε.
    ///
    /// Example: `ratio.clamped(to: 0.8...1.2)`
    public func clamped(to range: ClosedRange<Float>) -> Tensor {
        let (lower, upper) = (range.lowerBound, range.upperBound)
        return mapped(
            { Swift.min(Swift.max($0, lower), upper) },
            derivative: { x, _ in x >= lower && x <= upper ? 1 : 0 })
    }

    /// The larger of two same-shaped tensors, element by element.
    ///
    /// Gradient: g to whichever was larger; on a tie, to `left` only (one subgradient; the
    /// sum of both gradients is g either way).
    ///
    /// Example: `Tensor.maximum(unclipped, clipped)` — PPO's pessimistic bound on the loss.
    public static func maximum(_ left: Tensor, _ right: Tensor) -> Tensor {
        extreme(left, right, pickLeft: { $0 >= $1 })
    }

    /// The smaller of two same-shaped tensors; see `maximum`. Gradient to `left` on a tie.
    public static func minimum(_ left: Tensor, _ right: Tensor) -> Tensor {
        extreme(left, right, pickLeft: { $0 <= $1 })
    }

    private static func extreme(
        _ left: Tensor, _ right: Tensor,
        pickLeft: @escaping (Float, Float) -> Bool
    ) -> Tensor {
        precondition(left.shape == right.shape, "element-wise extreme of \(left.shape) and \(right.shape)")
        let output = Tensor(uninitializedShape: left.shape)
        let a = left.pointer, b = right.pointer, y = output.pointer
        for index in 0..<output.count { y[index] = pickLeft(a[index], b[index]) ? a[index] : b[index] }
        return recording(output, inputs: [left, right]) { gradient in
            let g = gradient.pointer, a = left.pointer, b = right.pointer
            let leftTarget = left.requiresGradient ? left.gradientPointer : nil
            let rightTarget = right.requiresGradient ? right.gradientPointer : nil
            for index in 0..<gradient.count {
                if pickLeft(a[index], b[index]) {
                    leftTarget?[index] += g[index]
                } else {
                    rightTarget?[index] += g[index]
                }
            }
        }
    }
}
