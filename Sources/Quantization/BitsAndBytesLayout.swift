import Engine
import Foundation
import Safetensors

// MARK: - The file layout bitsandbytes and transformers save 4-bit weights in

/// How a 4-bit weight `W` is stored in a safetensors file by bitsandbytes'
/// `QuantState.as_dict(packed=True)` (what transformers' `save_pretrained` writes for a
/// model loaded with `load_in_4bit`):
///
/// - `W`: U8 [⌈n/2⌉, 1], two codes per byte, the first in the high nibble;
/// - `W.absmax`: F32 [blocks], or U8 [blocks] (8-bit codes) with double quantization;
/// - `W.quant_map`: F32 [16], the levels;
/// - `W.nested_absmax`: F32 [⌈blocks/256⌉] and `W.nested_quant_map`: F32 [256] (double
///   quantization only);
/// - `W.quant_state.bitsandbytes__nf4`: U8, the JSON bytes of `quant_type`, `blocksize`,
///   `dtype`, `shape`, and with double quantization `nested_blocksize`, `nested_dtype`,
///   `nested_offset` (keys in that order, Python's `json.dumps` separators).
///
/// Example:
/// ```swift
/// var checkpoint = Checkpoint(tensors: [:])
/// BitsAndBytesLayout.store(quantized, shape: [512, 512], as: "blocks.0.mlp.up.weight", in: &checkpoint)
/// let (back, shape) = try BitsAndBytesLayout.load("blocks.0.mlp.up.weight", from: checkpoint, file: path)
/// ```
public enum BitsAndBytesLayout {
    /// The suffix of the quant-state entry for `type`, e.g. `.quant_state.bitsandbytes__nf4`.
    public static func stateSuffix(_ type: FourBitType) -> String { ".quant_state.bitsandbytes__" + type.rawValue }

    /// Adds the entries for `quantized` (the values of a tensor of `shape`) named `name`.
    public static func store(
        _ quantized: FourBitQuantized, shape: [Int], as name: String,
        in checkpoint: inout Checkpoint
    ) {
        checkpoint.rawTensors[name] = RawTensor(bytes: quantized.packedCodes, shape: [quantized.packedCodes.count, 1])
        checkpoint.tensors[name + ".quant_map"] = Tensor(shape: [16], scalars: quantized.type.levels)
        // Keys in the order bitsandbytes writes them; Python's json.dumps separators.
        var state =
            "{\"quant_type\": \"\(quantized.type.rawValue)\", \"blocksize\": \(quantized.blockSize), "
            + "\"dtype\": \"float32\", \"shape\": [\(shape.map(String.init).joined(separator: ", "))]"
        switch quantized.constants {
        case .float(let absmax):
            checkpoint.tensors[name + ".absmax"] = Tensor(shape: [absmax.count], scalars: absmax)
        case .doubleQuantized(let nested):
            checkpoint.rawTensors[name + ".absmax"] = RawTensor(bytes: nested.codes, shape: [nested.codes.count])
            checkpoint.tensors[name + ".nested_absmax"] = Tensor(
                shape: [nested.nestedAbsmax.count],
                scalars: nested.nestedAbsmax)
            checkpoint.tensors[name + ".nested_quant_map"] = Tensor(shape: [256], scalars: nested.map)
            state +=
                ", \"nested_blocksize\": \(FourBitQuantized.nestedBlockSize), \"nested_dtype\": \"float32\", "
                + "\"nested_offset\": \(Double(nested.offset))"
        }
        state += "}"
        checkpoint.rawTensors[name + stateSuffix(quantized.type)] = RawTensor(
            bytes: Array(state.utf8),
            shape: [state.utf8.count])
    }

    /// The names of the 4-bit weights in `checkpoint` (those with a quant-state entry).
    public static func quantizedNames(in checkpoint: Checkpoint) -> [String] {
        checkpoint.rawTensors.keys.compactMap { key in
            FourBitType.allCases.lazy.compactMap { type -> String? in
                key.hasSuffix(stateSuffix(type)) ? String(key.dropLast(stateSuffix(type).count)) : nil
            }.first
        }.sorted()
    }

