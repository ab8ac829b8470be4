// MARK: - BPE by hand: the deliberately naive trainer

extension BytePairTokenizer {
    /// Learns merges the slow, obvious way: after every merge, recount every pair in every
    /// chunk from scratch (minbpe's `train`, over unique chunks).
    ///
    /// Deliberately naive — O(merges × corpus) — to show the idea in ten lines and to check
    /// the fast trainer, which must produce *identical* merges (same tie rule: the most
    /// frequent pair, and among equals the smallest `(left, right)`; same early stop).
    ///
    /// - Parameters: as `train(on:vocabularySize:pretokenizer:specialTokens:progress:)`.
    /// - Returns: the trained tokenizer.
    ///
    /// Example:
    /// ```swift
    /// let tokenizer = BytePairTokenizer.trainNaively(on: "aaabdaaabac", vocabularySize: 259,
    ///                                                pretokenizer: .none, specialTokens: [])
    /// tokenizer.merges   // [(97, 97), (97, 98), (256, 257)]: "aa", "ab", "aa"+"ab"
    /// ```
    public static func trainNaively(
        on text: String, vocabularySize: Int, pretokenizer: Pretokenizer = .gpt2,
        specialTokens: [String] = defaultSpecialTokens
    ) -> BytePairTokenizer {
        let wantedMerges = vocabularySize - 256 - specialTokens.count
        precondition(
            wantedMerges >= 0,
            "vocabulary size \(vocabularySize) is below 256 bytes + \(specialTokens.count) special tokens")
        let chunks = TrainingChunks(bytes: Array(text.utf8), pretokenizer: pretokenizer, specialTokens: specialTokens)
        // listing: bpe-train-naively
        var words = chunks.words.map { $0.map { Int($0) } }

        var merges: [TokenPair] = []
        var mergeCounts: [Int] = []
        var stop = TrainingStop.reachedVocabularySize
        while merges.count < wantedMerges {
            // 1. Count all pairs, every time.
            var counts: [TokenPair: Int] = [:]
            for (word, frequency) in zip(words, chunks.frequencies) {
                for (pair, count) in pairCounts(word) { counts[pair, default: 0] += count * frequency }
            }
            // 2. The most frequent pair; among equals the smallest.
            guard let best = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }),
                best.value >= 2
            else {
                stop = .noPairOccursTwice
                break
            }
            // 3. Merge it everywhere.
            let newID = 256 + merges.count
            merges.append(best.key)
            mergeCounts.append(best.value)
            words = words.map { merging($0, pair: best.key, into: newID) }
        }
        return BytePairTokenizer(
            merges: merges, mergeCounts: mergeCounts, specialTokens: specialTokens,
            pretokenizer: pretokenizer, trainingStop: stop)
        // listing: end
    }
}
