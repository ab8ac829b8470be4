import FileSafety
import Foundation

// MARK: - Saving and loading: a small, readable, versioned text file

/// Reading and writing tokenizers in Tailor's `.bpe` text format (minbpe's `.model` spirit):
///
///     tailor-bpe 2                 ← format name and version
///     pretokenizer gpt2            ← none | gpt2 | lines
///     specials 5                   ← how many special tokens follow, each "id token"
///     4091 <|endoftext|>
///     …
///     merges 3835                  ← how many merges follow, each "left right count"
///     101 32 40211                 ← merge 0 → id 256: "e" + " ", seen 40,211 times
///     …
///     checksum fnv1a64 5f1c…       ← FNV-1a 64 of every line above, each ended by "\n"
///
/// Merge ids are implied by line order (the i-th merge is id 256 + i), so a file can be
/// read, diffed and even edited by hand. Special ids are written out for the reader and
/// checked on load. Version 2 adds the checksum line: without it, a random one-to-three-byte
/// edit loaded silently as a *different* tokenizer about one time in seven (a digit changed
/// in a merge is still a valid merge). Version 1 files, which have no checksum, still load.
/// Lines may end in `\n` or `\r\n` (a file saved on Windows); the checksum is of the lines,
/// so it is the same for both.
extension BytePairTokenizer {
    /// The version this code writes.
    public static let fileFormatVersion = 2
    /// The versions this code reads: 1 (no checksum) and 2.
    public static let readableFileFormatVersions = 1...2
    static let fileFormatName = "tailor-bpe"
    static let checksumKeyword = "checksum fnv1a64"

    /// The file's text.
    public func serialized() -> String {
        var lines = [
            "\(Self.fileFormatName) \(Self.fileFormatVersion)",
            "pretokenizer \(pretokenizer.rawValue)",
            "specials \(specialTokens.count)",
        ]
        for (offset, token) in specialTokens.enumerated() { lines.append("\(256 + merges.count + offset) \(token)") }
        lines.append("merges \(merges.count)")
        for (index, pair) in merges.enumerated() {
            let count = mergeCounts.isEmpty ? 0 : mergeCounts[index]
            lines.append("\(pair.left) \(pair.right) \(count)")
        }
        let body = lines.map { $0 + "\n" }.joined()
        return body + "\(Self.checksumKeyword) \(Checksum.fnv1a64Hex(body.utf8))\n"
    }

    /// Writes the tokenizer to `url` atomically: to a temporary file beside it, then renamed
    /// over it, so an interrupted run never leaves half a file.
    ///
    /// - Throws: `TokenizerFileError.unwritable` for a tokenizer the reader would refuse (a
    ///   special token with a line break or a negative merge count), `AtomicFileError` naming
    ///   the file when it cannot be written.
    ///
    /// Example: `try tokenizer.save(to: URL(fileURLWithPath: "Checkpoints/tokenizer.bpe"))`
    public func save(to url: URL) throws {
        // The writer never writes what its reader refuses.
        if let token = specialTokens.first(where: { $0.unicodeScalars.contains { $0 == "\n" || $0 == "\r" } }) {
            throw TokenizerFileError.unwritable(
                path: url.path,
                reason: "special token \(String(reflecting: token)) has a line break")
        }
        if let count = mergeCounts.first(where: { $0 < 0 }) {
            throw TokenizerFileError.unwritable(path: url.path, reason: "a merge count is negative (\(count))")
        }
        try AtomicFile.write(serialized(), to: url)
    }

