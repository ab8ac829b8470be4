import Engine
import FileSafety
import Foundation
import Safetensors

extension GPT {
    /// The configuration in a checkpoint's metadata, checked before any tensor is allocated:
    /// its fields within `GPTConfig`'s bounds (decoding checks them), and the parameters it
    /// implies exactly the numbers the file holds — so `layers: 1000000000` is an error, not a
    /// request for terabytes.
    ///
    /// - Throws: `MetadataError` naming the file and the field, or `CheckpointError` when
    ///   there is no config at all.
    static func checkedConfig(in checkpoint: Checkpoint, file: String) throws -> GPTConfig {
        guard let json = checkpoint.metadata["config"] else {
            throw CheckpointError.malformedHeader(
                file: file, reason: "no GPT config in the metadata; was this written by GPT.save?")
        }
        let config: GPTConfig
        do {
            config = try GPTConfig(json: json)
        } catch var error as MetadataError {
            error.file = file
            throw error
        } catch let DecodingError.typeMismatch(type, context), let DecodingError.valueNotFound(type, context) {
            throw MetadataError(
                file: file, field: field(context.codingPath), value: json,
                reason: "must be \(type == Bool.self ? "true or false" : "a number of type \(type)")")
        } catch let DecodingError.keyNotFound(key, _) {
            throw MetadataError(
                file: file, field: "config." + key.stringValue, value: "missing",
                reason: "every GPTConfig field is needed")
        } catch {
            throw MetadataError(file: file, field: "config", value: json, reason: "not a GPT config in JSON")
        }
        let stored = UntrustedSize.sum(checkpoint.tensors.values.map(\.count)) ?? Int.max
        // A GPT's file holds exactly its parameters: a config that implies more (or fewer, as
        // `layers: 0` would) describes another model.
        guard let needed = config.checkedParameterCount, needed == stored else {
            throw MetadataError(
                file: file, field: "config", value: config.json,
                reason: "describes \(config.checkedParameterCount.map(String.init) ?? "over 2⁶³") "
                    + "parameters but the file holds \(stored) numbers")
        }
        return config
    }

    private static func field(_ path: [any CodingKey]) -> String {
        (["config"] + path.map(\.stringValue)).joined(separator: ".")
    }
}
