import Foundation

// MARK: - Safetensors checkpoints

/// Named tensors and string metadata, saved in the safetensors format the field uses, so
/// Python's `safetensors.safe_open(path, "np")` (and PyTorch) open Tailor's files.
///
/// Layout: an 8-byte little-endian header length n; n bytes of JSON mapping each name to
/// `{"dtype":"F32","shape":[…],"data_offsets":[begin,end]}` plus `"__metadata__"` (strings
/// only), padded with spaces to a multiple of 8; then the little-endian data, tensors in
/// sorted name order. The metadata carries `checksum` (FNV-1a 64 of the data section, hex)
/// so corruption is caught on load.
///
/// Example:
/// ```swift
/// try Checkpoint(layer: model, metadata: ["config": "d=64"]).write(to: url)
/// try Checkpoint.read(from: url).load(into: model)
/// ```
public struct Checkpoint {
    /// The tensors by name.
    public var tensors: [String: Tensor]
    /// Free-form strings: configuration, provenance. `checksum` is set on write.
    public var metadata: [String: String]

    /// The metadata key holding the data checksum.
    public static let checksumKey = "checksum"
    /// Headers longer than this are rejected before reading them (100 MB).
    public static let headerLimit = 100_000_000

    public init(tensors: [String: Tensor], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// A checkpoint of a layer's named parameters.
    public init(layer: any Layer, metadata: [String: String] = [:]) {
        var tensors: [String: Tensor] = [:]
        for (name, tensor) in layer.namedParameters() { tensors[name] = tensor }
        self.init(tensors: tensors, metadata: metadata)
    }

    // MARK: Writing

    /// The file's bytes.
    public func serialized() -> Data {
        let names = tensors.keys.sorted()
        var body = Data()
        var entries: [String] = []
        for name in names {
            let tensor = tensors[name]!
            let begin = body.count
            tensor.pointer.withMemoryRebound(to: UInt32.self, capacity: tensor.count) { bits in
                var littleEndian = (0..<tensor.count).map { bits[$0].littleEndian }
                body.append(Data(bytes: &littleEndian, count: tensor.count * 4))
            }
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\(jsonStringLiteral(name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(begin),\(body.count)]}")
        }
        var metadata = self.metadata
        metadata[Checkpoint.checksumKey] = fnv1a64Hex(body)
        let metadataJSON = metadata.keys.sorted().map { "\(jsonStringLiteral($0)):\(jsonStringLiteral(metadata[$0]!))" }
            .joined(separator: ",")
        var header = "{\"__metadata__\":{\(metadataJSON)}" + entries.map { "," + $0 }.joined() + "}"
        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        while (header.utf8.count % 8) != 0 { header += " " }
        var file = Data()
        var length = UInt64(header.utf8.count).littleEndian
        file.append(Data(bytes: &length, count: 8))
        file.append(Data(header.utf8))
        file.append(body)
        return file
    }

    /// Writes atomically: to a temporary name beside `url`, then renamed, so an
    /// interrupted run never leaves half a checkpoint.
    public func write(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial")
        try serialized().write(to: temporary)
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }

    // MARK: Reading

    /// Reads and validates a checkpoint; throws a `CheckpointError` naming the file.
    public static func read(from url: URL) throws -> Checkpoint {
        try parse(try Data(contentsOf: url), file: url.path)
    }

    /// Validates and decodes safetensors bytes; `file` names them in errors.
    public static func parse(_ data: Data, file: String) throws -> Checkpoint {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw CheckpointError.truncatedFile(file: file, size: bytes.count) }
        var length: UInt64 = 0
        for i in 0..<8 { length |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard length <= UInt64(headerLimit) else {
            throw CheckpointError.headerTooLarge(file: file, length: length, limit: headerLimit)
        }
        guard 8 + Int(length) <= bytes.count else {
            throw CheckpointError.headerBeyondFile(file: file, length: length, fileSize: bytes.count)
        }
        let headerBytes = Data(bytes[8..<(8 + Int(length))])
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: headerBytes) } catch {
            throw CheckpointError.malformedHeader(file: file, reason: "not valid JSON")
        }
        guard let header = object as? [String: Any] else {
            throw CheckpointError.malformedHeader(file: file, reason: "not a JSON object")
        }
        let dataStart = 8 + Int(length)
        let dataSize = bytes.count - dataStart

