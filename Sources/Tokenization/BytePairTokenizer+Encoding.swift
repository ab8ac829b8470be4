import HeapModule

// MARK: - Encoding: text → ids

extension BytePairTokenizer {
    /// The ids of `text`.
    ///
    /// Special token strings in `text` become their single ids when `allowingSpecialTokens`
    /// is true. Pass false for text from outside (a user's message): then "<|endoftext|>"
    /// typed by a user is encoded as the ordinary characters it is, and cannot forge a
    /// document boundary (trap: forgetting this is a prompt-injection hole).
    ///
    /// - Parameters:
    ///   - text: any text.
    ///   - allowingSpecialTokens: whether special token strings map to special ids.
    /// - Returns: ids in `0..<vocabularySize`; `decode` of them is `text` again.
    ///
    /// Example:
    /// ```swift
    /// tokenizer.encode("Once upon a time<|endoftext|>")   // […, 4091], one id for the marker
    /// ```
    public func encode(_ text: String, allowingSpecialTokens: Bool = true) -> [Int] {
        encode(bytes: Array(text.utf8), allowingSpecialTokens: allowingSpecialTokens)
    }

    /// The ids of any bytes, UTF-8 or not; special token strings are ordinary bytes here.
    ///
    /// Example: `tokenizer.encode(bytes: [0xFF, 0x41])` is `[255, 65]` unless a merge joins them.
    public func encode(bytes: [UInt8]) -> [Int] {
        encode(bytes: bytes, allowingSpecialTokens: false)
    }

    /// The ids of bytes, with or without special tokens.
    func encode(bytes: [UInt8], allowingSpecialTokens: Bool) -> [Int] {
        var ids: [Int] = []
        ids.reserveCapacity(bytes.count / 3 + 1)
        // One cache per call: a word seen before in this text is encoded once. Per call, not
        // per tokenizer, so the tokenizer stays a plain immutable value that threads share.
        var cache = ChunkCache(capacity: 1 << 16)
        bytes.withUnsafeBufferPointer { buffer in
            let encodeOrdinary = { (segment: Range<Int>) in
                let segmentBuffer = UnsafeBufferPointer(rebasing: buffer[segment])
                pretokenizer.forEachChunk(in: segmentBuffer) { chunk in
                    let range = (chunk.lowerBound + segment.lowerBound)..<(chunk.upperBound + segment.lowerBound)
                    if range.count == 1 {
                        ids.append(Int(buffer[range.lowerBound]))
                    } else if let cached = cache[bytes[range]] {
                        ids.append(contentsOf: cached)
                    } else {
                        let chunkIDs = encodeChunk(UnsafeBufferPointer(rebasing: buffer[range]))
                        cache[bytes[range]] = chunkIDs
                        ids.append(contentsOf: chunkIDs)
                    }
                }
            }
            if allowingSpecialTokens && !specialTokenMatcher.isEmpty {
                specialTokenMatcher.forEachSegment(in: buffer) { range, specialID in
                    if let specialID { ids.append(specialID) } else { encodeOrdinary(range) }
                }
            } else {
                encodeOrdinary(0..<buffer.count)
            }
        }
        return ids
    }

    // MARK: One chunk

    /// The ids of one chunk: its bytes, then the merges replayed lowest rank first, each
    /// rank's occurrences left to right — the same result as minbpe's loop of
    /// "find the lowest-ranked pair present, merge it everywhere".
    ///
    /// Why lowest rank first works: a merge made at rank r creates pairs whose own merges (if
    /// any) were learned later, so they never compete with rank r.
    func encodeChunk(_ chunk: UnsafeBufferPointer<UInt8>) -> [Int] {
        chunk.count <= Self.shortChunkLimit ? encodeShortChunk(chunk) : encodeLongChunk(chunk)
    }

    /// Below this many bytes a chunk is merged by rescanning (cheap for words); above it with
    /// a priority queue and a linked list (a chunk of `.none` text can be megabytes).
    static var shortChunkLimit: Int { 64 }

