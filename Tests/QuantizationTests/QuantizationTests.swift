import Engine
import Quantization
import TestSupport
import Testing

func normalValues(_ count: Int, seed: UInt64, scale: Float = 1) -> [Float] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in rng.nextNormal() * scale }
}

@Suite("Blockwise 4-bit quantization")
struct FourBitTests {
    /// The chosen level is the nearest one (brute force), except exactly at a midpoint, where
    /// bitsandbytes (torch.bucketize, right = false) takes the lower level.
    @Test(arguments: FourBitType.allCases)
    func nearestLevelExceptAtMidpoints(type: FourBitType) {
        var rng = SplitMix64(seed: 5)
        let levels = type.levels
        let (thresholds, order) = type.decisionThresholds
        var values: [Float] = [1]  // the block's absmax is 1, so values are their own scaled values
        for _ in 0..<2000 { values.append(rng.nextUniform() * 2 - 1) }
        values += thresholds  // exact midpoints
        for start in stride(from: 0, to: values.count, by: 63) {
            let block = [1] + values[start..<min(start + 63, values.count)]
            let q = FourBitQuantized(quantizing: Array(block), type: type, blockSize: 64)
            for (index, x) in block.enumerated() {
                let chosen = levels[Int(q.code(at: index))]
                if let midpoint = thresholds.firstIndex(of: x) {
                    #expect(chosen == levels[Int(order[midpoint])], "midpoint \(x) must take the lower level")
                } else {
                    let best = levels.map { abs($0 - x) }.min()!
                    #expect(abs(chosen - x) == best, "\(x) → \(chosen), nearest is at distance \(best)")
                }
            }
        }
    }

    @Test func firstValueInTheHighNibble() {
        let q = FourBitQuantized(quantizing: [-1, 1, 0], type: .nf4, blockSize: 64)
        // −1 → code 0, 1 → code 15, 0 → code 7, and the pad (a scaled 0) → code 7.
        #expect(q.packedCodes == [0x0F, 0x77])
        #expect(q.code(at: 0) == 0 && q.code(at: 1) == 15 && q.code(at: 2) == 7)
    }

    @Test func partialAndOddBlocksHaveTheirOwnAbsmax() {
        let values = normalValues(64 * 2 + 5, seed: 11)
        let q = FourBitQuantized(quantizing: values, type: .nf4, blockSize: 64)
        guard case .float(let absmax) = q.constants else { Issue.record("expected float constants"); return }
        #expect(absmax.count == 3 && q.packedCodes.count == 67)
        #expect(absmax[2] == values[128...].map(abs).max())
        #expect(absmax[0] == values[..<64].map(abs).max())
        // Each value comes back within half the widest gap between NF4 levels times its absmax.
        let back = q.dequantized()
        let levels = FourBitType.normalFloatLevels
        let halfGap = zip(levels.dropFirst(), levels).map { $0 - $1 }.max()! / 2
        for index in values.indices {
            #expect(abs(back[index] - values[index]) <= halfGap * absmax[index / 64] * (1 + 1e-6))
        }
    }

    @Test func dequantizingARangeEqualsTheWhole() {
        let values = normalValues(1000, seed: 12)
        let q = FourBitQuantized(quantizing: values, type: .fp4, blockSize: 32, doubleQuantization: true)
        let whole = q.dequantized()
        var part = [Float](repeating: .nan, count: 301)
        part.withUnsafeMutableBufferPointer { q.dequantize(37..<338, into: $0.baseAddress!) }
        #expect(part == Array(whole[37..<338]))
    }

    @Test func doubleQuantizationRoundTripWithinItsBound() {
        let values = normalValues(64 * 700, seed: 13, scale: 0.02)
        let plain = FourBitQuantized(quantizing: values, blockSize: 64)
        let double = FourBitQuantized(quantizing: values, blockSize: 64, doubleQuantization: true)
        #expect(plain.packedCodes == double.packedCodes)  // the codes do not depend on how constants are kept
        guard case .float(let absmax) = plain.constants, case .doubleQuantized(let nested) = double.constants else {
            Issue.record("wrong constants"); return
        }
        #expect(nested.codes.count == 700 && nested.nestedAbsmax.count == 3)
        let back = nested.dequantized()
        // Half the widest gap of the dynamic map (between 0.9 and 1) plus half a lookup bin,
        // times the nested absmax.
        let map = dynamicQuantizationMap
        let halfGap = zip(map.dropFirst(), map).map { $0 - $1 }.max()! / 2 + 1 / 65535
        for block in absmax.indices {
            let bound = halfGap * nested.nestedAbsmax[block / 256] * 1.0001 + 1e-7
            #expect(abs(back[block] - absmax[block]) <= bound, "block \(block)")
        }
    }

