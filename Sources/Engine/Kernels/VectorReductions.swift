// MARK: - Vectorised reductions over a row

// A Float sum is not associative, so the compiler may not split `total += x[i]` across
// SIMD lanes on its own: these do it explicitly with 16 lanes (one AVX-512 register, two
// AVX2 ones), then finish the tail one element at a time. The order of additions differs
// from a plain loop — the last bits of the result can too. `@inlinable` plus
// `@inline(__always)`: inlined into the kernels of other files even in a debug build.

@inlinable @inline(__always)
func load16(_ pointer: UnsafePointer<Float>, _ index: Int) -> SIMD16<Float> {
    UnsafeRawPointer(pointer + index).loadUnaligned(as: SIMD16<Float>.self)
}

/// The largest of `count` values (−∞ for none).
@inlinable @inline(__always)
func rowMaximum(_ values: UnsafePointer<Float>, _ count: Int) -> Float {
    var lanes = SIMD16<Float>(repeating: -.infinity)
    var index = 0
    while index + 16 <= count {
        // A compare and a blend; `pointwiseMax` lowers to a scalar loop here.
        let next = load16(values, index)
        lanes.replace(with: next, where: next .> lanes)
        index += 16
    }
    var result = lanes.max()
    while index < count { result = Swift.max(result, values[index]); index += 1 }
    return result
}

/// The sum of `count` values.
@inlinable @inline(__always)
func rowSum(_ values: UnsafePointer<Float>, _ count: Int) -> Float {
    var lanes = SIMD16<Float>(repeating: 0)
    var index = 0
    while index + 16 <= count {
        lanes += load16(values, index)
        index += 16
    }
    var result = lanes.sum()
    while index < count { result += values[index]; index += 1 }
    return result
}

/// Σ aᵢ·bᵢ over `count` values.
@inlinable @inline(__always)
func rowDot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
    var lanes = SIMD16<Float>(repeating: 0)
    var index = 0
    while index + 16 <= count {
        lanes += load16(a, index) * load16(b, index)
        index += 16
    }
    var result = lanes.sum()
    while index < count { result += a[index] * b[index]; index += 1 }
    return result
}
