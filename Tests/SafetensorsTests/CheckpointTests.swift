import Engine
import Foundation
import Safetensors
import TestSupport
import Testing

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
        do {
            _ = try Checkpoint.parse(data, file: "bad.safetensors", requireChecksum: false)
            return nil
        } catch let error as CheckpointError {
            #expect(error.description.hasPrefix("bad.safetensors: "))
            return error
        } catch { return nil }
    }

    @Test func roundTripIsBitIdentical() throws {
        let special = Tensor(shape: [2, 3], scalars: [0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, 1e-38])
        let nan = Tensor(shape: [1], scalars: [Float(bitPattern: 0x7FC0_1234)])
        let random = randomTensor([4, 5], seed: 91)
        let tensors = ["b.special": special, "a.random": random, "nan": nan, "empty": Tensor.zeros([0, 3])]
        let checkpoint = Checkpoint(
            tensors: tensors,
            metadata: ["config": "{\"d\": 64}", "note": "ünïcode \"quoted\""])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-checkpoint-\(getpid())")
        let url = directory.appendingPathComponent("model.safetensors")
        // A model's writer refuses ±inf and NaN (issue 23); the format itself carries them bit for bit.
        #expect(throws: CheckpointError.self) { try checkpoint.write(to: url) }
        #expect(!FileManager.default.fileExists(atPath: url.path))
        try checkpoint.write(to: url, allowingNonFinite: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.safetensors"])
        let loaded = try Checkpoint.read(from: url)
        #expect(loaded.rawTensors.isEmpty)
        #expect(loaded.metadata == checkpoint.metadata)
        #expect(Set(loaded.tensors.keys) == Set(checkpoint.tensors.keys))
        for (name, tensor) in checkpoint.tensors {
            #expect(loaded.tensors[name]!.shape == tensor.shape)
            #expect(loaded.tensors[name]!.scalars.map(\.bitPattern) == tensor.scalars.map(\.bitPattern), "\(name)")
        }
        #expect(checkpoint.serialized() == loaded.serialized())  // deterministic bytes
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
        let mismatch = CheckpointError.shapeMismatch(file: "mlp", name: "up.weight", expected: [7, 4], found: [6, 4])
        #expect(throws: mismatch) {
            try checkpoint.load(into: wider, file: "mlp")
        }
    }

    @Test func eachCorruptionHasItsOwnError() {
        let good = Checkpoint(tensors: ["w": Tensor(shape: [2], scalars: [1, 2])]).serialized()
        let eightBytes = [UInt8](repeating: 0, count: 8)
        let entry = #""w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}"#

        #expect(parseError(Data([1, 2, 3])) == .truncatedFile(file: "bad.safetensors", size: 3))
        #expect(
            parseError(safetensors(header: "{}", data: [], headerLength: 1 << 40))
                == .headerTooLarge(file: "bad.safetensors", length: 1 << 40, limit: Checkpoint.headerLimit))
        #expect(
            parseError(safetensors(header: "{}", data: [], headerLength: 50))
                == .headerBeyondFile(file: "bad.safetensors", length: 50, fileSize: 10))
        if case .malformedHeader = parseError(safetensors(header: "{not json", data: [])) {
        } else {
            Issue.record("malformed JSON not reported as such")
        }
        if case .malformedHeader = parseError(safetensors(header: #"{"w":{"dtype":"F32"}}"#, data: [])) {
        } else {
            Issue.record("entry without shape not reported as malformed")
        }
        let f24 = #"{"w":{"dtype":"F24","shape":[2],"data_offsets":[0,4]}}"#
        #expect(
            parseError(safetensors(header: f24, data: [0, 0, 0, 0]))
                == .unknownDtype(file: "bad.safetensors", tensor: "w", dtype: "F24"))
        #expect(
            parseError(safetensors(header: "{" + entry + "}", data: [0, 0, 0, 0]))
                == .offsetsOutOfRange(file: "bad.safetensors", tensor: "w", begin: 0, end: 8, dataSize: 4))
        let threeValues = #"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#
        #expect(
            parseError(safetensors(header: threeValues, data: eightBytes))
                == .offsetsOutOfRange(file: "bad.safetensors", tensor: "w", begin: 0, end: 8, dataSize: 8))
        let overlapping = #","v":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
        #expect(
            parseError(
                safetensors(
                    header: "{" + entry + overlapping,
                    data: eightBytes + [0, 0, 0, 0]))
                == .overlappingOffsets(file: "bad.safetensors", first: "w", second: "v"))
        #expect(
            parseError(safetensors(header: "{" + entry + "}", data: eightBytes + [0, 0, 0, 0]))
                == .dataNotCovered(file: "bad.safetensors", covered: 8, dataSize: 12))
        #expect(throws: CheckpointError.missingChecksum(file: "x")) {
            try Checkpoint.parse(safetensors(header: "{" + entry + "}", data: eightBytes), file: "x")
        }
        var flipped = good
        flipped[flipped.count - 1] ^= 0x01
        if case .checksumMismatch = parseError(flipped) {
        } else {
            Issue.record("flipped data bit not caught by the checksum")
        }
        #expect(parseError(good) == nil)
    }

    // MARK: - Typed raw tensors

    @Test func rawTensorsOfOtherDtypesRoundTrip() throws {
        let codes = RawTensor(bytes: [0x12, 0xAB, 0xFF, 0x00, 0x7F], shape: [5, 1])
        let halves = RawTensor(dtype: .bf16, shape: [2], bytes: [1, 2, 3, 4])
        let checkpoint = Checkpoint(
            tensors: ["w.absmax": Tensor(shape: [2], scalars: [0.5, 2])],
            rawTensors: ["w": codes, "h": halves, "empty": RawTensor(bytes: [], shape: [0])])
        let loaded = try Checkpoint.parse(checkpoint.serialized(), file: "raw")
        #expect(loaded.rawTensors == checkpoint.rawTensors)
        #expect(loaded.tensors["w.absmax"]?.scalars == [0.5, 2])
        let header = String(decoding: checkpoint.serialized().dropFirst(8).prefix(400), as: UTF8.self)
        #expect(header.contains(#""w":{"data_offsets":[4,9],"dtype":"U8","shape":[5,1]}"#), "\(header)")
    }

    // MARK: - Writer and reader agree

    @Test func hostileStringsSurviveTheRoundTrip() throws {
        let names = ["a/b", "quote\"d", "back\\slash", "tab\tnew\nline\u{01}", "ünï😀code", "", " ", "\u{7F}"]
        var tensors: [String: Tensor] = [:]
        for (index, name) in names.enumerated() { tensors[name] = Tensor(shape: [1], scalars: [Float(index)]) }
        let metadata = Dictionary(uniqueKeysWithValues: names.map { ("k" + $0, $0 + "v") })
        let checkpoint = Checkpoint(tensors: tensors, metadata: metadata)
        let loaded = try Checkpoint.parse(checkpoint.serialized(), file: "hostile")
        #expect(loaded.metadata == metadata)
        #expect(Set(loaded.tensors.keys) == Set(names))
        for (index, name) in names.enumerated() { #expect(loaded.tensors[name]?.scalars == [Float(index)]) }
    }

    // MARK: - Regressions: sizes are untrusted, parsing is strict

    @Test func aHugeShapeWithNoDataThrowsInsteadOfCrashing() {
        let huge = #"{"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,0]}}"#
        #expect(
            parseError(safetensors(header: huge, data: []))
                == .offsetsOutOfRange(file: "bad.safetensors", tensor: "w", begin: 0, end: 0, dataSize: 0))
        // A zero dimension beside overflowing ones would still trap a naive left-to-right product.
        let zeroAfter = #"{"w":{"dtype":"U8","shape":[4611686018427387904,4,0],"data_offsets":[0,0]}}"#
        #expect(
            parseError(safetensors(header: zeroAfter, data: []))
                == .offsetsOutOfRange(file: "bad.safetensors", tensor: "w", begin: 0, end: 0, dataSize: 0))
        let hugeOffset = #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[9223372036854775804,9223372036854775808]}}"#
        if case .malformedHeader = parseError(safetensors(header: hugeOffset, data: [0, 0, 0, 0])) {
        } else {
            Issue.record("an offset beyond Int not refused as malformed")
        }
    }

    @Test func aNameGivenTwiceIsRefused() {
        let entry = #""w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}"#
        #expect(
            parseError(safetensors(header: "{" + entry + "," + entry + "}", data: [0, 0, 0, 0]))
                == .duplicateName(file: "bad.safetensors", name: "w"))
        // The same name spelled with an escape is the same name.
        let escaped = #""\u0077":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}"#
        #expect(
            parseError(safetensors(header: "{" + entry + "," + escaped + "}", data: [0, 0, 0, 0]))
                == .duplicateName(file: "bad.safetensors", name: "w"))
        let metadata = #"{"__metadata__":{"a":"1","a":"2"}}"#
        #expect(
            parseError(safetensors(header: metadata, data: []))
                == .duplicateName(file: "bad.safetensors", name: "a"))
    }

    @Test func numbersMustBeNonNegativeIntegers() {
        for shape in ["[-1]", "[1.0]", "[1e0]", "[true]", "[\"1\"]", "[null]", "[01]"] {
            let header = #"{"w":{"dtype":"U8","shape":"# + shape + #","data_offsets":[0,1]}}"#
            if case .malformedHeader = parseError(safetensors(header: header, data: [7])) {
            } else {
                Issue.record("shape \(shape) not refused as malformed")
            }
        }
        for offsets in ["[0,1.0]", "[-0,1]", "[0]", "[0,1,1]"] {
            let header = #"{"w":{"dtype":"U8","shape":[1],"data_offsets":"# + offsets + "}}"
            if case .malformedHeader = parseError(safetensors(header: header, data: [7])) {
            } else {
                Issue.record("offsets \(offsets) not refused as malformed")
            }
        }
        let extraField = #"{"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1],"x":0}}"#
        if case .malformedHeader = parseError(safetensors(header: extraField, data: [7])) {
        } else {
            Issue.record("an entry with an unknown field not refused")
        }
        let deep = String(repeating: "[", count: 100_000)
        if case .malformedHeader = parseError(safetensors(header: #"{"w":"# + deep, data: [])) {
        } else {
            Issue.record("deep nesting not refused")
        }
    }

    // MARK: - Seeded mutations: a typed error or a correct load, never a crash

    @Test func truncatedAndEditedFilesThrowOrLoadCorrectly() throws {
        var rng = SplitMix64(seed: 2024)
        let model = TwoLinearLayers(input: 3, hidden: 4, rng: &rng)
        let good = [UInt8](Checkpoint(layer: model, metadata: ["config": "{\"d\":3}"]).serialized())
        let expected = model.namedParameters().map { $0.tensor.scalars.map(\.bitPattern) }
        let jsonBytes = Array("{}[],:\"0123456789-.eE \\u".utf8)
        var outcomes = (errors: 0, loads: 0)
        func check(_ bytes: [UInt8]) {
            let target = TwoLinearLayers(input: 3, hidden: 4, rng: &rng)
            do {
                try Checkpoint.parse(Data(bytes), file: "mutant").load(into: target, file: "mutant")
                let loaded = target.namedParameters().map { $0.tensor.scalars.map(\.bitPattern) }
                #expect(loaded == expected, "a mutated file loaded different weights")
                outcomes.loads += 1
            } catch is CheckpointError {
                outcomes.errors += 1
            } catch {
                Issue.record("untyped error \(error)")
            }
        }
        for length in 0..<good.count { check(Array(good[..<length])) }
        for _ in 0..<3000 {
            var bytes = good
            for _ in 0...rng.nextInt(below: 3) {
                let at = rng.nextInt(below: bytes.count)
                // Half the edits stay in the header, where the parser is exercised.
                let position = rng.nextInt(below: 2) == 0 ? at : at % min(bytes.count, 8 + 300)
                bytes[position] =
                    rng.nextInt(below: 4) == 0
                    ? UInt8(rng.nextInt(below: 256))
                    : jsonBytes[rng.nextInt(below: jsonBytes.count)]
            }
            check(bytes)
        }
        #expect(outcomes.errors > 2000 && outcomes.loads > 0, "\(outcomes)")
    }
}

/// Two linear layers, `up` (input → hidden) and `down` (hidden → input): a layer with named sublayers.
private final class TwoLinearLayers: Layer {
    let up: Linear, down: Linear
    init(input: Int = 4, hidden: Int, rng: inout SplitMix64) {
        up = Linear(inputDimensions: input, outputDimensions: hidden, rng: &rng)
        down = Linear(inputDimensions: hidden, outputDimensions: input, rng: &rng)
    }
    func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        up.namedParameters(prefix: parameterName(prefix, "up"))
            + down.namedParameters(prefix: parameterName(prefix, "down"))
    }
}

// a file that cannot be read says why, in words, naming the file.
@Test func anUnreadableCheckpointSaysWhy() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-unreadable-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect { try Checkpoint.read(from: folder) } throws: { error in  // a folder, not a file
        guard case let CheckpointError.unreadable(file, reason) = error else { return false }
        return file == folder.path && !reason.isEmpty && !"\(error)".contains("error 1")
    }
}
