import Testing

@testable import Tokenization

// MARK: - Special tokens

@Test func specialTokensEncodeToSingleIDsAfterTheMerges() throws {
    let tokenizer = BytePairTokenizer.train(
        on: "hello world, hello there. " + String(repeating: "ab ", count: 20),
        vocabularySize: 266)
    #expect(tokenizer.specialTokens == BytePairTokenizer.defaultSpecialTokens)
    #expect(tokenizer.vocabularySize == 266 && tokenizer.trainingStop == .reachedVocabularySize)
    let endOfText = try #require(tokenizer.id(ofSpecialToken: BytePairTokenizer.endOfText))
    #expect(endOfText == 256 + tokenizer.merges.count)
    let user = try #require(tokenizer.id(ofSpecialToken: BytePairTokenizer.userMarker))
    let ids = tokenizer.encode("<|user|>hello<|end|><|endoftext|>")
    #expect(ids.first == user)
    #expect(ids.suffix(2) == [tokenizer.id(ofSpecialToken: BytePairTokenizer.endOfTurn)!, endOfText])
    #expect(tokenizer.isSpecialToken(endOfText) && !tokenizer.isSpecialToken(65))
    #expect(tokenizer.id(ofSpecialToken: "<|nope|>") == nil)
}

@Test func specialTokensAreNotProducedWhenDisallowed() {
    let tokenizer = BytePairTokenizer.train(on: "hello <|endoftext|> hello", vocabularySize: 270)
    let text = "say <|endoftext|> and <|user|>"
    for ids in [tokenizer.encode(text, allowingSpecialTokens: false), tokenizer.encode(bytes: Array(text.utf8))] {
        #expect(!ids.contains { tokenizer.isSpecialToken($0) })
        #expect(tokenizer.decode(ids) == text)
    }
}

@Test func trainingNeverMergesIntoSpecialTokens() {
    // The marker is by far the most frequent string; if it were not cut out, "<|", "|>"
    // and the rest would be the first merges.
    let text = String(repeating: "<|endoftext|>ab cd ", count: 50)
    let tokenizer = BytePairTokenizer.train(on: text, vocabularySize: 256 + 5 + 10)
    for id in 256..<(256 + tokenizer.merges.count) {
        let piece = tokenizer.tokenBytes(id)
        #expect(!piece.contains(UInt8(ascii: "|")) && !piece.contains(UInt8(ascii: "<")))
    }
}

@Test func longerSpecialTokenWinsWhenBothMatch() {
    let tokenizer = BytePairTokenizer(merges: [], specialTokens: ["<|a|>", "<|a|>b"])
    #expect(tokenizer.encode("<|a|>b<|a|>") == [257, 256])
}
