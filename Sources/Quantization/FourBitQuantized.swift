// MARK: - Blockwise 4-bit quantization (NF4, FP4)

/// A tensor's values in 4 bits: blocks of `blockSize` values, each block scaled by its
/// absmax into [−1, 1] and every value replaced by the code of its nearest level, two
/// codes per byte. bitsandbytes' `quantize_4bit` (its CPU path, backends/default/ops.py),
/// reproduced bit for bit.
///
/// Example:
/// ```swift
/// let q = FourBitQuantized(quantizing: weights, type: .nf4, blockSize: 64, doubleQuantization: true)
/// let back = q.dequantized()     // weights.count values
/// q.bitsPerParameter             // ≈ 4.127
/// ```
public struct FourBitQuantized: Sendable, Equatable {
    /// NF4 or FP4.
    public let type: FourBitType
    /// How many values were quantized.
    public let count: Int
    /// Values per block: a power of two from 32 to 4096 (bitsandbytes' allowed sizes).
    public let blockSize: Int
    /// ⌈count / 2⌉ bytes; value 2i in the HIGH nibble of byte i, value 2i + 1 in the low
    /// one; an odd count is padded with the code of 0.
    public let packedCodes: [UInt8]
    /// One constant per block (the last block may be partial, with its own absmax).
    public let constants: BlockConstants

    /// The block sizes bitsandbytes accepts.
    public static let allowedBlockSizes = [32, 64, 128, 256, 512, 1024, 2048, 4096]
    /// The block size for the 8-bit quantization of the constants (bitsandbytes' 256).
    public static let nestedBlockSize = 256

    /// Quantizes `values` (bitsandbytes' `quantize_4bit(A, blocksize, compress_statistics,
    /// quant_type)`).
    ///
    /// Per full block: absmax = max |x|, scaled = clamp(x · (1 / max(absmax, 10⁻³⁸)), −1, 1);
    /// the last, partial block divides instead, x / max(absmax, 10⁻³⁸), and stores the clamped
    /// absmax — both as bitsandbytes does, so every Float32 rounding agrees. The code is the
    /// number of decision thresholds (midpoints between sorted levels) strictly below the
    /// scaled value, mapped through the type's sort order: a value exactly at a midpoint
    /// takes the lower level (`torch.bucketize`, right = false).
    ///
    /// - Parameters:
    ///   - values: the tensor's values in row-major order.
    ///   - type: `.nf4` or `.fp4`.
    ///   - blockSize: one of `allowedBlockSizes` (64 by default).
    ///   - doubleQuantization: quantize the constants too (see `DoubleQuantizedConstants`).
    public init(
        quantizing values: [Float], type: FourBitType = .nf4, blockSize: Int = 64,
        doubleQuantization: Bool = false
    ) {
        precondition(
            FourBitQuantized.allowedBlockSizes.contains(blockSize),
            "block size \(blockSize) is not a power of two from 32 to 4096")
        let (thresholds, order) = type.decisionThresholds
        // The number of thresholds strictly below `scaled`, by a 4-step bisection of the 15
        // sorted thresholds (the same count as a linear scan, NaN included: 0).
        // listing: nf4-code
        func code(_ scaled: Float) -> UInt8 {
            var bucket = thresholds[7] < scaled ? 8 : 0
            if thresholds[bucket + 3] < scaled { bucket += 4 }
            if thresholds[bucket + 1] < scaled { bucket += 2 }
            if thresholds[bucket] < scaled { bucket += 1 }
            return order[bucket]
        }
        // listing: end
        let count = values.count
        var packed = [UInt8](repeating: 0, count: (count + 1) / 2)
        var absmax: [Float] = []
        absmax.reserveCapacity((count + blockSize - 1) / blockSize)
        // listing: nf4-quantize-blocks
        values.withUnsafeBufferPointer { x in
            for start in stride(from: 0, to: count, by: blockSize) {
                let end = min(start + blockSize, count)
                var largest: Float = 0
                for index in start..<end { largest = Swift.max(largest, abs(x[index])) }
                let clamped = Swift.max(largest, 1e-38)
                let isFull = end - start == blockSize
                absmax.append(isFull ? largest : clamped)
                let reciprocal = 1 / clamped
                for index in start..<end {
                    let scaled = Swift.min(Swift.max(isFull ? x[index] * reciprocal : x[index] / clamped, -1), 1)
                    packed[index / 2] |= index % 2 == 0 ? code(scaled) << 4 : code(scaled)
                }
            }
        }
        // listing: end
        if count % 2 == 1 { packed[count / 2] |= code(0) }  // the pad: a scaled 0
        self.type = type
        self.count = count
        self.blockSize = blockSize
        self.packedCodes = packed
        self.constants =
            doubleQuantization
            ? .doubleQuantized(DoubleQuantizedConstants(quantizing: absmax))
            : .float(absmax)
    }

