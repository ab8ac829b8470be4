// MARK: - Chapter 5 exercises: LoRA by hand
//
// Matrices are arrays of rows: `weight[o]` is output o's row of W ([out][in]).
// Check your work with `swift run exercises 5`.

/// Your solutions to chapter 5's exercises.
public enum Chapter05 {
    /// Exercise 5.1 — The LoRA forward pass.
    ///
    /// Return y = W·x + b + (α/r)·B·(A·x) for one input vector x ([in]), with W [out][in],
    /// b [out], A [r][in], B [out][r] and r = A.count.
    public static func loraForward(input: [Float], weight: [[Float]], bias: [Float],
                                   loraA: [[Float]], loraB: [[Float]], alpha: Float) throws -> [Float] {
        throw ExerciseError.notAttempted(hint: "first h = A·x (r numbers), then u = B·h (out numbers); y[o] = Σ_i W[o][i]·x[i] + b[o] + (α/r)·u[o]")
    }

    /// Exercise 5.2 — Merging.
    ///
    /// Return the merged weight W + (α/r)·B·A ([out][in]), which gives the same outputs
    /// as the LoRA layer with no extra work at inference.
    public static func mergedWeight(weight: [[Float]], loraA: [[Float]], loraB: [[Float]], alpha: Float) throws -> [[Float]] {
        throw ExerciseError.notAttempted(hint: "entry (o, i) gains (α/r)·Σ_k B[o][k]·A[k][i]")
    }

    /// Exercise 5.3 — Counting what trains.
    ///
    /// Given the shapes [out, in] of the matrices LoRA adapts and the rank r, return the number
    /// of trainable parameters LoRA adds.
    public static func loraParameterCount(shapes: [[Int]], rank: Int) throws -> Int {
        throw ExerciseError.notAttempted(hint: "each adapted [out, in] matrix gets A [r, in] and B [out, r]")
    }

    /// Exercise 5.4 — What Adam costs.
    ///
    /// Return the bytes of float32 weights, gradients and Adam's m and v when `trainable` of
    /// `total` parameters train (frozen ones need only their weight).
    public static func trainingMemoryBytes(total: Int, trainable: Int) throws -> Int {
        throw ExerciseError.notAttempted(hint: "4 bytes per weight, plus 4 (gradient) + 8 (m and v) per trainable parameter")
    }
}
