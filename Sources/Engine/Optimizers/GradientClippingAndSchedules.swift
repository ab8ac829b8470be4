import Foundation

// MARK: - Gradient clipping

/// Scales all gradients down together so their joint L2 norm is at most `maxNorm`.
///
/// norm = √(Σ over all parameters of Σ g²); if norm > maxNorm every gradient is multiplied
/// by maxNorm/norm. Frozen parameters are left out.
///
/// - Returns: the norm before clipping (worth logging: spikes show instability).
///
/// Example: `let norm = clipGradientNorm(model.parameters, maxNorm: 1)`
@discardableResult
public func clipGradientNorm(_ parameters: [Tensor], maxNorm: Float) -> Float {
    var total: Double = 0
    for parameter in parameters where parameter.requiresGradient {
        guard let gradient = parameter.gradient else { continue }
        let g = gradient.pointer
        for i in 0..<gradient.count { total += Double(g[i]) * Double(g[i]) }
    }
    let norm = Float(total.squareRoot())
    if norm > maxNorm && norm > 0 {
        let scale = maxNorm / norm
        for parameter in parameters where parameter.requiresGradient {
            guard let gradient = parameter.gradient else { continue }
            let g = gradient.pointer
            for i in 0..<gradient.count { g[i] *= scale }
        }
    }
    return norm
}

// MARK: - Learning-rate schedule

/// Linear warmup to `peak`, then a cosine decay to `floor` at `totalSteps`.
///
/// η(t) = peak·(t+1)/warmup for t < warmup; afterwards, with progress
/// p = (t − warmup)/(total − warmup) clamped to [0, 1],
/// η(t) = floor + ½(peak − floor)(1 + cos πp).
///
/// Example:
/// ```swift
/// let schedule = WarmupCosineSchedule(peak: 1e-3, warmupSteps: 100, totalSteps: 2000, floor: 1e-4)
/// optimizer.learningRate = schedule.learningRate(atStep: step)
/// ```
public struct WarmupCosineSchedule: Sendable {
    public let peak: Float
    public let warmupSteps: Int
    public let totalSteps: Int
    public let floor: Float

    public init(peak: Float, warmupSteps: Int, totalSteps: Int, floor: Float = 0) {
        self.peak = peak; self.warmupSteps = warmupSteps; self.totalSteps = totalSteps; self.floor = floor
    }

    /// The rate for step `step` (counting from 0).
    public func learningRate(atStep step: Int) -> Float {
        if step < warmupSteps { return peak * Float(step + 1) / Float(warmupSteps) }
        let span = Swift.max(totalSteps - warmupSteps, 1)
        let progress = Swift.min(Swift.max(Double(step - warmupSteps) / Double(span), 0), 1)
        return floor + 0.5 * (peak - floor) * Float(1 + cos(Double.pi * progress))
    }
}
