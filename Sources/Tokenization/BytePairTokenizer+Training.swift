import HeapModule

// MARK: - Training: learn merges from text

extension BytePairTokenizer {
    /// Learns byte-pair merges from `text` until the vocabulary has `vocabularySize` ids.
    ///
    /// The algorithm (the one production trainers use, not minbpe's recount-per-merge):
    /// 1. cut out special tokens, pre-tokenize, count unique chunks (word → frequency);
    /// 2. count every adjacent pair once, weighted by word frequency, and remember which
    ///    words each pair occurs in;
    /// 3. repeatedly take the most frequent pair from a max-heap, give it the next id, and
    ///    rewrite only the words that contain it — subtracting the old pairs around each merge
    ///    site, adding the new ones — so each merge costs what it touches, not the whole corpus.
    ///
    /// The heap is lazily invalidated: when a pair's count drops, its heap entry is left
    /// stale and corrected when it reaches the top. This is exact because an existing pair's
    /// count can only fall; new pairs (which contain the new id) are pushed when created.
    ///
    /// Ties: among pairs with the same count, the smaller pair `(left, right)` wins
    /// (`TokenPair`'s order), so training is deterministic. Training stops early, with
    /// `trainingStop == .noPairOccursTwice`, when the most frequent pair occurs only once.
    ///
    /// - Parameters:
    ///   - text: the training text; special token strings in it are cut out, never merged.
    ///   - vocabularySize: the ids wanted in total: 256 bytes + merges + special tokens.
    ///   - pretokenizer: how to chunk the text (`.gpt2` for real text).
    ///   - specialTokens: special strings, given ids after the merges.
    ///   - progress: called now and then with (merges learned, merges wanted).
    /// - Returns: the trained tokenizer; `mergeCounts` records each merge's count.
    ///
    /// Example:
    /// ```swift
    /// let tokenizer = BytePairTokenizer.train(on: corpus, vocabularySize: 4096)
    /// tokenizer.merges.count   // 4096 - 256 - 5 special tokens = 3835
    /// ```
    public static func train(
        on text: String, vocabularySize: Int, pretokenizer: Pretokenizer = .gpt2,
        specialTokens: [String] = defaultSpecialTokens,
        progress: ((Int, Int) -> Void)? = nil
    ) -> BytePairTokenizer {
        train(
            onBytes: Array(text.utf8), vocabularySize: vocabularySize, pretokenizer: pretokenizer,
            specialTokens: specialTokens, progress: progress)
    }

    /// Learns merges from any bytes; see `train(on:vocabularySize:pretokenizer:specialTokens:progress:)`.
    public static func train(
        onBytes bytes: [UInt8], vocabularySize: Int, pretokenizer: Pretokenizer = .gpt2,
        specialTokens: [String] = defaultSpecialTokens,
        progress: ((Int, Int) -> Void)? = nil
    ) -> BytePairTokenizer {
        let wantedMerges = vocabularySize - 256 - specialTokens.count
        precondition(
            wantedMerges >= 0,
            "vocabulary size \(vocabularySize) is below 256 bytes + \(specialTokens.count) special tokens")
        let chunks = TrainingChunks(bytes: bytes, pretokenizer: pretokenizer, specialTokens: specialTokens)
        var state = PairStatistics(chunks: chunks)

        var merges: [TokenPair] = []
        var mergeCounts: [Int] = []
        merges.reserveCapacity(wantedMerges)
        var stop = TrainingStop.reachedVocabularySize
        while merges.count < wantedMerges {
            guard let (pair, count) = state.mostFrequentPair(), count >= 2 else {
                stop = .noPairOccursTwice
                break
            }
            merges.append(pair)
            mergeCounts.append(count)
            state.merge(pair, into: 256 + merges.count - 1)
            if let progress, merges.count % 64 == 0 || merges.count == wantedMerges {
                progress(merges.count, wantedMerges)
            }
        }
        return BytePairTokenizer(
            merges: merges, mergeCounts: mergeCounts, specialTokens: specialTokens,
            pretokenizer: pretokenizer, trainingStop: stop)
    }
}

// MARK: - The trainer's bookkeeping

/// Pair counts over the unique words, the index pair → words, and the heap.
struct PairStatistics {
    /// Each unique word as its current symbols.
    private var words: [[Int32]]
    private let frequencies: [Int]
    /// Pair (packed) → occurrences, weighted by word frequency, overlaps counted.
    private var counts: [UInt64: Int] = [:]
    /// Pair → the words it occurs (or once occurred) in; stale entries are harmless, because
    /// merging a word that no longer holds the pair changes nothing.
    private var wordsContaining: [UInt64: [Int32]] = [:]
    /// Max-heap of (count, pair) with lazily corrected counts.
    private var heap: Heap<CandidateMerge>

