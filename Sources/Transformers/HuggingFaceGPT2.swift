import Engine
import FileSafety
import Foundation
import Safetensors

// MARK: - The GPT in transformers' GPT-2 layout

/// The book's GPT written as Hugging Face transformers' `GPT2LMHeadModel` stores it, so
/// `GPT2LMHeadModel.from_pretrained(dir)` loads it and gives the same logits.
///
/// The two models are the same computation with different bookkeeping:
/// - GPT-2 fuses the query, key and value projections into one `c_attn` of width 3C;
/// - its projections are `Conv1D` layers, which store the weight as `[in, out]` — the
///   transpose of `nn.Linear`'s (and our) `[out, in]`;
/// - names: `transformer.wte` (token embedding), `wpe` (positions), `h.{i}.ln_1`, `attn`,
///   `ln_2`, `mlp.c_fc`/`c_proj`, `ln_f`, and `lm_head` — written because this model does not
///   tie its head to the embedding (`tie_word_embeddings: false` in the config);
/// - GELU: ours is the tanh approximation, transformers' `"gelu_new"`; LayerNorm ε = 1e-5.
///
/// Example:
/// ```swift
/// let files = try HuggingFaceGPT2(model: gpt, endOfTextID: 256)
/// try files.write(to: URL(fileURLWithPath: "export"))   // config.json + model.safetensors
/// ```
public struct HuggingFaceGPT2 {
    /// Tensors by transformers' names, in its layout.
    public let tensors: [(name: String, tensor: Tensor)]
    /// `config.json`'s text.
    public let configJSON: String

    /// - Parameters:
    ///   - model: a GPT whose projections are plain `Linear` layers (merge LoRA adapters first).
    ///   - endOfTextID: `bos_token_id` and `eos_token_id` for transformers' `generate`.
    /// - Throws: `ExportError.notAFloatLayer` naming a slot that holds an adapter or a
    ///   quantized layer.
    public init(model: GPT, endOfTextID: Int?) throws {
        var tensors: [(name: String, tensor: Tensor)] = [
            ("transformer.wte.weight", model.tokenEmbedding.table),
            ("transformer.wpe.weight", model.positionEmbedding.table),
        ]
        for (index, block) in model.blocks.enumerated() {
            let prefix = "transformer.h.\(index)."
            let slots = Dictionary(
                uniqueKeysWithValues: block.linearSlots(prefix: "blocks.\(index)")
                    .map { ($0.name, $0.layer) })
            func linear(_ name: String) throws -> Linear {
                let full = "blocks.\(index)." + name
                guard let layer = slots[full] as? Linear else {
                    throw ExportError.notAFloatLayer(
                        slot: full,
                        type: slots[full].map { "\(type(of: $0))" } ?? "nothing")
                }
                return layer
            }
            let (query, key, value) = (
                try linear("attention.query"), try linear("attention.key"),
                try linear("attention.value")
            )
            tensors += [
                (prefix + "ln_1.weight", block.attentionNorm.weight), (prefix + "ln_1.bias", block.attentionNorm.bias),
                // [C, 3C]: Qᵀ | Kᵀ | Vᵀ side by side, so c_attn(x) = x·[Qᵀ Kᵀ Vᵀ] = [q k v].
                (prefix + "attn.c_attn.weight", HuggingFaceGPT2.conv1DWeight([query, key, value])),
                (prefix + "attn.c_attn.bias", HuggingFaceGPT2.concatenatedBias([query, key, value])),
                (prefix + "attn.c_proj.weight", HuggingFaceGPT2.conv1DWeight([try linear("attention.output")])),
                (prefix + "attn.c_proj.bias", HuggingFaceGPT2.concatenatedBias([try linear("attention.output")])),
                (prefix + "ln_2.weight", block.mlpNorm.weight), (prefix + "ln_2.bias", block.mlpNorm.bias),
                (prefix + "mlp.c_fc.weight", HuggingFaceGPT2.conv1DWeight([try linear("mlp.up")])),
                (prefix + "mlp.c_fc.bias", HuggingFaceGPT2.concatenatedBias([try linear("mlp.up")])),
                (prefix + "mlp.c_proj.weight", HuggingFaceGPT2.conv1DWeight([try linear("mlp.down")])),
                (prefix + "mlp.c_proj.bias", HuggingFaceGPT2.concatenatedBias([try linear("mlp.down")])),
            ]
        }
        tensors += [
            ("transformer.ln_f.weight", model.finalNorm.weight),
            ("transformer.ln_f.bias", model.finalNorm.bias),
        ]
        if let head = model.head { tensors.append(("lm_head.weight", head.weight)) }
        self.tensors = tensors
        configJSON = HuggingFaceGPT2.config(model.config, endOfTextID: endOfTextID)
    }

    /// Writes `config.json` and `model.safetensors` into `directory` (created if needed), each
    /// to a temporary name first.
    public func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var byName: [String: Tensor] = [:]
        for (name, tensor) in tensors { byName[name] = tensor }
        // transformers refuses a safetensors file whose metadata lacks "format": "pt".
        try Checkpoint(tensors: byName, metadata: ["format": "pt"])
            .write(to: directory.appendingPathComponent("model.safetensors"))
        try AtomicFile.write(configJSON, to: directory.appendingPathComponent("config.json"))
    }

    /// `[in, Σ out]`: the layers' weights transposed (Conv1D's layout) and put side by side.
    static func conv1DWeight(_ layers: [Linear]) -> Tensor {
        let inputs = layers[0].inputDimensions
        let total = layers.reduce(0) { $0 + $1.outputDimensions }
        let result = Tensor.zeros([inputs, total])
        var column = 0
        for layer in layers {
            let w = layer.weight.pointer, outputs = layer.outputDimensions
            for out in 0..<outputs {
                for input in 0..<inputs { result.pointer[input * total + column + out] = w[out * inputs + input] }
            }
            column += outputs
        }
        return result
    }

    /// The layers' biases end to end (zeros for a layer without bias).
    static func concatenatedBias(_ layers: [Linear]) -> Tensor {
        let scalars = layers.flatMap { $0.bias?.scalars ?? [Float](repeating: 0, count: $0.outputDimensions) }
        return Tensor(shape: [scalars.count], scalars: scalars)
    }

    /// transformers' `GPT2Config` for this model: no dropout, the tanh GELU, ε = 1e-5, an
    /// untied head stated as such.
    static func config(_ config: GPTConfig, endOfTextID: Int?) -> String {
        var fields: [String: Any] = [
            "architectures": ["GPT2LMHeadModel"], "model_type": "gpt2",
            "vocab_size": config.vocabularySize, "n_positions": config.contextLength, "n_ctx": config.contextLength,
            "n_embd": config.width, "n_layer": config.layers, "n_head": config.heads, "n_inner": 4 * config.width,
            "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5,
            "resid_pdrop": config.dropout, "embd_pdrop": config.dropout, "attn_pdrop": 0,
            "tie_word_embeddings": config.tiedHead, "scale_attn_weights": true, "initializer_range": 0.02,
            "torch_dtype": "float32",
        ]
        if let endOfTextID {
            fields["bos_token_id"] = endOfTextID
            fields["eos_token_id"] = endOfTextID
        }
        let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }
}

/// Why a model could not be exported.
public enum ExportError: Error, CustomStringConvertible {
    case notAFloatLayer(slot: String, type: String)

    public var description: String {
        switch self {
        case let .notAFloatLayer(slot, type):
            return "\(slot) holds a \(type), not a float Linear: merge adapters (or dequantize) before exporting"
        }
    }
}
