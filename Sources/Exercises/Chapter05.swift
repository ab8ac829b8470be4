// MARK: - Chapter 5 exercises: LoRA by hand
//
// Each exercise's title and hint are declared once, in Checks05.swift: `swift run exercises 5`
// shows them, and a stub's `notAttempted` error quotes them.
//
// Matrices are arrays of rows: `weight[o]` is output o's row of W ([out][in]).
// Check your work with `swift run exercises 5`.

/// Your solutions to chapter 5's exercises.
public enum Chapter05 {
    /// Exercise 5.1.
    ///
    /// Return y = W·x + b + (α/r)·B·(A·x) for one input vector x ([in]), with W [out][in],
    /// b [out], A [r][in], B [out][r] and r = A.count.
    public static func loraForward(
        input: [Float], weight: [[Float]], bias: [Float],
        loraA: [[Float]], loraB: [[Float]], alpha: Float
    ) throws -> [Float] {
        throw ExerciseError.notAttempted("5.1")
    }

    /// Exercise 5.2.
    ///
    /// Return the merged weight ([out][in]): the one matrix that, used as a plain layer's weight,
    /// gives the same outputs as the LoRA layer of 5.1, with no extra work at inference.
    public static func mergedWeight(
        weight: [[Float]], loraA: [[Float]], loraB: [[Float]],
        alpha: Float
    ) throws -> [[Float]] {
        throw ExerciseError.notAttempted("5.2")
    }

    /// Exercise 5.3 — When LoRA stops saving.
    ///
    /// Return the smallest rank r at which LoRA on one weight of shape [outputs, inputs] trains at
    /// least as many numbers as the weight itself holds.
    public static func breakEvenRank(outputs: Int, inputs: Int) throws -> Int {
        throw ExerciseError.notAttempted("5.3")
    }

    /// Exercise 5.4.
    ///
    /// Return the bytes of float32 weights, gradients and Adam's m and v when `trainable` of
    /// `total` parameters train (frozen ones need only their weight).
    public static func trainingMemoryBytes(total: Int, trainable: Int) throws -> Int {
        throw ExerciseError.notAttempted("5.4")
    }

    /// Exercise 5.5 — The gradients of A and B.
    ///
    /// The LoRA layer of 5.1 runs on a batch `inputs` ([N][in]); `upstream` ([N][out]) is ∂L/∂y
    /// for each output. Return ∂L/∂A ([r][in]) and ∂L/∂B ([out][r]), summed over the batch, by
    /// the chain rule (by hand, not by autograd).
    public static func loraGradients(
        inputs: [[Float]], weight: [[Float]], loraA: [[Float]], loraB: [[Float]], alpha: Float,
        upstream: [[Float]]
    ) throws -> (a: [[Float]], b: [[Float]]) {
        throw ExerciseError.notAttempted("5.5")
    }
}
