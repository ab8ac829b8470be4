import Engine
import FileSafety
import Foundation
import Quantization
import Testing

/// Known answers from bitsandbytes 0.50.2 on CPU (`quantize_4bit(x, blocksize=64, quant_type,
/// compress_statistics)`), as FNV-1a 64 hashes of the little-endian bytes, so the bit-for-bit
/// agreement checked with Python once (`../shared/peers/nf4_check.py`) stays checked without it.
/// x[i] = ((i·7919) mod 1000 − 500) / 337 for i < 1000 (exact in Float32 on both sides),
/// with block 2 (values 128…191) scaled by 0.001.
@Suite("Known answers from bitsandbytes")
struct GoldenTests {
    let values: [Float] = {
        var x = (0..<1000).map { Float((($0 * 7919) % 1000) - 500) / 337 }
        for index in 128..<192 { x[index] *= 0.001 }
        return x
    }()

    func hash(_ bytes: [UInt8]) -> String { Checksum.fnv1a64Hex(bytes) }
    func hash(_ floats: [Float]) -> String {
        hash(floats.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } })
    }

    @Test(arguments: [(FourBitType.nf4, "f255e06e945cfc60"), (.fp4, "f175b62348787baf")])
    func codesAndConstantsMatch(type: FourBitType, codes: String) {
        let plain = FourBitQuantized(quantizing: values, type: type, blockSize: 64)
        #expect(hash(plain.packedCodes) == codes)
        #expect(hash(plain.constants.dequantized) == "4f76de0f6b462dc7")
        let double = FourBitQuantized(quantizing: values, type: type, blockSize: 64, doubleQuantization: true)
        guard case .doubleQuantized(let nested) = double.constants else { Issue.record("not nested"); return }
        #expect(hash(double.packedCodes) == codes)
        #expect(hash(nested.codes) == "8ccafb614bac2b07")
        #expect(hash(nested.nestedAbsmax) == "e4c07e88bdab54d5")
        #expect(nested.offset.bitPattern == 0x3FB0_276E)  // bytes 6e 27 b0 3f
    }
}
