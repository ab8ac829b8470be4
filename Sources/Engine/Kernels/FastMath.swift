// MARK: - A vectorisable exponential

/// eˣ for Float to within ~2 ulp, written so loops of it vectorise (glibc's `expf` is
/// a function call per element, several times slower in softmax and GELU).
///
/// Range reduction x = n·ln 2 + r with |r| ≤ ln 2 / 2, then Cephes' degree-6 polynomial
/// for eʳ, then the exponent n added to the float's exponent bits. n is rounded with the
/// 1.5·2²³ trick (adding it leaves n in the low mantissa bits) instead of a checked
/// Float→Int conversion, which would branch. Inputs below −87.3 give 0 (so −∞ masks work),
/// above 88 they are clamped (e^88 ≈ 1.7e38).
///
/// `@inlinable` so that other files and modules inline it even in a debug build (which
/// compiles file by file and would otherwise call it, one element at a time).
///
/// Example: `fastExp(1) ≈ 2.7182817`
@inlinable @inline(__always)
public func fastExp(_ x: Float) -> Float {
    let clamped = Swift.min(Swift.max(x, -87.3), 88.0)
    let magic: Float = 12_582_912  // 1.5·2²³
    let shifted = clamped * 1.442_695_04 + magic  // x·log₂e, rounded to nearest
    let n = shifted - magic
    let integer = Int32(bitPattern: shifted.bitPattern) &- 0x4B40_0000
    // r = x − n·ln 2, with ln 2 split in two so the product is exact.
    let r = clamped - n * 0.693_359_375 + n * 2.121_944_4e-4
    var p: Float = 1.987_569_15e-4
    p = p * r + 1.398_199_950_7e-3
    p = p * r + 8.333_451_907_3e-3
    p = p * r + 4.166_579_589_4e-2
    p = p * r + 1.666_666_545_9e-1
    p = p * r + 5.000_000_120_1e-1
    let expR = p * r * r + r + 1
    let scale = Float(bitPattern: UInt32(bitPattern: (integer &+ 127) &<< 23))
    return x < -87.3 ? 0 : expR * scale
}

/// `output[j] = e^(input[j] − shift)` for `count` elements. `output` should not overlap
/// `input`: the vectoriser's overlap check would then fall back to a scalar loop.
///
/// Kernels in other files call this once per row rather than `fastExp` per element: a
/// debug build compiles file by file and does not inline across files, and a call per
/// element would stop the loop from vectorising.
func exponentiate(
    _ input: UnsafePointer<Float>, subtracting shift: Float,
    into output: UnsafeMutablePointer<Float>, count: Int
) {
    for j in 0..<count { output[j] = fastExp(input[j] - shift) }
}

/// Calls `body(chunkStart, chunkCount, scratch)` over `0..<count` in chunks of at most 1024
/// with a stack-allocated scratch of 2 × 1024 Floats (two rows, so that an input row and
/// an output row do not overlap): element-wise kernels that need a
/// temporary (e.g. GELU's exponentials) use it without allocating a tensor-sized buffer.
func forEachChunk(of count: Int, _ body: (Int, Int, UnsafeMutablePointer<Float>) -> Void) {
    let chunk = 1024
    withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * chunk) { scratch in
        var start = 0
        while start < count {
            body(start, Swift.min(chunk, count - start), scratch.baseAddress!)
            start += chunk
        }
    }
}

// MARK: - Eight at a time

/// `fastExp` on eight lanes at once, spelled with SIMD types so it vectorises whatever the
/// surrounding loop looks like (the scalar version relies on the loop vectoriser, which
/// gives up when pointers might alias or indices might overflow).
@inlinable @inline(__always)
func fastExp(_ x: SIMD8<Float>) -> SIMD8<Float> {
    // Compare-and-blend clamps: `clamped(lowerBound:upperBound:)` lowers to a generic call.
    var clamped = x
    clamped.replace(with: -87.3, where: clamped .< -87.3)
    clamped.replace(with: 88.0, where: clamped .> 88.0)
    let magic = SIMD8<Float>(repeating: 12_582_912)
    let shifted = clamped * 1.442_695_04 + magic
    let n = shifted - magic
    let integer = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000  // the bits, reinterpreted
    let r = clamped - n * 0.693_359_375 + n * 2.121_944_4e-4
    var p = SIMD8<Float>(repeating: 1.987_569_15e-4)
    p = p * r + 1.398_199_950_7e-3
    p = p * r + 8.333_451_907_3e-3
    p = p * r + 4.166_579_589_4e-2
    p = p * r + 1.666_666_545_9e-1
    p = p * r + 5.000_000_120_1e-1
    let expR = p * r * r + r + 1
    let scale = unsafeBitCast((integer &+ 127) &<< 23, to: SIMD8<Float>.self)
    var result = expR * scale
    result.replace(with: 0, where: x .< -87.3)
    return result
}

/// Loads eight Floats from `pointer + index` (unaligned).
@inlinable @inline(__always)
func load8(_ pointer: UnsafePointer<Float>, _ index: Int) -> SIMD8<Float> {
    UnsafeRawPointer(pointer + index).loadUnaligned(as: SIMD8<Float>.self)
}

/// Stores eight Floats at `pointer + index` (unaligned).
@inlinable @inline(__always)
func store8(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>, _ index: Int) {
    UnsafeMutableRawPointer(pointer + index).storeBytes(of: value, as: SIMD8<Float>.self)
}
