import ArgumentParser
import Foundation
import Tokenization

/// `tailor tokenize`: how the book's tokenizer cuts a text.
struct Tokenize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the tokens of a text: their ids, their boundaries (coloured on a terminal), bytes per token.")

    @Option(help: "The tokenizer (written by chapter 1).")
    var tokenizer = "Checkpoints/tokenizer.bpe"
    @Flag(name: .customLong("special"), help: "Read special tokens such as <|endoftext|> in the text as such.")
    var allowSpecialTokens = false
    @Argument(help: "The text to tokenize.")
    var text: String

    func run() throws {
        try reportingFailure("tokenize") {
            let bpe = try BytePairTokenizer.load(from: try existingFile(tokenizer, what: "tokenizer"))
            let ids = bpe.encode(text, allowingSpecialTokens: allowSpecialTokens)
            let colour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            let pieces = ids.map { TokenPiece(id: $0, bytes: bpe.tokenBytes($0)) }
            print(TokenPiece.boundaries(pieces, colour: colour))
            print(ids.map(String.init).joined(separator: " "))
            let bytes = text.utf8.count
            let perToken = ids.isEmpty ? 0 : Double(bytes) / Double(ids.count)
            print(
                "\(bytes) bytes → \(ids.count) tokens: \(String(format: "%.2f", perToken)) bytes per token "
                    + "(vocabulary \(bpe.vocabularySize))")
            for piece in pieces { print(String(format: "%6d  ", piece.id) + piece.shown) }
        }
    }
}

/// One token as shown: its id and its bytes, made visible.
struct TokenPiece {
    let id: Int
    let bytes: [UInt8]

    /// The bytes as text, with a leading space shown as "␣" and bytes that are not a whole
    /// character as `<xx>` (a byte-level token may hold half a character).
    var shown: String {
        let text = String(validating: bytes, as: UTF8.self) ?? bytes.map { String(format: "<%02x>", $0) }.joined()
        return text.replacingOccurrences(of: " ", with: "␣").replacingOccurrences(of: "\n", with: "↵")
    }

    /// The text with each token's extent marked: alternating background colours on a terminal,
    /// "|" between tokens otherwise.
    static func boundaries(_ pieces: [TokenPiece], colour: Bool) -> String {
        guard colour else { return pieces.map(\.shown).joined(separator: "|") }
        let backgrounds = ["\u{1B}[48;5;153m", "\u{1B}[48;5;229m", "\u{1B}[48;5;194m", "\u{1B}[48;5;224m"]
        return pieces.enumerated().map { backgrounds[$0.offset % backgrounds.count] + "\u{1B}[30m" + $0.element.shown }
            .joined() + "\u{1B}[0m"
    }
}
