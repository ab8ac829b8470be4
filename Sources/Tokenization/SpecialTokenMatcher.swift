// MARK: - Finding special tokens in text

/// Splits bytes into ordinary stretches and special-token occurrences.
///
/// Special tokens are cut out *before* pre-tokenization, so "<|endoftext|>" becomes one id
/// instead of "<", "|", "endoftext", "|>", and training never merges across or into them.
/// Where two special tokens could match at the same place, the longer one wins.
struct SpecialTokenMatcher: Sendable {
    /// The tokens' bytes with their ids, longest first.
    private let candidates: [(bytes: [UInt8], id: Int)]
    /// Whether a special token starts with this byte — a cheap test at every position.
    private let isFirstByte: [Bool]

    init(_ tokens: [String], firstID: Int) {
        candidates = tokens.enumerated()
            .map { (bytes: Array($0.element.utf8), id: firstID + $0.offset) }
            .sorted { $0.bytes.count > $1.bytes.count }
        var isFirstByte = [Bool](repeating: false, count: 256)
        for candidate in candidates { isFirstByte[Int(candidate.bytes[0])] = true }
        self.isFirstByte = isFirstByte
    }

    var isEmpty: Bool { candidates.isEmpty }

    /// Calls `body(range, nil)` for each ordinary stretch and `body(range, id)` for each
    /// special token, in order. Ordinary stretches are never empty.
    func forEachSegment(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>, Int?) -> Void) {
        guard !candidates.isEmpty else {
            if !bytes.isEmpty { body(0..<bytes.count, nil) }
            return
        }
        var ordinaryStart = 0
        var position = 0
        while position < bytes.count {
            guard isFirstByte[Int(bytes[position])], let match = match(in: bytes, at: position) else {
                position += 1
                continue
            }
            if ordinaryStart < position { body(ordinaryStart..<position, nil) }
            body(position..<(position + match.length), match.id)
            position += match.length
            ordinaryStart = position
        }
        if ordinaryStart < bytes.count { body(ordinaryStart..<bytes.count, nil) }
    }

    /// The longest special token starting at `position`, if any.
    private func match(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (length: Int, id: Int)? {
        for candidate in candidates where position + candidate.bytes.count <= bytes.count {
            var matches = true
            for (offset, byte) in candidate.bytes.enumerated() where bytes[position + offset] != byte {
                matches = false
                break
            }
            if matches { return (candidate.bytes.count, candidate.id) }
        }
        return nil
    }
}
