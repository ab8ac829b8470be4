// MARK: - What both trainers learn from: unique chunks and how often each occurs

/// The training text reduced to its unique chunks ("words") with their frequencies.
///
/// BPE never merges across chunks, so a chunk that occurs 5,000 times can be processed once
/// with weight 5,000: on English text this shrinks the work by one to two orders of
/// magnitude before training starts.
struct TrainingChunks {
    /// Each unique chunk's bytes.
    var words: [[UInt8]]
    /// How often each occurred.
    var frequencies: [Int]

    /// Cuts `bytes` at special tokens (which are dropped: never merged into), then into
    /// chunks, and counts them.
    init(bytes: [UInt8], pretokenizer: Pretokenizer, specialTokens: [String]) {
        var counts: [ArraySlice<UInt8>: Int] = [:]
        let matcher = SpecialTokenMatcher(specialTokens, firstID: 0)
        bytes.withUnsafeBufferPointer { buffer in
            matcher.forEachSegment(in: buffer) { segment, specialID in
                guard specialID == nil else { return }
                pretokenizer.forEachChunk(in: UnsafeBufferPointer(rebasing: buffer[segment])) { chunk in
                    let range = (chunk.lowerBound + segment.lowerBound)..<(chunk.upperBound + segment.lowerBound)
                    counts[bytes[range], default: 0] += 1
                }
            }
        }
        words = []
        frequencies = []
        words.reserveCapacity(counts.count)
        frequencies.reserveCapacity(counts.count)
        // Sorted, so that everything downstream sees the words in one fixed order
        // (a Swift dictionary's order changes from run to run).
        for (word, frequency) in counts.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            words.append(Array(word))
            frequencies.append(frequency)
        }
    }
}
