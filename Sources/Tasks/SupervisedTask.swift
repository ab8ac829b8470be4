import Engine
import Foundation
import Transformers

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
/// let loss = model.loss(batch.inputs, targets: batch.targets, batch: batch.size,
///                       ignoreIndex: SupervisedTask.ignoreIndex)
/// ```
public enum SupervisedTask {
    /// The target id that the loss skips: prompt positions and padding.
    public static let ignoreIndex = -1

    /// Next-token inputs and targets for a batch, right-padded to its longest example. Only
    /// the answer's tokens are targets; the prompt and the padding are `ignoreIndex`, so the
    /// model is taught to answer, not to write stories.
    ///
    /// - Returns: `inputs` and `targets` of `size · length` ids.
    public static func batch(_ examples: [TaskExample], padding: Int)
        -> (inputs: [Int], targets: [Int], size: Int, length: Int)
    {
        let length = examples.map { $0.tokens.count - 1 }.max() ?? 0
        var inputs: [Int] = [], targets: [Int] = []
        for example in examples {
            let tokens = example.tokens
            // The input position whose next token is the answer's first.
            let firstAnswerTarget = example.prompt.count - 1
            for position in 0..<length {
                inputs.append(position < tokens.count - 1 ? tokens[position] : padding)
                let isAnswer = position >= firstAnswerTarget && position < tokens.count - 1
                targets.append(isAnswer ? tokens[position + 1] : ignoreIndex)
            }
        }
        return (inputs, targets, examples.count, length)
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
    public static func exactMatches(
        _ examples: [TaskExample], model: any LanguageModel, padding: Int,
        batchSize: Int = 50
    ) -> [Bool] {
        var result: [Bool] = []
        Tensor.withoutGradient {
            for start in stride(from: 0, to: examples.count, by: batchSize) {
                let chunk = Array(examples[start..<min(start + batchSize, examples.count)])
                let batch = SupervisedTask.batch(chunk, padding: padding)
                let predicted = model.logits(batch.inputs, batch: batch.size).argmaxAlongLastAxis()  // B·T ids
                for row in 0..<batch.size {
                    let positions = (row * batch.length)..<((row + 1) * batch.length)
                    result.append(
                        positions.allSatisfy {
                            batch.targets[$0] == ignoreIndex
                                || predicted[$0] == batch.targets[$0]
                        })
                }
            }
        }
        return result
    }

    /// The mean cross-entropy of the answers' tokens (nats per answer token), the prompt and
    /// padding masked: what the fine-tuning loss measures, on held-out examples.
    public static func answerLoss(
        _ examples: [TaskExample], model: any LanguageModel, padding: Int,
        batchSize: Int = 50
    ) -> Double {
        var total = 0.0, tokens = 0
        Tensor.withoutGradient {
            for start in stride(from: 0, to: examples.count, by: batchSize) {
                let chunk = Array(examples[start..<min(start + batchSize, examples.count)])
                let batch = SupervisedTask.batch(chunk, padding: padding)
                let answerTokens = batch.targets.filter { $0 != ignoreIndex }.count
                total += Double(loss(model, batch: batch).item) * Double(answerTokens)
                tokens += answerTokens
            }
        }
        return total / Double(max(tokens, 1))
    }

    /// Exact match and answer cross-entropy of every example, from one teacher-forced forward
    /// pass per chunk: what `exactMatches` and `answerLoss` compute, at the cost of one of them.
    ///
    /// - Returns: `matches[i]` whether greedy decoding writes example i's answer exactly, and
    ///   `losses[i]` its answer's mean cross-entropy (nats per answer token).
    public static func evaluate(
        _ examples: [TaskExample], model: any LanguageModel, padding: Int,
        batchSize: Int = 50
    ) -> (matches: [Bool], losses: [Double]) {
        var matches: [Bool] = [], losses: [Double] = []
        Tensor.withoutGradient {
            for start in stride(from: 0, to: examples.count, by: batchSize) {
                let chunk = Array(examples[start..<min(start + batchSize, examples.count)])
                let batch = SupervisedTask.batch(chunk, padding: padding)
                let logits = model.logits(batch.inputs, batch: batch.size)
                    .reshaped([batch.inputs.count, model.vocabularySize])
                let predicted = logits.argmaxAlongLastAxis()
                let vocabulary = model.vocabularySize
                for row in 0..<batch.size {
                    var match = true, total = 0.0, count = 0
                    for position in (row * batch.length)..<((row + 1) * batch.length)
                    where batch.targets[position] != ignoreIndex {
                        let target = batch.targets[position]
                        match = match && predicted[position] == target
                        // log-softmax of the target, stably: x_t − max − log Σ exp(x − max)
                        let rowStart = logits.pointer + position * vocabulary
                        var largest = -Float.infinity
                        for index in 0..<vocabulary { largest = max(largest, rowStart[index]) }
                        var sum = 0.0
                        for index in 0..<vocabulary { sum += Double(Foundation.exp(rowStart[index] - largest)) }
                        total += Foundation.log(sum) - Double(rowStart[target] - largest)
                        count += 1
                    }
                    matches.append(match)
                    losses.append(total / Double(max(count, 1)))
                }
            }
        }
        return (matches, losses)
    }

    /// The answer-only cross-entropy of a batch made by `batch(_:padding:)`.
    public static func loss(
        _ model: any LanguageModel,
        batch: (inputs: [Int], targets: [Int], size: Int, length: Int)
    ) -> Tensor {
        let logits = model.logits(batch.inputs, batch: batch.size)
            .reshaped([batch.inputs.count, model.vocabularySize])
        return Tensor.crossEntropy(logits: logits, targets: batch.targets, ignoreIndex: ignoreIndex)
    }
}

// MARK: - Fine-tuning with the one trainer

extension Trainer {
    /// Supervised fine-tuning of whatever is trainable in `model` on prompt → answer
    /// examples: each step reads `batchSize` examples in epoch order (every example once per
    /// epoch, a fresh seeded shuffle each epoch) and minimises the answer-only loss.
    ///
    /// Example:
    /// ```swift
    /// LoRA.apply(to: gpt, targets: LoRATarget.attention, rank: 8, alpha: 16, rng: &rng)
    /// let trainer = Trainer.supervised(gpt, examples: train, batchSize: 16, padding: endID,
    ///                                  settings: TrainingSettings(learningRate: 5e-3, steps: 500), seed: 1)
    /// ```
    public static func supervised(
        _ model: any LanguageModel, examples: [TaskExample], batchSize: Int, padding: Int,
        settings: TrainingSettings, seed: UInt64
    ) -> Trainer {
        let order = EpochOrder(count: examples.count, seed: seed)
        return Trainer(model: model, settings: settings, seed: seed) { draw in
            model.isTraining = true
            let chosen = order.indices(step: draw.step, batchSize: batchSize).map { examples[$0] }
            return SupervisedTask.loss(model, batch: SupervisedTask.batch(chosen, padding: padding))
        }
    }
}
