import Notebook

// MARK: - Chapter 7's figures, built from its results

/// The figures chapter 7 draws. Each takes the measured numbers and returns the figure; the
/// chapter keeps the captions, which are part of its prose.
public enum RLHFFigures {
    /// The pipeline diagram: pretrained model → SFT → labelled pairs → reward model → PPO, DPO
    /// and best-of-n, all scored by the true reward (on a 100 × 40 canvas).
    public static func pipeline() -> Figure {
        var figure = Figure("pipeline", title: "RLHF as this chapter runs it")
        figure.width = 1100
        figure.height = 420
        figure.extraCommands =
            Diagram.canvas(width: 100, height: 40)
            + Diagram.box(10, 33, ["chapter 3's", "pretrained model"], color: "#eeeeee")
            + Diagram.box(31, 33, ["SFT policy", "(demonstrations)"])
            + Diagram.box(52, 33, ["pairs of answers", "labelled by the", "hidden human"], color: "#fde8e8")
            + Diagram.box(73, 33, ["reward model", "(Bradley–Terry)"])
            + Diagram.box(52, 18, ["DPO policy", "from SFT, KL-tied", "to it; loss on pairs"])
            + Diagram.box(73, 18, ["PPO policy", "from SFT; reward", "model score − β·KL"])
            + Diagram.box(92, 18, ["best-of-n", "SFT's answers,", "reward model picks"])
            + [
                "set object rect from 43,1 to 100.5,7 fc rgb '#fde8e8' fs solid border lc rgb '#555555'",
                "set label " + Gnuplot.literal("true reward: the hidden human's formula scores every policy")
                    + " at 71.75,4 center front",
            ]
            + [
                Diagram.arrow(18.5, 33, 22.5, 33), Diagram.arrow(39.5, 33, 43.5, 33), Diagram.arrow(60.5, 33, 64.5, 33),
                Diagram.arrow(52, 28, 52, 23), Diagram.arrow(73, 28, 73, 23), Diagram.arrow(81.5, 29, 88, 23),
                Diagram.arrow(52, 13, 52, 7), Diagram.arrow(73, 13, 73, 7), Diagram.arrow(92, 13, 92, 7),
            ]
        return figure
    }

    /// The reliability diagram of the held-out pairs: the reward model's margins r(a) − r(b)
    /// and the person's own Δr/τ, each binned into `binCount` bins, with their expected
    /// calibration errors (which the chapter also prints).
    public static func calibration(rewardModelMargins: [Double], personMargins: [Double], binCount: Int)
        -> (figure: Figure, rewardModelECE: Double, personECE: Double)
    {
        let rewardModelBins = Calibration.bins(margins: rewardModelMargins, binCount: binCount)
        let personBins = Calibration.bins(margins: personMargins, binCount: binCount)
        let rewardModelECE = Calibration.expectedCalibrationError(rewardModelBins)
        let personECE = Calibration.expectedCalibrationError(personBins)
        var figure = Figure(
            "calibration", title: "Does the reward model mean what it says? (held-out pairs)",
            xLabel: "predicted P(a preferred to b)", yLabel: "how often a was preferred")
        figure.add(Series("perfect calibration", x: [0.0, 1.0], y: [0.0, 1.0], dashed: true))
        figure.add(
            Series(
                "reward model σ(r(a) − r(b)), ECE \(Format.fixed(rewardModelECE, 3))",
                points: rewardModelBins.filter { $0.count > 0 }.map {
                    ($0.meanPredicted, $0.observedFrequency)
                },
                style: .linesPoints))
        figure.add(
            Series(
                "the person's own σ(Δr/τ), ECE \(Format.fixed(personECE, 3))",
                points: personBins.filter { $0.count > 0 }.map { ($0.meanPredicted, $0.observedFrequency) },
                style: .linesPoints))
        figure.xRange = 0...1
        figure.yRange = 0...1
        figure.legendPosition = "top left"
        return (figure, rewardModelECE, personECE)
    }

    /// The leashed PPO runs' learned and true reward over training, both as changes from SFT:
    /// the learned reward is already in SFT-answer spreads; the true reward is shifted by
    /// `sftTrueMean` and divided by `trueUnit` (the SFT answers' true-reward spread).
    public static func ppoRewards(
        _ leashed: [PPORun], beta: Float, window: Int, sftTrueMean: Double,
        trueUnit: Double
    ) -> Figure {
        var figure = Figure(
            "ppo-rewards", title: "PPO, β = \(Format.fixed(Double(beta), 2)): learned and true reward",
            xLabel: "PPO step", yLabel: "change from SFT (SFT answers' standard deviations)")
        figure.add(CurveWindows.series("learned reward (reward model)", leashed, window: window) { $0.learned })
        figure.add(
            CurveWindows.series("true reward (hidden human)", leashed, window: window) {
                ($0.trueReward - sftTrueMean) / trueUnit
            })
        figure.legendPosition = "bottom right"
        return figure
    }

    /// The KL the rollouts pay at two strengths of the leash: the leashed runs and the one tight run.
    public static func ppoKL(_ leashed: [PPORun], beta: Float, tight: PPORun, tightBeta: Float, window: Int) -> Figure {
        var figure = Figure(
            "ppo-kl", title: "PPO: the KL it pays, at two strengths of the leash",
            xLabel: "PPO step", yLabel: "KL to the SFT model (nats per answer)")
        figure.add(
            CurveWindows.series(
                "β = \(Format.fixed(Double(beta), 2)) (\(leashed.count) seeds)", leashed,
                window: window
            ) { $0.kl })
        figure.add(
            CurveWindows.series(
                "β = \(Format.fixed(Double(tightBeta), 1)) (one seed)", [tight],
                window: window
            ) { $0.kl })
        figure.legendPosition = "top left"
        return figure
    }

    /// The run without a KL penalty, both rewards with intervals over each window's answers,
    /// and the leashed runs dashed for comparison (units as `ppoRewards`).
    public static func overoptimisation(
        _ unleashed: PPORun, leashed: [PPORun], beta: Float, window: Int,
        sftTrueMean: Double, trueUnit: Double
    ) -> Figure {
        let trueChange: (CurvePoint) -> Double = { ($0.trueReward - sftTrueMean) / trueUnit }
        let leash = "PPO β = \(Format.fixed(Double(beta), 2))"
        var figure = Figure(
            "overoptimisation", title: "PPO with β = 0: learned and true reward",
            xLabel: "PPO step", yLabel: "change from SFT (SFT answers' standard deviations)")
        figure.add(
            CurveWindows.series(
                "learned reward (reward model)", [unleashed], window: window,
                answers: { $0.learnedRewards }
            ) { $0.learned })
        figure.add(
            CurveWindows.series(
                "true reward (hidden human)", [unleashed], window: window,
                answers: { $0.trueRewards.map { ($0 - sftTrueMean) / trueUnit } }, trueChange))
        figure.add(
            CurveWindows.series(
                "\(leash), learned reward (mean of seeds)", leashed, window: window,
                dashed: true
            ) { $0.learned })
        figure.add(
            CurveWindows.series(
                "\(leash), true reward (mean of seeds)", leashed, window: window,
                dashed: true, trueChange))
        figure.legendPosition = "bottom left"
        return figure
    }
}
