import Engine
import FileSafety
import Foundation

// MARK: - Safetensors checkpoints

/// Named tensors and string metadata, saved in the safetensors format the field uses, so
/// Python's `safetensors.safe_open(path, "np")` (and PyTorch) open Tailor's files.
///
/// Layout: an 8-byte little-endian header length n; n bytes of JSON mapping each name to
/// `{"data_offsets":[begin,end],"dtype":"F32","shape":[…]}` plus `"__metadata__"` (strings
/// only), padded with spaces to a multiple of 8; then the little-endian data, tensors in
/// sorted name order. The metadata carries `checksum` (FNV-1a 64 of the data section, hex)
/// so corruption is caught on load.
///
/// F32 entries are `tensors` (Float32 `Tensor`s, what models load); every other dtype
/// (`U8` for 4-bit codes, …) is a `RawTensor` in `rawTensors`: typed little-endian bytes.
///
/// Everything read is untrusted: the header is parsed strictly (`StrictJSON`: a name given
/// twice is refused), every count, dimension and offset is checked overflow-safe against the
/// file's size before anything is allocated, and the writer never writes what the reader
/// refuses.
///
/// Example:
/// ```swift
/// try Checkpoint(layer: model, metadata: ["config": "d=64"]).write(to: url)
/// try Checkpoint.read(from: url).load(into: model)
/// ```
public struct Checkpoint {
    /// The F32 tensors by name.
    public var tensors: [String: Tensor]
    /// The tensors of every other dtype by name (names distinct from `tensors`' names).
    public var rawTensors: [String: RawTensor]
    /// Free-form strings: configuration, provenance. `checksum` is set on write.
    public var metadata: [String: String]

    /// The metadata key holding the data checksum.
    public static let checksumKey = "checksum"
    /// Headers longer than this are rejected before reading them (100 MB).
    public static let headerLimit = 100_000_000
    /// The header key safetensors reserves for the metadata (never a tensor name).
    public static let metadataKey = "__metadata__"

