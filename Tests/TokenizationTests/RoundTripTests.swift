import Randomness
import Testing

@testable import Tokenization

// MARK: - decode(encode(x)) == x, for every byte string

@Test(arguments: Pretokenizer.allCases)
func randomBytesRoundTrip(pretokenizer: Pretokenizer) {
    var random = SplitMix64(seed: 1)
    // Trained on random bytes too, so merges involve invalid UTF-8 and actually apply.
    var training = random.bytes(count: 3000)
    training += Array(random.text(length: 3000).utf8)
    let tokenizer = BytePairTokenizer.train(
        onBytes: training, vocabularySize: 256 + 200 + 5,
        pretokenizer: pretokenizer)
    for seed in 0..<300 {
        var generator = SplitMix64(seed: UInt64(seed))
        let bytes =
            seed % 2 == 0
            ? generator.bytes(count: generator.int(below: 200))
            : Array(generator.text(length: generator.int(below: 200)).utf8)
                + generator.bytes(count: 3)
        let ids = tokenizer.encode(bytes: bytes)
        #expect(tokenizer.decodeBytes(ids) == bytes, "seed \(seed)")
        #expect(ids.allSatisfy { $0 >= 0 && $0 < 256 + tokenizer.merges.count })
    }
}

@Test func textRoundTripsIncludingSpecialTokens() {
    var random = SplitMix64(seed: 3)
    let tokenizer = BytePairTokenizer.train(on: random.text(length: 5000), vocabularySize: 400)
    for _ in 0..<50 {
        let text = random.text(length: 80) + BytePairTokenizer.endOfText + random.text(length: 30)
        #expect(tokenizer.decode(tokenizer.encode(text)) == text)
        #expect(tokenizer.decode(tokenizer.encode(text, allowingSpecialTokens: false)) == text)
    }
}

@Test func decodeReplacesInvalidUTF8() {
    let tokenizer = BytePairTokenizer(merges: [], specialTokens: [])
    #expect(tokenizer.decode([0x61, 0xFF]) == "a\u{FFFD}")
}