    /// A quantized tensor from its parts (e.g. read from a file); traps on inconsistent sizes.
    public init(type: FourBitType, count: Int, blockSize: Int, packedCodes: [UInt8], constants: BlockConstants) {
        precondition(FourBitQuantized.allowedBlockSizes.contains(blockSize), "block size \(blockSize)")
        precondition(packedCodes.count == (count + 1) / 2, "\(packedCodes.count) bytes for \(count) codes")
        precondition(constants.count == (count + blockSize - 1) / blockSize, "\(constants.count) block constants")
        self.type = type
        self.count = count
        self.blockSize = blockSize
        self.packedCodes = packedCodes
        self.constants = constants
    }

    /// The code (0…15) of value `index`.
    @inline(__always)
    public func code(at index: Int) -> UInt8 {
        index % 2 == 0 ? packedCodes[index / 2] >> 4 : packedCodes[index / 2] & 0x0F
    }

    // MARK: Dequantization

    /// All values back: level[code] × the block's absmax, in Float32 (bitsandbytes'
    /// `dequantize_4bit`).
    public func dequantized() -> [Float] {
        var result = [Float](repeating: 0, count: count)
        result.withUnsafeMutableBufferPointer { dequantize(0..<count, into: $0.baseAddress!) }
        return result
    }

    /// Writes the values of `range` to `target[0 ..< range.count]`: what `NF4Linear` uses to
    /// dequantize a tile of rows into its reused buffer. Block constants are dequantized on
    /// the fly (one per block touched).
    public func dequantize(_ range: Range<Int>, into target: UnsafeMutablePointer<Float>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range \(range) of \(count) values")
        let levels = type.levels
        levels.withUnsafeBufferPointer { level in
            packedCodes.withUnsafeBufferPointer { bytes in
                var index = range.lowerBound
                while index < range.upperBound {
                    let block = index / blockSize
                    let blockEnd = Swift.min((block + 1) * blockSize, range.upperBound)
                    let scale = constants.absmax(ofBlock: block)
                    if index % 2 == 1 {  // an odd start: the low nibble of a byte
                        target[index - range.lowerBound] = level[Int(bytes[index / 2] & 0x0F)] * scale
                        index += 1
                    }
                    while index + 1 < blockEnd {  // whole bytes (blocks are even-sized, so aligned)
                        let byte = bytes[index / 2]
                        target[index - range.lowerBound] = level[Int(byte >> 4)] * scale
                        target[index - range.lowerBound + 1] = level[Int(byte & 0x0F)] * scale
                        index += 2
                    }
                    if index < blockEnd {
                        target[index - range.lowerBound] = level[Int(bytes[index / 2] >> 4)] * scale
                        index += 1
                    }
                }
            }
        }
    }

    // MARK: Cost

    /// Bytes of the buffers this quantization allocated: packed codes plus constants (and
    /// with double quantization their codes, nested absmax and offset). The shared level
    /// tables (16 and 256 Floats, one per process) are not counted.
    public var storageBytes: Int { packedCodes.count + constants.storageBytes }

    /// storageBytes × 8 / count: 4 + 32/64 = 4.5 for NF4 in blocks of 64, and
    /// 4 + 8/64 + 32/(64·256) ≈ 4.127 with double quantization (plus 32/count for the mean).
    public var bitsPerParameter: Double { Double(storageBytes * 8) / Double(Swift.max(count, 1)) }
}

