// MARK: - Chapter 3 exercises: the objective, sampling, and the bill
//
// Each exercise's title and hint are declared once, in Checks03.swift: `swift run exercises 3`
// shows them, and a stub's `notAttempted` error quotes them.
//
// Check your work with `swift run exercises 3`.

/// Your solutions to chapter 3's exercises.
public enum Chapter03 {
    /// Exercise 3.1.
    ///
    /// `logits[t]` are the model's scores for the token after position t; `targets[t]` is the
    /// token that came. Return the mean over t of −log softmax(logits[t])[targets[t]].
    public static func languageModelLoss(logits: [[Float]], targets: [Int]) throws -> Float {
        throw ExerciseError.notAttempted("3.1")
    }

    /// Exercise 3.2.
    ///
    /// Return the probabilities top-k sampling draws from: softmax(logits), with all but the
    /// k largest set to 0 and the rest renormalised to sum to 1.
    public static func topKProbabilities(logits: [Float], k: Int) throws -> [Float] {
        throw ExerciseError.notAttempted("3.2")
    }

    /// Exercise 3.3.
    ///
    /// Bytes to hold, per the usual mixed-precision recipe, for a model of `parameters`:
    /// fp16 weights and fp16 gradients, an fp32 master copy of the weights, and Adam's two
    /// fp32 moments. (Activations not included.)
    public static func mixedPrecisionAdamBytes(parameters: Int) throws -> Int {
        throw ExerciseError.notAttempted("3.3")
    }

    /// Exercise 3.4.
    ///
    /// The parameter count of chapter 3's GPT (untied head, biases on every linear layer but
    /// the head, two LayerNorms per block and a final one) for vocabulary V, context T,
    /// width d and L layers.
    public static func gptParameterCount(vocabulary: Int, context: Int, width: Int, layers: Int) throws -> Int {
        throw ExerciseError.notAttempted("3.4")
    }
}
