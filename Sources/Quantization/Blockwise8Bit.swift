// MARK: - Blockwise 8-bit quantization with a map

/// Values quantized in blocks to 8-bit indices into a sorted map of 256 levels, one absmax
/// per block: bitsandbytes' `quantize_blockwise` on CPU (`quantize_block` in
/// csrc/common.cpp). Double quantization uses it on the 4-bit block constants.
public struct Blockwise8Bit: Sendable, Equatable {
    /// One index into `map` per value.
    public let codes: [UInt8]
    /// One per block of `blockSize` values (the last block may be partial).
    public let absmax: [Float]
    /// Values per block.
    public let blockSize: Int
    /// The 256 sorted levels in [−1, 1] (by default `dynamicQuantizationMap`).
    public let map: [Float]

    /// Quantizes `values`: per block, absmax = max |x|; each x / absmax (a division, as the
    /// C kernel does) goes to the nearest level, found by a binary search for the level to
    /// its left, then a step right only when that level is *strictly* nearer — so an exact
    /// midpoint goes to the lower level. A value below map[0] (the dynamic map's lowest level
    /// is −0.99297) gets code 0. Checked against bitsandbytes 0.50 on CPU: −0.988 → code 0.
    ///
    /// - Parameters:
    ///   - values: any count.
    ///   - map: 256 ascending levels.
    ///   - blockSize: values per block, positive.
    public init(quantizing values: [Float], map: [Float] = dynamicQuantizationMap, blockSize: Int) {
        precondition(map.count == 256 && blockSize > 0, "a 256-level map and a positive block size")
        var codes = [UInt8](repeating: 0, count: values.count)
        var absmax: [Float] = []
        absmax.reserveCapacity((values.count + blockSize - 1) / blockSize)
        for start in stride(from: 0, to: values.count, by: blockSize) {
            let end = min(start + blockSize, values.count)
            var largest = -Float.greatestFiniteMagnitude
            for index in start..<end { largest = Swift.max(largest, abs(values[index])) }
            absmax.append(largest)
            for index in start..<end {
                let normed = values[index] / largest
                var low = 0, high = 255   // the last level ≤ normed, by bisection
                while low < high {
                    let middle = (low + high + 1) / 2
                    if map[middle] <= normed { low = middle } else { high = middle - 1 }
                }
                if low < 255 && abs(normed - map[low + 1]) < abs(normed - map[low]) { low += 1 }
                codes[index] = UInt8(low)
            }
        }
        self.codes = codes
        self.absmax = absmax
        self.blockSize = blockSize
        self.map = map
    }

    /// The values back: map[code] × absmax of the block (bitsandbytes' `dequantize_blockwise`).
    public func dequantized() -> [Float] {
        codes.indices.map { map[Int(codes[$0])] * absmax[$0 / blockSize] }
    }

    /// The value at `index` alone.
    @inline(__always)
    public func value(at index: Int) -> Float { map[Int(codes[index])] * absmax[index / blockSize] }
}
