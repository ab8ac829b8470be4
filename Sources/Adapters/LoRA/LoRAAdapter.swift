import Engine
import FileSafety
import Foundation
import Safetensors

// MARK: - An adapter on its own: save, load, switch

/// Why an adapter could not be put on a model.
public enum AdapterError: Error, CustomStringConvertible, Equatable {
    /// The adapter was trained on another base model: `expected` is the fingerprint it was
    /// captured with, `found` the model's (both full `LoRAAdapter.fingerprint(ofBase:)` strings).
    case wrongBase(file: String, expected: String, found: String)
    /// The file is not a LoRA adapter written by `LoRAAdapter.write(to:)`.
    case notAnAdapter(file: String, reason: String)
    /// The model lacks a LoRA layer the adapter needs, or has one of another shape.
    case layerMismatch(file: String, name: String, reason: String)

    public var description: String {
        switch self {
        case let .wrongBase(file, expected, found):
            return "\(file): this adapter belongs to base model \(LoRAAdapter.short(expected)), but the model it is "
                + "being loaded onto is \(LoRAAdapter.short(found)) (\(LoRAAdapter.difference(expected, found))); "
                + "load it onto the model it was trained from"
        case let .notAnAdapter(file, reason):
            return "\(file): not a LoRA adapter: \(reason)"
        case let .layerMismatch(file, name, reason):
            return "\(file): adapter layer '\(name)': \(reason)"
        }
    }
}

/// The trained part of a LoRA fine-tune on its own — every A and B, the rank, α, and a
/// fingerprint of the base model it belongs to. Kilobytes where the model is megabytes, so
/// one base can serve many tasks: keep one adapter per task and switch by copying A and B.
///
/// Example:
/// ```swift
/// let poems = LoRAAdapter(capturing: model)          // after training on poems
/// try poems.write(to: url)
/// try LoRAAdapter.read(from: url).apply(to: model)   // refused if `model` is another base
/// ```
public struct LoRAAdapter {
    /// `loraA` and `loraB` tensors by full name (`blocks.0.attention.query.loraA`).
    public var tensors: [String: Tensor]
    public var rank: Int
    public var alpha: Float
    /// α/r or α/√r; files without the field were written with α/r.
    public var scaling: LoRAScaling = .standard
    /// `LoRAAdapter.fingerprint(ofBase:)` of the model it was trained on.
    public var baseFingerprint: String

    /// Copies (not shares) the current A and B of every LoRA layer in `model`, merged or not;
    /// the base fingerprint is of the unmerged weights either way.
    public init(capturing model: any Layer) {
        let layers = LoRA.layers(in: model)
        precondition(!layers.isEmpty, "the model has no LoRA layers to capture")
        var tensors: [String: Tensor] = [:]
        for (name, layer) in layers {
            tensors[name + ".loraA"] = Tensor(shape: layer.loraA.shape, scalars: layer.loraA.scalars)
            tensors[name + ".loraB"] = Tensor(shape: layer.loraB.shape, scalars: layer.loraB.scalars)
        }
        self.tensors = tensors
        rank = layers[0].layer.rank
        alpha = layers[0].layer.alpha
        scaling = layers[0].layer.scaling
        baseFingerprint = LoRAAdapter.fingerprint(ofBase: model)
    }

