import Randomness

/// Chapter 2's copy task: random symbols, a separator, the same symbols again. The second half
/// is impossible to predict from the current token alone but trivial for a model that looks
/// back exactly `length` + 1 positions — a *positional* lookup, unlike `InductionTask`'s.
///
/// Example:
/// ```swift
/// let task = CopyTask(symbols: 16, length: 8)
/// let batch = task.batch(32, rng: &rng)   // inputs and targets, 32 · 2·8 ids each
/// ```
public struct CopyTask: Sendable {
    /// Symbols are ids `0..<symbols`; the separator is id `symbols`.
    public let symbols: Int
    /// Symbols per half, L.
    public let length: Int

    public init(symbols: Int, length: Int) {
        precondition(symbols > 0 && length > 0, "a copy task needs symbols and a length")
        self.symbols = symbols
        self.length = length
    }

    /// The id between the two halves.
    public var separator: Int { symbols }
    /// Ids a model must know: the symbols and the separator.
    public var vocabulary: Int { symbols + 1 }
    /// Tokens in a whole sequence, 2L + 1 (its inputs are one fewer).
    public var sequenceLength: Int { 2 * length + 1 }

    /// Inputs [B·2L] (predict token t+1 from the tokens up to t) and targets [B·2L], −1 (no
    /// loss) in the first half, where the next symbol is random.
    public func batch(_ size: Int, rng: inout SplitMix64) -> (inputs: [Int], targets: [Int]) {
        var inputs: [Int] = [], targets: [Int] = []
        for _ in 0..<size {
            let drawn = (0..<length).map { _ in rng.nextInt(below: symbols) }
            let sequence = drawn + [separator] + drawn
            inputs += sequence.dropLast()
            targets += sequence.dropFirst().enumerated().map { $0.offset >= length ? $0.element : -1 }
        }
        return (inputs, targets)
    }
}
