import Engine

// MARK: - Selective methods: train a chosen few of the existing parameters

/// The selective family of parameter-efficient fine-tuning: add nothing, unfreeze a small,
/// chosen subset of the model's own parameters.
///
/// Example:
/// ```swift
/// SelectiveTuning.bitFit(model)          // only the biases train
/// SelectiveTuning.layerNormTuning(model) // only the LayerNorms' γ and β train
/// ```
public enum SelectiveTuning {
    /// BitFit (Ben Zaken et al. 2021): every bias term trains — the linear layers' and the
    /// LayerNorms' β — and nothing else.
    /// - Returns: the names of the trainable parameters.
    @discardableResult
    public static func bitFit(_ model: any Layer) -> [String] {
        Freezing.train(only: { $0.hasSuffix(".bias") }, in: model)
    }

    /// LayerNorm tuning (Zhao et al. 2023): only the LayerNorms' scale γ and shift β train.
    /// - Returns: the names of the trainable parameters.
    @discardableResult
    public static func layerNormTuning(_ model: any Layer) -> [String] {
        Freezing.train(only: { $0.contains("Norm.") }, in: model)
    }
}
