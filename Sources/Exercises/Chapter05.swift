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
    /// Return the merged weight W + (α/r)·B·A ([out][in]), which gives the same outputs
    /// as the LoRA layer with no extra work at inference.
    public static func mergedWeight(
        weight: [[Float]], loraA: [[Float]], loraB: [[Float]],
        alpha: Float
    ) throws -> [[Float]] {
        throw ExerciseError.notAttempted("5.2")
    }

    /// Exercise 5.3.
    ///
    /// Given the shapes [out, in] of the matrices LoRA adapts and the rank r, return the number
    /// of trainable parameters LoRA adds.
    public static func loraParameterCount(shapes: [[Int]], rank: Int) throws -> Int {
        throw ExerciseError.notAttempted("5.3")
    }

    /// Exercise 5.4.
    ///
    /// Return the bytes of float32 weights, gradients and Adam's m and v when `trainable` of
    /// `total` parameters train (frozen ones need only their weight).
    public static func trainingMemoryBytes(total: Int, trainable: Int) throws -> Int {
        throw ExerciseError.notAttempted("5.4")
    }
}
