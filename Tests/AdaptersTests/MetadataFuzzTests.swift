import Adapters
import Engine
import FileSafety
import Foundation
import Safetensors
import Testing
import Transformers

// every number in an adapter's or a model's metadata is untrusted. Each numeric
// field is set to 0, −1, a huge value, a non-integer and NaN (seeded), and the readers must
// answer with a typed error naming the file and the field — never a trap, never an allocation
// of what the field claims.

/// The five kinds of bad value, the huge and fractional ones drawn from `rng`.
private func fuzzValues(_ rng: inout SplitMix64) -> [String] {
    let huge = 4_000_000_000 + Int(rng.next() % 1_000_000_000_000)
    let fraction = Double(rng.next() % 1000) / 1000 + 0.25
    return ["0", "-1", String(huge), String(fraction + 1), "nan"]
}

/// An adapter file of rank 2, α 4 on `tinyGPT()`, with `metadata` edited by `edit`.
private func adapterFile(_ name: String, edit: (inout [String: String]) -> Void) throws -> URL {
    let model = tinyGPT()
    var rng = SplitMix64(seed: 5)
    LoRA.apply(to: model, targets: LoRATarget.queryValue, rank: 2, alpha: 4, rng: &rng)
    let url = temporaryURL(name)
    try LoRAAdapter(capturing: model).write(to: url)
    var checkpoint = try Checkpoint.read(from: url)
    edit(&checkpoint.metadata)
    try checkpoint.write(to: url)
    return url
}

/// What `tailor sample --adapter` does: read the adapter, put it on a plain base model.
private func attachToFreshModel(_ url: URL) throws {
    try LoRAAdapter.read(from: url).attach(to: tinyGPT(), file: url.path)
}

@Test func adapterRankZeroAndHugeAreTypedErrorsNotTraps() throws {
    // The issue's two examples: rank "0" hit a precondition (SIGILL); "4000000000" asked for 1 TB.
    for rank in ["0", "4000000000"] {
        let url = try adapterFile("rank-\(rank)") { $0["rank"] = rank }
        defer { try? FileManager.default.removeItem(at: url) }
        #expect { try attachToFreshModel(url) } throws: { error in
            guard let error = error as? MetadataError else { return false }
            return error.field == "rank" && error.file == url.path && "\(error)".contains("rank")
        }
    }
}

@Test func adapterWithInfiniteAlphaIsRefusedBeforeAnythingIsMerged() throws {
    // `tailor export --adapter` with alpha "inf" wrote 32,768 ±Inf weights.
    let url = try adapterFile("alpha-inf") { $0["alpha"] = "inf" }
    defer { try? FileManager.default.removeItem(at: url) }
    #expect { try LoRAAdapter.read(from: url) } throws: { ($0 as? MetadataError)?.field == "alpha" }
}

@Test func adapterMetadataFuzzGivesTypedErrors() throws {
    var rng = SplitMix64(seed: 23)
    for field in ["rank", "alpha"] {
        for value in fuzzValues(&rng) {
            let url = try adapterFile("fuzz-\(field)") { $0[field] = value }
            defer { try? FileManager.default.removeItem(at: url) }
            do {
                try attachToFreshModel(url)
                // Only α may take these values and still be an adapter (0, −1, 1.x are finite, small).
                #expect(
                    field == "alpha" && Float(value).map { $0.isFinite && abs($0) <= 1e6 } == true,
                    "\(field) = \(value) was accepted")
            } catch let error as MetadataError {
                #expect(error.field == field && error.file == url.path)
            } catch let error as AdapterError {
                #expect("\(error)".hasPrefix(url.path), "\(error)")
            }
        }
    }
}

@Test func adapterWithANonFiniteWeightIsRefusedNamingTensorAndIndex() throws {
    let model = tinyGPT()
    var rng = SplitMix64(seed: 6)
    LoRA.apply(to: model, targets: [.query], rank: 2, alpha: 4, rng: &rng)
    var adapter = LoRAAdapter(capturing: model)
    let name = adapter.tensors.keys.sorted()[0]
    let poisoned = Tensor(shape: adapter.tensors[name]!.shape, scalars: adapter.tensors[name]!.scalars)
    poisoned.pointer[3] = .nan
    adapter.tensors[name] = poisoned
    let url = temporaryURL("nan-adapter")
    // The writer refuses it first: nothing is written from non-finite values.
    #expect { try adapter.write(to: url) } throws: { error in
        guard case let CheckpointError.nonFiniteValue(file, tensor, index, _) = error else { return false }
        return file == url.path && tensor == name && index == 3
    }
    #expect(!FileManager.default.fileExists(atPath: url.path))
}

