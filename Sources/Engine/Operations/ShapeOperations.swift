// MARK: - Reshaping, transposing, slicing, joining

extension Tensor {
    /// The same elements under a new shape; shares storage (no copy). One axis may be −1,
    /// meaning "whatever is left".
    ///
    /// Gradient: the output gradient, reshaped back.
    ///
    /// Example: `x.reshaped([batch, time, heads, -1])  // [B, T, C] → [B, T, heads, C/heads]`
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var newShape = newShape
        if let unknown = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != unknown }.map(\.element).reduce(1, *)
            precondition(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
            newShape[unknown] = count / known
        }
        precondition(newShape.reduce(1, *) == count, "cannot reshape \(shape) (\(count) elements) to \(newShape)")
        let output = Tensor(shape: newShape, storage: storage)
        return Tensor.recording(output, inputs: [self]) { [self] gradient in
            adoptOrAddGradient(gradient)  // the same elements: share the buffer when possible
        }
    }

    /// The axes reordered: output axis `i` is input axis `axes[i]`. Copies.
    ///
    /// Gradient: the output gradient permuted back.
    ///
    /// Example: `q.permuted([0, 2, 1, 3])  // [B, T, heads, d] → [B, heads, T, d]`
    public func permuted(_ axes: [Int]) -> Tensor {
        precondition(axes.sorted() == Array(0..<rank), "\(axes) is not a permutation of the axes of \(shape)")
        let outputShape = axes.map { shape[$0] }
        let inputStrides = contiguousStrides(shape)
        let readStrides = axes.map { inputStrides[$0] }  // input stride for each output axis
        let output = Tensor(uninitializedShape: outputShape)
        let zeroStrides = [Int](repeating: 0, count: rank)
        let x = pointer, y = output.pointer
        forEachBroadcastRun(outputShape: outputShape, leftStrides: readStrides, rightStrides: zeroStrides) {
            outputOffset, inputOffset, _, length, inputStride, _ in
            for i in 0..<length { y[outputOffset + i] = x[inputOffset + i * inputStride] }
        }
        return Tensor.recording(output, inputs: [self]) { [self] gradient in
            let target = gradientPointer, g = gradient.pointer
            forEachBroadcastRun(outputShape: outputShape, leftStrides: readStrides, rightStrides: zeroStrides) {
                outputOffset, inputOffset, _, length, inputStride, _ in
                for i in 0..<length { target[inputOffset + i * inputStride] += g[outputOffset + i] }
            }
        }
    }

    /// Swaps two axes (negative counts from the end). Copies; see `permuted(_:)`.
    ///
    /// Example: `x.transposed(-2, -1)` transposes the last two axes.
    public func transposed(_ first: Int = -2, _ second: Int = -1) -> Tensor {
        var axes = Array(0..<rank)
        axes.swapAt(resolved(axis: first), resolved(axis: second))
        return permuted(axes)
    }

    /// The elements whose index along `axis` lies in `range`. Copies.
    ///
    /// Gradient: the output gradient scattered back into that range.
    ///
    /// Example: `qkv.sliced(alongAxis: -1, range: 0..<64)`
    public func sliced(alongAxis axis: Int, range: Range<Int>) -> Tensor {
        let axis = resolved(axis: axis)
        let (outer, size, inner) = splitAround(axis: axis)
        precondition(
            range.lowerBound >= 0 && range.upperBound <= size,
            "slice \(range) out of bounds for axis \(axis) of \(shape)")
        var outputShape = shape
        outputShape[axis] = range.count
        let output = Tensor(uninitializedShape: outputShape)
        let chunk = range.count * inner
        for o in 0..<outer {
            (output.pointer + o * chunk).update(from: pointer + (o * size + range.lowerBound) * inner, count: chunk)
        }
        return Tensor.recording(output, inputs: [self]) { [self] gradient in
            let target = gradientPointer, g = gradient.pointer
            for o in 0..<outer {
                let destination = target + (o * size + range.lowerBound) * inner, source = g + o * chunk
                for i in 0..<chunk { destination[i] += source[i] }
            }
        }
    }

    /// Joins tensors along `axis`; all other axes must match.
    ///
    /// Gradient: each input gets its slice of the output gradient.
    ///
    /// Example: `Tensor.concatenate([a, b], alongAxis: 0)  // [2, 3] and [4, 3] → [6, 3]`
    public static func concatenate(_ tensors: [Tensor], alongAxis axis: Int) -> Tensor {
        precondition(!tensors.isEmpty, "concatenate needs at least one tensor")
        let first = tensors[0]
        let axis = first.resolved(axis: axis)
        for tensor in tensors {
            var expected = first.shape, actual = tensor.shape
            precondition(
                expected.count == actual.count,
                "concatenate: ranks differ, \(first.shape) and \(tensor.shape)")
            expected[axis] = 0; actual[axis] = 0
            precondition(
                expected == actual,
                "concatenate along \(axis): shapes \(first.shape) and \(tensor.shape) differ elsewhere")
        }
        let outer = first.shape[..<axis].reduce(1, *), inner = first.shape[(axis + 1)...].reduce(1, *)
        let total = tensors.map { $0.shape[axis] }.reduce(0, +)
        var outputShape = first.shape
        outputShape[axis] = total
        let output = Tensor(uninitializedShape: outputShape)
        var start = 0
        var starts: [Int] = []
        for tensor in tensors {
            starts.append(start)
            let chunk = tensor.shape[axis] * inner
            for o in 0..<outer {
                (output.pointer + (o * total + start) * inner).update(from: tensor.pointer + o * chunk, count: chunk)
            }
            start += tensor.shape[axis]
        }
        return recording(output, inputs: tensors) { gradient in
            for (tensor, start) in zip(tensors, starts) where tensor.requiresGradient {
                let target = tensor.gradientPointer, chunk = tensor.shape[axis] * inner
                for o in 0..<outer {
                    let source = gradient.pointer + (o * total + start) * inner, destination = target + o * chunk
                    for i in 0..<chunk { destination[i] += source[i] }
                }
            }
        }
    }
}
