import FileSafety
import Foundation

// MARK: - Saving and loading: a small, readable, versioned text file

/// Reading and writing tokenizers in Tailor's `.bpe` text format (minbpe's `.model` spirit):
///
///     tailor-bpe 1                 ← format name and version
///     pretokenizer gpt2            ← none | gpt2 | lines
///     specials 5                   ← how many special tokens follow, each "id token"
///     4091 <|endoftext|>
///     …
///     merges 3835                  ← how many merges follow, each "left right count"
///     101 32 40211                 ← merge 0 → id 256: "e" + " ", seen 40,211 times
///     …
///
/// Merge ids are implied by line order (the i-th merge is id 256 + i), so a file can be
/// read, diffed and even edited by hand. Special ids are written out for the reader and
/// checked on load.
extension BytePairTokenizer {
    /// The version this code writes and reads.
    public static let fileFormatVersion = 1
    static let fileFormatName = "tailor-bpe"

    /// The file's text.
    public func serialized() -> String {
        var lines = ["\(Self.fileFormatName) \(Self.fileFormatVersion)",
                     "pretokenizer \(pretokenizer.rawValue)",
                     "specials \(specialTokens.count)"]
        for (offset, token) in specialTokens.enumerated() { lines.append("\(256 + merges.count + offset) \(token)") }
        lines.append("merges \(merges.count)")
        for (index, pair) in merges.enumerated() {
            let count = mergeCounts.isEmpty ? 0 : mergeCounts[index]
            lines.append("\(pair.left) \(pair.right) \(count)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the tokenizer to `url` atomically: to a temporary file beside it, then renamed
    /// over it, so an interrupted run never leaves half a file.
    ///
    /// Example: `try tokenizer.save(to: URL(fileURLWithPath: "Checkpoints/tokenizer.bpe"))`
    public func save(to url: URL) throws {
        try AtomicFile.write(serialized(), to: url)
    }

    /// Reads a tokenizer written by `save(to:)`.
    ///
    /// - Throws: `TokenizerFileError`, naming the file and line: missing file, wrong
    ///   version, malformed line, a merge using an id it cannot yet know.
    ///
    /// Example: `let tokenizer = try BytePairTokenizer.load(from: url)`
    public static func load(from url: URL) throws -> BytePairTokenizer {
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else { throw TokenizerFileError.missingFile(path: path) }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TokenizerFileError.unreadable(path: path, reason: error.localizedDescription)
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses the file's text; `path` is only for error messages.
    public static func parse(_ text: String, path: String = "<text>") throws -> BytePairTokenizer {
        var reader = LineReader(text: text, path: path)

        let (versionLine, versionText) = try reader.next(expecting: "\(fileFormatName) <version>")
        let header = versionText.split(separator: " ")
        guard header.count == 2, header[0] == fileFormatName else {
            throw TokenizerFileError.malformedLine(path: path, line: versionLine, text: versionText,
                                                   expected: "\(fileFormatName) <version>")
        }
        guard Int(header[1]) == fileFormatVersion else {
            throw TokenizerFileError.wrongVersion(path: path, line: versionLine, found: String(header[1]),
                                                  supported: fileFormatVersion)
        }

        let pretokenizerName = try reader.keyword("pretokenizer")
        guard let pretokenizer = Pretokenizer(rawValue: pretokenizerName.value) else {
            throw TokenizerFileError.malformedLine(
                path: path, line: pretokenizerName.line, text: "pretokenizer \(pretokenizerName.value)",
                expected: "pretokenizer " + Pretokenizer.allCases.map(\.rawValue).joined(separator: "|"))
        }

        let specialCount = try reader.count("specials")
        var specials: [(line: Int, id: Int, token: String)] = []
        for _ in 0..<specialCount {
            let (line, content) = try reader.next(expecting: "<id> <special token>")
            guard let space = content.firstIndex(of: " "), let id = Int(content[..<space]),
                  content.index(after: space) < content.endIndex
            else {
                throw TokenizerFileError.malformedLine(path: path, line: line, text: content,
                                                       expected: "<id> <special token>")
            }
            specials.append((line, id, String(content[content.index(after: space)...])))
        }

        let mergeCount = try reader.count("merges")
        var merges: [TokenPair] = []
        var mergeCounts: [Int] = []
        merges.reserveCapacity(mergeCount)
        for index in 0..<mergeCount {
            let (line, content) = try reader.next(expecting: "<left> <right> <count>")
            let fields = content.split(separator: " ")
            guard fields.count == 3, let left = Int(fields[0]), let right = Int(fields[1]), let count = Int(fields[2])
            else {
                throw TokenizerFileError.malformedLine(path: path, line: line, text: content,
                                                       expected: "<left> <right> <count>")
            }
            let newID = 256 + index
            for id in [left, right] where id < 0 || id >= newID {
                throw TokenizerFileError.mergeOutOfRange(path: path, line: line, id: id, limit: newID)
            }
            merges.append(TokenPair(left: left, right: right))
            mergeCounts.append(count)
        }
        if let (line, content) = reader.nextNonEmpty() {
            throw TokenizerFileError.malformedLine(path: path, line: line, text: content, expected: "end of file")
        }

        for (offset, special) in specials.enumerated() where special.id != 256 + mergeCount + offset {
            throw TokenizerFileError.malformedLine(
                path: path, line: special.line, text: "\(special.id) \(special.token)",
                expected: "id \(256 + mergeCount + offset): special tokens follow the \(mergeCount) merges")
        }
        guard Set(specials.map(\.token)).count == specials.count else {
            throw TokenizerFileError.malformedLine(path: path, line: specials.last?.line ?? 0,
                                                   text: specials.last?.token ?? "", expected: "distinct special tokens")
        }
        // Counts of 0 mean "not recorded" (a hand-made merge list).
        let recorded = mergeCounts.contains { $0 != 0 }
        return BytePairTokenizer(merges: merges, mergeCounts: recorded ? mergeCounts : [],
                                 specialTokens: specials.map(\.token), pretokenizer: pretokenizer,
                                 trainingStop: .loaded)
    }
}

// MARK: - Errors

/// What can be wrong with a tokenizer file; every case names the file, and the line when
/// there is one.
public enum TokenizerFileError: Error, Equatable, CustomStringConvertible {
    case missingFile(path: String)
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case wrongVersion(path: String, line: Int, found: String, supported: Int)
    case malformedLine(path: String, line: Int, text: String, expected: String)
    case mergeOutOfRange(path: String, line: Int, id: Int, limit: Int)
    case unexpectedEnd(path: String, line: Int, expected: String)

    public var description: String {
        switch self {
        case .missingFile(let path):
            return "\(path): no such tokenizer file"
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .unwritable(let path, let reason):
            return "\(path): cannot write: \(reason)"
        case .wrongVersion(let path, let line, let found, let supported):
            return "\(path):\(line): format version \(found), but this code reads version \(supported)"
        case .malformedLine(let path, let line, let text, let expected):
            return "\(path):\(line): malformed line \(String(reflecting: text)), expected \(expected)"
        case .mergeOutOfRange(let path, let line, let id, let limit):
            return "\(path):\(line): merge uses id \(id), but only ids 0..<\(limit) exist before it"
        case .unexpectedEnd(let path, let line, let expected):
            return "\(path):\(line): file ends early, expected \(expected)"
        }
    }
}

// MARK: - Line reading

/// Hands out the file's lines with their 1-based numbers.
private struct LineReader {
    private let lines: [Substring]
    private var index = 0
    let path: String

    init(text: String, path: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        self.path = path
    }

    mutating func next(expecting expected: String) throws -> (line: Int, text: String) {
        guard index < lines.count, !(index == lines.count - 1 && lines[index].isEmpty) else {
            throw TokenizerFileError.unexpectedEnd(path: path, line: index + 1, expected: expected)
        }
        index += 1
        var text = lines[index - 1]
        if text.hasSuffix("\r") { text = text.dropLast() }  // tolerate a file saved on Windows
        return (index, String(text))
    }

    /// A line "keyword value".
    mutating func keyword(_ keyword: String) throws -> (line: Int, value: String) {
        let (line, text) = try next(expecting: "\(keyword) <value>")
        guard text.hasPrefix(keyword + " ") else {
            throw TokenizerFileError.malformedLine(path: path, line: line, text: text, expected: "\(keyword) <value>")
        }
        return (line, String(text.dropFirst(keyword.count + 1)))
    }

    /// A line "keyword n" with n a non-negative integer.
    mutating func count(_ keyword: String) throws -> Int {
        let (line, value) = try self.keyword(keyword)
        guard let count = Int(value), count >= 0 else {
            throw TokenizerFileError.malformedLine(path: path, line: line, text: "\(keyword) \(value)",
                                                   expected: "\(keyword) <count>")
        }
        return count
    }

    mutating func nextNonEmpty() -> (line: Int, text: String)? {
        while index < lines.count {
            index += 1
            if !lines[index - 1].trimmingCharacters(in: .whitespaces).isEmpty { return (index, String(lines[index - 1])) }
        }
        return nil
    }
}

// MARK: - Passing the tokenizer between chapters

extension BytePairTokenizer {
    /// Loads the tokenizer chapter 1 saved at `url`; if there is none, trains a small one on
    /// `trainingText()` so the calling chapter can go on, and says so through `report`.
    /// A file that exists but cannot be read is an error, never silently replaced.
    ///
    /// - Parameters:
    ///   - url: where chapter 1 saves it (Checkpoints/tokenizer.bpe).
    ///   - vocabularySize: the size of the stand-in, should one be trained.
    ///   - trainingText: the text to train the stand-in on (only called when needed).
    ///   - report: receives one sentence about what happened.
    public static func loadOrTrain(at url: URL, vocabularySize: Int, trainingText: () -> String,
                                   report: (String) -> Void) throws -> BytePairTokenizer {
        if FileManager.default.fileExists(atPath: url.path) {
            return try load(from: url)
        }
        let tokenizer = train(on: trainingText(), vocabularySize: vocabularySize)
        report("Chapter 1's tokenizer was not found at \(url.lastPathComponent) in \(url.deletingLastPathComponent().lastPathComponent)/; "
               + "trained a stand-in with \(tokenizer.vocabularySize) tokens. Run `swift run chapter01-tokenizer` to make the real one.")
        return tokenizer
    }
}
