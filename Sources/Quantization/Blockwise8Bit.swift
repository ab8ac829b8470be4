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

    /// Quantizes `values` as bitsandbytes' CPU kernel does (`quantize_cpu_impl` in
    /// csrc/cpu_ops.cpp, version 0.50): per block, absmax = max |x|; each x is scaled by the
    /// Float32 reciprocal of absmax, clamped to [−1, 1], and rounded to one of 65,536 evenly
    /// spaced bins, i = ⌊(x + 1) · 0.5 · 65535 + 0.5⌋; a table built once per map gives each
    /// bin the nearest level (the number of midpoints between levels strictly below the bin's
    /// centre −1 + 2i/65535). So the chosen level is the nearest to the *bin*, which near a
    /// midpoint may be the second nearest to x itself — reproduced here because the file
    /// must match bitsandbytes bit for bit. A block of zeros gets code 0.
    ///
    /// - Parameters:
    ///   - values: any count.
    ///   - map: 256 ascending levels.
    ///   - blockSize: values per block, positive.
    public init(quantizing values: [Float], map: [Float] = dynamicQuantizationMap, blockSize: Int) {
        precondition(map.count == 256 && blockSize > 0, "a 256-level map and a positive block size")
        let table = map == dynamicQuantizationMap ? Blockwise8Bit.dynamicBinTable : Blockwise8Bit.binTable(for: map)
        var codes = [UInt8](repeating: 0, count: values.count)
        var absmax: [Float] = []
        absmax.reserveCapacity((values.count + blockSize - 1) / blockSize)
        for start in stride(from: 0, to: values.count, by: blockSize) {
            let end = min(start + blockSize, values.count)
            var largest: Float = 0
            for index in start..<end { largest = Swift.max(largest, abs(values[index])) }
            absmax.append(largest)
            guard largest != 0 else { continue }  // codes stay 0
            let reciprocal = 1 / largest
            for index in start..<end {
                let normed = Swift.min(Swift.max(values[index] * reciprocal, -1), 1)
                let bin = Int((normed + 1) * 0.5 * 65535 + 0.5)
                codes[index] = table[bin]
            }
        }
        self.codes = codes
        self.absmax = absmax
        self.blockSize = blockSize
        self.map = map
    }

    /// For each of the 65,536 bins over [−1, 1], the code of the nearest level:
    /// bitsandbytes' `build_quantize_lut` (midpoints 0.5 · (m[i] + m[i+1]) in Float32).
    public static func binTable(for map: [Float]) -> [UInt8] {
        let midpoints = (0..<255).map { 0.5 * (map[$0] + map[$0 + 1]) }
        var table = [UInt8](repeating: 0, count: 65_536)
        var code = 0
        for bin in 0..<65_536 {
            let centre = -1 + (2 * Float(bin)) / 65535
            while code < 255 && midpoints[code] < centre { code += 1 }
            table[bin] = UInt8(code)
        }
        return table
    }

    /// `binTable(for: dynamicQuantizationMap)`, built once.
    static let dynamicBinTable = binTable(for: dynamicQuantizationMap)

    /// The values back: map[code] × absmax of the block (bitsandbytes' `dequantize_blockwise`).
    public func dequantized() -> [Float] {
        codes.indices.map { map[Int(codes[$0])] * absmax[$0 / blockSize] }
    }

    /// The value at `index` alone.
    @inline(__always)
    public func value(at index: Int) -> Float { map[Int(codes[index])] * absmax[index / blockSize] }
}
