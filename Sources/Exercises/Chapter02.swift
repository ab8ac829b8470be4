// MARK: - Chapter 2 exercises: attention by hand
//
// Each exercise's title and hint are declared once, in Checks02.swift: `swift run exercises 2`
// shows them, and a stub's `notAttempted` error quotes them.
//
// Matrices are arrays of rows: `queries[t]` is token t's query vector.
// Check your work with `swift run exercises 2`.

import Engine
import Foundation

/// Your solutions to chapter 2's exercises.
public enum Chapter02 {
    /// Exercise 2.1.
    ///
    /// Return softmax(Q·Kᵀ / √d) · V, row by row, with no mask. `queries` is [T, d],
    /// `keys` is [S, d], `values` is [S, dv]; the result is [T, dv].
    public static func attention(queries: [[Float]], keys: [[Float]], values: [[Float]]) throws -> [[Float]] {
        throw ExerciseError.notAttempted("2.1")
    }

    /// Exercise 2.2.
    ///
    /// The same, but query t may only attend to keys 0…t (T == S): the scores of later keys
    /// get weight exactly 0.
    public static func causalAttention(queries: [[Float]], keys: [[Float]], values: [[Float]]) throws -> [[Float]] {
        throw ExerciseError.notAttempted("2.2")
    }

    /// Exercise 2.3.
    ///
    /// Given y = softmax(x) and the gradient g = ∂L/∂y, return ∂L/∂x.
    public static func softmaxBackward(output y: [Float], upstream g: [Float]) throws -> [Float] {
        throw ExerciseError.notAttempted("2.3")
    }

    /// Exercise 2.4.
    ///
    /// Return the `dimensions`-long encoding of `position`:
    /// PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(p / 10000^(2i/d)).
    public static func sinusoidalEncoding(position: Int, dimensions: Int) throws -> [Float] {
        throw ExerciseError.notAttempted("2.4")
    }

    /// Exercise 2.5 — Which inputs matter? Ask autograd.
    ///
    /// One causal attention head over inputs `x` ([T, d]) with weights `wq`, `wk`, `wv`
    /// ([d, d_k] each): out = softmax(mask(Q·Kᵀ/√d_k))·V with Q = x·wq, K = x·wk, V = x·wv. Let
    /// the loss be the sum of the last position's output row. Return ∂loss/∂x, [T, d], computed
    /// by the engine's autograd (`Tensor`, `backward()`), not by hand.
    public static func lastPositionGradient(
        x: [[Float]], wq: [[Float]], wk: [[Float]],
        wv: [[Float]]
    ) throws -> [[Float]] {
        throw ExerciseError.notAttempted("2.5")
    }
}
