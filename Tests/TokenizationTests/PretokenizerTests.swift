import Randomness
import Testing

@testable import Tokenization

// MARK: - GPT-2's split, checked against the regex

/// Expected chunks produced by GPT-2's pattern as Hugging Face `tokenizers` (Oniguruma)
/// applies it, checked by hand.
private let gpt2Cases: [(String, [String])] = [
    ("Hello world's 123  ok!!", ["Hello", " world", "'s", " 123", " ", " ok", "!!"]),
    ("   leading", ["  ", " leading"]),
    ("a\nb\n\n c\n", ["a", "\n", "b", "\n\n", " c", "\n"]),
    ("end   ", ["end", "   "]),
    ("naïve café Ωmega Привет мир 日本語", ["naïve", " café", " Ωmega", " Привет", " мир", " 日本語"]),
    ("I ❤️ 🐶s!", ["I", " ❤️", " 🐶", "s", "!"]),
    (
        "don't DON'T we're I'll they've 'd 'x",
        ["don", "'t", " DON", "'", "T", " we", "'re", " I", "'ll", " they", "'ve", " '", "d", " '", "x"]
    ),
    ("Ⅻ ½ 12345abc 3.14", ["Ⅻ", " ½", " 12345", "abc", " 3", ".", "14"]),
    ("\tx  \ty", ["\t", "x", "  ", "\t", "y"]),
    ("x \n y", ["x", " \n", " y"]),
    (" ", [" "]),
    ("a\u{00A0}b \u{00A0}c", ["a", "\u{00A0}", "b", " ", "\u{00A0}", "c"]),
    ("''s", ["''", "s"]),
    ("!!'s", ["!!'", "s"]),
    (" 's", [" '", "s"]),
    ("\r\n\r\nx", ["\r\n\r", "\n", "x"]),
    ("line one\n  indented", ["line", " one", "\n ", " indented"]),
]

@Test(arguments: gpt2Cases.indices)
func gpt2SplitMatchesTheRegex(caseIndex: Int) {
    let (text, expected) = gpt2Cases[caseIndex]
    #expect(Pretokenizer.gpt2.chunks(of: text) == expected)
}

@Test func invalidBytesBecomeChunksOfTheirOwn() {
    // "ab", a lone continuation byte, " c", a truncated 3-byte sequence, "!"
    let bytes: [UInt8] = [0x61, 0x62, 0x80, 0x20, 0x63, 0xE2, 0x82, 0x21]
    let chunks = Pretokenizer.gpt2.chunkRanges(in: bytes).map { Array(bytes[$0]) }
    #expect(chunks == [[0x61, 0x62], [0x80], [0x20, 0x63], [0xE2], [0x82], [0x21]])
    // A space before an invalid byte does not join it.
    #expect(Pretokenizer.gpt2.chunkRanges(in: [0x20, 0xFF]).count == 2)
}

@Test func chunksCoverEveryByteForAnyInput() {
    var random = SplitMix64(seed: 7)
    for _ in 0..<200 {
        let bytes =
            random.int(below: 2) == 0
            ? random.bytes(count: random.int(below: 60))
            : Array(random.text(length: random.int(below: 60)).utf8)
        for pretokenizer in Pretokenizer.allCases {
            let ranges = pretokenizer.chunkRanges(in: bytes)
            var next = 0
            for range in ranges {
                #expect(range.lowerBound == next && !range.isEmpty)
                next = range.upperBound
            }
            #expect(next == bytes.count)
        }
    }
}

@Test func noneAndLinesPretokenizers() {
    #expect(Pretokenizer.none.chunks(of: "a b\nc") == ["a b\nc"])
    #expect(Pretokenizer.lines.chunks(of: "a b\nc\n\nd") == ["a b\n", "c\n", "\n", "d"])
    #expect(Pretokenizer.gpt2.chunks(of: "").isEmpty)
}
