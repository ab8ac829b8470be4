import Randomness
import Tokenization

// MARK: - Test inputs from the book's one seeded generator

extension SplitMix64 {
    /// Uniform in `0..<bound`.
    mutating func int(below bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// Random bytes, any values — most byte strings are not valid UTF-8.
    mutating func bytes(count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }

    /// Random text from a small alphabet with spaces, newlines, punctuation, digits,
    /// accented letters and an emoji, so that pairs repeat and every chunk kind occurs.
    mutating func text(length: Int) -> String {
        let alphabet: [String] = [
            "a", "a", "a", "b", "b", "c", "d", " ", " ", " ", "\n", ".", "!", "'", "s",
            "t", "1", "2", "é", "Ω", "🐶", "\t",
        ]
        return (0..<length).map { _ in alphabet[int(below: alphabet.count)] }.joined()
    }
}

/// minbpe's encode, the slow reference: while some adjacent pair has a merge, merge the
/// lowest-ranked one everywhere. Chunking as the tokenizer's pretokenizer, no specials.
func referenceEncode(_ bytes: [UInt8], with tokenizer: BytePairTokenizer) -> [Int] {
    var ranks: [TokenPair: Int] = [:]
    for (index, pair) in tokenizer.merges.enumerated() where ranks[pair] == nil { ranks[pair] = index }
    var ids: [Int] = []
    for range in tokenizer.pretokenizer.chunkRanges(in: bytes) {
        var chunk = bytes[range].map { Int($0) }
        while chunk.count >= 2 {
            let pairs = BytePairTokenizer.pairCounts(chunk).keys
            guard let best = pairs.min(by: { (ranks[$0] ?? .max) < (ranks[$1] ?? .max) }),
                let rank = ranks[best]
            else { break }
            chunk = BytePairTokenizer.merging(chunk, pair: best, into: 256 + rank)
        }
        ids += chunk
    }
    return ids
}
