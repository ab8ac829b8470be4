import Foundation
import Randomness
import Testing

@testable import Tokenization

// MARK: - Save and load

private func temporaryURL(_ name: String) -> URL {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("tailor-tok-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
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

/// The version-1 text of a two-merge tokenizer: what files saved before the checksum hold.
private let versionOne = "tailor-bpe 1\npretokenizer gpt2\nspecials 1\n258 <|endoftext|>\nmerges 2\n97 98 0\n256 99 0\n"

private func parseError(_ text: String) -> TokenizerFileError? {
    do { _ = try BytePairTokenizer.parse(text, path: "t.bpe"); return nil } catch {
        return error as? TokenizerFileError
    }
}

@Test func loadErrorsNameTheLine() throws {
    let tokenizer = BytePairTokenizer(
        merges: [TokenPair(left: 97, right: 98), TokenPair(left: 256, right: 99)],
        specialTokens: ["<|endoftext|>"])
    let good = tokenizer.serialized()
    #expect(good.hasPrefix(versionOne.replacingOccurrences(of: "tailor-bpe 1", with: "tailor-bpe 2")))
    #expect(good.split(separator: "\n").last?.hasPrefix("checksum fnv1a64 ") == true)
    #expect(try BytePairTokenizer.parse(good).merges.count == 2)

    let error = parseError
    #expect(
        error(good.replacingOccurrences(of: "tailor-bpe 2", with: "tailor-bpe 3"))
            == .wrongVersion(path: "t.bpe", line: 1, found: "3", supported: 2))
    #expect(
        error(versionOne.replacingOccurrences(of: "256 99 0", with: "256 x 0"))
            == .malformedLine(path: "t.bpe", line: 7, text: "256 x 0", expected: "<left> <right> <count>"))
    #expect(
        error(versionOne.replacingOccurrences(of: "256 99 0", with: "257 99 0"))
            == .mergeOutOfRange(path: "t.bpe", line: 7, id: 257, limit: 257))
    #expect(error(versionOne.replacingOccurrences(of: "pretokenizer gpt2", with: "pretokenizer gpt9")) != nil)
    #expect(error(versionOne.replacingOccurrences(of: "258 <|endoftext|>", with: "300 <|endoftext|>")) != nil)
    #expect(
        error(versionOne.replacingOccurrences(of: "merges 2", with: "merges 3"))
            == .countTooLarge(path: "t.bpe", line: 5, count: 3, linesLeft: 2))
    #expect(error("") == .unexpectedEnd(path: "t.bpe", line: 1, expected: "tailor-bpe <version>"))
    #expect(
        error(versionOne + "1 2 3\n")
            == .malformedLine(path: "t.bpe", line: 8, text: "1 2 3", expected: "end of file"))
    let message = TokenizerFileError.mergeOutOfRange(path: "t.bpe", line: 7, id: 257, limit: 257).description
    #expect(message.hasPrefix("t.bpe:7:"))
}

// MARK: - Bad bytes in, a clear error out

/// Version-1 files (no checksum) still load, with either line ending.
@Test func versionOneStillLoads() throws {
    for text in [versionOne, versionOne.replacingOccurrences(of: "\n", with: "\r\n")] {
        let loaded = try BytePairTokenizer.parse(text)
        #expect(loaded.merges == [TokenPair(left: 97, right: 98), TokenPair(left: 256, right: 99)])
        #expect(loaded.specialTokens == ["<|endoftext|>"])
    }
}

/// Issue 9: `\r\n` line endings were refused (a Swift `String` holds "\r\n" as one character,
/// so cutting at "\n" never cut). The checksum is of the lines, so it holds for both endings.
@Test func windowsLineEndingsAreAccepted() throws {
    var random = SplitMix64(seed: 21)
    let tokenizer = BytePairTokenizer.train(on: random.text(length: 2000), vocabularySize: 300)
    let windows = tokenizer.serialized().replacingOccurrences(of: "\n", with: "\r\n")
    #expect(windows.utf8.count > tokenizer.serialized().utf8.count)
    let loaded = try BytePairTokenizer.parse(windows)
    #expect(loaded.merges == tokenizer.merges && loaded.mergeCounts == tokenizer.mergeCounts)
    #expect(loaded.specialTokens == tokenizer.specialTokens)
}

/// A changed digit is still a valid merge; only the checksum can tell.
@Test func theChecksumCatchesAnEditThatParses() throws {
    let text = BytePairTokenizer(
        merges: [TokenPair(left: 97, right: 98), TokenPair(left: 256, right: 99)],
        specialTokens: ["<|endoftext|>"]
    ).serialized()
    let edited = text.replacingOccurrences(of: "97 98 0", with: "97 99 0")
    guard case .checksumMismatch(path: "t.bpe", line: 8, _, _) = parseError(edited) else {
        Issue.record("an edited merge loaded, or failed for another reason: \(String(describing: parseError(edited)))")
        return
    }
    #expect(parseError(String(text.dropLast(30))) == .missingChecksum(path: "t.bpe", line: 8))
}

