// MARK: - Absmax integer quantization (int8, Int4)

/// Symmetric integer quantization by absmax: q = round(x · L / absmax) with L = 2^(bits−1) − 1
/// (127 for int8, 7 for Int4), so the largest magnitude maps to ±L and zero stays exact;
/// back, x ≈ q · absmax / L. One absmax for the whole tensor, or one per block (LLM.int8's
/// and bitsandbytes' `quantize_blockwise` idea with a linear map instead of a dynamic one).
///
/// Int4 codes are stored two per byte as q + 8 (1…15), the first value in the high nibble.
///
/// Example:
/// ```swift
/// let q = AbsmaxQuantized(quantizing: values, bits: 8)                  // one absmax
/// let r = AbsmaxQuantized(quantizing: values, bits: 4, blockSize: 64)   // per block
/// r.dequantized()
/// ```
public struct AbsmaxQuantized: Sendable, Equatable {
    /// 8 or 4.
    public let bits: Int
    /// How many values were quantized.
    public let count: Int
    /// Values per absmax (`count` when per tensor).
    public let blockSize: Int
    /// int8: one byte per value (the Int8 bit pattern); Int4: ⌈count/2⌉ bytes of q + 8.
    public let codes: [UInt8]
    /// One per block.
    public let absmax: [Float]

    /// L = 2^(bits−1) − 1, the largest code magnitude.
    public var largestCode: Int { (1 << (bits - 1)) - 1 }

    /// - Parameters:
    ///   - values: any count.
    ///   - bits: 8 or 4.
    ///   - blockSize: values per absmax; nil for one absmax over the tensor.
    public init(quantizing values: [Float], bits: Int, blockSize: Int? = nil) {
        precondition(bits == 8 || bits == 4, "absmax quantization to 8 or 4 bits, not \(bits)")
        let size = Swift.max(blockSize ?? values.count, 1)
        precondition(size > 0, "block size must be positive")
        let largest = Float((1 << (bits - 1)) - 1)
        var codes = [UInt8](repeating: 0, count: bits == 8 ? values.count : (values.count + 1) / 2)
        if bits == 4 && values.count % 2 == 1 { codes[codes.count - 1] = 8 }  // pad: q = 0 in the low nibble
        var absmax: [Float] = []
        for start in stride(from: 0, to: values.count, by: size) {
            let end = Swift.min(start + size, values.count)
            let blockMax = values[start..<end].reduce(Float(0)) { Swift.max($0, abs($1)) }
            absmax.append(blockMax)
            let scale = blockMax > 0 ? largest / blockMax : 0
            for index in start..<end {
                let q = Int((values[index] * scale).rounded())
                if bits == 8 {
                    codes[index] = UInt8(bitPattern: Int8(q))
                } else {
                    codes[index / 2] |= UInt8(q + 8) << (index % 2 == 0 ? 4 : 0)
                }
            }
        }
        self.bits = bits
        self.count = values.count
        self.blockSize = size
        self.codes = codes
        self.absmax = absmax
    }

    /// The integer code of value `index`, in −L…L.
    public func code(at index: Int) -> Int {
        if bits == 8 { return Int(Int8(bitPattern: codes[index])) }
        let byte = codes[index / 2]
        return Int(index % 2 == 0 ? byte >> 4 : byte & 0x0F) - 8
    }

    /// The values back: q · absmax / L.
    public func dequantized() -> [Float] {
        let largest = Float(largestCode)
        return (0..<count).map { Float(code(at: $0)) * (absmax[$0 / blockSize] / largest) }
    }

    /// Bytes allocated (codes and Float32 absmax) × 8 / count.
    public var bitsPerParameter: Double {
        Double((codes.count + absmax.count * 4) * 8) / Double(Swift.max(count, 1))
    }
}
