import ArgumentParser
import Engine
import Foundation
import Quantization
import Safetensors

/// `tailor quantize --nf4 [--block-size 64] [--double-quant] [--all] IN OUT`.
struct QuantizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantize",
        abstract: "Quantize a checkpoint's linear-layer weights to NF4, in the layout bitsandbytes saves.",
        discussion: """
            Linear-layer weights are the F32 tensors that are 2-D, named `weight` or `*.weight`, and \
            are neither embeddings (a name containing "embed", any case, or GPT-2's wte/wpe) nor the \
            output head (`head.weight`, `lm_head.weight`: transformers keeps the head in float too). \
            LayerNorm weights are 1-D and so are never chosen. For Tailor's GPT these are the \
            attention and MLP projections. With --all, every non-empty F32 tensor is quantized.

            For a weight W the output holds W (U8 [ceil(n/2), 1]), W.absmax, W.quant_map, with \
            --double-quant W.nested_absmax and W.nested_quant_map, and W.quant_state.bitsandbytes__nf4 \
            (the quant state's JSON as U8): what bitsandbytes' QuantState.as_dict(packed=True) and \
            transformers' save_pretrained write. Other tensors are copied unchanged. \
            The output is written to a temporary name and renamed.
            """)

    @Flag(help: "Quantize to 4-bit NormalFloat (the only format this command writes).")
    var nf4 = false

    @Option(help: "Values per block: a power of two from 32 to 4096.")
    var blockSize = 64

    @Flag(help: "Quantize the block constants too (QLoRA's double quantization).")
    var doubleQuant = false

    @Flag(help: "Quantize every F32 tensor, not only linear-layer weights.")
    var all = false

    @Argument(help: "The safetensors checkpoint to read.")
    var input: String

    @Argument(help: "The 4-bit safetensors file to write.")
    var output: String

    func validate() throws {
        guard nf4 else { throw ValidationError("say which format: --nf4 (the only one supported)") }
        guard FourBitQuantized.allowedBlockSizes.contains(blockSize) else {
            throw ValidationError("--block-size \(blockSize) is not a power of two from 32 to 4096")
        }
    }

    func run() throws {
        let source = try readCheckpoint(input)
        if let name = BitsAndBytesLayout.quantizedNames(in: source).first {
            fail("\(input): tensor '\(name)' is already quantized; quantize the float checkpoint instead")
        }
        var result = Checkpoint(tensors: [:], rawTensors: source.rawTensors, metadata: source.metadata)
        result.metadata["format"] = "pt"  // what transformers' save_pretrained writes
        var quantizedValues = 0, storageBytes = 0, kept = 0
        for (name, tensor) in source.tensors.sorted(by: { $0.key < $1.key }) {
            guard all ? tensor.count > 0 : BitsAndBytesLayout.isLinearLayerWeight(name, shape: tensor.shape) else {
                result.tensors[name] = tensor
                kept += 1
                continue
            }
            let quantized = FourBitQuantized(
                quantizing: tensor.scalars, type: .nf4, blockSize: blockSize,
                doubleQuantization: doubleQuant)
            BitsAndBytesLayout.store(quantized, shape: tensor.shape, as: name, in: &result)
            quantizedValues += quantized.count
            storageBytes += quantized.storageBytes
        }
        for name in result.tensors.keys where result.rawTensors[name] != nil {
            fail("\(input): tensor '\(name)' would be written twice; is the file already quantized?")
        }
        try writeCheckpoint(result, to: output)
        let bits = quantizedValues > 0 ? Double(storageBytes * 8) / Double(quantizedValues) : 0
        print(
            "quantized \(quantizedValues) values in \(source.tensors.count - kept) tensors "
                + "to NF4 (block \(blockSize)"
                + (doubleQuant ? ", double quantization" : "") + String(format: "): %.4f bits per parameter; ", bits)
                + "kept \(kept) tensors in float; wrote \(output)")
    }

}