/// The per-block constants of a 4-bit tensor: plain Float32 absmax, or double-quantized.
public enum BlockConstants: Sendable, Equatable {
    case float([Float])
    case doubleQuantized(DoubleQuantizedConstants)

    /// The number of blocks.
    public var count: Int {
        switch self {
        case .float(let absmax): return absmax.count
        case .doubleQuantized(let nested): return nested.codes.count
        }
    }

    /// The absmax of `block`, dequantized when double-quantized.
    @inline(__always)
    public func absmax(ofBlock block: Int) -> Float {
        switch self {
        case .float(let absmax): return absmax[block]
        case .doubleQuantized(let nested): return nested.value(at: block)
        }
    }

    /// All block constants as Float32.
    public var dequantized: [Float] {
        switch self {
        case .float(let absmax): return absmax
        case .doubleQuantized(let nested): return nested.dequantized()
        }
    }

    /// Bytes allocated for the constants.
    public var storageBytes: Int {
        switch self {
        case .float(let absmax): return absmax.count * 4
        case .doubleQuantized(let nested): return nested.codes.count + nested.nestedAbsmax.count * 4 + 4
        }
    }
}

// MARK: - Double quantization

/// The 4-bit block constants, quantized themselves (QLoRA's double quantization, as
/// bitsandbytes' `quantize_4bit(…, compress_statistics=True)`): subtract their mean (the
/// `offset`), quantize the remainders to 8 bits with the dynamic map in blocks of 256
/// (`quantize_blockwise`), keep one Float32 per 256 constants and the mean.
///
/// Error bound: a remainder r in a nested block with absmax a comes back within half the
/// widest gap of the map (0.0141, between 0.9 and 1) plus half of bitsandbytes' lookup bin
/// (1/65535), times a: |absmax − dequantized| ≤ (0.0071 + 0.000016) · a + Float32 rounding.
public struct DoubleQuantizedConstants: Sendable, Equatable {
    /// One 8-bit code per 4-bit block.
    public let codes: [UInt8]
    /// One Float32 per 256 constants.
    public let nestedAbsmax: [Float]
    /// The mean of the constants, added back after dequantization.
    public let offset: Float
    /// The map the codes index (bitsandbytes' `create_dynamic_map(signed=True)`).
    public var map: [Float] { dynamicQuantizationMap }

    /// Double-quantizes `absmax`. The mean is PyTorch's: its Float32 sum order
    /// (`torchFloat32Sum`) divided by the count, so the offset, and with it every nested
    /// constant, matches bitsandbytes to the bit. (Beyond 32,768 blocks PyTorch sums on
    /// several threads; the mean is then computed in Double and may differ by an ulp.)
    public init(quantizing absmax: [Float]) {
        let sum = absmax.count <= 32_768 ? torchFloat32Sum(absmax) : Float(absmax.reduce(0.0) { $0 + Double($1) })
        let offset = sum / Float(Swift.max(absmax.count, 1))
        let nested = Blockwise8Bit(quantizing: absmax.map { $0 - offset }, blockSize: FourBitQuantized.nestedBlockSize)
        self.init(codes: nested.codes, nestedAbsmax: nested.absmax, offset: offset)
    }

    /// From stored parts; traps unless there is one nested absmax per 256 codes.
    public init(codes: [UInt8], nestedAbsmax: [Float], offset: Float) {
        precondition(nestedAbsmax.count == (codes.count + 255) / 256, "\(nestedAbsmax.count) nested constants")
        self.codes = codes
        self.nestedAbsmax = nestedAbsmax
        self.offset = offset
    }

    /// Constant `block`: map[code] × nested absmax + offset, in Float32 as bitsandbytes.
    @inline(__always)
    public func value(at block: Int) -> Float {
        dynamicQuantizationMap[Int(codes[block])] * nestedAbsmax[block / FourBitQuantized.nestedBlockSize] + offset
    }

    /// All constants back.
    public func dequantized() -> [Float] { codes.indices.map(value(at:)) }
}
