import Engine
import Transformers

// MARK: - Forgetting: how much of the pretraining task a fine-tune gives up

/// The next-token loss on held-out text of the pretraining distribution, before and after
/// fine-tuning: Biderman et al. (2024) measure forgetting this way ("LoRA Learns Less and
/// Forgets Less": a LoRA fine-tune moves it less than full fine-tuning does).
///
/// Example:
/// ```swift
/// let before = Forgetting.textLoss(storyTokens, model: base, context: 128, windows: 16)
/// let after = Forgetting.textLoss(storyTokens, model: tuned, context: 128, windows: 16)
/// // after − before: what the fine-tune forgot
/// ```
public enum Forgetting {
    /// The mean next-token cross-entropy (nats per token) over the first `windows` disjoint
    /// windows of `context + 1` tokens of `tokens`, without gradients.
    public static func textLoss(
        _ tokens: [Int], model: any LanguageModel, context: Int, windows: Int,
        batchSize: Int = 8
    ) -> Double {
        let available = tokens.count / (context + 1)
        let count = min(windows, available)
        precondition(count > 0, "\(tokens.count) tokens do not fill one window of \(context + 1)")
        var total = 0.0
        Tensor.withoutGradient {
            for start in stride(from: 0, to: count, by: batchSize) {
                let rows = min(batchSize, count - start)
                var inputs: [Int] = [], targets: [Int] = []
                for row in start..<(start + rows) {
                    let window = tokens[(row * (context + 1))..<((row + 1) * (context + 1))]
                    inputs += window.dropLast()
                    targets += window.dropFirst()
                }
                let logits = model.logits(inputs, batch: rows).reshaped([inputs.count, model.vocabularySize])
                total += Double(Tensor.crossEntropy(logits: logits, targets: targets).item) * Double(rows)
            }
        }
        return total / Double(count)
    }
}
