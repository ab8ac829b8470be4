import Engine

/// A tokenized corpus split into training and validation tokens, served as random windows.
///
/// A window of T + 1 tokens gives T inputs and the T next tokens as targets: every position
/// of every window is a training example of "predict the next token".
public struct LanguageModelData: Sendable {
    public let trainingTokens: [Int]
    public let validationTokens: [Int]

    /// Splits `tokens` at `1 − validationFraction`: the last part is held out.
    public init(tokens: [Int], validationFraction: Double = 0.1) {
        let split = Int(Double(tokens.count) * (1 - validationFraction))
        trainingTokens = Array(tokens[..<split])
        validationTokens = Array(tokens[split...])
    }

    /// A batch of `size` random windows of `context + 1` tokens from the training part.
    /// - Returns: inputs and targets, each `size · context` ids, sequence after sequence.
    public func trainingBatch(size: Int, context: Int, rng: inout SplitMix64) -> (inputs: [Int], targets: [Int]) {
        Self.batch(from: trainingTokens, size: size, context: context, rng: &rng)
    }

    /// `count` batches of validation windows, the same ones every call (seeded), so
    /// validation losses at different steps are comparable.
    public func validationBatches(count: Int, size: Int, context: Int, seed: UInt64 = 7)
        -> [(inputs: [Int], targets: [Int])]
    {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in Self.batch(from: validationTokens, size: size, context: context, rng: &rng) }
    }

    static func batch(from tokens: [Int], size: Int, context: Int, rng: inout SplitMix64)
        -> (inputs: [Int], targets: [Int])
    {
        precondition(tokens.count > context + 1, "\(tokens.count) tokens are too few for windows of \(context + 1)")
        var inputs: [Int] = [], targets: [Int] = []
        inputs.reserveCapacity(size * context)
        targets.reserveCapacity(size * context)
        for _ in 0..<size {
            let start = rng.nextInt(below: tokens.count - context - 1)
            inputs += tokens[start..<(start + context)]
            targets += tokens[(start + 1)...(start + context)]
        }
        return (inputs, targets)
    }
}
