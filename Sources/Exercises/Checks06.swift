import Quantization

// MARK: - How chapter 6's exercises are checked
//
// The oracle is the Quantization module, itself checked bit for bit against bitsandbytes.

extension ExerciseCatalog {
    static var chapter06: [Exercise] {
        [
            Exercise(
                chapter: 6, number: "6.1", title: "NF4 from quantiles",
                task: "Write `normalFloatLevels(offset:)`: the 16 NF4 levels from the normal distribution's "
                    + "quantiles, as bitsandbytes builds them.",
                hint: "Why 8 on one side and 7 on the other? Think about what the sixteenth code must be, and "
                    + "why the probabilities stop short of 0 and 1.",
                checkReader: { checkLevels(Chapter06.normalFloatLevels) },
                checkReference: { checkLevels { FourBitType.normalFloatLevels(offset: Float($0)) } }),
            Exercise(
                chapter: 6, number: "6.2", title: "One block, quantized",
                task: "Write `quantizeBlock(_:levels:)`: scale a block by its absmax and round each value to "
                    + "the nearest level.",
                hint: "What should happen to a block of zeros? And which value always lands on ±1?",
                checkReader: { checkBlock(Chapter06.quantizeBlock) },
                checkReference: { checkBlock(referenceBlock) }),
            Exercise(
                chapter: 6, number: "6.3", title: "Two codes per byte",
                task: "Write `packCodes(_:)`: two 4-bit codes in each byte, the first in the high nibble.",
                hint: "Shifts and masks; decide first what the last byte holds when the count is odd.",
                checkReader: { checkPacking(Chapter06.packCodes) },
                checkReference: { checkPacking(referencePacking) }),
            Exercise(
                chapter: 6, number: "6.4", title: "Bits per weight",
                task: "Write `bitsPerWeight(count:blockSize:doubleQuantization:nestedBlockSize:)` from the "
                    + "sizes of the buffers.",
                hint: "Count bytes, not bits, buffer by buffer: how many blocks does a count that is not a "
                    + "multiple need, and how many nested blocks do those blocks need?",
                checkReader: { checkBits(Chapter06.bitsPerWeight) },
                checkReference: { checkBits(referenceBits) }),
        ]
    }

    /// Φ⁻¹(p), for the reader's exercise 6.1 (the Quantization module's, accurate to ~1e-15).
    static func normalQuantile(_ p: Double) -> Double { inverseNormalCDF(p) }

    // MARK: Reference solutions, through the Quantization module

    /// One NF4 block by the Quantization module: the values, padded with zeros to its smallest
    /// block size (zeros change neither the absmax nor the other codes), quantized as one block.
    static func referenceBlock(_ values: [Float], levels: [Float]) -> (codes: [UInt8], absmax: Float) {
        let blockSize = FourBitQuantized.allowedBlockSizes[0]
        precondition(values.count <= blockSize && levels == FourBitType.nf4.levels, "one NF4 block")
        let padded = values + [Float](repeating: 0, count: blockSize - values.count)
        let quantized = FourBitQuantized(
            quantizing: padded, type: .nf4, blockSize: blockSize,
            doubleQuantization: false)
        return (values.indices.map { quantized.code(at: $0) }, quantized.constants.absmax(ofBlock: 0))
    }

    static func referencePacking(_ codes: [UInt8]) -> [UInt8] {
        stride(from: 0, to: codes.count, by: 2).map { index in
            (codes[index] << 4) | (index + 1 < codes.count ? codes[index + 1] : 0)
        }
    }

    static func referenceBits(count: Int, blockSize: Int, doubleQuantization: Bool, nestedBlockSize: Int) -> Double {
        let quantized = FourBitQuantized(
            quantizing: [Float](repeating: 0.5, count: count), type: .nf4,
            blockSize: blockSize, doubleQuantization: doubleQuantization)
        return quantized.bitsPerParameter
    }

    // MARK: Checks

    static func checkLevels(_ implementation: (Double) throws -> [Float]) -> ExerciseOutcome {
        let cases = [
            (description: "NF4 with QLoRA's offset 0.9677083", input: 0.9677083),
            (description: "another offset, 0.99", input: 0.99),
        ]
        return check(cases, implementation) { offset, levels in
            let expected = FourBitType.normalFloatLevels(offset: Float(offset))
            guard levels.count == 16 else { return "expected 16 levels, got \(levels.count)" }
            let worst = zip(levels, expected).map { abs($0 - $1) }.max() ?? 0
            return worst < 1e-5 ? nil : "largest difference from the expected levels: \(worst)"
        }
    }

    static func checkBlock(_ implementation: ([Float], [Float]) throws -> (codes: [UInt8], absmax: Float))
        -> ExerciseOutcome
    {
        let levels = FourBitType.nf4.levels
        let cases: [(description: String, input: [Float])] = [
            ("a block of 8 mixed values", [0.1, -0.4, 0.02, 0.9, -0.05, 0.33, -0.8, 0.0]),
            ("a block of zeros", [0, 0, 0, 0]),
            ("a negative extreme", [-2, 1, 0.5, -0.25]),
        ]
        return check(cases, { try implementation($0, levels) }) { values, output in
            let expected = referenceBlock(values, levels: levels)
            guard output.absmax == expected.absmax else {
                return "absmax \(output.absmax), expected \(expected.absmax)"
            }
            return output.codes == expected.codes ? nil : "codes \(output.codes), expected \(expected.codes)"
        }
    }

    static func checkPacking(_ implementation: ([UInt8]) throws -> [UInt8]) -> ExerciseOutcome {
        let cases: [(description: String, input: [UInt8])] = [
            ("codes 1, 2, 15, 0", [1, 2, 15, 0]), ("an odd count: 7, 8, 9", [7, 8, 9]), ("one code, 5", [5]),
        ]
        return check(cases, implementation) { codes, packed in
            let expected = referencePacking(codes)
            return packed == expected ? nil : "packed \(packed), expected \(expected)"
        }
    }

    static func checkBits(_ implementation: (Int, Int, Bool, Int) throws -> Double) -> ExerciseOutcome {
        let cases: [(description: String, input: (Int, Int, Bool))] = [
            ("1,048,576 weights, blocks of 64", (1_048_576, 64, false)),
            ("1,048,576 weights, blocks of 64, double quantization", (1_048_576, 64, true)),
            ("1,000 weights (a partial block), blocks of 64", (1_000, 64, false)),
            ("100,001 weights, blocks of 128, double quantization", (100_001, 128, true)),
        ]
        return check(cases, { try implementation($0.0, $0.1, $0.2, 256) }) { input, bits in
            let expected = referenceBits(
                count: input.0, blockSize: input.1, doubleQuantization: input.2,
                nestedBlockSize: 256)
            return abs(bits - expected) < 1e-9 ? nil : "expected \(expected) bits per weight, got \(bits)"
        }
    }
}
