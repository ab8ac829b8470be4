import Randomness
import Testing

@testable import Tokenization

// MARK: - The fast trainer learns exactly what the naive one does

@Test(arguments: Pretokenizer.allCases)
func fastTrainerMatchesNaiveTrainer(pretokenizer: Pretokenizer) {
    var random = SplitMix64(seed: 2024)
    for trial in 0..<25 {
        let text = random.text(length: 20 + random.int(below: 400))
        let vocabularySize = 256 + 1 + random.int(below: 80)
        let fast = BytePairTokenizer.train(
            on: text, vocabularySize: vocabularySize,
            pretokenizer: pretokenizer, specialTokens: [])
        let naive = BytePairTokenizer.trainNaively(
            on: text, vocabularySize: vocabularySize,
            pretokenizer: pretokenizer, specialTokens: [])
        #expect(fast.merges == naive.merges, "trial \(trial), \(pretokenizer), text \(String(reflecting: text))")
        #expect(fast.mergeCounts == naive.mergeCounts)
        #expect(fast.trainingStop == naive.trainingStop)
    }
}

@Test func bothTrainersStopAtTheSamePlace() {
    // Too many merges asked for: both must stop when no pair repeats, at the same merge.
    let text = "the cat sat on the mat; the cat ate the rat"
    let fast = BytePairTokenizer.train(on: text, vocabularySize: 1000, specialTokens: [])
    let naive = BytePairTokenizer.trainNaively(on: text, vocabularySize: 1000, specialTokens: [])
    #expect(fast.trainingStop == .noPairOccursTwice)
    #expect(fast.merges == naive.merges)
    #expect(fast.mergeCounts.allSatisfy { $0 >= 2 })
}

@Test func mergeCountsNeverRise() {
    var random = SplitMix64(seed: 5)
    let tokenizer = BytePairTokenizer.train(on: random.text(length: 3000), vocabularySize: 400, specialTokens: [])
    #expect(zip(tokenizer.mergeCounts, tokenizer.mergeCounts.dropFirst()).allSatisfy { $0 >= $1 })
}

// MARK: - Encoding: fast paths agree with minbpe's loop

@Test(arguments: Pretokenizer.allCases)
func encodingMatchesTheReferenceLoop(pretokenizer: Pretokenizer) {
    var random = SplitMix64(seed: 99)
    let tokenizer = BytePairTokenizer.train(
        on: random.text(length: 4000), vocabularySize: 256 + 150,
        pretokenizer: pretokenizer, specialTokens: [])
    for _ in 0..<40 {
        let bytes = Array(random.text(length: random.int(below: 300)).utf8)
        #expect(tokenizer.encode(bytes: bytes) == referenceEncode(bytes, with: tokenizer))
    }
}

@Test func shortAndLongChunkPathsAgree() {
    var random = SplitMix64(seed: 11)
    let tokenizer = BytePairTokenizer.train(
        on: random.text(length: 3000), vocabularySize: 256 + 120,
        pretokenizer: .none, specialTokens: [])
    for length in [2, 3, 5, 17, 64, 65, 200] {
        let bytes = Array(random.text(length: length).utf8)
        bytes.withUnsafeBufferPointer { chunk in
            #expect(tokenizer.encodeShortChunk(chunk) == tokenizer.encodeLongChunk(chunk))
        }
    }
}
