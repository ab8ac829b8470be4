import Testing
@testable import Tokenization

@Test func wikipediaExample() {
    let tokenizer = BytePairTokenizer.train(on: "aaabdaaabac", vocabularySize: 259, pretokenizer: .none, specialTokens: [])
    #expect(tokenizer.encode("aaabdaaabac") == [258, 100, 258, 97, 99])
}