    @Test func bitsPerParameterFromTheBuffers() {
        let count = 64 * 256 * 4
        let values = normalValues(count, seed: 14)
        let plain = FourBitQuantized(quantizing: values, blockSize: 64)
        let double = FourBitQuantized(quantizing: values, blockSize: 64, doubleQuantization: true)
        #expect(plain.bitsPerParameter == 4.5)
        #expect(double.bitsPerParameter == 4 + 8.0 / 64 + 32.0 / (64 * 256) + 32.0 / Double(count))
        #expect(abs(double.bitsPerParameter - 4.127) < 0.001)
    }
}

@Suite("Absmax int8 and Int4")
struct AbsmaxTests {
    @Test(arguments: [8, 4])
    func roundTripWithinHalfAStep(bits: Int) {
        let values = normalValues(301, seed: 21)
        for blockSize in [nil, 64] as [Int?] {
            let q = AbsmaxQuantized(quantizing: values, bits: bits, blockSize: blockSize)
            let back = q.dequantized()
            for index in values.indices {
                let step = q.absmax[index / q.blockSize] / Float(q.largestCode)
                #expect(abs(back[index] - values[index]) <= step / 2 * 1.0001)
                #expect(abs(q.code(at: index)) <= q.largestCode)
            }
        }
        // bits per value, one Float32 absmax, and for Int4 the pad nibble of an odd count.
        let expected = Double(bits) + 32.0 / 301 + (bits == 4 ? 4.0 / 301 : 0)
        #expect(abs(AbsmaxQuantized(quantizing: values, bits: bits).bitsPerParameter - expected) < 1e-12)
    }
}

@Suite("NF4Linear")
struct NF4LinearTests {
    /// Forward and input gradient equal a float Linear holding the dequantized weights — with
    /// tiles that do not divide the output width, and a bias.
    @Test func matchesAFloatLinearWithTheDequantizedWeight() {
        var rng = SplitMix64(seed: 31)
        let source = Linear(inputDimensions: 24, outputDimensions: 13, rng: &rng)
        let quantized = FourBitQuantized(quantizing: source.weight.scalars, blockSize: 32, doubleQuantization: true)
        let frozen = NF4Linear(
            weight: quantized, outputDimensions: 13, inputDimensions: 24,
            bias: source.bias!.detached(), tileFloats: 24 * 5)
        let reference = Linear(weight: frozen.dequantizedWeight(), bias: source.bias!.detached())
        let x1 = Tensor.randomNormal(shape: [2, 3, 24], rng: &rng), x2 = x1.detached()
        x1.requiresGradient = true
        x2.requiresGradient = true
        let seed = Tensor.randomNormal(shape: [2, 3, 13], rng: &rng)
        let y1 = frozen(x1), y2 = reference(x2)
        expectClose(y1.scalars, y2.scalars, tolerance: 1e-5, "forward")
        y1.backward(seed: seed)
        y2.backward(seed: seed)
        expectClose(x1.gradient!.scalars, x2.gradient!.scalars, tolerance: 1e-5, "input gradient")
        #expect(frozen.parameters.allSatisfy { !$0.requiresGradient }, "nothing in NF4Linear trains")
        #expect(frozen.inputDimensions == 24 && frozen.outputDimensions == 13)
    }

    @Test func gradientsAccumulateIntoAnExistingInputGradient() {
        var rng = SplitMix64(seed: 32)
        let frozen = NF4Linear(quantizing: Linear(inputDimensions: 64, outputDimensions: 8, rng: &rng))
        let x = Tensor.randomNormal(shape: [4, 64], rng: &rng)
        x.requiresGradient = true
        frozen(x).sum().backward()
        let once = x.gradient!.scalars
        frozen(x).sum().backward()
        expectClose(x.gradient!.scalars, once.map { 2 * $0 }, tolerance: 1e-5)
    }
}