/// Counts are checked against the lines left before anything is reserved: a count of 2⁶³ − 1
/// used to go straight into `reserveCapacity` and trap.
@Test func hugeCountsAreRefusedBeforeAllocation() {
    let huge = versionOne.replacingOccurrences(of: "merges 2", with: "merges 9223372036854775807")
    #expect(parseError(huge) == .countTooLarge(path: "t.bpe", line: 5, count: Int.max, linesLeft: 2))
    let specials = versionOne.replacingOccurrences(of: "specials 1", with: "specials 99999999999")
    #expect(parseError(specials) == .countTooLarge(path: "t.bpe", line: 3, count: 99_999_999_999, linesLeft: 4))
    #expect(
        parseError(versionOne.replacingOccurrences(of: "merges 2", with: "merges 99999999999999999999"))
            == .malformedLine(path: "t.bpe", line: 5, text: "merges 99999999999999999999", expected: "merges <count>"))
    #expect(
        parseError(versionOne.replacingOccurrences(of: "97 98 0", with: "97 98 -5"))
            == .malformedLine(path: "t.bpe", line: 6, text: "97 98 -5", expected: "<left> <right> <count>"))
    var bytes = Array(versionOne.utf8)
    bytes[bytes.count - 3] = 0xFF  // not UTF-8
    #expect(throws: TokenizerFileError.notUTF8(path: "t.bpe", line: 7)) {
        try BytePairTokenizer.parse(Data(bytes), path: "t.bpe")
    }
}

/// The writer never writes what its reader refuses.
@Test func aTokenizerTheReaderWouldRefuseIsNotWritten() {
    let url = temporaryURL("refused.bpe")
    let tokenizer = BytePairTokenizer(merges: [], specialTokens: ["<|a\rb|>"])
    #expect(throws: TokenizerFileError.self) { try tokenizer.save(to: url) }
    #expect(!FileManager.default.fileExists(atPath: url.path))
}

/// Thousands of truncated and randomly edited copies of a saved tokenizer: each one throws a
/// `TokenizerFileError` or loads as the very same tokenizer — never a crash, never another
/// tokenizer. (Without the checksum about one edit in seven loaded as a different one.)
@Test func truncatedAndEditedFilesFailCleanly() throws {
    var random = SplitMix64(seed: 2024)
    let original = BytePairTokenizer.train(on: random.text(length: 1500), vocabularySize: 300)
    let bytes = Array(original.serialized().utf8)
    var variants: [[UInt8]] = (0..<bytes.count).map { Array(bytes[..<$0]) }  // every truncation
    for _ in 0..<4_000 {
        var edited = bytes
        for _ in 0..<(1 + random.int(below: 3)) {
            let at = random.int(below: edited.count)
            switch random.int(below: 3) {
            case 0: edited[at] = UInt8(truncatingIfNeeded: random.next())  // change a byte
            case 1: edited.insert(UInt8(truncatingIfNeeded: random.next()), at: at)  // insert one
            default: edited.remove(at: at)  // delete one
            }
        }
        variants.append(edited)
    }
    var loadedIdentical = 0, refused = 0
    for variant in variants {
        do {
            let loaded = try BytePairTokenizer.parse(Data(variant), path: "m.bpe")
            #expect(
                loaded.merges == original.merges && loaded.mergeCounts == original.mergeCounts
                    && loaded.specialTokens == original.specialTokens && loaded.pretokenizer == original.pretokenizer,
                "an edited file loaded as a different tokenizer")
            loadedIdentical += 1
        } catch is TokenizerFileError {
            refused += 1
        } catch {
            Issue.record("an edited file threw \(error), not a TokenizerFileError")
        }
    }
    #expect(refused > variants.count * 9 / 10, "\(refused) of \(variants.count) edits refused")
    #expect(loadedIdentical + refused == variants.count)

    // Version 1 has no checksum, so an edit may load as another tokenizer; it must still
    // never crash the reader (counts, ids and UTF-8 are checked all the same).
    let lines = original.serialized().split(separator: "\n").dropLast().joined(separator: "\n") + "\n"
    let oldBytes = Array(lines.replacingOccurrences(of: "tailor-bpe 2", with: "tailor-bpe 1").utf8)
    #expect(try BytePairTokenizer.parse(Data(oldBytes)).merges == original.merges)
    for _ in 0..<2_000 {
        var edited = oldBytes
        for _ in 0..<(1 + random.int(below: 3)) {
            edited[random.int(below: edited.count)] = UInt8(truncatingIfNeeded: random.next())
        }
        do { _ = try BytePairTokenizer.parse(Data(edited)) } catch is TokenizerFileError {} catch {
            Issue.record("an edited version-1 file threw \(error), not a TokenizerFileError")
        }
    }
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