    /// Puts this adapter's A and B into `model`'s LoRA layers, which must exist with the same
    /// names and shapes, on the same base. The base weights are not touched (layers are
    /// unmerged first), so switching adapters costs a copy of a few kilobytes. A refused
    /// adapter leaves the model as it was.
    ///
    /// - Parameter file: names the adapter in errors.
    public func apply(to model: any Layer, file: String = "adapter") throws {
        let layers = LoRA.layers(in: model)
        let found = LoRAAdapter.fingerprint(ofBase: model)
        guard LoRAAdapter.sameBase(found, baseFingerprint) else {
            throw AdapterError.wrongBase(file: file, expected: baseFingerprint, found: found)
        }
        let byName = Dictionary(uniqueKeysWithValues: layers.map { ($0.name, $0.layer) })
        for name in tensors.keys {
            let layerName = String(name.dropLast(".loraA".count))
            guard byName[layerName] != nil else {
                throw AdapterError.layerMismatch(
                    file: file, name: layerName,
                    reason: "the model has no LoRA layer there; apply LoRA with the same targets first")
            }
        }
        for (name, layer) in byName {
            guard let a = tensors[name + ".loraA"], let b = tensors[name + ".loraB"] else {
                throw AdapterError.layerMismatch(
                    file: file, name: name,
                    reason: "the adapter has no A and B for this layer")
            }
            guard a.shape == layer.loraA.shape, b.shape == layer.loraB.shape, layer.alpha == alpha,
                layer.scaling == scaling
            else {
                throw AdapterError.layerMismatch(
                    file: file, name: name,
                    reason: "A \(a.shape), B \(b.shape), α \(alpha) in the adapter; "
                        + "the layer has A \(layer.loraA.shape), B \(layer.loraB.shape), α \(layer.alpha)")
            }
        }
        for (_, layer) in layers { layer.unmerge() }
        for (name, layer) in byName {
            layer.loraA.assign(tensors[name + ".loraA"]!)
            layer.loraB.assign(tensors[name + ".loraB"]!)
        }
    }

    // MARK: - Files

    /// Writes the adapter as safetensors (atomically), with rank, α and the base fingerprint
    /// in the metadata — PEFT's `adapter_model.safetensors` idea.
    public func write(to url: URL) throws {
        try Checkpoint(tensors: tensors, metadata: metadata).write(to: url)
    }

    /// What the file's metadata holds. `scaling` is written only for α/√r, so a file without
    /// it (every file written before the field existed) reads as α/r.
    private var metadata: [String: String] {
        var fields = ["format": "tailor-lora", "rank": String(rank), "alpha": String(alpha), "base": baseFingerprint]
        if scaling != .standard { fields["scaling"] = scaling.rawValue }
        return fields
    }

    /// Reads an adapter written by `write(to:)`; a damaged file is a `CheckpointError`, a
    /// safetensors file of something else an `AdapterError.notAnAdapter`.
    public static func read(from url: URL) throws -> LoRAAdapter {
        let checkpoint = try Checkpoint.read(from: url)
        guard checkpoint.metadata["format"] == "tailor-lora" else {
            throw AdapterError.notAnAdapter(file: url.path, reason: "its metadata has no \"format\": \"tailor-lora\"")
        }
        guard let base = checkpoint.metadata["base"] else {
            throw AdapterError.notAnAdapter(file: url.path, reason: "base missing from the metadata")
        }
        let (rank, alpha) = try checkedRankAndAlpha(checkpoint, file: url.path)
        guard let scaling = LoRAScaling(rawValue: checkpoint.metadata["scaling"] ?? LoRAScaling.standard.rawValue)
        else {
            throw AdapterError.notAnAdapter(file: url.path, reason: "unknown scaling in the metadata")
        }
        var adapter = LoRAAdapter(tensors: checkpoint.tensors, rank: rank, alpha: alpha, baseFingerprint: base)
        adapter.scaling = scaling
        return adapter
    }

    init(tensors: [String: Tensor], rank: Int, alpha: Float, baseFingerprint: String) {
        self.tensors = tensors
        self.rank = rank
        self.alpha = alpha
        self.baseFingerprint = baseFingerprint
    }

    /// The bytes `write(to:)` would write.
    public var fileSize: Int {
        Checkpoint(tensors: tensors, metadata: metadata).serialized().count
    }

    // MARK: - Which base

