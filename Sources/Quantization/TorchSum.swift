// MARK: - PyTorch's Float32 sum, reproduced

/// The sum of Float32 values in exactly PyTorch's CPU order (`cascade_sum` →
/// `vectorized_inner_sum` in aten/src/ATen/native/cpu/SumKernel.cpp), so that double
/// quantization's mean, `absmax.mean()` in bitsandbytes, is the same Float32 here.
///
/// The order: the values as vectors of `lanes` Floats (8 with AVX2); the vectors as rows of
/// 4 (instruction-level parallelism), summed by a 4-level cascade (each level flushes into
/// the next every 2^p rows, p = max(4, ⌈log₂ rows⌉ / 4)), the leftover vectors into the
/// first partial, the 4 partials folded, the leftover scalars summed, then the lanes added
/// one by one. Fewer values than a vector take the scalar path (`scalar_inner_sum`): the same
/// cascade with one lane. Valid for up to 32,768 values (beyond, PyTorch splits the work
/// over threads).
///
/// - Parameters:
///   - values: the values, in memory order.
///   - lanes: `Vectorized<float>::size()` of the PyTorch build (8 for AVX2, 16 for AVX-512).
public func torchFloat32Sum(_ values: [Float], lanes vectorLanes: Int = 8) -> Float {
    let lanes = values.count >= vectorLanes ? vectorLanes : 1
    let ilp = 4, levels = 4
    let vectors = values.count / lanes
    let rows = vectors / ilp
    func ceilLog2(_ x: Int) -> Int { x <= 1 ? 0 : Int.bitWidth - (x - 1).leadingZeroBitCount }
    let levelPower = max(4, ceilLog2(rows) / levels)
    let levelStep = 1 << levelPower, levelMask = levelStep - 1
    // acc[level][k][lane]
    var acc = [[[Float]]](
        repeating: [[Float]](repeating: [Float](repeating: 0, count: lanes), count: ilp),
        count: levels)
    func addRow(_ row: Int) {
        for k in 0..<ilp {
            let base = (row * ilp + k) * lanes
            for lane in 0..<lanes { acc[0][k][lane] += values[base + lane] }
        }
    }
    var row = 0
    while row + levelStep <= rows {
        for _ in 0..<levelStep { addRow(row); row += 1 }
        for level in 1..<levels {
            for k in 0..<ilp {
                for lane in 0..<lanes { acc[level][k][lane] += acc[level - 1][k][lane] }
                acc[level - 1][k] = [Float](repeating: 0, count: lanes)
            }
            if row & (levelMask << (level * levelPower)) != 0 { break }
        }
    }
    while row < rows { addRow(row); row += 1 }
    for level in 1..<levels {
        for k in 0..<ilp { for lane in 0..<lanes { acc[0][k][lane] += acc[level][k][lane] } }
    }
    var partial = acc[0]
    for vector in (rows * ilp)..<vectors {  // row_sum's tail, into the first partial
        for lane in 0..<lanes { partial[0][lane] += values[vector * lanes + lane] }
    }
    for k in 1..<ilp { for lane in 0..<lanes { partial[0][lane] += partial[k][lane] } }
    var total: Float = 0
    for index in (vectors * lanes)..<values.count { total += values[index] }
    for lane in 0..<lanes { total += partial[0][lane] }
    return total
}