    /// Reads the 4-bit weight `name` back, checking every entry against the quant state
    /// (sizes overflow-safe, maps equal to the ones this module builds).
    ///
    /// - Returns: the quantized values and the tensor's shape.
    /// - Throws: `QuantizedFileError` naming `file`, the tensor and what is wrong.
    public static func load(
        _ name: String, from checkpoint: Checkpoint,
        file: String
    ) throws -> (quantized: FourBitQuantized, shape: [Int]) {
        func fail(_ reason: String) -> QuantizedFileError { .invalid(file: file, tensor: name, reason: reason) }
        guard let type = FourBitType.allCases.first(where: { checkpoint.rawTensors[name + stateSuffix($0)] != nil }),
            let stateBytes = checkpoint.rawTensors[name + stateSuffix(type)]?.bytes
        else {
            throw fail("no quant_state entry")
        }
        guard case .object(let state)? = try? StrictJSON.parse(stateBytes) else {
            throw fail("quant_state is not a JSON object")
        }
        guard case .string(type.rawValue)? = state["quant_type"] else {
            throw fail("quant_type is not \(type.rawValue)")
        }
        guard let blockSize = state["blocksize"]?.nonNegativeInteger,
            FourBitQuantized.allowedBlockSizes.contains(blockSize)
        else { throw fail("blocksize is not 32…4096") }
        guard case .array(let dimensions)? = state["shape"] else { throw fail("no shape") }
        let shape = dimensions.compactMap(\.nonNegativeInteger)
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw fail("shape \(shape) overflows") }
            count = product
        }
        guard shape.count == dimensions.count else { throw fail("shape holds a non-integer") }
        // count may be near Int.max here: no `count + 1` before it is known to be small.
        let packedCount = count / 2 + count % 2
        guard let codes = checkpoint.rawTensors[name], codes.dtype == .u8, codes.bytes.count == packedCount else {
            throw fail("codes are not \(packedCount) U8 bytes for shape \(shape)")
        }
        guard checkpoint.tensors[name + ".quant_map"]?.scalars == type.levels else {
            throw fail("quant_map differs from bitsandbytes' \(type.rawValue) levels")
        }
        let blocks = count / blockSize + (count % blockSize == 0 ? 0 : 1)
        let constants: BlockConstants
        if state["nested_blocksize"] != nil {
            guard state["nested_blocksize"]?.nonNegativeInteger == FourBitQuantized.nestedBlockSize,
                case .number(let offsetText)? = state["nested_offset"], let offset = Double(offsetText),
                let codes8 = checkpoint.rawTensors[name + ".absmax"], codes8.dtype == .u8,
                codes8.bytes.count == blocks,
                let nested = checkpoint.tensors[name + ".nested_absmax"], nested.count == (blocks + 255) / 256,
                checkpoint.tensors[name + ".nested_quant_map"]?.scalars == dynamicQuantizationMap
            else {
                throw fail("double-quantized constants do not match \(blocks) blocks of \(blockSize)")
            }
            constants = .doubleQuantized(
                DoubleQuantizedConstants(
                    codes: codes8.bytes, nestedAbsmax: nested.scalars,
                    offset: Float(offset)))
        } else {
            guard let absmax = checkpoint.tensors[name + ".absmax"], absmax.count == blocks else {
                throw fail("absmax is not \(blocks) F32 values")
            }
            constants = .float(absmax.scalars)
        }
        return (
            FourBitQuantized(
                type: type, count: count, blockSize: blockSize, packedCodes: codes.bytes,
                constants: constants), shape
        )
    }

    /// Whether a tensor is a linear layer's weight, the ones `tailor quantize` turns to 4 bits:
    /// 2-D and non-empty, named `weight` or `*.weight`, and neither an embedding (a name
    /// containing "embed", any case — `tokenEmbedding`, `embed_tokens` — or GPT-2's `wte`,
    /// `wpe`) nor the output head (`head.weight`, `*lm_head.weight`; transformers keeps the
    /// head in float, `llm_int8_skip_modules`). LayerNorm weights are 1-D. For Tailor's GPT
    /// this is exactly the weights of its `linearSlots()`: attention's query, key, value and
    /// output, and the MLP's up and down. (A file does not say which layer made a tensor;
    /// the rule reads its name and shape.)
    public static func isLinearLayerWeight(_ name: String, shape: [Int]) -> Bool {
        guard shape.count == 2, shape.allSatisfy({ $0 > 0 }), name == "weight" || name.hasSuffix(".weight") else {
            return false
        }
        let lowered = name.lowercased()
        let layer = lowered.split(separator: ".").dropLast().last.map(String.init) ?? ""
        return !lowered.contains("embed") && !["wte", "wpe"].contains(layer)
            && lowered != "head.weight" && !lowered.hasSuffix("lm_head.weight")
    }

    /// The entry names `store` writes for `name` (to drop them after dequantizing).
    public static func entryNames(for name: String, type: FourBitType) -> [String] {
        [name, name + stateSuffix(type)]
            + ["absmax", "quant_map", "nested_absmax", "nested_quant_map"].map { name + "." + $0 }
    }
}

/// A 4-bit entry that does not hold together; names the file and the tensor.
public enum QuantizedFileError: Error, CustomStringConvertible, Equatable {
    case invalid(file: String, tensor: String, reason: String)

    public var description: String {
        switch self {
        case let .invalid(file, tensor, reason): return "\(file): 4-bit tensor '\(tensor)': \(reason)"
        }
    }
}