    public init(tensors: [String: Tensor], rawTensors: [String: RawTensor] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.rawTensors = rawTensors
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
    ///
    /// The header is written by `JSONSerialization` with sorted keys (deterministic bytes),
    /// and read back by `StrictJSON`; a round-trip test with hostile strings keeps them agreed.
    /// Traps on what the reader would refuse and no file can hold: a name in both `tensors`
    /// and `rawTensors`, a tensor named `__metadata__`, a header over `headerLimit`.
    public func serialized() -> Data {
        let names = (Array(tensors.keys) + Array(rawTensors.keys)).sorted()
        precondition(Set(names).count == names.count, "a name is in both tensors and rawTensors")
        precondition(!names.contains(Checkpoint.metadataKey), "no tensor may be named \(Checkpoint.metadataKey)")
        var body = Data()
        var header: [String: Any] = [:]
        for name in names {
            let begin = body.count
            let dtype: TensorDataType, shape: [Int]
            if let tensor = tensors[name] {
                (dtype, shape) = (.f32, tensor.shape)
                appendLittleEndian(tensor, to: &body)
            } else {
                let raw = rawTensors[name]!
                (dtype, shape) = (raw.dtype, raw.shape)
                body.append(contentsOf: raw.bytes)
            }
            header[name] = ["dtype": dtype.rawValue, "shape": shape, "data_offsets": [begin, body.count]]
        }
        var metadata = self.metadata
        metadata[Checkpoint.checksumKey] = Checksum.fnv1a64Hex(body)
        header[Checkpoint.metadataKey] = metadata
        // Sorted keys: the same checkpoint always gives the same bytes. Slashes unescaped
        // (`a/b`, not `a\/b`), as Python's json and safetensors write them.
        var json = try! JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes])
        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        json.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - json.count % 8) % 8))
        precondition(
            json.count <= Checkpoint.headerLimit,
            "header of \(json.count) bytes exceeds \(Checkpoint.headerLimit)")
        var file = Data()
        var length = UInt64(json.count).littleEndian
        file.append(Data(bytes: &length, count: 8))
        file.append(json)
        file.append(body)
        return file
    }

    /// Writes atomically: to a temporary name beside `url`, then renamed, so an
    /// interrupted run never leaves half a checkpoint.
    /// - Parameter allowingNonFinite: write NaN and ±infinity as they are (for tests of the
    ///   format itself); by default a model's file never holds them.
    /// - Throws: `CheckpointError.nonFiniteValue` when a tensor holds NaN or ±infinity
    ///   (nothing is written), else `AtomicFileError`.
    public func write(to url: URL, allowingNonFinite: Bool = false) throws {
        if !allowingNonFinite { try checkFinite(file: url.path) }
        try AtomicFile.write(serialized(), to: url)
    }

    // MARK: Reading

    /// Reads and validates a checkpoint; throws a `CheckpointError` naming the file.
    ///
    /// - Parameter requireChecksum: refuse a file without the `checksum` metadata (every
    ///   file Tailor writes has one). Pass false for files made elsewhere (Python's
    ///   safetensors writes none); their data is then checked for framing only.
    public static func read(from url: URL, requireChecksum: Bool = true) throws -> Checkpoint {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CheckpointError.unreadable(file: url.path, reason: FileErrorReason.describing(error))
        }
        return try parse(data, file: url.path, requireChecksum: requireChecksum)
    }

    /// Validates and decodes safetensors bytes; `file` names them in errors.
    ///
    /// Five steps, each its own function: the frame (header length against the file), the
    /// header's JSON, each entry (dtype, shape and offsets against the data), the tiling of
    /// the data section and its checksum, then the decoding.
    ///
    /// Why a missing checksum is refused by default: otherwise a file whose `checksum` key
    /// was damaged would skip verification, and damage to its data would load silently.
    ///
    /// - Throws: `CheckpointError`, never traps, whatever the bytes.
    public static func parse(_ data: Data, file: String, requireChecksum: Bool = true) throws -> Checkpoint {
        let bytes = [UInt8](data)
        let dataStart = try headerEnd(bytes, file: file)
        let header = try headerObject(bytes[8..<dataStart], file: file)
        let dataSize = bytes.count - dataStart
        var metadata = try metadata(in: header, file: file)
        var entries: [Entry] = []
        for (name, value) in header where name != metadataKey {
            entries.append(try entry(name: name, value, dataSize: dataSize, file: file))
        }
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        try checkTiling(entries, dataSize: dataSize, file: file)
        if let expected = metadata[checksumKey] {
            let actual = Checksum.fnv1a64Hex(bytes[dataStart...])
            guard actual == expected else {
                throw CheckpointError.checksumMismatch(file: file, expected: expected, actual: actual)
            }
        } else if requireChecksum {
            throw CheckpointError.missingChecksum(file: file)
        }
        metadata[checksumKey] = nil
        var checkpoint = Checkpoint(tensors: [:], metadata: metadata)
        for entry in entries {
            let range = (dataStart + entry.begin)..<(dataStart + entry.end)
            if entry.dtype == .f32 {
                checkpoint.tensors[entry.name] = decodeFloat32(bytes[range], shape: entry.shape)
            } else {
                checkpoint.rawTensors[entry.name] = RawTensor(
                    dtype: entry.dtype, shape: entry.shape,
                    bytes: Array(bytes[range]))
            }
        }
        return checkpoint
    }

    /// One validated header entry: its bytes are `[begin, end)` of the data section.
    struct Entry {
        let name: String
        let dtype: TensorDataType
        let shape: [Int]
        let begin: Int
        let end: Int
    }

    /// Where the header ends and the data begins, from the 8-byte length.
    static func headerEnd(_ bytes: [UInt8], file: String) throws -> Int {
        guard bytes.count >= 8 else { throw CheckpointError.truncatedFile(file: file, size: bytes.count) }
        var length: UInt64 = 0
        for i in 0..<8 { length |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard length <= UInt64(headerLimit) else {
            throw CheckpointError.headerTooLarge(file: file, length: length, limit: headerLimit)
        }
        guard 8 + Int(length) <= bytes.count else {  // length ≤ 10⁸: no overflow
            throw CheckpointError.headerBeyondFile(file: file, length: length, fileSize: bytes.count)
        }
        return 8 + Int(length)
    }

    /// The header as a JSON object, strictly parsed (a duplicate name is an error).
    static func headerObject(_ bytes: ArraySlice<UInt8>, file: String) throws -> [String: StrictJSONValue] {
        let value: StrictJSONValue
        do { value = try StrictJSON.parse(Array(bytes)) } catch StrictJSONError.duplicateKey(let key) {
            throw CheckpointError.duplicateName(file: file, name: key)
        } catch {
            throw CheckpointError.malformedHeader(file: file, reason: "not valid JSON (\(error))")
        }
        guard case .object(let header) = value else {
            throw CheckpointError.malformedHeader(file: file, reason: "not a JSON object")
        }
        return header
    }

    /// The `__metadata__` object: strings to strings, or absent.
    static func metadata(in header: [String: StrictJSONValue], file: String) throws -> [String: String] {
        guard let raw = header[metadataKey] else { return [:] }
        guard case .object(let members) = raw else {
            throw CheckpointError.malformedHeader(file: file, reason: "__metadata__ must map strings to strings")
        }
        var metadata: [String: String] = [:]
        for (key, value) in members {
            guard case .string(let text) = value else {
                throw CheckpointError.malformedHeader(file: file, reason: "__metadata__ must map strings to strings")
            }
            metadata[key] = text
        }
        return metadata
    }

    /// Checks one entry: exactly `dtype`, `shape` and `data_offsets`; a known dtype; shape
    /// and offsets non-negative integers; the byte count shape × element size computed with
    /// overflow checks and equal to `end − begin`, inside the data section.
    static func entry(name: String, _ value: StrictJSONValue, dataSize: Int, file: String) throws -> Entry {
        guard case .object(let fields) = value, fields.count == 3,
            case .string(let dtypeName)? = fields["dtype"],
            case .array(let shapeValues)? = fields["shape"],
            case .array(let offsetValues)? = fields["data_offsets"]
        else {
            throw CheckpointError.malformedHeader(
                file: file, reason: "entry '\(name)' must hold exactly dtype, shape and data_offsets")
        }
        guard let dtype = TensorDataType(rawValue: dtypeName) else {
            throw CheckpointError.unknownDtype(file: file, tensor: name, dtype: dtypeName)
        }
        let shape = shapeValues.compactMap(\.nonNegativeInteger)
        let offsets = offsetValues.compactMap(\.nonNegativeInteger)
        guard shape.count == shapeValues.count, offsets.count == 2, offsetValues.count == 2 else {
            throw CheckpointError.malformedHeader(
                file: file, reason: "entry '\(name)': shape and data_offsets must be non-negative integers below 2^63")
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard begin <= end, end <= dataSize, let size = byteCount(shape: shape, dtype: dtype),
            size == end - begin
        else {
            throw CheckpointError.offsetsOutOfRange(
                file: file, tensor: name, begin: begin, end: end,
                dataSize: dataSize)
        }
        return Entry(name: name, dtype: dtype, shape: shape, begin: begin, end: end)
    }

    /// shape's element count × the element size, or nil when the product of the non-zero
    /// dimensions overflows `Int` (so no later product over the shape, in any order, can).
    static func byteCount(shape: [Int], dtype: TensorDataType) -> Int? {
        var nonZero = dtype.byteCount, hasZero = false
        for dimension in shape {
            if dimension == 0 { hasZero = true; continue }
            let (product, overflow) = nonZero.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            nonZero = product
        }
        return hasZero ? 0 : nonZero
    }

    /// The entries (sorted by offsets) must tile the data section: no overlap, no gap, no
    /// trailing bytes.
    static func checkTiling(_ entries: [Entry], dataSize: Int, file: String) throws {
        var covered = 0
        for (index, entry) in entries.enumerated() {
            if index > 0 && entry.begin < entries[index - 1].end {
                throw CheckpointError.overlappingOffsets(
                    file: file, first: entries[index - 1].name,
                    second: entry.name)
            }
            if entry.begin != covered { break }  // a gap: reported below
            covered = entry.end
        }
        guard covered == dataSize else {
            throw CheckpointError.dataNotCovered(file: file, covered: covered, dataSize: dataSize)
        }
    }

    /// Little-endian F32 bytes as a tensor (whose element count the entry check has matched).
    static func decodeFloat32(_ bytes: ArraySlice<UInt8>, shape: [Int]) -> Tensor {
        let storage = TensorStorage(count: bytes.count / 4)
        bytes.withUnsafeBytes { raw in
            UnsafeMutableRawPointer(storage.pointer).copyMemory(from: raw.baseAddress!, byteCount: raw.count)
        }
        storage.pointer.withMemoryRebound(to: UInt32.self, capacity: storage.count) { bits in
            for i in 0..<storage.count { bits[i] = UInt32(littleEndian: bits[i]) }
        }
        return Tensor(shape: shape, storage: storage)
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
                throw CheckpointError.shapeMismatch(
                    file: file, name: name, expected: parameter.shape,
                    found: stored.shape)
            }
            try Checkpoint.checkFinite(stored, name: name, file: file)
        }
        for (name, parameter) in parameters { parameter.assign(tensors[name]!) }
    }
}

