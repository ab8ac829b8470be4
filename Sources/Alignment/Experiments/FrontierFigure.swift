import LinearAlgebra
import Notebook

// MARK: - The frontier: true-reward gain against KL, every method on one plot

extension RLHFFigures {
    /// The points of the frontier, each (KL in nats, true-reward gain over SFT).
    public struct FrontierPoints {
        /// Best-of-n, one point per n (n = 1 at KL 0), and the n tried.
        public let bestOfN: [(x: Double, y: Double)], ns: [Int]
        /// Each leashed PPO run's windows, the tight run's and the unleashed run's.
        public let leashed: [[(x: Double, y: Double)]]
        public let tight: [(x: Double, y: Double)], unleashed: [(x: Double, y: Double)]
        /// One point per DPO run at β = 0.1, and the β = 0.5 run's.
        public let dpo: [(x: Double, y: Double)], strongDPO: (x: Double, y: Double)

        public init(
            bestOfN: [(x: Double, y: Double)], ns: [Int], leashed: [[(x: Double, y: Double)]],
            tight: [(x: Double, y: Double)], unleashed: [(x: Double, y: Double)],
            dpo: [(x: Double, y: Double)], strongDPO: (x: Double, y: Double)
        ) {
            self.bestOfN = bestOfN
            self.ns = ns
            self.leashed = leashed
            self.tight = tight
            self.unleashed = unleashed
            self.dpo = dpo
            self.strongDPO = strongDPO
        }
    }

    /// The frontier on a log KL axis, with the Gao et al. forms fitted to best-of-n
    /// (`bestOfNFit`) and to the unleashed run (`reinforcementFit`) dashed. Points at KL ≤ 0
    /// have no place on a log axis: they are dropped, and `dropped` counts them for the caption.
    public static func frontier(
        _ points: FrontierPoints, beta: Float, tightBeta: Float,
        bestOfNFit: LeastSquaresLine?, reinforcementFit: LeastSquaresLine?
    )
        -> (figure: Figure, dropped: Int)
    {
        var figure = Figure(
            "frontier", title: "True reward against KL: best-of-n, PPO and DPO",
            xLabel: "KL to the SFT model (nats per answer)",
            yLabel: "true reward gain over SFT (the formula's points)")
        figure.add(
            Series(
                "best-of-n, n = " + points.ns.filter { $0 > 1 }.map(String.init).joined(separator: ", "),
                points: points.bestOfN, style: .linesPoints))
        figure.add(
            Series(
                "PPO β = \(Format.fixed(Double(beta), 2)) (\(points.leashed.count) seeds)",
                points: points.leashed.flatMap { $0 }, style: .points))
        figure.add(Series("PPO β = \(Format.fixed(Double(tightBeta), 1))", points: points.tight, style: .points))
        figure.add(Series("PPO β = 0", points: points.unleashed, style: .points))
        figure.add(Series("DPO β = 0.1 (\(points.dpo.count) seeds)", points: points.dpo, style: .points))
        figure.add(Series("DPO β = 0.5", points: [points.strongDPO], style: .points))
        let largestKL = (points.unleashed.map(\.x) + points.bestOfN.map(\.x)).max() ?? 1
        if let fit = bestOfNFit {
            figure.add(
                Series(
                    "Gao et al. form for best-of-n, fitted",
                    points: GaoFit.curve(
                        fit, logarithmic: false, at: GaoFit.logSpaced(to: points.bestOfN.map(\.x).max() ?? 1, count: 40)
                    ),
                    dashed: true))
        }
        if let fit = reinforcementFit {
            figure.add(
                Series(
                    "Gao et al. form for RL, fitted to β = 0",
                    points: GaoFit.curve(
                        fit, logarithmic: true, at: GaoFit.logSpaced(to: largestKL, count: 60)), dashed: true))
        }
        figure.legendPosition = "bottom left"
        // KL spans three orders of magnitude between best-of-2 and PPO without a leash: a log axis.
        figure.logX = true
        figure.extraCommands = [
            "set xtics ('0.1' 0.1, '0.3' 0.3, '1' 1, '3' 3, '10' 10, '30' 30, '100' 100, "
                + "'300' 300)"
        ]
        let dropped = figure.series.reduce(0) { $0 + $1.points.filter { $0.x <= 0 }.count }
        figure.series = figure.series.map { series in
            var kept = series
            kept.points = series.points.filter { $0.x > 0 }
            return kept
        }
        return (figure, dropped)
    }
}
