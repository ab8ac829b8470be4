import Foundation

// MARK: - Fused cross-entropy

extension Tensor {
    /// The mean negative log-likelihood of `targets` under softmax(`logits`), fused:
    /// loss = (1/N') Σᵣ [log Σⱼ e^(xᵣⱼ) − xᵣ,ₜᵣ] over the N' rows whose target is not
    /// `ignoreIndex`.
    ///
    /// The forward pass keeps only one log-normaliser per row; the backward pass writes
    /// (softmax − onehot)·g/N' straight into the logits' gradient, so no `[N, V]`
    /// temporary is ever allocated.
    ///
    /// - Parameters:
    ///   - logits: `[N, V]` unnormalised scores.
    ///   - targets: N class indices in `0..<V` (or `ignoreIndex`).
    ///   - ignoreIndex: a target value whose rows count for nothing (e.g. padding or the
    ///     prompt part of an instruction example).
    ///
    /// Example: `Tensor.crossEntropy(logits: logits.reshaped([-1, vocabulary]), targets: next)`
    public static func crossEntropy(logits: Tensor, targets: [Int], ignoreIndex: Int? = nil) -> Tensor {
        precondition(logits.rank == 2, "crossEntropy needs [N, V] logits, got \(logits.shape)")
        let rows = logits.shape[0], classes = logits.shape[1]
        precondition(targets.count == rows, "\(targets.count) targets for \(rows) rows of logits")
        var logNormalisers = [Float](repeating: 0, count: rows)
        var total: Double = 0
        var counted = 0
        let x = logits.pointer
        // The one V-sized buffer: a row's exponentials, so that their sum vectorises.
        let exponentials = UnsafeMutablePointer<Float>.allocate(capacity: classes)
        defer { exponentials.deallocate() }
        for r in 0..<rows {
            let target = targets[r]
            if target == ignoreIndex { continue }
            precondition(target >= 0 && target < classes, "target \(target) out of range 0..<\(classes) in row \(r)")
            let row = x + r * classes
            let maximum = rowMaximum(row, classes)
            exponentiate(row, subtracting: maximum, into: exponentials, count: classes)
            let logNormaliser = maximum + Foundation.log(rowSum(exponentials, classes))
            logNormalisers[r] = logNormaliser
            total += Double(logNormaliser - row[target])
            counted += 1
        }
        let output = Tensor(counted > 0 ? Float(total / Double(counted)) : 0)
        return recording(output, inputs: [logits]) { gradient in
            guard counted > 0 else { return }
            let scale = gradient.pointer[0] / Float(counted)
            let (dx, isFresh) = logits.gradientForOverwrite(), x = logits.pointer
            // Rows that count for nothing still need their (zero) gradient in a fresh buffer.
            if isFresh {
                for r in 0..<rows where targets[r] == ignoreIndex {
                    (dx + r * classes).initialize(repeating: 0, count: classes)
                }
            }
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: classes)
            defer { scratch.deallocate() }
            for r in 0..<rows where targets[r] != ignoreIndex {
                let row = x + r * classes, destination = dx + r * classes, logNormaliser = logNormalisers[r]
                // softmax·scale, written into the gradient row, then the one-hot subtracted.
                exponentiate(row, subtracting: logNormaliser, into: scratch, count: classes)
                if isFresh {
                    for j in 0..<classes { destination[j] = scratch[j] * scale }
                } else {
                    for j in 0..<classes { destination[j] += scratch[j] * scale }
                }
                destination[targets[r]] -= scale
            }
        }
    }
}
