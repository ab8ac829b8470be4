import Notebook

// MARK: - The unleashed run read window by window

extension RLHFWords.UnleashedRun {
    /// Reads a PPO curve in windows of `window` steps: the learned reward's first and last
    /// window, the true reward's best window (the first of equal means) and its last, each
    /// pooled over the window's answers. `steps`: the run's length, for the verdict.
    public init(curve: [CurvePoint], window: Int, sftTrueMean: Double, steps: Int) {
        precondition(!curve.isEmpty && window > 0, "a curve of \(curve.count) steps read in windows of \(window)")
        let starts = Array(stride(from: 0, to: curve.count, by: window))
        let trueWindows = starts.map { CurveWindows.estimate(curve, from: $0, window: window) { $0.trueRewards } }
        let learnedWindows = starts.map { CurveWindows.estimate(curve, from: $0, window: window) { $0.learnedRewards } }
        let peak = trueWindows.indices.max { trueWindows[$0].mean < trueWindows[$1].mean } ?? 0
        self.init(
            firstLearned: learnedWindows[0], lastLearned: learnedWindows[learnedWindows.count - 1],
            peakTrue: trueWindows[peak], lastTrue: trueWindows[trueWindows.count - 1], sftTrueMean: sftTrueMean,
            peakIsLast: peak == trueWindows.count - 1,
            peakWindow: "steps \(starts[peak] + 1)–\(min(starts[peak] + window, curve.count))",
            window: window, steps: steps)
    }
}
