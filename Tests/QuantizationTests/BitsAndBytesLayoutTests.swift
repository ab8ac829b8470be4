import Engine
import Foundation
import Quantization
import Safetensors
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
    let chosen = [
        "blocks.0.attention.query.weight", "blocks.3.attention.output.weight", "blocks.1.mlp.up.weight",
        "blocks.1.mlp.down.weight", "model.layers.0.self_attn.q_proj.weight", "weight",
    ]
    let kept = [
        "tokenEmbedding.weight", "positionEmbedding.weight", "head.weight", "lm_head.weight",
        "model.embed_tokens.weight", "transformer.wte.weight", "transformer.wpe.weight",
        "blocks.1.mlp.up.bias",
    ]
    for name in chosen { #expect(BitsAndBytesLayout.isLinearLayerWeight(name, shape: [8, 4]), "\(name)") }
    for name in kept { #expect(!BitsAndBytesLayout.isLinearLayerWeight(name, shape: [8, 4]), "\(name)") }
    #expect(!BitsAndBytesLayout.isLinearLayerWeight("blocks.0.attentionNorm.weight", shape: [8]))
    #expect(!BitsAndBytesLayout.isLinearLayerWeight("empty.weight", shape: [0, 4]))
}

/// A 4-bit file is read from anywhere (no checksum required): truncated and byte-edited
/// copies must throw a typed error, from the checkpoint or the layout, or load and
/// dequantize without trapping. (Without a checksum, an edited code byte is a valid file.)
@Test func mutated4BitFilesThrowOrLoad() throws {
    let values = normalValues(3 * 64 + 7, seed: 44)
    let quantized = FourBitQuantized(quantizing: values, blockSize: 64, doubleQuantization: true)
    var checkpoint = Checkpoint(tensors: [:])
    BitsAndBytesLayout.store(quantized, shape: [1, values.count], as: "w", in: &checkpoint)
    let good = [UInt8](checkpoint.serialized())
    var rng = SplitMix64(seed: 45)
    var outcomes = (errors: 0, loads: 0)
    func check(_ bytes: [UInt8]) {
        do {
            let read = try Checkpoint.parse(Data(bytes), file: "m", requireChecksum: false)
            for name in BitsAndBytesLayout.quantizedNames(in: read) {
                let (back, _) = try BitsAndBytesLayout.load(name, from: read, file: "m")
                _ = back.dequantized()
            }
            outcomes.loads += 1
        } catch is CheckpointError {
            outcomes.errors += 1
        } catch is QuantizedFileError {
            outcomes.errors += 1
        } catch {
            Issue.record("untyped error \(error)")
        }
    }
    for length in stride(from: 0, to: good.count, by: 3) { check(Array(good[..<length])) }
    for _ in 0..<2000 {
        var bytes = good
        for _ in 0...rng.nextInt(below: 2) {
            let at = rng.nextInt(below: 2) == 0 ? rng.nextInt(below: bytes.count) : rng.nextInt(below: 700)
            bytes[min(at, bytes.count - 1)] = UInt8(rng.nextInt(below: 256))
        }
        check(bytes)
    }
    #expect(outcomes.errors > 500 && outcomes.loads > 0, "\(outcomes)")
}
