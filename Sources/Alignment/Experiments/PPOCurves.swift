import Notebook
import Transformers

// MARK: - A PPO run as the chapter reads it: its curve, and windows over it

/// One PPO step seen from outside: the means over its rollouts.
public struct CurvePoint: Sendable {
    public let step: Int
    /// Mean normalised learned reward, mean true reward, mean KL (nats per answer), mean answer tokens.
    public let learned: Double, trueReward: Double, kl: Double, length: Double
    /// Every rollout's own learned and true reward, for intervals over answers.
    public let learnedRewards: [Double], trueRewards: [Double]

    public init(
        step: Int, learned: Double, trueReward: Double, kl: Double, length: Double,
        learnedRewards: [Double], trueRewards: [Double]
    ) {
        self.step = step
        self.learned = learned
        self.trueReward = trueReward
        self.kl = kl
        self.length = length
        self.learnedRewards = learnedRewards
        self.trueRewards = trueRewards
    }
}

/// A PPO run: its curve over training (from the rollouts themselves: samples of the policy as
/// it was at that step, so their true reward is an honest estimate of it) and the final policy
/// measured on the held-out requests.
public struct PPORun {
    public let curve: [CurvePoint]
    public let policy: GPT
    public let final: PolicyMeasurement
}

/// A DPO run: the tuned policy and its measurement on the held-out requests.
public struct DPORun {
    public let policy: GPT
    public let final: PolicyMeasurement
}

/// Windows of a curve: single steps of a few rollouts are noisy, so the chapter reads means
/// over `window` consecutive steps (the last window may be shorter).
public enum CurveWindows {
    /// One point per window: (mean step, mean of `value`).
    public static func windowed(
        _ curve: [CurvePoint], window: Int,
        _ value: (CurvePoint) -> Double
    ) -> [(x: Double, y: Double)] {
        stride(from: 0, to: curve.count, by: window).map { start in
            let slice = curve[start..<min(start + window, curve.count)]
            return (Double(slice.map(\.step).reduce(0, +)) / Double(slice.count), Statistics.mean(slice.map(value)))
        }
    }

    /// Every rollout of the window starting at `start` pooled: an estimate of the policy's reward
    /// then, with its interval over the window's answers.
    public static func estimate(
        _ curve: [CurvePoint], from start: Int, window: Int,
        _ values: (CurvePoint) -> [Double]
    ) -> Estimate {
        Estimate(curve[start..<min(start + window, curve.count)].flatMap(values))
    }

    /// A run's frontier: each window's (mean KL, mean true-reward gain over `baseline`).
    public static func frontier(_ run: PPORun, window: Int, baseline: Double) -> [(x: Double, y: Double)] {
        let kl = windowed(run.curve, window: window) { $0.kl }
        let gain = windowed(run.curve, window: window) { $0.trueReward - baseline }
        return zip(kl, gain).map { ($0.y, $1.y) }
    }

    /// The point with the largest `y` (the first of equals), or (0, 0) for none.
    public static func peak(_ points: [(x: Double, y: Double)]) -> (x: Double, y: Double) {
        points.max { $0.y < $1.y } ?? (0, 0)
    }

    /// A figure series: the mean over `runs` of each window of `value`, from a point (0, 0) for
    /// the SFT model itself. Error bars: the 95% interval over runs when there are several; for a
    /// single run given `answers`, the interval over the window's answers; none otherwise.
    public static func series(
        _ label: String, _ runs: [PPORun], window: Int, dashed: Bool = false,
        answers: ((CurvePoint) -> [Double])? = nil,
        _ value: @escaping (CurvePoint) -> Double
    ) -> Series {
        let perRun = runs.map { windowed($0.curve, window: window, value) }
        let estimates = perRun[0].indices.map { index in Estimate(perRun.map { $0[index].y }) }
        var series = Series(
            label, points: [(0, 0)] + zip(perRun[0], estimates).map { ($0.x, $1.mean) },
            style: .linesPoints, dashed: dashed)
        if runs.count > 1 {
            series.errors = [0] + estimates.map(\.halfWidth)
        } else if let answers {
            series.errors =
                [0]
                + stride(from: 0, to: runs[0].curve.count, by: window).map {
                    estimate(runs[0].curve, from: $0, window: window, answers).halfWidth
                }
        }
        return series
    }
}
