// MARK: - Sums and means

extension Tensor {
    /// Views the shape as `[outer, axisSize, inner]` around `axis`: the layout every
    /// along-an-axis kernel (sums, softmax, slicing) loops over.
    func splitAround(axis: Int) -> (outer: Int, size: Int, inner: Int) {
        precondition(axis >= 0 && axis < rank, "axis \(axis) out of range for shape \(shape)")
        return (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    /// Resolves a negative axis (−1 is the last) to its position.
    func resolved(axis: Int) -> Int {
        let resolved = axis < 0 ? axis + rank : axis
        precondition(resolved >= 0 && resolved < rank, "axis \(axis) out of range for shape \(shape)")
        return resolved
    }

    /// The sum along one axis, which is removed (or kept with size 1).
    ///
    /// Gradient: the output gradient copied back along the summed axis.
    ///
    /// - Parameters:
    ///   - axis: the axis to sum over; negative counts from the end.
    ///   - keepingDimension: keep the axis with size 1, so the result broadcasts against
    ///     the input.
    ///
    /// Example: `x.sum(alongAxis: -1, keepingDimension: true)` for `[B, T, C]` is `[B, T, 1]`.
    public func sum(alongAxis axis: Int, keepingDimension: Bool = false) -> Tensor {
        let axis = resolved(axis: axis)
        let (outer, size, inner) = splitAround(axis: axis)
        var outputShape = shape
        if keepingDimension { outputShape[axis] = 1 } else { outputShape.remove(at: axis) }
        let output = Tensor(shape: outputShape, repeating: 0)
        let x = pointer, y = output.pointer
        for o in 0..<outer {
            for s in 0..<size {
                let row = x + (o * size + s) * inner, destination = y + o * inner
                for i in 0..<inner { destination[i] += row[i] }
            }
        }
        return Tensor.recording(output, inputs: [self]) { [self] gradient in
            let target = gradientPointer, g = gradient.pointer
            for o in 0..<outer {
                for s in 0..<size {
                    let row = target + (o * size + s) * inner, source = g + o * inner
                    for i in 0..<inner { row[i] += source[i] }
                }
            }
        }
    }

    /// The sum of all elements, as a tensor of shape `[]`. Gradient: g to every element.
    public func sum() -> Tensor {
        var total: Double = 0  // accumulate in Double: a long Float sum loses digits
        let x = pointer
        for index in 0..<count { total += Double(x[index]) }
        let output = Tensor(Float(total))
        return Tensor.recording(output, inputs: [self]) { [self] gradient in
            let target = gradientPointer, g = gradient.pointer[0]
            for index in 0..<count { target[index] += g }
        }
    }

    /// The mean along one axis; see `sum(alongAxis:keepingDimension:)`.
    public func mean(alongAxis axis: Int, keepingDimension: Bool = false) -> Tensor {
        let size = shape[resolved(axis: axis)]
        return sum(alongAxis: axis, keepingDimension: keepingDimension).scaled(by: 1 / Float(size))
    }

    /// The mean of all elements, as a tensor of shape `[]`.
    public func mean() -> Tensor { sum().scaled(by: 1 / Float(count)) }
}

// MARK: - Argmax

extension Tensor {
    /// The index of the largest value along the last axis, for every row: `[..., n] → [...]`
    /// flattened. Ties go to the lowest index (as `torch.argmax` does). No gradient.
    ///
    /// Example: `logits.argmaxAlongLastAxis()   // [B, T, V] → B·T token ids, greedy`
    public func argmaxAlongLastAxis() -> [Int] {
        precondition(rank >= 1 && shape[rank - 1] > 0, "argmax needs a non-empty last axis, got \(shape)")
        let width = shape[rank - 1]
        return (0..<(count / width)).map { Tensor.argmax(pointer + $0 * width, count: width) }
    }

    /// The index of the largest of `count` values; the lowest index on ties.
    public static func argmax(_ values: UnsafePointer<Float>, count: Int) -> Int {
        var best = 0
        for index in 1..<Swift.max(count, 1) where values[index] > values[best] { best = index }
        return best
    }
}
