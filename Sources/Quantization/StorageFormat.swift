// MARK: - The storage formats chapter 6 compares

/// A way to store weights: quantize, dequantize, and hand back what the model computes with.
public struct StorageFormat: Sendable {
    public let name: String
    /// Quantize then dequantize `values` (blocks of 64).
    public let roundTrip: @Sendable ([Float]) -> [Float]

    public init(name: String, roundTrip: @escaping @Sendable ([Float]) -> [Float]) {
        self.name = name
        self.roundTrip = roundTrip
    }

    /// int8 and Int4 absmax, FP4, NF4 and NF4 with double quantization, all in blocks of 64.
    public static let comparedInChapter6: [StorageFormat] = [
        StorageFormat(name: "int8 (absmax)") { AbsmaxQuantized(quantizing: $0, bits: 8, blockSize: 64).dequantized() },
        StorageFormat(name: "Int4 (absmax)") { AbsmaxQuantized(quantizing: $0, bits: 4, blockSize: 64).dequantized() },
        StorageFormat(name: "FP4") { FourBitQuantized(quantizing: $0, type: .fp4, blockSize: 64).dequantized() },
        StorageFormat(name: "NF4") { FourBitQuantized(quantizing: $0, type: .nf4, blockSize: 64).dequantized() },
        StorageFormat(name: "NF4 + double quantization") {
            FourBitQuantized(quantizing: $0, type: .nf4, blockSize: 64, doubleQuantization: true).dequantized()
        },
    ]

    /// mean((x − x̂)²) / mean(x²): the round trip's error relative to the data's power (0 for no data).
    public static func relativeError(_ original: [Float], _ restored: [Float]) -> Double {
        var error = 0.0, power = 0.0
        for (x, y) in zip(original, restored) {
            error += Double(x - y) * Double(x - y)
            power += Double(x) * Double(x)
        }
        return power > 0 ? error / power : 0
    }
}