    /// Reads a tokenizer written by `save(to:)`.
    ///
    /// - Throws: `TokenizerFileError`, naming the file and line: missing file, wrong
    ///   version, malformed line, a count larger than the file, a merge using an id it cannot
    ///   yet know, a checksum that does not match.
    ///
    /// Example: `let tokenizer = try BytePairTokenizer.load(from: url)`
    public static func load(from url: URL) throws -> BytePairTokenizer {
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else { throw TokenizerFileError.missingFile(path: path) }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TokenizerFileError.unreadable(path: path, reason: FileErrorReason.describing(error))
        }
        return try parse(data, path: path)
    }

    /// Parses the file's text; `path` is only for error messages.
    public static func parse(_ text: String, path: String = "<text>") throws -> BytePairTokenizer {
        try parse(Data(text.utf8), path: path)
    }

    /// Parses the file's bytes; `path` is only for error messages. Every count is checked
    /// against the lines the file has left before anything is reserved for it.
    public static func parse(_ bytes: Data, path: String = "<bytes>") throws -> BytePairTokenizer {
        var reader = try LineReader(bytes: bytes, path: path)
        try readVersion(&reader, path: path)
        let pretokenizerName = try reader.keyword("pretokenizer")
        guard let pretokenizer = Pretokenizer(rawValue: pretokenizerName.value) else {
            throw TokenizerFileError.malformedLine(
                path: path, line: pretokenizerName.line, text: "pretokenizer \(pretokenizerName.value)",
                expected: "pretokenizer " + Pretokenizer.allCases.map(\.rawValue).joined(separator: "|"))
        }
        let specials = try readSpecials(&reader, path: path)
        let (merges, mergeCounts) = try readMerges(&reader, path: path)
        if let (line, content) = reader.nextNonEmpty() {
            throw TokenizerFileError.malformedLine(path: path, line: line, text: content, expected: "end of file")
        }
        try checkSpecials(specials, mergeCount: merges.count, path: path)
        // Counts of 0 mean "not recorded" (a hand-made merge list).
        let recorded = mergeCounts.contains { $0 != 0 }
        return BytePairTokenizer(
            merges: merges, mergeCounts: recorded ? mergeCounts : [],
            specialTokens: specials.map(\.token), pretokenizer: pretokenizer,
            trainingStop: .loaded)
    }

    /// The first line, `tailor-bpe <version>`, of a readable version; from version 2 on, the
    /// checksum of every line is verified before anything else is read.
    private static func readVersion(_ reader: inout LineReader, path: String) throws {
        let (versionLine, versionText) = try reader.next(expecting: "\(fileFormatName) <version>")
        let header = versionText.split(separator: " ", omittingEmptySubsequences: false)
        guard header.count == 2, header[0] == fileFormatName else {
            throw TokenizerFileError.malformedLine(
                path: path, line: versionLine, text: versionText,
                expected: "\(fileFormatName) <version>")
        }
        guard let version = Int(header[1]), readableFileFormatVersions.contains(version) else {
            throw TokenizerFileError.wrongVersion(
                path: path, line: versionLine, found: String(header[1]),
                supported: fileFormatVersion)
        }
        if version >= 2 { try reader.verifyChecksum(keyword: checksumKeyword) }
    }

    /// `specials <n>` and n lines `<id> <special token>`.
    private static func readSpecials(_ reader: inout LineReader, path: String) throws
        -> [(line: Int, id: Int, token: String)]
    {
        let specialCount = try reader.count("specials")
        var specials: [(line: Int, id: Int, token: String)] = []
        for _ in 0..<specialCount {
            let (line, content) = try reader.next(expecting: "<id> <special token>")
            guard let space = content.firstIndex(of: " "), let id = Int(content[..<space]),
                content.index(after: space) < content.endIndex
            else {
                throw TokenizerFileError.malformedLine(
                    path: path, line: line, text: content,
                    expected: "<id> <special token>")
            }
            specials.append((line, id, String(content[content.index(after: space)...])))
        }
        return specials
    }

    /// `merges <n>` and n lines `<left> <right> <count>`, each id below the one being made.
    private static func readMerges(_ reader: inout LineReader, path: String) throws
        -> (merges: [TokenPair], counts: [Int])
    {
        let mergeCount = try reader.count("merges")
        var merges: [TokenPair] = []
        var mergeCounts: [Int] = []
        merges.reserveCapacity(mergeCount)  // checked against the lines left: no huge allocation
        mergeCounts.reserveCapacity(mergeCount)
        for index in 0..<mergeCount {
            let (line, content) = try reader.next(expecting: "<left> <right> <count>")
            let fields = content.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 3, let left = Int(fields[0]), let right = Int(fields[1]),
                let count = Int(fields[2]), count >= 0
            else {
                throw TokenizerFileError.malformedLine(
                    path: path, line: line, text: content,
                    expected: "<left> <right> <count>")
            }
            let newID = 256 + index
            for id in [left, right] where id < 0 || id >= newID {
                throw TokenizerFileError.mergeOutOfRange(path: path, line: line, id: id, limit: newID)
            }
            merges.append(TokenPair(left: left, right: right))
            mergeCounts.append(count)
        }
        return (merges, mergeCounts)
    }

    /// Special tokens take the ids right after the merges, in order, and are distinct.
    private static func checkSpecials(
        _ specials: [(line: Int, id: Int, token: String)], mergeCount: Int,
        path: String
    ) throws {
        for (offset, special) in specials.enumerated() where special.id != 256 + mergeCount + offset {
            throw TokenizerFileError.malformedLine(
                path: path, line: special.line, text: "\(special.id) \(special.token)",
                expected: "id \(256 + mergeCount + offset): special tokens follow the \(mergeCount) merges")
        }
        guard Set(specials.map(\.token)).count == specials.count else {
            throw TokenizerFileError.malformedLine(
                path: path, line: specials.last?.line ?? 0,
                text: specials.last?.token ?? "",
                expected: "distinct special tokens")
        }
    }
}

