import Engine
import Foundation
import TestSupport
import Testing

@testable import Transformers

/// The export must follow transformers' GPT-2 names and shapes exactly, or
/// `from_pretrained` silently re-initialises what it cannot find.
@Suite struct HuggingFaceExportTests {
    let config = GPTConfig(vocabularySize: 23, contextLength: 12, width: 8, heads: 2, layers: 2)

    @Test func namesAndShapesFollowGPT2() throws {
        var rng = SplitMix64(seed: 1)
        let export = try HuggingFaceGPT2(model: GPT(config: config, rng: &rng), endOfTextID: 22)
        let shapes = Dictionary(uniqueKeysWithValues: export.tensors.map { ($0.name, $0.tensor.shape) })
        let (c, v, t) = (8, 23, 12)
        var expected: [String: [Int]] = [
            "transformer.wte.weight": [v, c], "transformer.wpe.weight": [t, c],
            "transformer.ln_f.weight": [c], "transformer.ln_f.bias": [c], "lm_head.weight": [v, c],
        ]
        for i in 0..<2 {
            let h = "transformer.h.\(i)."
            expected[h + "ln_1.weight"] = [c]; expected[h + "ln_1.bias"] = [c]
            expected[h + "attn.c_attn.weight"] = [c, 3 * c]; expected[h + "attn.c_attn.bias"] = [3 * c]
            expected[h + "attn.c_proj.weight"] = [c, c]; expected[h + "attn.c_proj.bias"] = [c]
            expected[h + "ln_2.weight"] = [c]; expected[h + "ln_2.bias"] = [c]
            expected[h + "mlp.c_fc.weight"] = [c, 4 * c]; expected[h + "mlp.c_fc.bias"] = [4 * c]
            expected[h + "mlp.c_proj.weight"] = [4 * c, c]; expected[h + "mlp.c_proj.bias"] = [c]
        }
        #expect(shapes == expected)
        let json = try JSONSerialization.jsonObject(with: Data(export.configJSON.utf8)) as? [String: Any]
        #expect(json?["n_embd"] as? Int == 8 && json?["n_layer"] as? Int == 2 && json?["n_head"] as? Int == 2)
        #expect(json?["tie_word_embeddings"] as? Bool == false && json?["activation_function"] as? String == "gelu_new")
        #expect(json?["eos_token_id"] as? Int == 22)
    }

    @Test func theFusedConv1DProjectionGivesQueryKeyAndValue() throws {
        var rng = SplitMix64(seed: 2)
        let model = GPT(config: config, rng: &rng)
        let export = try HuggingFaceGPT2(model: model, endOfTextID: nil)
        let fused = try #require(export.tensors.first { $0.name == "transformer.h.1.attn.c_attn.weight" }?.tensor)
        let bias = try #require(export.tensors.first { $0.name == "transformer.h.1.attn.c_attn.bias" }?.tensor)
        let x = randomTensor([3, 8], seed: 3)
        let conv1D = Tensor.withoutGradient { x.matmul(fused) + bias }.scalars  // x·W + b: [3, 24]
        let attention = model.blocks[1].attention
        let separate = Tensor.withoutGradient {
            Tensor.concatenate([attention.query(x), attention.key(x), attention.value(x)], alongAxis: 1)
        }.scalars
        expectClose(conv1D, separate, tolerance: 1e-5)
    }

    @Test func anAdapterInASlotIsRefusedNotExportedHalfway() {
        var rng = SplitMix64(seed: 4)
        let model = GPT(config: config, rng: &rng)
        final class Doubled: LinearLayer {
            let inner: any LinearLayer
            init(_ inner: any LinearLayer) { self.inner = inner }
            var inputDimensions: Int { inner.inputDimensions }
            var outputDimensions: Int { inner.outputDimensions }
            func callAsFunction(_ input: Tensor) -> Tensor { inner(input).scaled(by: 2) }
            func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
                inner.namedParameters(prefix: prefix)
            }
        }
        let slot = model.linearSlots().first { $0.name == "blocks.0.mlp.up" }!
        slot.replace(with: Doubled(slot.layer))
        #expect(throws: ExportError.self) { try HuggingFaceGPT2(model: model, endOfTextID: nil) }
    }
}
