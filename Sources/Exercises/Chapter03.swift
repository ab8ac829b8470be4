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
    /// Bytes to hold for training a model of `parameters` with an optimizer that keeps
    /// `optimizerBuffers` numbers per parameter (0 for plain SGD, 1 for SGD with momentum, 2 for
    /// Adam), each in fp32: the weights, their gradients and the optimizer's buffers, either all
    /// in fp32 (`mixedPrecision` false) or in the usual mixed-precision recipe of section 3.7
    /// (`mixedPrecision` true). Activations not included.
    public static func trainingStateBytes(parameters: Int, optimizerBuffers: Int, mixedPrecision: Bool) throws -> Int {
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

    /// Exercise 3.5 — One AdamW step.
    ///
    /// Take training step number `step` (1 for the first) of AdamW on one parameter tensor,
    /// flattened: `parameter`, its `gradient`, and Adam's moments `m` and `v` as they stood after
    /// step − 1 (zeros before the first step). Return the parameter and both moments after the
    /// step, as Loshchilov & Hutter's AdamW defines it and the engine's `AdamW` computes it:
    /// bias-corrected moments, ε added to the square root of the second, and weight decay
    /// decoupled from the gradient (applied to the parameter, scaled by the learning rate).
    public static func adamWStep(
        parameter: [Float], gradient: [Float], m: [Float], v: [Float], step: Int,
        learningRate: Float, beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    ) throws -> (parameter: [Float], m: [Float], v: [Float]) {
        throw ExerciseError.notAttempted("3.5")
    }
}