// MARK: - Errors

/// What can be wrong with a tokenizer file; every case names the file, and the line when
/// there is one.
public enum TokenizerFileError: Error, Equatable, CustomStringConvertible {
    case missingFile(path: String)
    case unreadable(path: String, reason: String)
    /// The tokenizer holds something its reader would refuse, so it is not written.
    case unwritable(path: String, reason: String)
    case wrongVersion(path: String, line: Int, found: String, supported: Int)
    case malformedLine(path: String, line: Int, text: String, expected: String)
    case mergeOutOfRange(path: String, line: Int, id: Int, limit: Int)
    case unexpectedEnd(path: String, line: Int, expected: String)
    /// A count says more lines follow than the file has.
    case countTooLarge(path: String, line: Int, count: Int, linesLeft: Int)
    /// A line is not UTF-8.
    case notUTF8(path: String, line: Int)
    /// Version 2's checksum line is missing.
    case missingChecksum(path: String, line: Int)
    /// The lines hash to another value than the checksum line says: the file was changed.
    case checksumMismatch(path: String, line: Int, expected: String, actual: String)

    public var description: String {
        switch self {
        case .missingFile(let path):
            return "\(path): no such tokenizer file"
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .unwritable(let path, let reason):
            return "\(path): not written: \(reason)"
        case .wrongVersion(let path, let line, let found, let supported):
            return "\(path):\(line): format version \(found), but this code reads versions 1 to \(supported)"
        case .malformedLine(let path, let line, let text, let expected):
            return "\(path):\(line): malformed line \(String(reflecting: text)), expected \(expected)"
        case .mergeOutOfRange(let path, let line, let id, let limit):
            return "\(path):\(line): merge uses id \(id), but only ids 0..<\(limit) exist before it"
        case .unexpectedEnd(let path, let line, let expected):
            return "\(path):\(line): file ends early, expected \(expected)"
        case .countTooLarge(let path, let line, let count, let linesLeft):
            return "\(path):\(line): says \(count) lines follow, but the file has only \(linesLeft) left"
        case .notUTF8(let path, let line):
            return "\(path):\(line): the line is not UTF-8 text"
        case .missingChecksum(let path, let line):
            return "\(path):\(line): the file ends without its \"checksum fnv1a64 …\" line; it is truncated"
        case .checksumMismatch(let path, let line, let expected, let actual):
            return "\(path):\(line): checksum mismatch (the file says \(expected), its lines hash to \(actual)); "
                + "the file was changed or damaged"
        }
    }
}

