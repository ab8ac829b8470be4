import Testing

@testable import Tokenization

// MARK: - minbpe's known answers

@Test func wikipediaExampleGivesMinbpesAnswer() {
    // https://en.wikipedia.org/wiki/Byte_pair_encoding: aa → Z, ab → Y, ZY → X.
    let tokenizer = BytePairTokenizer.train(
        on: "aaabdaaabac", vocabularySize: 259,
        pretokenizer: .none, specialTokens: [])
    #expect(
        tokenizer.merges == [
            TokenPair(left: 97, right: 97), TokenPair(left: 97, right: 98),
            TokenPair(left: 256, right: 257),
        ])
    #expect(tokenizer.mergeCounts == [4, 2, 2])
    #expect(tokenizer.encode("aaabdaaabac") == [258, 100, 258, 97, 99])
    #expect(tokenizer.decode([258, 100, 258, 97, 99]) == "aaabdaaabac")
    #expect(tokenizer.trainingStop == .reachedVocabularySize)
}

@Test func naiveTrainerGivesTheSameKnownAnswer() {
    let tokenizer = BytePairTokenizer.trainNaively(
        on: "aaabdaaabac", vocabularySize: 259,
        pretokenizer: .none, specialTokens: [])
    #expect(tokenizer.encode("aaabdaaabac") == [258, 100, 258, 97, 99])
}

@Test func pairCountsCountOverlaps() {
    let counts = BytePairTokenizer.pairCounts([1, 2, 3, 1, 2, 2, 2])
    #expect(
        counts == [
            TokenPair(left: 1, right: 2): 2, TokenPair(left: 2, right: 3): 1,
            TokenPair(left: 3, right: 1): 1, TokenPair(left: 2, right: 2): 2,
        ])
    #expect(BytePairTokenizer.pairCounts([7]).isEmpty)
}

@Test func mergingScansLeftToRight() {
    #expect(BytePairTokenizer.merging([1, 2, 3, 1, 2], pair: TokenPair(left: 1, right: 2), into: 4) == [4, 3, 4])
    #expect(BytePairTokenizer.merging([5, 5, 5], pair: TokenPair(left: 5, right: 5), into: 9) == [9, 5])
    #expect(BytePairTokenizer.merging([5, 5, 5, 5], pair: TokenPair(left: 5, right: 5), into: 9) == [9, 9])
}

@Test func trainingStopsEarlyWhenNoPairRepeats() {
    let tokenizer = BytePairTokenizer.train(on: "abcdefg", vocabularySize: 300, pretokenizer: .none, specialTokens: [])
    #expect(tokenizer.merges.isEmpty)
    #expect(tokenizer.trainingStop == .noPairOccursTwice)
    #expect(tokenizer.vocabularySize == 256)
}

@Test func tiesGoToTheSmallestPair() {
    // "ab" and "cd" both occur twice; (97, 98) < (99, 100), so "ab" is merged first.
    let tokenizer = BytePairTokenizer.train(on: "cdabcdab", vocabularySize: 257, pretokenizer: .none, specialTokens: [])
    #expect(tokenizer.merges == [TokenPair(left: 97, right: 98)])
}

@Test func describeShowsPiecesQuoted() {
    let tokenizer = BytePairTokenizer(merges: [TokenPair(left: 32, right: 117)], specialTokens: [])
    #expect(tokenizer.describe(tokenizer.encode("a u\n")) == #"["a", " u", "\n"]"#)
    #expect(tokenizer.pieces([0xE2]) == ["<0xE2>"])
}