    init(chunks: TrainingChunks) {
        words = chunks.words.map { $0.map { Int32($0) } }
        frequencies = chunks.frequencies
        for (wordIndex, word) in words.enumerated() where word.count >= 2 {
            let frequency = frequencies[wordIndex]
            for position in 0..<(word.count - 1) {
                let key = TokenPair.packed(Int(word[position]), Int(word[position + 1]))
                counts[key, default: 0] += frequency
                // Words are visited in order, so a repeat within one word is the last entry.
                if wordsContaining[key]?.last != Int32(wordIndex) {
                    wordsContaining[key, default: []].append(Int32(wordIndex))
                }
            }
        }
        heap = Heap(counts.map { CandidateMerge(count: $0.value, key: $0.key) })
    }

    /// The most frequent pair and its count (ties: smallest pair), or nil if none is left.
    mutating func mostFrequentPair() -> (TokenPair, Int)? {
        while let top = heap.popMax() {
            let current = counts[top.key] ?? 0
            if current == top.count { return (TokenPair.unpacked(top.key), current) }
            // Stale: the count fell since this entry was pushed. Put it back, corrected.
            if current > 0 { heap.insert(CandidateMerge(count: current, key: top.key)) }
        }
        return nil
    }

    /// Rewrites every word containing `pair` with `newID`, keeping counts, index and heap exact.
    mutating func merge(_ pair: TokenPair, into newID: Int) {
        let left = Int32(pair.left), right = Int32(pair.right), merged = Int32(newID)
        let mergedKey = pair.packedKey
        let candidates = wordsContaining.removeValue(forKey: mergedKey) ?? []
        var createdPairs: Set<UInt64> = []
        var mergeStarts: [Int] = []
        for wordIndex in candidates {
            let old = words[Int(wordIndex)]
            mergeStarts.removeAll(keepingCapacity: true)
            let new = Self.merging(old, left, right, into: merged, recordingStartsIn: &mergeStarts)
            guard !mergeStarts.isEmpty else { continue }
            let frequency = frequencies[Int(wordIndex)]
            // Only pairs next to a merge change. Remove the old pairs that touch a merged
            // span (positions p-1, p, p+1 for a merge at p, each once — merges can share a
            // neighbour, and the pair may overlap itself as in "aaa")...
            var lastRemoved = -1
            for start in mergeStarts {
                for position in max(start - 1, lastRemoved + 1)...min(start + 1, old.count - 2) {
                    counts[TokenPair.packed(Int(old[position]), Int(old[position + 1])), default: 0] -= frequency
                    lastRemoved = position
                }
            }
            // ...and add the new pairs that touch the new token. Every other pair is the
            // same pair between the same two tokens, before and after.
            if new.count >= 2 {
                for position in 0..<(new.count - 1) where new[position] == merged || new[position + 1] == merged {
                    let key = TokenPair.packed(Int(new[position]), Int(new[position + 1]))
                    counts[key, default: 0] += frequency
                    createdPairs.insert(key)
                    if wordsContaining[key]?.last != wordIndex {
                        wordsContaining[key, default: []].append(wordIndex)
                    }
                }
            }
            words[Int(wordIndex)] = new
        }
        counts[mergedKey] = nil
        for key in createdPairs {
            if let count = counts[key], count > 0 { heap.insert(CandidateMerge(count: count, key: key)) }
        }
    }

    /// `BytePairTokenizer.merging` on the trainer's compact symbols.
    /// `starts` receives the position in `symbols` of each merged pair.
    private static func merging(
        _ symbols: [Int32], _ left: Int32, _ right: Int32, into merged: Int32,
        recordingStartsIn starts: inout [Int]
    ) -> [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(symbols.count)
        var index = 0
        while index < symbols.count {
            if index + 1 < symbols.count, symbols[index] == left, symbols[index + 1] == right {
                starts.append(index)
                result.append(merged)
                index += 2
            } else {
                result.append(symbols[index])
                index += 1
            }
        }
        return result
    }
}

/// A heap entry: larger count first; among equal counts the smaller pair is "larger", so it
/// comes out of the max-heap first.
struct CandidateMerge: Comparable {
    var count: Int
    /// The pair packed left-high, so comparing keys compares (left, right).
    var key: UInt64

    static func < (lhs: CandidateMerge, rhs: CandidateMerge) -> Bool {
        lhs.count != rhs.count ? lhs.count < rhs.count : lhs.key > rhs.key
    }
}