@Test func adapterShapesAreCheckedAgainstTheModelBeforeALayerIsMade() throws {
    // A and B that fit their rank but not the model's layer: refused, the model untouched.
    var rng = SplitMix64(seed: 7)
    let other = GPT(
        config: GPTConfig(vocabularySize: 20, contextLength: 12, width: 8, heads: 2, layers: 2),
        rng: &rng)
    LoRA.apply(to: other, targets: [.query], rank: 2, alpha: 4, rng: &rng)
    let adapter = LoRAAdapter(capturing: other)
    let model = tinyGPT()
    #expect(throws: AdapterError.self) { try adapter.attach(to: model, file: "other.safetensors") }
}

// MARK: - A model's configuration

/// A `tinyGPT()` checkpoint whose config JSON has `field` set to the raw JSON text `value`.
private func modelFile(field: String, value: String) throws -> URL {
    let url = temporaryURL("gpt-\(field)")
    try tinyGPT().save(to: url)
    var checkpoint = try Checkpoint.read(from: url)
    let json = checkpoint.metadata["config"]!
    let pattern = "\"\(field)\":[^,}]*"
    checkpoint.metadata["config"] = json.replacingOccurrences(
        of: pattern, with: "\"\(field)\":\(value)",
        options: .regularExpression)
    try checkpoint.write(to: url)
    return url
}

@Test func modelConfigFuzzGivesTypedErrorsNamingTheField() throws {
    var rng = SplitMix64(seed: 32)
    for field in ["vocabularySize", "contextLength", "width", "heads", "layers", "dropout"] {
        for value in fuzzValues(&rng) {
            let url = try modelFile(field: field, value: value == "nan" ? "NaN" : value)
            defer { try? FileManager.default.removeItem(at: url) }
            do {
                let model = try GPT.load(from: url)
                // dropout 0 is the model as saved; every other value must have been refused.
                #expect(
                    field == "dropout" && value == "0" && model.config == tinyGPT().config,
                    "\(field) = \(value) was accepted")
            } catch let error as MetadataError {
                #expect(error.file == url.path && error.field.hasPrefix("config"), "\(error)")
            }
        }
    }
}

@Test func decodingAConfigGoesThroughTheSameChecksAsMakingOne() throws {
    let json = #"{"contextLength":12,"dropout":0,"heads":3,"layers":2,"tiedHead":false,"vocabularySize":20,"width":16}"#
    #expect { try GPTConfig(json: json) } throws: { ($0 as? MetadataError)?.field == "config.heads" }
    let valid = json.replacingOccurrences(of: "\"heads\":3", with: "\"heads\":2")
    #expect(
        try GPTConfig(json: valid)
            == GPTConfig(
                vocabularySize: 20, contextLength: 12, width: 16, heads: 2,
                layers: 2))
}

@Test func modelWithOneNaNWeightIsRefusedOnLoad() throws {
    // `tailor sample` on such a model printed only the prompt and exited 0.
    let url = temporaryURL("gpt-nan")
    defer { try? FileManager.default.removeItem(at: url) }
    try tinyGPT().save(to: url)
    var checkpoint = try Checkpoint.read(from: url)
    let name = "blocks.1.mlp.up.weight"
    let poisoned = Tensor(shape: checkpoint.tensors[name]!.shape, scalars: checkpoint.tensors[name]!.scalars)
    poisoned.pointer[17] = .nan
    checkpoint.tensors[name] = poisoned
    // Written the way a damaged file arrives: bypassing Tailor's own writer, which refuses it.
    try checkpoint.serialized().write(to: url)
    #expect { try GPT.load(from: url) } throws: { error in
        guard case let CheckpointError.nonFiniteValue(file, tensor, index, _) = error else { return false }
        return file == url.path && tensor == name && index == 17
    }
}
