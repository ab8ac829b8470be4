import Engine

// MARK: - Fine-tuning on prompt → answer pairs, and exact-match evaluation

/// One supervised example as token ids: the prompt the model reads and the answer it must
/// write (ending with the end-of-turn token).
public struct TaskExample: Sendable, Hashable {
    public let prompt: [Int]
    public let answer: [Int]

    public init(prompt: [Int], answer: [Int]) {
        self.prompt = prompt
        self.answer = answer
    }

    /// prompt + answer.
    public var tokens: [Int] { prompt + answer }
}

/// Batching, the answer-only loss and greedy exact-match evaluation — the same for every
/// fine-tuning method, which only changes the model's forward pass.
///
/// Example:
/// ```swift
/// let batch = SupervisedTask.batch(examples, padding: endID)
/// let loss = model.loss(batch.inputs, targets: batch.targets, batch: batch.size, ignoreIndex: SupervisedTask.ignoreIndex)
/// ```
public enum SupervisedTask {
    /// The target id that the loss skips: prompt positions and padding.
    public static let ignoreIndex = -1

    /// Next-token inputs and targets for a batch, right-padded to its longest example. Only
    /// the answer's tokens are targets; the prompt and the padding are `ignoreIndex`, so the
    /// model is taught to answer, not to write stories.
    ///
    /// - Returns: `inputs` and `targets` of `size · length` ids.
    public static func batch(_ examples: [TaskExample], padding: Int) -> (inputs: [Int], targets: [Int], size: Int, length: Int) {
        let length = examples.map { $0.tokens.count - 1 }.max() ?? 0
        var inputs: [Int] = [], targets: [Int] = []
        for example in examples {
            let tokens = example.tokens
            let firstAnswerTarget = example.prompt.count - 1     // input position whose next token is the answer's first
            for position in 0..<length {
                inputs.append(position < tokens.count - 1 ? tokens[position] : padding)
                targets.append(position >= firstAnswerTarget && position < tokens.count - 1 ? tokens[position + 1] : ignoreIndex)
            }
        }
        return (inputs, targets, examples.count, length)
    }

    /// Greedy answers for many prompts at once, by right-padded batches: position t of a row
    /// only sees positions ≤ t (causal attention), so padding after a prompt changes nothing
    /// before it. Stops a row at `stop` or after `maxNewTokens`.
    ///
    /// - Parameters:
    ///   - prompts: token ids of each prompt.
    ///   - logits: the model's forward pass, `(ids, batch) → [B, T, V]`.
    ///   - stop: the end-of-turn token (included in the answer when generated).
    ///   - contextLength: prompts + answers never exceed it.
    ///   - batchSize: rows per forward pass.
    public static func greedyAnswers(prompts: [[Int]], logits: ([Int], Int) -> Tensor, stop: Int, padding: Int,
                                     maxNewTokens: Int, contextLength: Int, batchSize: Int = 64) -> [[Int]] {
        var answers = [[Int]](repeating: [], count: prompts.count)
        Tensor.withoutGradient {
            for start in stride(from: 0, to: prompts.count, by: batchSize) {
                let rows = Array(start..<min(start + batchSize, prompts.count))
                var sequences = rows.map { prompts[$0] }
                var finished = [Bool](repeating: false, count: rows.count)
                for _ in 0..<maxNewTokens where finished.contains(false) {
                    let length = sequences.map(\.count).max()!
                    guard length <= contextLength else { break }
                    let ids = sequences.flatMap { $0 + [Int](repeating: padding, count: length - $0.count) }
                    let output = logits(ids, rows.count)                       // [B, T, V]
                    let vocabulary = output.shape[2]
                    let values = output.pointer
                    for (row, sequence) in sequences.enumerated() where !finished[row] {
                        let base = (row * length + sequence.count - 1) * vocabulary
                        var best = 0
                        for id in 1..<vocabulary where values[base + id] > values[base + best] { best = id }
                        sequences[row].append(best)
                        answers[rows[row]].append(best)
                        if best == stop || sequences[row].count >= contextLength { finished[row] = true }
                    }
                }
            }
        }
        return answers
    }
}
