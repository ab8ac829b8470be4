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

// MARK: - Exact match in one forward pass

extension SupervisedTask {
    /// Whether greedy decoding would write each example's answer exactly — computed with one
    /// teacher-forced forward pass instead of token-by-token generation.
    ///
    /// Why this is exact: greedy generation writes answer a₁…aₙ (ending with the end token)
    /// if and only if, for every k, the argmax after prompt + a₁…aₖ₋₁ is aₖ. Feeding the true
    /// answer and checking every answer position's argmax tests exactly that.
    ///
    /// - Parameters:
    ///   - logits: the model's forward pass, `(ids, batch) → [B, T, V]`.
    ///   - batchSize: examples per forward pass.
    public static func exactMatches(_ examples: [TaskExample], logits: ([Int], Int) -> Tensor, padding: Int,
                                    batchSize: Int = 50) -> [Bool] {
        var result: [Bool] = []
        Tensor.withoutGradient {
            for start in stride(from: 0, to: examples.count, by: batchSize) {
                let chunk = Array(examples[start..<min(start + batchSize, examples.count)])
                let batch = SupervisedTask.batch(chunk, padding: padding)
                let output = logits(batch.inputs, batch.size)                    // [B, T, V]
                let vocabulary = output.shape[2]
                let values = output.pointer
                for row in 0..<batch.size {
                    var allRight = true
                    for position in 0..<batch.length {
                        let target = batch.targets[row * batch.length + position]
                        guard target != ignoreIndex else { continue }
                        let base = (row * batch.length + position) * vocabulary
                        var best = 0
                        for id in 1..<vocabulary where values[base + id] > values[base + best] { best = id }
                        if best != target { allRight = false; break }
                    }
                    result.append(allRight)
                }
            }
        }
        return result
    }
}
