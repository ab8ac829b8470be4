import ArgumentParser
import Engine
import Foundation
import Quantization
import Safetensors

/// `tailor dequantize IN OUT`: the reverse of `quantize`.
struct DequantizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dequantize",
        abstract: "Turn a 4-bit checkpoint (bitsandbytes' layout) back into Float32 tensors.",
        discussion: """
            Every tensor W with a W.quant_state.bitsandbytes__nf4 (or __fp4) entry is dequantized \
            (level × block absmax, the constants first when double-quantized) and written as F32 \
            with its original shape; its companion entries are dropped; other tensors are copied. \
            Files saved by bitsandbytes/transformers read as well as Tailor's own.
            """)

    @Argument(help: "The 4-bit safetensors file to read.")
    var input: String

    @Argument(help: "The Float32 safetensors file to write.")
    var output: String

    func run() throws {
        var checkpoint = try readCheckpoint(input)
        let names = BitsAndBytesLayout.quantizedNames(in: checkpoint)
        guard !names.isEmpty else { fail("\(input): no 4-bit tensors (no '*.quant_state.bitsandbytes__nf4' entries)") }
        for name in names {
            let quantized: FourBitQuantized, shape: [Int]
            do { (quantized, shape) = try BitsAndBytesLayout.load(name, from: checkpoint, file: input) } catch {
                fail("\(error)")
            }
            for entry in BitsAndBytesLayout.entryNames(for: name, type: quantized.type) {
                checkpoint.tensors[entry] = nil
                checkpoint.rawTensors[entry] = nil
            }
            checkpoint.tensors[name] = Tensor(shape: shape, scalars: quantized.dequantized())
        }
        try writeCheckpoint(checkpoint, to: output)
        print("dequantized \(names.count) tensors to F32; wrote \(output)")
    }
}
