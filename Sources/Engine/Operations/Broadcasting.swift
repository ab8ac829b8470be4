// MARK: - Shapes and broadcasting (NumPy rules)

/// Row-major element strides of `shape`: the last axis has stride 1.
func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var running = 1
    for axis in stride(from: shape.count - 1, through: 0, by: -1) {
        strides[axis] = running
        running *= shape[axis]
    }
    return strides
}

/// The shape two operands broadcast to, aligning trailing axes; a size-1 axis stretches.
///
/// Example: `[4, 1, 3]` and `[5, 3]` broadcast to `[4, 5, 3]`.
public func broadcastShape(_ left: [Int], _ right: [Int]) -> [Int] {
    let rank = Swift.max(left.count, right.count)
    var result = [Int](repeating: 1, count: rank)
    for axis in 0..<rank {
        let l = axis - (rank - left.count) >= 0 ? left[axis - (rank - left.count)] : 1
        let r = axis - (rank - right.count) >= 0 ? right[axis - (rank - right.count)] : 1
        precondition(l == r || l == 1 || r == 1, "shapes \(left) and \(right) do not broadcast")
        result[axis] = l == 1 ? r : l
    }
    return result
}

/// Strides to read an operand of `shape` as if it had `outputShape`: 0 along stretched axes.
func broadcastStrides(_ shape: [Int], to outputShape: [Int]) -> [Int] {
    let own = contiguousStrides(shape)
    let offset = outputShape.count - shape.count
    return (0..<outputShape.count).map { axis in
        let inner = axis - offset
        return inner < 0 || shape[inner] == 1 ? 0 : own[inner]
    }
}

/// Visits the output of a broadcast binary op one innermost run at a time.
///
/// `body(outputOffset, leftOffset, rightOffset, length, leftStride, rightStride)` handles
/// `length` consecutive output elements; the operands advance by their strides (0 or 1 for
/// a contiguous operand). An odometer over the outer axes: no allocation per element.
func forEachBroadcastRun(
    outputShape: [Int], leftStrides: [Int], rightStrides: [Int],
    _ body: (Int, Int, Int, Int, Int, Int) -> Void
) {
    let rank = outputShape.count
    if rank == 0 { body(0, 0, 0, 1, 0, 0); return }
    let length = outputShape[rank - 1]
    let outer = outputShape.dropLast().reduce(1, *)
    if length == 0 || outer == 0 { return }
    var index = [Int](repeating: 0, count: rank)
    var leftOffset = 0, rightOffset = 0
    for row in 0..<outer {
        body(row * length, leftOffset, rightOffset, length, leftStrides[rank - 1], rightStrides[rank - 1])
        // Advance the odometer over the outer axes.
        var axis = rank - 2
        while axis >= 0 {
            index[axis] += 1
            leftOffset += leftStrides[axis]
            rightOffset += rightStrides[axis]
            if index[axis] < outputShape[axis] { break }
            leftOffset -= leftStrides[axis] * index[axis]
            rightOffset -= rightStrides[axis] * index[axis]
            index[axis] = 0
            axis -= 1
        }
    }
}
