import Notebook

// MARK: - Where each method's true reward peaked

/// The highest true-reward gain of each method on the frontier, and the KL it came at
/// (points are (KL in nats, gain)).
public struct FrontierPeaks {
    public let bestOfN: (x: Double, y: Double), tight: (x: Double, y: Double), unleashed: (x: Double, y: Double)
    /// One peak per leashed run.
    public let leashed: [(x: Double, y: Double)]
    /// Whether best-of-n peaked at its largest n (its largest KL): more n might still gain.
    public let bestOfNStillRising: Bool

    public init(
        bestOfN: [(x: Double, y: Double)], leashed: [[(x: Double, y: Double)]], tight: [(x: Double, y: Double)],
        unleashed: [(x: Double, y: Double)]
    ) {
        self.bestOfN = CurveWindows.peak(bestOfN)
        self.leashed = leashed.map { CurveWindows.peak($0) }
        self.tight = CurveWindows.peak(tight)
        self.unleashed = CurveWindows.peak(unleashed)
        bestOfNStillRising = self.bestOfN.x >= (bestOfN.map(\.x).max() ?? 0)
    }

    /// The leashed runs' peak gains and KLs, with intervals over the runs.
    public var leashedGain: Estimate { Estimate(leashed.map(\.y)) }
    public var leashedKL: Estimate { Estimate(leashed.map(\.x)) }

    /// Best-of-n's row label: flagged when its peak is at the largest n tried.
    public var bestOfNLabel: String { bestOfNStillRising ? "best-of-n (largest n tried: still rising)" : "best-of-n" }

    /// The table's rows (method, highest gain, at KL), DPO last with its end-of-training `dpoGain` and `dpoKL`.
    public func rows(beta: Float, tightBeta: Float, dpoGain: Estimate, dpoKL: Estimate) -> [[String]] {
        [
            [bestOfNLabel, Format.fixed(bestOfN.y, 2), Format.fixed(bestOfN.x, 2)],
            [
                "PPO β = \(Format.fixed(Double(beta), 2)) (mean of seeds)", Format.fixed(leashedGain, 2),
                Format.fixed(leashedKL, 2),
            ],
            [
                "PPO β = \(Format.fixed(Double(tightBeta), 1)) (one seed)", Format.fixed(tight.y, 2),
                Format.fixed(tight.x, 2),
            ],
            ["PPO β = 0 (one seed)", Format.fixed(unleashed.y, 2), Format.fixed(unleashed.x, 2)],
            ["DPO β = 0.1 (end of training: no curve)", Format.fixed(dpoGain, 2), Format.fixed(dpoKL, 2)],
        ]
    }
}