// MARK: - Line reading

/// Hands out the file's lines with their 1-based numbers. Lines are cut at `\n` bytes and a
/// final `\r` is dropped, so `\r\n` files read the same. (Cutting a Swift `String` at "\n"
/// would not work: "\r\n" is one `Character` there, unequal to "\n".)
private struct LineReader {
    /// Each line's bytes, without its ending.
    private var lines: [ArraySlice<UInt8>]
    private var index = 0
    let path: String

    init(bytes: Data, path: String) throws {
        self.path = path
        lines = Array(bytes).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
        if lines.last?.isEmpty == true { lines.removeLast() }  // the final line's own "\n"
    }

    /// Lines not yet read.
    var linesLeft: Int { lines.count - index }

    /// Checks and removes the last non-empty line, `keyword <hex>`, against the FNV-1a 64 of
    /// every line before it, each ended by "\n".
    mutating func verifyChecksum(keyword: String) throws {
        while let last = lines.last, last.allSatisfy({ $0 == UInt8(ascii: " ") }) { lines.removeLast() }
        guard let last = lines.last, lines.count > 1,
            let text = String(validating: last, as: UTF8.self), text.hasPrefix(keyword + " ")
        else {
            throw TokenizerFileError.missingChecksum(path: path, line: max(lines.count, 1))
        }
        lines.removeLast()
        let expected = String(text.dropFirst(keyword.count + 1))
        var hasher = [UInt8]()
        for line in lines { hasher += line; hasher.append(UInt8(ascii: "\n")) }
        let actual = Checksum.fnv1a64Hex(hasher)
        guard actual == expected else {
            throw TokenizerFileError.checksumMismatch(
                path: path, line: lines.count + 1, expected: expected,
                actual: actual)
        }
    }

    mutating func next(expecting expected: String) throws -> (line: Int, text: String) {
        guard index < lines.count else {
            throw TokenizerFileError.unexpectedEnd(path: path, line: index + 1, expected: expected)
        }
        index += 1
        guard let text = String(validating: lines[index - 1], as: UTF8.self) else {
            throw TokenizerFileError.notUTF8(path: path, line: index)
        }
        return (index, text)
    }

    /// A line "keyword value".
    mutating func keyword(_ keyword: String) throws -> (line: Int, value: String) {
        let (line, text) = try next(expecting: "\(keyword) <value>")
        guard text.hasPrefix(keyword + " ") else {
            throw TokenizerFileError.malformedLine(path: path, line: line, text: text, expected: "\(keyword) <value>")
        }
        return (line, String(text.dropFirst(keyword.count + 1)))
    }

    /// A line "keyword n" with n a non-negative integer no larger than the lines left.
    mutating func count(_ keyword: String) throws -> Int {
        let (line, value) = try self.keyword(keyword)
        guard let count = Int(value), count >= 0 else {
            throw TokenizerFileError.malformedLine(
                path: path, line: line, text: "\(keyword) \(value)",
                expected: "\(keyword) <count>")
        }
        guard let checked = UntrustedSize.count(count, atMost: linesLeft) else {
            throw TokenizerFileError.countTooLarge(path: path, line: line, count: count, linesLeft: linesLeft)
        }
        return checked
    }

    mutating func nextNonEmpty() -> (line: Int, text: String)? {
        while index < lines.count {
            index += 1
            let line = lines[index - 1]
            if !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                return (index, String(decoding: line, as: UTF8.self))
            }
        }
        return nil
    }
}
