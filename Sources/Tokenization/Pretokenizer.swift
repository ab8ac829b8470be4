// MARK: - Pre-tokenization: where merges may not cross

/// How text is cut into chunks before byte-pair encoding; merges never cross a chunk border.
///
/// GPT-2 cuts text with the regular expression
///
///     's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
///
/// so that " dog", " dog." and " dog!" share the token " dog" instead of learning three
/// tokens that glue words to punctuation. `.gpt2` implements that pattern by hand over UTF-8
/// bytes — a small state machine, no regex engine — which is both faster and lets bytes
/// that are not UTF-8 at all be handled: each such byte is a chunk of its own (treated like
/// punctuation that never joins a run), so *every* byte string splits and round-trips.
///
/// Traps worth knowing (all reproduced exactly):
/// - A leading space belongs to the *next* word: "Hello world" → "Hello", " world". Two
///   spaces before a word → " " and " word": `\s+(?!\S)` leaves the last space for the word.
/// - Numbers are one run of any length: "12345" is one chunk (GPT-4 later capped runs at
///   three digits, because long numbers made arithmetic inconsistent across tokens).
/// - Contractions are case-sensitive ASCII: "don't" → "don", "'t", but "DON'T" → "DON",
///   "'", "T"; and a curly apostrophe (’) is just punctuation.
/// - Only U+0020 may prefix a word; a tab or newline before a word is a chunk of its own.
/// - `\s` means Unicode White_Space, so a no-break space (U+00A0) is whitespace too.
///
/// Example:
/// ```swift
/// Pretokenizer.gpt2.chunks(of: "Hello world's 123  ok!!")
/// // ["Hello", " world", "'s", " 123", " ", " ok", "!!"]
/// ```
public enum Pretokenizer: String, Sendable, CaseIterable {
    /// The whole text is one chunk: merges may cross spaces and punctuation
    /// (minbpe's `BasicTokenizer`; fine for teaching on a few kilobytes, slow on megabytes
    /// because every merge then rescans one enormous "word").
    case none
    /// GPT-2's split pattern, hand-written.
    case gpt2
    /// Each line, with its newline, is one chunk (merges cross spaces but not lines), like
    /// the "bytes" mode of Hugging Face `tokenizers` fed one line per sequence.
    case lines

    // MARK: Public entry points

    /// The byte ranges of the chunks of `bytes`, in order; together they cover every byte.
    ///
    /// - Parameter bytes: any bytes, UTF-8 or not.
    /// - Returns: consecutive, non-empty ranges whose union is `0..<bytes.count`.
    public func chunkRanges(in bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { buffer in
            forEachChunk(in: buffer) { ranges.append($0) }
        }
        return ranges
    }

    /// The chunks of `text` as strings — for showing, not for speed.
    ///
    /// Example:
    /// ```swift
    /// Pretokenizer.gpt2.chunks(of: "  hi\n")   // [" ", " hi", "\n"]
    /// ```
    public func chunks(of text: String) -> [String] {
        let bytes = Array(text.utf8)
        return chunkRanges(in: bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    // MARK: The loop the trainer and encoder use

    /// Calls `body` with each chunk's range, in order, without building an array.
    func forEachChunk(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        guard !bytes.isEmpty else { return }
        switch self {
        case .none:
            body(0..<bytes.count)
        case .lines:
            var start = 0
            for index in 0..<bytes.count where bytes[index] == 0x0A {
                body(start..<(index + 1))
                start = index + 1
            }
            if start < bytes.count { body(start..<bytes.count) }
        case .gpt2:
            var start = 0
            while start < bytes.count {
                let end = Pretokenizer.gpt2ChunkEnd(in: bytes, from: start)
                body(start..<end)
                start = end
            }
        }
    }

    // MARK: GPT-2's pattern as a state machine

    /// Where the chunk starting at `start` ends: the alternatives of the pattern, tried in
    /// the pattern's order, exactly as the regex engine would.
    ///
    /// One piece, deliberately: it is the regex's alternation written out in order, and read
    /// top to bottom it *is* the pattern; split up, the order that decides ties would be lost.
    static func gpt2ChunkEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let count = bytes.count
        let first = classifyScalar(in: bytes, at: start)

        // 's|'t|'re|'ve|'m|'ll|'d
        if first.ascii == UInt8(ascii: "'"), start + 1 < count {
            let next = bytes[start + 1]
            switch next {
            case UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "m"), UInt8(ascii: "d"):
                return start + 2
            case UInt8(ascii: "r"), UInt8(ascii: "v"), UInt8(ascii: "l"):
                if start + 2 < count {
                    let third = bytes[start + 2]
                    let expected = next == UInt8(ascii: "l") ? UInt8(ascii: "l") : UInt8(ascii: "e")
                    if third == expected { return start + 3 }
                }
            default:
                break
            }
        }

        // ' ?\p{L}+', ' ?\p{N}+', ' ?[^\s\p{L}\p{N}]+': an optional space, then a run of one class.
        var runHead = first
        var runStart = start
        if first.isSpace, start + 1 < count {
            let next = classifyScalar(in: bytes, at: start + 1)
            if next.characterClass != .whitespace && next.characterClass != .invalid {
                runHead = next
                runStart = start + 1
            }
        }
        switch runHead.characterClass {
        case .letter, .number, .other:
            var end = runStart + runHead.length
            while end < count {
                let scalar = classifyScalar(in: bytes, at: end)
                guard scalar.characterClass == runHead.characterClass else { break }
                end += scalar.length
            }
            return end
        case .invalid:
            return start + 1
        case .whitespace:
            break
        }

        // '\s+(?!\S)|\s+': a whitespace run; if a non-space follows it, its last character
        // is left to be the next word's ` ?` (or, for a single character, taken anyway).
        var end = start
        var lastCharacterStart = start
        var characters = 0
        while end < count {
            let scalar = classifyScalar(in: bytes, at: end)
            guard scalar.characterClass == .whitespace else { break }
            lastCharacterStart = end
            end += scalar.length
            characters += 1
        }
        if end == count || characters == 1 { return end }
        return lastCharacterStart
    }
}