/// Appends `tensor`'s elements as little-endian F32 bytes.
private func appendLittleEndian(_ tensor: Tensor, to body: inout Data) {
    tensor.pointer.withMemoryRebound(to: UInt32.self, capacity: tensor.count) { bits in
        var littleEndian = (0..<tensor.count).map { bits[$0].littleEndian }
        body.append(Data(bytes: &littleEndian, count: tensor.count * 4))
    }
}

// MARK: - Typed raw tensors

/// The element types of the safetensors format, by their header names.
public enum TensorDataType: String, CaseIterable, Sendable {
    case bool = "BOOL", u8 = "U8", i8 = "I8", f8e5m2 = "F8_E5M2", f8e4m3 = "F8_E4M3"
    case i16 = "I16", u16 = "U16", f16 = "F16", bf16 = "BF16"
    case i32 = "I32", u32 = "U32", f32 = "F32", f64 = "F64", i64 = "I64", u64 = "U64"

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .bool, .u8, .i8, .f8e5m2, .f8e4m3: return 1
        case .i16, .u16, .f16, .bf16: return 2
        case .i32, .u32, .f32: return 4
        case .f64, .i64, .u64: return 8
        }
    }
}

/// A tensor of any safetensors dtype kept as its little-endian bytes: how a checkpoint
/// holds what is not Float32 (4-bit codes packed in `U8`, 8-bit constants, …). An F32
/// `RawTensor` is written as any other but reads back into `tensors`.
///
/// Example: `RawTensor(bytes: packedCodes, shape: [packedCodes.count, 1])` is a U8 tensor.
public struct RawTensor: Equatable, Sendable {
    public let dtype: TensorDataType
    /// The size of each axis; `bytes.count == shape.product × dtype.byteCount`.
    public let shape: [Int]
    /// The elements, little-endian, row-major.
    public let bytes: [UInt8]

    /// Traps unless `bytes` holds exactly the shape's elements of `dtype`.
    public init(dtype: TensorDataType, shape: [Int], bytes: [UInt8]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        precondition(
            Checkpoint.byteCount(shape: shape, dtype: dtype) == bytes.count,
            "\(bytes.count) bytes for a \(dtype.rawValue) tensor of shape \(shape)")
        self.dtype = dtype
        self.shape = shape
        self.bytes = bytes
    }

    /// A U8 tensor.
    public init(bytes: [UInt8], shape: [Int]) { self.init(dtype: .u8, shape: shape, bytes: bytes) }
}

// MARK: - Helpers

/// A JSON string literal for `text`: quotes, backslashes and control characters escaped.
/// (`bench`'s JSON lines write with it; checkpoint headers use `JSONSerialization`.)
public func jsonStringLiteral(_ text: String) -> String {
    var escaped = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": escaped += "\\\""
        case "\\": escaped += "\\\\"
        case "\n": escaped += "\\n"
        default:
            if scalar.value < 0x20 {
                escaped += String(format: "\\u%04x", scalar.value)
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
    }
    return escaped + "\""
}
