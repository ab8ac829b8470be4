import Randomness

/// A synthetic task that only content-based attention solves: the job of an *induction head*
/// (Olsson et al. 2022), "look back for an earlier occurrence of the current token and copy the
/// token that followed it".
///
/// A sequence is filler, then a segment of distinct tokens, then the same segment again:
/// `f f f … a b c d e a b c d e`. The segment's length changes from sequence to sequence, and
/// its tokens occur nowhere else. In the second copy every next token is determined — it
/// followed the current token the first time — but it sits a different distance back in each
/// sequence, so no fixed offset finds it. The loss counts only those positions.
///
/// Example:
/// ```swift
/// let task = InductionTask(vocabulary: 32, shortest: 6, longest: 12)
/// var rng = SplitMix64(seed: 1)
/// let batch = task.batch(32, rng: &rng)   // inputs and targets, 32 · task.inputLength each
/// ```
public struct InductionTask: Sendable {
    /// Token ids are `0..<vocabulary`.
    public let vocabulary: Int
    /// The segment's length is drawn uniformly from `shortest...longest`.
    public let shortest: Int
    public let longest: Int

    /// - Parameters:
    ///   - vocabulary: the alphabet; more than `longest`, so filler has tokens of its own.
    ///   - shortest, longest: the range of segment lengths, `2...longest`.
    public init(vocabulary: Int, shortest: Int, longest: Int) {
        precondition(shortest >= 2 && shortest <= longest, "segment lengths need 2 ≤ shortest ≤ longest")
        precondition(vocabulary > longest, "a vocabulary of \(vocabulary) leaves no filler beside \(longest) tokens")
        self.vocabulary = vocabulary
        self.shortest = shortest
        self.longest = longest
    }

    /// Tokens in a whole sequence: room for two copies of the longest segment.
    public var sequenceLength: Int { 2 * longest }
    /// Input positions per sequence (the last token is only ever a target).
    public var inputLength: Int { sequenceLength - 1 }

    /// One sequence of `sequenceLength` tokens and its segment's length.
    public func sequence(rng: inout SplitMix64) -> (tokens: [Int], segmentLength: Int) {
        var alphabet = Array(0..<vocabulary)
        Self.shuffle(&alphabet, rng: &rng)
        let length = shortest + rng.nextInt(below: longest - shortest + 1)
        let segment = Array(alphabet.prefix(length))
        let others = Array(alphabet.dropFirst(length))
        let filler = (0..<(sequenceLength - 2 * length)).map { _ in others[rng.nextInt(below: others.count)] }
        return (filler + segment + segment, length)
    }

    /// Inputs and targets for a batch, `size · inputLength` ids each, sequence after sequence.
    /// A target is the next token where the input lies in the segment's second copy (all but
    /// its last token), and −1 (no loss) everywhere else.
    public func batch(_ size: Int, rng: inout SplitMix64) -> (inputs: [Int], targets: [Int]) {
        var inputs: [Int] = [], targets: [Int] = []
        for _ in 0..<size {
            let (tokens, length) = sequence(rng: &rng)
            let secondCopy = sequenceLength - length
            inputs += tokens.dropLast()
            targets += (0..<inputLength).map { $0 >= secondCopy ? tokens[$0 + 1] : -1 }
        }
        return (inputs, targets)
    }

    /// Where an induction head at position `t` should look: just after the first earlier
    /// occurrence of `tokens[t]`, or nil when the token has not occurred before.
    public func answerPosition(query t: Int, in tokens: [Int]) -> Int? {
        guard t < tokens.count, let first = tokens[..<t].firstIndex(of: tokens[t]), first + 1 < t else { return nil }
        return first + 1
    }

    /// Per sequence of a batch ([B·inputLength] inputs and targets, as `batch` makes them) and
    /// per position, where an induction head should look when that position is scored, else nil.
    public func answerPositions(inputs: [Int], targets: [Int]) -> [[Int?]] {
        stride(from: 0, to: inputs.count, by: inputLength).map { start in
            let tokens = Array(inputs[start..<(start + inputLength)])
            return (0..<inputLength).map { t in targets[start + t] >= 0 ? answerPosition(query: t, in: tokens) : nil }
        }
    }

    /// The accuracy, 0…1, of a reference that needs no lookup: at the j-th scored input of a
    /// second copy, guess uniformly among the m − j − 1 segment tokens not yet repeated. A model
    /// above it has used the order of the first copy, not just its set of tokens.
    ///
    /// - Parameter targets: [B·inputLength], as `batch` makes them; 0 when nothing is scored.
    public func unrepeatedGuessAccuracy(targets: [Int]) -> Double {
        var sum = 0.0, count = 0.0
        for start in stride(from: 0, to: targets.count, by: inputLength) {
            let scored = targets[start...].prefix(inputLength).filter { $0 >= 0 }.count, length = scored + 1
            for j in 0..<scored { sum += 1 / Double(length - j - 1); count += 1 }
        }
        return sum / max(count, 1)
    }

    /// Fisher–Yates with the book's generator (not the standard library's, whose algorithm
    /// may change), so a seed gives the same sequences everywhere.
    static func shuffle(_ values: inout [Int], rng: inout SplitMix64) {
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(i, rng.nextInt(below: i + 1))
        }
    }
}
