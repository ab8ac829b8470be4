import Foundation

// MARK: - The log-probability of each row's target token

extension Tensor {
    /// log softmax(logits)ᵣ,ₜᵣ for every row r: the log-probability the model gives the token
    /// that actually came next — unreduced, one number per row, where `crossEntropy` averages
    /// their negatives. Fused: no `[N, V]` log-softmax is stored.
    ///
    /// yᵣ = xᵣ,ₜᵣ − log Σⱼ e^(xᵣⱼ); rows whose target is `ignoreIndex` give 0 and no gradient.
    ///
    /// Gradient: dxᵣⱼ = gᵣ·(1[j = tᵣ] − softmax(xᵣ)ⱼ).
    ///
    /// - Parameters:
    ///   - logits: `[N, V]`.
    ///   - targets: N ids in `0..<V`, or `ignoreIndex`.
    /// - Returns: `[N]`.
    ///
    /// Example: `Tensor.tokenLogProbabilities(logits: logits.reshaped([-1, V]), targets: next)` — the
    /// per-token log π(yₜ | x, y<ₜ) of RLHF's policy and reference.
    public static func tokenLogProbabilities(logits: Tensor, targets: [Int], ignoreIndex: Int? = nil) -> Tensor {
        precondition(logits.rank == 2, "tokenLogProbabilities needs [N, V] logits, got \(logits.shape)")
        let rows = logits.shape[0], classes = logits.shape[1]
        precondition(targets.count == rows, "\(targets.count) targets for \(rows) rows of logits")
        var logNormalisers = [Float](repeating: 0, count: rows)
        let output = Tensor(shape: [rows], repeating: 0)
        let x = logits.pointer
        let exponentials = UnsafeMutablePointer<Float>.allocate(capacity: classes)
        defer { exponentials.deallocate() }
        for r in 0..<rows where targets[r] != ignoreIndex {
            let target = targets[r]
            precondition(target >= 0 && target < classes, "target \(target) out of range 0..<\(classes) in row \(r)")
            let row = x + r * classes
            let maximum = rowMaximum(row, classes)
            exponentiate(row, subtracting: maximum, into: exponentials, count: classes)
            logNormalisers[r] = maximum + Foundation.log(rowSum(exponentials, classes))
            output.pointer[r] = row[target] - logNormalisers[r]
        }
        return recording(output, inputs: [logits]) { gradient in
            let dx = logits.gradientPointer, x = logits.pointer, g = gradient.pointer
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: classes)
            defer { scratch.deallocate() }
            for r in 0..<rows where targets[r] != ignoreIndex {
                let row = x + r * classes, destination = dx + r * classes, scale = g[r]
                exponentiate(row, subtracting: logNormalisers[r], into: scratch, count: classes)  // softmax
                for j in 0..<classes { destination[j] -= scratch[j] * scale }
                destination[targets[r]] += scale
            }
        }
    }
}
