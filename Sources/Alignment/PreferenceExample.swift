// MARK: - A labelled pair as token ids

/// One preference as the models read it: the prompt's ids and the ids of the chosen and the
/// rejected response (each ending with the end-of-turn token when it ended).
///
/// Example: `PreferenceExample(prompt: chat(request), chosen: encode(pair.chosen), rejected: encode(pair.rejected))`
public struct PreferenceExample: Sendable, Hashable {
    public let prompt: [Int]
    public let chosen: [Int]
    public let rejected: [Int]

    public init(prompt: [Int], chosen: [Int], rejected: [Int]) {
        self.prompt = prompt
        self.chosen = chosen
        self.rejected = rejected
    }

    /// The chosen answers of `examples` as rows, then their rejected answers: one batch of 2B
    /// rows, so one forward pass scores both sides (rows 0..<B chosen, B..<2B rejected).
    public static func batch(_ examples: [PreferenceExample], padding: Int) -> ResponseBatch {
        ResponseBatch(
            prompts: examples.map(\.prompt) + examples.map(\.prompt),
            responses: examples.map(\.chosen) + examples.map(\.rejected), padding: padding)
    }
}
