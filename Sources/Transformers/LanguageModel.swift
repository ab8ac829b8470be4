import Engine

/// Anything that maps token ids to next-token logits: a `GPT`, or a GPT behind a soft prompt.
/// Fine-tuning, evaluation and the trainer's supervised loss take this, so every method of
/// chapter 5 is trained and measured by the same code.
public protocol LanguageModel: Layer {
    /// Logits `[B, T, V]` for B sequences of T = ids.count / B tokens.
    func logits(_ ids: [Int], batch: Int) -> Tensor
    /// The size of the vocabulary V.
    var vocabularySize: Int { get }
    /// Whether dropout is active.
    var isTraining: Bool { get set }
}

extension GPT: LanguageModel {
    /// `self(ids, batch: batch)`: the forward pass without prefix or cache.
    public func logits(_ ids: [Int], batch: Int) -> Tensor { self(ids, batch: batch) }
    public var vocabularySize: Int { config.vocabularySize }
}
