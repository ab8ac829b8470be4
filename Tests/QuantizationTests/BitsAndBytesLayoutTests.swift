import Engine
import Foundation
import Quantization
import Testing

@Suite("bitsandbytes' saved 4-bit layout")
struct BitsAndBytesLayoutTests {
    func roundTrip(_ values: [Float], shape: [Int], doubleQuantization: Bool) throws {
        let quantized = FourBitQuantized(quantizing: values, blockSize: 64, doubleQuantization: doubleQuantization)
        var checkpoint = Checkpoint(tensors: [:])
        BitsAndBytesLayout.store(quantized, shape: shape, as: "layer.weight", in: &checkpoint)
        let read = try Checkpoint.parse(checkpoint.serialized(), file: "q.safetensors")
        #expect(BitsAndBytesLayout.quantizedNames(in: read) == ["layer.weight"])
        let (back, backShape) = try BitsAndBytesLayout.load("layer.weight", from: read, file: "q.safetensors")
        #expect(back == quantized && backShape == shape)
        #expect(read.rawTensors["layer.weight"]?.shape == [(values.count + 1) / 2, 1])
        let stateBytes = read.rawTensors["layer.weight.quant_state.bitsandbytes__nf4"]!.bytes
        let state = String(decoding: stateBytes, as: UTF8.self)
        #expect(state.hasPrefix(#"{"quant_type": "nf4", "blocksize": 64, "dtype": "float32", "shape": ["#))
        #expect(state.contains("nested_offset") == doubleQuantization)
    }

    @Test func storesAndLoadsBack() throws {
        try roundTrip(normalValues(13 * 37, seed: 41), shape: [13, 37], doubleQuantization: false)
        try roundTrip(normalValues(300 * 70, seed: 42), shape: [300, 70], doubleQuantization: true)
    }

    @Test func inconsistentEntriesAreRefusedWithTheirName() throws {
        let quantized = FourBitQuantized(quantizing: normalValues(200, seed: 43), blockSize: 64)
        var checkpoint = Checkpoint(tensors: [:])
        BitsAndBytesLayout.store(quantized, shape: [200], as: "w", in: &checkpoint)
        func state(_ text: String) -> RawTensor { RawTensor(bytes: Array(text.utf8), shape: [text.utf8.count]) }
        var wrongShape = checkpoint
        wrongShape.rawTensors["w.quant_state.bitsandbytes__nf4"] = state(
            #"{"quant_type": "nf4", "blocksize": 64, "dtype": "float32", "shape": [4294967296, 4294967296]}"#)
        var missingAbsmax = checkpoint
        missingAbsmax.tensors["w.absmax"] = nil
        var badJSON = checkpoint
        badJSON.rawTensors["w.quant_state.bitsandbytes__nf4"] = state(#"{"a":1,"a":2}"#)
        for broken in [wrongShape, missingAbsmax, badJSON] {
            #expect(throws: QuantizedFileError.self) { try BitsAndBytesLayout.load("w", from: broken, file: "f") }
        }
        do { _ = try BitsAndBytesLayout.load("w", from: missingAbsmax, file: "f") } catch {
            #expect("\(error)".hasPrefix("f: 4-bit tensor 'w': "))
        }
    }
}

@Test func linearLayerWeightsAreTheSlotsWeights() {
    let chosen = ["blocks.0.attention.query.weight", "blocks.3.attention.output.weight", "blocks.1.mlp.up.weight",
                  "blocks.1.mlp.down.weight", "model.layers.0.self_attn.q_proj.weight", "weight"]
    let kept = ["tokenEmbedding.weight", "positionEmbedding.weight", "head.weight", "lm_head.weight",
                "model.embed_tokens.weight", "transformer.wte.weight", "transformer.wpe.weight",
                "blocks.1.mlp.up.bias"]
    for name in chosen { #expect(BitsAndBytesLayout.isLinearLayerWeight(name, shape: [8, 4]), "\(name)") }
    for name in kept { #expect(!BitsAndBytesLayout.isLinearLayerWeight(name, shape: [8, 4]), "\(name)") }
    #expect(!BitsAndBytesLayout.isLinearLayerWeight("blocks.0.attentionNorm.weight", shape: [8]))
    #expect(!BitsAndBytesLayout.isLinearLayerWeight("empty.weight", shape: [0, 4]))
}
