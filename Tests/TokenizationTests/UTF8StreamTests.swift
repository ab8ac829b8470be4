import Testing

@testable import Tokenization

@Suite struct UTF8StreamTests {
    @Test func aCharacterSplitAcrossTokensIsHeldBackUntilComplete() {
        var stream = UTF8Stream()
        // "café 🙂!" as tokens that split é (C3 A9) and the emoji (F0 9F 99 82) mid-character.
        let tokens: [[UInt8]] = [[0x63, 0x61, 0x66, 0xC3], [0xA9, 0x20, 0xF0], [0x9F], [0x99, 0x82, 0x21]]
        let printed = tokens.map { stream.append($0) }
        #expect(printed == ["caf", "é ", "", "🙂!"])
        #expect(!printed.joined().contains("\u{FFFD}"))
        #expect(stream.finish() == "")
    }

    @Test func invalidBytesAreNotHeldForever() {
        var stream = UTF8Stream()
        #expect(stream.append([0x61, 0xFF]) == "a\u{FFFD}")  // 0xFF never starts a character
        #expect(stream.append([0x80]) == "\u{FFFD}")  // a lone continuation byte
        #expect(stream.append([0xE2, 0x82]) == "")  // the start of "€": wait
        #expect(stream.finish() == "\u{FFFD}")  // the stream ended mid-character
    }

    @Test func aTokenizerDecodesTheStreamToTheWholeText() {
        let text = "Zoë met 山田 🙂 at the café."
        // Trained on ASCII only: every non-ASCII character falls back to single-byte tokens.
        let tokenizer = BytePairTokenizer.train(
            on: String(repeating: "Zoe met at the cafe. ", count: 20),
            vocabularySize: 300)
        let ids = tokenizer.encode(text, allowingSpecialTokens: false)
        // The test means something only if some token ends inside a character.
        #expect(ids.contains { String(validating: tokenizer.tokenBytes($0), as: UTF8.self) == nil })
        var stream = UTF8Stream()
        var printed = ""
        for id in ids {
            let piece = stream.append(tokenizer.tokenBytes(id))
            #expect(!piece.contains("\u{FFFD}"))
            printed += piece
        }
        printed += stream.finish()
        #expect(printed == text)
    }
}
