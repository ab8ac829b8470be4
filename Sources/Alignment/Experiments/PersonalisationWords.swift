import Notebook

// MARK: - Words chosen from the two-person experiment

extension RLHFWords {
    /// Did the second person's policy learn their taste for long stories, or only for sad
    /// endings? `sentences`: their policy's mean sentences over seeds; `sftSentences`: the SFT model's.
    public static func length(_ sentences: Estimate, sftSentences: Double) -> String {
        switch Comparison(sentences, Estimate(constant: sftSentences)) {
        case .above:
            return "Their stories also grew longer: \(Format.fixed(sentences, 1)) sentences against the SFT "
                + "model's \(Format.fixed(sftSentences, 1))."
        case .withinNoise:
            return "But their stories are no longer, within noise (\(Format.fixed(sentences, 1)) "
                + "sentences against \(Format.fixed(sftSentences, 1))): the sad ending is what their policy learned, "
                + "not the length."
        case .below:
            return "Their stories even got shorter (\(Format.fixed(sentences, 1)) sentences against "
                + "\(Format.fixed(sftSentences, 1))): the sad ending is what their policy learned, not the length."
        }
    }

    /// "raises it by …" / "lowers it by …" / "changes it by …, within noise": a policy's change in
    /// one person's reward from SFT, one value per seed.
    public static func change(_ change: Estimate) -> String {
        switch Comparison(change, Estimate(constant: 0)) {
        case .above: return "raises it by \(Format.fixed(change.mean, 2)) ± \(Format.fixed(change.halfWidth, 2))"
        case .below: return "lowers it by \(Format.fixed(-change.mean, 2)) ± \(Format.fixed(change.halfWidth, 2))"
        case .withinNoise:
            return "changes it by \(Format.signed(change.mean, 2)) ± "
                + "\(Format.fixed(change.halfWidth, 2)), within noise"
        }
    }

    /// `change` for the runs' change in one person's `reward` from the SFT model's `start`.
    public static func change(
        _ runs: [JudgedPolicy], _ reward: (JudgedPolicy) -> Double,
        from start: Double
    ) -> String {
        change(Estimate(runs.map { reward($0) - start }))
    }

    /// A share with its interval cut to [0, 100%], e.g. "62% (48%–76%)"; a single value alone.
    public static func share(_ estimate: Estimate) -> String {
        guard !estimate.isSingle else { return Format.percent(estimate.mean, 0) }
        return Format.percent(estimate.mean, 0) + " (" + Format.percent(max(0, estimate.low), 0) + "–"
            + Format.percent(min(1, estimate.high), 0) + ")"
    }

    /// Whether best-of-n's KL bound log n − (n − 1)/n is "exact" (all `distinct` of `n` candidates
    /// differ, to 0.05) or "close".
    public static func bound(distinct: Double, of n: Int) -> String {
        distinct >= Double(n) - 0.05 ? "exact" : "close"
    }
}
