import Engine

// MARK: - What can be wrong with a checkpoint file

/// Why a checkpoint could not be read or loaded; every case names the file.
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    /// Shorter than the 8-byte header length, or the data section is cut short.
    case truncatedFile(file: String, size: Int)
    /// The header length is implausibly large (over the bound).
    case headerTooLarge(file: String, length: UInt64, limit: Int)
    /// The header length points past the end of the file.
    case headerBeyondFile(file: String, length: UInt64, fileSize: Int)
    /// The header is not the JSON object safetensors prescribes.
    case malformedHeader(file: String, reason: String)
    /// The header names the same tensor (or key) twice.
    case duplicateName(file: String, name: String)
    /// A tensor uses a dtype that safetensors does not define.
    case unknownDtype(file: String, tensor: String, dtype: String)
    /// A tensor's offsets lie outside the data section or disagree with its shape.
    case offsetsOutOfRange(file: String, tensor: String, begin: Int, end: Int, dataSize: Int)
    /// Two tensors' byte ranges overlap.
    case overlappingOffsets(file: String, first: String, second: String)
    /// The tensors do not tile the data section exactly (a gap or trailing bytes).
    case dataNotCovered(file: String, covered: Int, dataSize: Int)
    /// The data's FNV-1a checksum differs from the one in the metadata.
    case checksumMismatch(file: String, expected: String, actual: String)
    /// The metadata has no checksum, and the reader was asked to require one.
    case missingChecksum(file: String)
    /// A parameter the model needs is not in the file.
    case missingParameter(file: String, name: String)
    /// A parameter in the file has another shape than the model's.
    case shapeMismatch(file: String, name: String, expected: [Int], found: [Int])
    /// The file could not be read at all (permission, a folder, an I/O error): the cause in words.
    case unreadable(file: String, reason: String)
    /// A tensor holds NaN or ±infinity at `index` (row-major): refused on load and never written.
    case nonFiniteValue(file: String, tensor: String, index: Int, value: Float)

    public var description: String {
        switch self {
        case let .truncatedFile(file, size):
            return "\(file): checkpoint is truncated (\(size) bytes)"
        case let .headerTooLarge(file, length, limit):
            return "\(file): header length \(length) exceeds the \(limit)-byte limit; not a safetensors file?"
        case let .headerBeyondFile(file, length, fileSize):
            return "\(file): header of \(length) bytes runs past the end of the \(fileSize)-byte file"
        case let .malformedHeader(file, reason):
            return "\(file): malformed safetensors header: \(reason)"
        case let .unknownDtype(file, tensor, dtype):
            return "\(file): tensor '\(tensor)' has dtype \(dtype), which safetensors does not define"
        case let .duplicateName(file, name):
            return "\(file): the header names '\(name)' twice"
        case let .offsetsOutOfRange(file, tensor, begin, end, dataSize):
            return "\(file): tensor '\(tensor)' has offsets [\(begin), \(end)) that do not fit its shape "
                + "within the \(dataSize)-byte data section"
        case let .overlappingOffsets(file, first, second):
            return "\(file): tensors '\(first)' and '\(second)' overlap in the data section"
        case let .dataNotCovered(file, covered, dataSize):
            return "\(file): tensors cover \(covered) of the \(dataSize) data bytes (gap or trailing bytes)"
        case let .checksumMismatch(file, expected, actual):
            return "\(file): checksum mismatch (header says \(expected), data hashes to \(actual)); "
                + "the file is corrupt"
        case let .missingChecksum(file):
            return "\(file): no checksum in the metadata; not written by Tailor, or its header is damaged"
        case let .missingParameter(file, name):
            return "\(file): parameter '\(name)' is missing from the checkpoint"
        case let .shapeMismatch(file, name, expected, found):
            return "\(file): parameter '\(name)' has shape \(found) in the checkpoint "
                + "but the model expects \(expected)"
        case let .unreadable(file, reason):
            return "\(file): cannot be read (\(reason))"
        case let .nonFiniteValue(file, tensor, index, value):
            return "\(file): tensor '\(tensor)' holds \(value) at index \(index); a model's numbers must be finite"
        }
    }
}
