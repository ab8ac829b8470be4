// MARK: - Chapter 3 exercises: the objective, sampling, and the bill
//
// Check your work with `swift run exercises 3`.

/// Your solutions to chapter 3's exercises.
public enum Chapter03 {
    /// Exercise 3.1 — The causal language-model loss.
    ///
    /// `logits[t]` are the model's scores for the token after position t; `targets[t]` is the
    /// token that came. Return the mean over t of −log softmax(logits[t])[targets[t]].
    public static func languageModelLoss(logits: [[Float]], targets: [Int]) throws -> Float {
        throw ExerciseError.notAttempted(hint: "for each row: log-sum-exp(row) − row[target] (subtract the row's max first for stability), then average")
    }

    /// Exercise 3.2 — Top-k sampling's distribution.
    ///
    /// Return the probabilities top-k sampling draws from: softmax(logits), with all but the
    /// k largest set to 0 and the rest renormalised to sum to 1.
    public static func topKProbabilities(logits: [Float], k: Int) throws -> [Float] {
        throw ExerciseError.notAttempted(hint: "softmax, then find the k-th largest probability, zero everything smaller, divide by the new sum")
    }

    /// Exercise 3.3 — The memory bill of mixed-precision Adam.
    ///
    /// Bytes to hold, per the usual mixed-precision recipe, for a model of `parameters`:
    /// fp16 weights and fp16 gradients, an fp32 master copy of the weights, and Adam's two
    /// fp32 moments. (Activations not included.)
    public static func mixedPrecisionAdamBytes(parameters: Int) throws -> Int {
        throw ExerciseError.notAttempted(hint: "2 + 2 + 4 + 4 + 4 bytes per parameter")
    }

    /// Exercise 3.4 — Counting a GPT's parameters.
    ///
    /// The parameter count of chapter 3's GPT (untied head, biases on every linear layer but
    /// the head, two LayerNorms per block and a final one) for vocabulary V, context T,
    /// width d and L layers.
    public static func gptParameterCount(vocabulary: Int, context: Int, width: Int, layers: Int) throws -> Int {
        throw ExerciseError.notAttempted(hint: "embeddings V·d + T·d; per block: Q,K,V,O are 4(d² + d), the MLP d·4d + 4d + 4d·d + d, two LayerNorms 4d; final LayerNorm 2d; head V·d")
    }
}
