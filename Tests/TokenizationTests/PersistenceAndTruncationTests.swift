import Foundation
import Randomness
import Testing
@testable import Tokenization

// MARK: - Save and load

private func temporaryURL(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("tailor-tok-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
}

@Test func saveThenLoadGivesTheSameTokenizer() throws {
    var random = SplitMix64(seed: 8)
    let corpus = random.text(length: 4000)
    for pretokenizer in Pretokenizer.allCases {
        let tokenizer = BytePairTokenizer.train(on: corpus, vocabularySize: 360, pretokenizer: pretokenizer)
        let url = temporaryURL("roundtrip-\(pretokenizer).bpe")
        defer { try? FileManager.default.removeItem(at: url) }
        try tokenizer.save(to: url)
        let loaded = try BytePairTokenizer.load(from: url)
        #expect(loaded.merges == tokenizer.merges)
        #expect(loaded.mergeCounts == tokenizer.mergeCounts)
        #expect(loaded.specialTokens == tokenizer.specialTokens)
        #expect(loaded.pretokenizer == pretokenizer)
        let sample = random.text(length: 300) + "<|assistant|>"
        #expect(loaded.encode(sample) == tokenizer.encode(sample))
        // No temporary file is left beside it.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(!siblings.contains { $0.contains(url.lastPathComponent + ".tmp") })
    }
}

@Test func loadingAMissingFileSaysWhich() {
    let url = temporaryURL("does-not-exist.bpe")
    #expect(throws: TokenizerFileError.missingFile(path: url.path)) { try BytePairTokenizer.load(from: url) }
}

@Test func loadErrorsNameTheLine() throws {
    let good = BytePairTokenizer(merges: [TokenPair(left: 97, right: 98), TokenPair(left: 256, right: 99)],
                                 specialTokens: ["<|endoftext|>"]).serialized()
    #expect(good == "tailor-bpe 1\npretokenizer gpt2\nspecials 1\n258 <|endoftext|>\nmerges 2\n97 98 0\n256 99 0\n")
    #expect(try BytePairTokenizer.parse(good).merges.count == 2)

    func error(_ text: String) -> TokenizerFileError? {
        do { _ = try BytePairTokenizer.parse(text, path: "t.bpe"); return nil }
        catch { return error as? TokenizerFileError }
    }
    #expect(error(good.replacingOccurrences(of: "tailor-bpe 1", with: "tailor-bpe 2"))
            == .wrongVersion(path: "t.bpe", line: 1, found: "2", supported: 1))
    #expect(error(good.replacingOccurrences(of: "256 99 0", with: "256 x 0"))
            == .malformedLine(path: "t.bpe", line: 7, text: "256 x 0", expected: "<left> <right> <count>"))
    #expect(error(good.replacingOccurrences(of: "256 99 0", with: "257 99 0"))
            == .mergeOutOfRange(path: "t.bpe", line: 7, id: 257, limit: 257))
    #expect(error(good.replacingOccurrences(of: "pretokenizer gpt2", with: "pretokenizer gpt9")) != nil)
    #expect(error(good.replacingOccurrences(of: "258 <|endoftext|>", with: "300 <|endoftext|>")) != nil)
    #expect(error(good.replacingOccurrences(of: "merges 2", with: "merges 3"))
            == .unexpectedEnd(path: "t.bpe", line: 8, expected: "<left> <right> <count>"))
    #expect(error("") == .unexpectedEnd(path: "t.bpe", line: 1, expected: "tailor-bpe <version>"))
    #expect(error(good + "1 2 3\n") == .malformedLine(path: "t.bpe", line: 8, text: "1 2 3", expected: "end of file"))
    let message = TokenizerFileError.mergeOutOfRange(path: "t.bpe", line: 7, id: 257, limit: 257).description
    #expect(message.hasPrefix("t.bpe:7:"))
}

// MARK: - Truncation

@Test func truncationEqualsTrainingToTheSmallerSize() {
    var random = SplitMix64(seed: 12)
    let corpus = random.text(length: 5000)
    let large = BytePairTokenizer.train(on: corpus, vocabularySize: 450)
    let small = BytePairTokenizer.train(on: corpus, vocabularySize: 300)
    let truncated = large.truncated(toVocabularySize: 300)
    #expect(truncated.merges == small.merges)
    #expect(truncated.mergeCounts == small.mergeCounts)
    #expect(truncated.vocabularySize == 300)
    #expect(truncated.id(ofSpecialToken: BytePairTokenizer.endOfText) == 256 + small.merges.count)
    let sample = random.text(length: 200)
    #expect(truncated.encode(sample) == small.encode(sample))
    #expect(large.truncated(toVocabularySize: 261).merges.isEmpty)
}
