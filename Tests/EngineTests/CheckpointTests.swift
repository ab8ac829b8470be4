import Engine
import Foundation
import Testing
import TestSupport

@Suite("Safetensors checkpoints")
struct CheckpointTests {
    /// Raw safetensors bytes from a header string and data bytes, for crafting bad files.
    func safetensors(header: String, data: [UInt8], headerLength: UInt64? = nil) -> Data {
        var length = (headerLength ?? UInt64(header.utf8.count)).littleEndian
        var file = Data(bytes: &length, count: 8)
        file.append(Data(header.utf8))
        file.append(contentsOf: data)
        return file
    }

    func parseError(_ data: Data) -> CheckpointError? {
        do { _ = try Checkpoint.parse(data, file: "bad.safetensors"); return nil } catch let error as CheckpointError {
            #expect(error.description.hasPrefix("bad.safetensors: "))
            return error
        } catch { return nil }
    }

    @Test func roundTripIsBitIdentical() throws {
        let special = Tensor(shape: [2, 3], scalars: [0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, 1e-38])
        let nan = Tensor(shape: [1], scalars: [Float(bitPattern: 0x7FC0_1234)])
        let random = randomTensor([4, 5], seed: 91)
        let checkpoint = Checkpoint(tensors: ["b.special": special, "a.random": random, "nan": nan, "empty": Tensor.zeros([0, 3])],
                                    metadata: ["config": "{\"d\": 64}", "note": "ünïcode \"quoted\""])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-checkpoint-\(getpid())")
        let url = directory.appendingPathComponent("model.safetensors")
        try checkpoint.write(to: url)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.safetensors"])
        let loaded = try Checkpoint.read(from: url)
        #expect(loaded.metadata == checkpoint.metadata)
        #expect(Set(loaded.tensors.keys) == Set(checkpoint.tensors.keys))
        for (name, tensor) in checkpoint.tensors {
            #expect(loaded.tensors[name]!.shape == tensor.shape)
            #expect(loaded.tensors[name]!.scalars.map(\.bitPattern) == tensor.scalars.map(\.bitPattern), "\(name)")
        }
        #expect(checkpoint.serialized() == loaded.serialized())   // deterministic bytes
        // The header is padded so the data starts 8-byte aligned.
        let bytes = [UInt8](try Data(contentsOf: url))
        let headerLength = (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
        #expect(headerLength % 8 == 0)
    }

    @Test func loadsIntoALayerCheckingNamesAndShapes() throws {
        var rng = SplitMix64(seed: 92)
        let source = TwoLinearLayers(hidden: 6, rng: &rng)
        let target = TwoLinearLayers(hidden: 6, rng: &rng)
        let checkpoint = try Checkpoint.parse(Checkpoint(layer: source).serialized(), file: "mlp")
        try checkpoint.load(into: target, file: "mlp")
        #expect(target.up.weight.scalars == source.up.weight.scalars)
        var missing = checkpoint
        missing.tensors["down.bias"] = nil
        #expect(throws: CheckpointError.missingParameter(file: "mlp", name: "down.bias")) {
            try missing.load(into: target, file: "mlp")
        }
        let wider = TwoLinearLayers(hidden: 7, rng: &rng)
        #expect(throws: CheckpointError.shapeMismatch(file: "mlp", name: "up.weight", expected: [7, 4], found: [6, 4])) {
            try checkpoint.load(into: wider, file: "mlp")
        }
    }

    @Test func eachCorruptionHasItsOwnError() {
        let good = Checkpoint(tensors: ["w": Tensor(shape: [2], scalars: [1, 2])]).serialized()
        let eightBytes = [UInt8](repeating: 0, count: 8)
        let entry = #""w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}"#

        #expect(parseError(Data([1, 2, 3])) == .truncatedFile(file: "bad.safetensors", size: 3))
        #expect(parseError(safetensors(header: "{}", data: [], headerLength: 1 << 40))
                == .headerTooLarge(file: "bad.safetensors", length: 1 << 40, limit: Checkpoint.headerLimit))
        #expect(parseError(safetensors(header: "{}", data: [], headerLength: 50))
                == .headerBeyondFile(file: "bad.safetensors", length: 50, fileSize: 10))
        if case .malformedHeader = parseError(safetensors(header: "{not json", data: [])) {} else {
            Issue.record("malformed JSON not reported as such")
        }
        if case .malformedHeader = parseError(safetensors(header: #"{"w":{"dtype":"F32"}}"#, data: [])) {} else {
            Issue.record("entry without shape not reported as malformed")
        }
        #expect(parseError(safetensors(header: #"{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]))
                == .unknownDtype(file: "bad.safetensors", tensor: "w", dtype: "F16"))
        #expect(parseError(safetensors(header: #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: [0, 0, 0, 0]))
                == .offsetsOutOfRange(file: "bad.safetensors", tensor: "w", begin: 0, end: 8, dataSize: 4))
        #expect(parseError(safetensors(header: #"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: eightBytes))
                == .offsetsOutOfRange(file: "bad.safetensors", tensor: "w", begin: 0, end: 8, dataSize: 8))
        #expect(parseError(safetensors(header: "{" + entry + #","v":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
                                       data: eightBytes + [0, 0, 0, 0]))
                == .overlappingOffsets(file: "bad.safetensors", first: "w", second: "v"))
        #expect(parseError(safetensors(header: "{" + entry + "}", data: eightBytes + [0, 0, 0, 0]))
                == .dataNotCovered(file: "bad.safetensors", covered: 8, dataSize: 12))
        var flipped = good
        flipped[flipped.count - 1] ^= 0x01
        if case .checksumMismatch = parseError(flipped) {} else { Issue.record("flipped data bit not caught by the checksum") }
        #expect(parseError(good) == nil)
    }
}

/// Two linear layers, `up` (4 → hidden) and `down` (hidden → 4): a layer with named sublayers.
private final class TwoLinearLayers: Layer {
    let up: Linear, down: Linear
    init(hidden: Int, rng: inout SplitMix64) {
        up = Linear(inputDimensions: 4, outputDimensions: hidden, rng: &rng)
        down = Linear(inputDimensions: hidden, outputDimensions: 4, rng: &rng)
    }
    func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        up.namedParameters(prefix: parameterName(prefix, "up")) + down.namedParameters(prefix: parameterName(prefix, "down"))
    }
}