    /// A fingerprint of the base model: an FNV-1a 64 hash of every non-adapter parameter's name
    /// and shape, then the root-mean-square of each, e.g. `3f2a…:0.0201,0.0199,…`.
    ///
    /// Always of the base as it is without adapters: where a LoRA layer is merged, its weight
    /// holds W + ΔW, so ΔW is taken out here (from a copy) and W is what is measured. Otherwise
    /// an adapter captured from a merged model would be refused by that very model.
    ///
    /// Why not hash the values: merging and unmerging an adapter changes W by float rounding
    /// (~1e-7), and the adapter still belongs to that base. The RMS values move by far less
    /// than `fingerprintTolerance` then, while another model's differ by much more.
    public static func fingerprint(ofBase model: any Layer) -> String {
        let merged = Dictionary(
            uniqueKeysWithValues: LoRA.layers(in: model).filter { $0.layer.isMerged }
                .map { ($0.name + ".weight", $0.layer.weightUpdate()) })
        var layout = Data()
        var norms: [String] = []
        for (name, tensor) in model.namedParameters().sorted(by: { $0.name < $1.name })
        where !name.hasSuffix(".loraA") && !name.hasSuffix(".loraB") {
            layout.append(contentsOf: Array("\(name)\(tensor.shape);".utf8))
            let update = merged[name]  // W + ΔW in the tensor: subtract ΔW to measure W
            var squares: Double = 0
            for index in 0..<tensor.count {
                let w = Double(tensor.pointer[index]) - Double(update?.pointer[index] ?? 0)
                squares += w * w
            }
            norms.append(String(format: "%.6g", (squares / Double(max(tensor.count, 1))).squareRoot()))
        }
        return Checksum.fnv1a64Hex(layout) + ":" + norms.joined(separator: ",")
    }

    /// The relative difference of per-tensor RMS values still counted as the same base.
    public static let fingerprintTolerance = 1e-4

    /// Whether two fingerprints name the same base (same layout, RMS values within tolerance).
    public static func sameBase(_ first: String, _ second: String) -> Bool {
        let a = first.split(separator: ":"), b = second.split(separator: ":")
        guard a.count == 2, b.count == 2, a[0] == b[0] else { return false }
        let x = a[1].split(separator: ",").compactMap { Double($0) }
        let y = b[1].split(separator: ",").compactMap { Double($0) }
        guard x.count == y.count else { return false }
        return zip(x, y).allSatisfy { abs($0 - $1) <= fingerprintTolerance * max(abs($0), abs($1), 1e-12) }
    }

    /// Where two fingerprints part, for messages: the layouts, or the first tensor whose RMS
    /// differs beyond tolerance, with both values — so the two bases never read the same.
    static func difference(_ expected: String, _ found: String) -> String {
        let a = expected.split(separator: ":"), b = found.split(separator: ":")
        guard a.count == 2, b.count == 2 else { return "fingerprints \(expected) and \(found)" }
        guard a[0] == b[0] else { return "their parameter layouts differ: \(a[0]) and \(b[0])" }
        let x = a[1].split(separator: ","), y = b[1].split(separator: ",")
        guard x.count == y.count else { return "\(x.count) and \(y.count) base tensors" }
        for (index, (first, second)) in zip(x, y).enumerated() {
            guard let p = Double(first), let q = Double(second),
                abs(p - q) <= fingerprintTolerance * max(abs(p), abs(q), 1e-12)
            else {
                return "base tensor \(index + 1) of \(x.count) in name order has RMS \(first) in the adapter's base, "
                    + "\(second) in this model"
            }
        }
        return "the same fingerprint"
    }

    /// The fingerprint shortened for messages: a hash of the parameters' values (their RMS),
    /// the layout's hash, and the first RMS values. Two models of one layout share the layout
    /// hash, so the values' hash is what tells them apart.
    static func short(_ fingerprint: String) -> String {
        let parts = fingerprint.split(separator: ":")
        guard parts.count == 2 else { return fingerprint }
        let norms = parts[1].split(separator: ",").prefix(3).joined(separator: ", ")
        let values = Checksum.fnv1a64Hex(parts[1].utf8).prefix(8)
        return "\(values) (layout \(parts[0].prefix(8)), RMS \(norms), …)"
    }
}