    /// Rescans the ranks of the adjacent pairs after each merge: O(n²), fast for short n.
    // listing: bpe-encode-chunk
    func encodeShortChunk(_ chunk: UnsafeBufferPointer<UInt8>) -> [Int] {
        var symbols = chunk.map { Int($0) }
        guard symbols.count >= 2 else { return symbols }
        // ranks[i] is the rank of the pair (symbols[i], symbols[i+1]), or Int32.max if none.
        var ranks = (0..<(symbols.count - 1)).map { rank(symbols[$0], symbols[$0 + 1]) }
        while true {
            var best = 0
            for index in 1..<ranks.count where ranks[index] < ranks[best] { best = index }
            let bestRank = ranks[best]
            if bestRank == Int32.max { break }
            symbols[best] = 256 + Int(bestRank)
            symbols.remove(at: best + 1)
            ranks.remove(at: best)
            if symbols.count < 2 { break }
            if best > 0 { ranks[best - 1] = rank(symbols[best - 1], symbols[best]) }
            if best < ranks.count { ranks[best] = rank(symbols[best], symbols[best + 1]) }
        }
        return symbols
    }
    // listing: end

    /// A min-heap of (rank, position) over a doubly linked list of symbols: O(n log n).
    func encodeLongChunk(_ chunk: UnsafeBufferPointer<UInt8>) -> [Int] {
        let count = chunk.count
        var symbols = chunk.map { Int($0) }
        var next = Array(1...count)  // next[i] == count: no successor
        var previous = Array(-1..<(count - 1))  // previous[i] == -1: no predecessor
        var alive = [Bool](repeating: true, count: count)
        var queue = Heap<PendingMerge>()
        for position in 0..<(count - 1) {
            let pairRank = rank(symbols[position], symbols[position + 1])
            if pairRank != Int32.max { queue.insert(PendingMerge(rank: pairRank, position: position)) }
        }
        while let pending = queue.popMin() {
            let position = pending.position
            let right = next[position]
            // Lazy invalidation: skip entries whose pair has since been merged away.
            guard alive[position], right < count,
                rank(symbols[position], symbols[right]) == pending.rank
            else { continue }
            symbols[position] = 256 + Int(pending.rank)
            alive[right] = false
            next[position] = next[right]
            if next[right] < count { previous[next[right]] = position }
            let left = previous[position]
            if left >= 0 {
                let leftRank = rank(symbols[left], symbols[position])
                if leftRank != Int32.max { queue.insert(PendingMerge(rank: leftRank, position: left)) }
            }
            if next[position] < count {
                let rightRank = rank(symbols[position], symbols[next[position]])
                if rightRank != Int32.max { queue.insert(PendingMerge(rank: rightRank, position: position)) }
            }
        }
        var result: [Int] = []
        var position = 0
        while position < count {
            result.append(symbols[position])
            position = next[position]
        }
        return result
    }

    /// The merge rank of the pair, or Int32.max when the pair was never merged.
    @inline(__always)
    func rank(_ left: Int, _ right: Int) -> Int32 {
        mergeRanks[TokenPair.packed(left, right)] ?? Int32.max
    }
}

// MARK: - Helpers

/// A merge waiting in the long-chunk queue; lower rank first, then further left.
struct PendingMerge: Comparable {
    var rank: Int32
    var position: Int

    static func < (lhs: PendingMerge, rhs: PendingMerge) -> Bool {
        (lhs.rank, lhs.position) < (rhs.rank, rhs.position)
    }
}

/// Chunk bytes → ids, forgetting everything when full (simple, and text's common words come
/// straight back).
struct ChunkCache {
    private var storage: [ArraySlice<UInt8>: [Int]] = [:]
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    subscript(chunk: ArraySlice<UInt8>) -> [Int]? {
        get { storage[chunk] }
        set {
            if storage.count >= capacity { storage.removeAll(keepingCapacity: true) }
            storage[chunk] = newValue
        }
    }
}
