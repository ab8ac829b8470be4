import FileSafety
import Foundation

// MARK: - The reader's own text

/// What can go wrong when loading a reader's corpus; each says so in one line naming the file.
public enum UserCorpusError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// Nothing at that path.
    case missing(path: String)
    /// The path is a directory, not a file.
    case isDirectory(path: String)
    /// The file exists but could not be read (permissions, I/O error).
    case unreadable(path: String, reason: String)
    /// The file has no text: zero bytes, or only whitespace.
    case empty(path: String)
    /// The file is not UTF-8; `byteOffset` is where the first invalid byte sits.
    case invalidUTF8(path: String, byteOffset: Int)

    public var description: String {
        switch self {
        case .missing(let path):
            "corpus file \(path) does not exist"
        case .isDirectory(let path):
            "corpus file \(path) is a directory; pass a text file"
        case .unreadable(let path, let reason):
            "corpus file \(path) cannot be read: \(reason)"
        case .empty(let path):
            "corpus file \(path) is empty (no text to train on)"
        case .invalidUTF8(let path, let byteOffset):
            "corpus file \(path) is not UTF-8 text (first invalid byte at offset \(byteOffset)); "
                + "convert it, e.g. iconv -f latin1 -t utf-8"
        }
    }

    public var errorDescription: String? { description }
}

/// Loads a reader's own text for `--corpus FILE`.
///
/// Strict on purpose: a file that is not valid UTF-8 is refused with the offset of the
/// first bad byte rather than decoded lossily, because a tokenizer trained on replacement
/// characters teaches nothing and hides the problem. A leading UTF-8 byte-order mark is
/// dropped.
///
/// Example:
/// ```swift
/// do {
///     let text = try UserCorpus.load(path: "my-stories.txt")
/// } catch {
///     print(error)   // corpus file my-stories.txt does not exist
/// }
/// ```
public enum UserCorpus {
    /// The text of the file at `path`.
    ///
    /// - Parameter path: a path to a UTF-8 text file.
    /// - Throws: `UserCorpusError`, one case per way the file can be unusable.
    public static func load(path: String) throws -> String {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw UserCorpusError.missing(path: path)
        }
        if isDirectory.boolValue { throw UserCorpusError.isDirectory(path: path) }
        guard files.isReadableFile(atPath: path) else {
            throw UserCorpusError.unreadable(path: path, reason: "permission denied")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw UserCorpusError.unreadable(path: path, reason: FileErrorReason.describing(error))
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let offset = firstInvalidUTF8Offset(in: bytes) {
            let bomLength = data.count - bytes.count
            throw UserCorpusError.invalidUTF8(path: path, byteOffset: offset + bomLength)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains(where: { !$0.isWhitespace }) else { throw UserCorpusError.empty(path: path) }
        return text
    }

    /// The offset of the first byte that does not belong to a valid UTF-8 sequence, or nil.
    static func firstInvalidUTF8Offset(in bytes: [UInt8]) -> Int? {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }
}