        var metadata: [String: String] = [:]
        if let raw = header["__metadata__"] {
            guard let strings = raw as? [String: String] else {
                throw CheckpointError.malformedHeader(file: file, reason: "__metadata__ must map strings to strings")
            }
            metadata = strings
        }

        // Validate every entry before touching the data.
        var ranges: [(name: String, begin: Int, end: Int, shape: [Int])] = []
        for (name, value) in header where name != "__metadata__" {
            guard let entry = value as? [String: Any],
                  let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int],
                  let offsets = entry["data_offsets"] as? [Int], offsets.count == 2 else {
                throw CheckpointError.malformedHeader(file: file, reason: "entry '\(name)' lacks dtype, shape or data_offsets")
            }
            guard dtype == "F32" else { throw CheckpointError.unknownDtype(file: file, tensor: name, dtype: dtype) }
            let (begin, end) = (offsets[0], offsets[1])
            guard shape.allSatisfy({ $0 >= 0 }), begin >= 0, begin <= end, end <= dataSize,
                  end - begin == shape.reduce(1, *) * 4 else {
                throw CheckpointError.offsetsOutOfRange(file: file, tensor: name, begin: begin, end: end, dataSize: dataSize)
            }
            ranges.append((name, begin, end, shape))
        }
        ranges.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var covered = 0
        for (index, range) in ranges.enumerated() {
            if index > 0 && range.begin < ranges[index - 1].end {
                throw CheckpointError.overlappingOffsets(file: file, first: ranges[index - 1].name, second: range.name)
            }
            if range.begin != covered { break }   // a gap: reported below
            covered = range.end
        }
        guard covered == dataSize else { throw CheckpointError.dataNotCovered(file: file, covered: covered, dataSize: dataSize) }

        let body = Data(bytes[dataStart...])
        if let expected = metadata[checksumKey] {
            let actual = fnv1a64Hex(body)
            guard actual == expected else {
                throw CheckpointError.checksumMismatch(file: file, expected: expected, actual: actual)
            }
        }

        var tensors: [String: Tensor] = [:]
        for range in ranges {
            let tensor = Tensor(uninitializedShape: range.shape)
            tensor.pointer.withMemoryRebound(to: UInt32.self, capacity: tensor.count) { bits in
                for i in 0..<tensor.count {
                    let at = dataStart + range.begin + 4 * i
                    bits[i] = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8
                        | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
                }
            }
            tensors[range.name] = tensor
        }
        metadata[checksumKey] = nil
        return Checkpoint(tensors: tensors, metadata: metadata)
    }

    // MARK: Loading into a model

    /// Copies the tensors into `layer`'s parameters of the same names, checking that each
    /// is present with the right shape. Extra tensors in the file are ignored (they may be
    /// optimizer state or another part of the model).
    ///
    /// - Parameter file: names the source in errors.
    public func load(into layer: any Layer, file: String = "checkpoint") throws {
        let parameters = layer.namedParameters()
        for (name, parameter) in parameters {
            guard let stored = tensors[name] else { throw CheckpointError.missingParameter(file: file, name: name) }
            guard stored.shape == parameter.shape else {
                throw CheckpointError.shapeMismatch(file: file, name: name, expected: parameter.shape, found: stored.shape)
            }
        }
        for (name, parameter) in parameters { parameter.assign(tensors[name]!) }
    }
}

// MARK: - Helpers

/// FNV-1a 64-bit hash of `data`, as 16 hex digits: tiny, fast and enough to catch corruption.
public func fnv1a64Hex(_ data: Data) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    data.withUnsafeBytes { raw in
        for byte in raw.bindMemory(to: UInt8.self) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}

/// A JSON string literal for `text`: quotes, backslashes and control characters escaped.
/// (The checkpoint header and `bench`'s JSON lines both write with it.)
public func jsonStringLiteral(_ text: String) -> String {
    var escaped = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": escaped += "\\\""
        case "\\": escaped += "\\\\"
        case "\n": escaped += "\\n"
        default:
            if scalar.value < 0x20 { escaped += String(format: "\\u%04x", scalar.value) }
            else { escaped.unicodeScalars.append(scalar) }
        }
    }
    return escaped + "\""
}
