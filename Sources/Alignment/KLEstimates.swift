import Foundation

// MARK: - Per-token estimates of KL(π ‖ π_ref) from samples

/// Two ways to estimate KL(π ‖ π_ref) = E_{y∼π}[log π(y) − log π_ref(y)] from tokens SAMPLED
/// FROM π, given only the two log-probabilities of each sampled token (Schulman 2020,
/// "Approximating KL divergence", http://joschu.net/blog/kl-approx.html).
///
/// - k1 = log π − log π_ref. Unbiased; negative on some tokens; high variance. InstructGPT
///   and TRL put −β·k1 into each token's reward, and `PPOTrainer` does the same; the "KL to
///   the reference" a PPO step reports is k1 summed over the response (nats per sequence),
///   the quantity the adaptive controller steers.
/// - k3 = (ρ − 1) − log ρ with ρ = π_ref/π. Also unbiased (E_π[ρ] = 1), never negative
///   (x − 1 ≥ log x), and of lower variance when π and π_ref are close. `PPOTrainer` reports
///   it beside k1 as a check; GRPO puts it in the loss.
///
/// Both are per-token and are summed over a response for a per-sequence KL.
///
/// Example:
/// ```swift
/// KLEstimate.k1(logProbability: log(0.5), referenceLogProbability: log(0.25))   // log 2
/// KLEstimate.k3(logProbability: log(0.5), referenceLogProbability: log(0.25))   // (½ − 1) − log ½ ≈ 0.193
/// ```
public enum KLEstimate {
    /// k1 = log π(y) − log π_ref(y).
    public static func k1(logProbability: Float, referenceLogProbability: Float) -> Float {
        logProbability - referenceLogProbability
    }

    /// k3 = (ρ − 1) − log ρ, ρ = π_ref(y)/π(y) = exp(log π_ref − log π).
    public static func k3(logProbability: Float, referenceLogProbability: Float) -> Float {
        let logRatio = referenceLogProbability - logProbability
        return Float(Foundation.expm1(Double(logRatio)) - Double(logRatio))
    }

    /// The exact KL(p ‖ q) = Σᵢ pᵢ·log(pᵢ/qᵢ) of two distributions over the same outcomes:
    /// what the estimators average to, for tests and small examples.
    public static func exact(_ p: [Double], _ q: [Double]) -> Double {
        precondition(p.count == q.count, "two distributions over \(p.count) and \(q.count) outcomes")
        return zip(p, q).reduce(0) { total, pair in
            pair.0 > 0 ? total + pair.0 * Foundation.log(pair.0 / pair.1) : total
        }
    }
}
