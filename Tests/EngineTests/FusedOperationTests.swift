import Engine
import Foundation
import TestSupport
import Testing

/// The fused ops against the unfused compositions they replace, and their gradients
/// against finite differences.
@Suite("Fused affine map and attention")
struct FusedOperationTests {
    // MARK: - Affine

    @Test(arguments: [true, false])
    func affineMatchesProductPlusBias(withBias: Bool) {
        let x = randomTensor([2, 3, 5], seed: 81), weight = randomTensor([4, 5], seed: 82)
        let bias = withBias ? randomTensor([4], seed: 83) : nil
        let fused = x.affine(weight: weight, bias: bias)
        var unfused = x.matmul(weight, transposingRight: true)
        if let bias { unfused = unfused + bias }
        #expect(fused.shape == [2, 3, 4])
        expectClose(fused.scalars, unfused.scalars, tolerance: 1e-5)
    }

    @Test(arguments: [true, false])
    func affineGradients(withBias: Bool) {
        let x = randomTensor([3, 2, 5], seed: 84), weight = randomTensor([4, 5], seed: 85)
        if withBias {
            checkGradients([x, weight, randomTensor([4], seed: 86)]) { $0[0].affine(weight: $0[1], bias: $0[2]) }
        } else {
            checkGradients([x, weight]) { $0[0].affine(weight: $0[1], bias: nil) }
        }
    }

    @Test func affineAccumulatesIntoExistingGradients() {
        // x is used twice: the second backward pass must add, not overwrite.
        let x = randomTensor([3, 4], seed: 87), weight = randomTensor([2, 4], seed: 88)
        checkGradients([x, weight]) {
            $0[0].affine(weight: $0[1], bias: nil) + $0[0].affine(weight: $0[1], bias: nil) * $0[0].sum()
        }
    }

    // MARK: - Attention

    /// The unfused reference: permute to heads, Q·Kᵀ/√d, mask, softmax, ·V, permute back.
    func referenceAttention(_ q: Tensor, _ k: Tensor, _ v: Tensor, heads: Int, causal: Bool) -> Tensor {
        let (b, t, c) = (q.shape[0], q.shape[1], q.shape[2])
        func split(_ x: Tensor) -> Tensor { x.reshaped([b, t, heads, c / heads]).permuted([0, 2, 1, 3]) }
        var scores = split(q).matmul(split(k), transposingRight: true).scaled(by: 1 / Float(c / heads).squareRoot())
        if causal { scores = scores.causallyMasked() }
        return scores.softmax(alongAxis: -1).matmul(split(v)).permuted([0, 2, 1, 3]).reshaped([b, t, c])
    }

    @Test(arguments: [true, false])
    func attentionMatchesUnfusedComposition(causal: Bool) {
        let q = randomTensor([2, 5, 6], seed: 91), k = randomTensor([2, 5, 6], seed: 92)
        let v = randomTensor([2, 5, 6], seed: 93)
        let fused = Tensor.scaledDotProductAttention(query: q, key: k, value: v, heads: 3, causal: causal)
        expectClose(fused.scalars, referenceAttention(q, k, v, heads: 3, causal: causal).scalars, tolerance: 1e-5)
    }

    @Test(arguments: [true, false])
    func attentionGradients(causal: Bool) {
        let q = randomTensor([2, 4, 6], seed: 94), k = randomTensor([2, 4, 6], seed: 95)
        let v = randomTensor([2, 4, 6], seed: 96)
        checkGradients([q, k, v]) {
            Tensor.scaledDotProductAttention(query: $0[0], key: $0[1], value: $0[2], heads: 2, causal: causal)
        }
    }

    @Test func attentionGradientsWhenOneTensorIsQueryKeyAndValue() {
        let x = randomTensor([1, 5, 4], seed: 97)
        checkGradients([x]) { Tensor.scaledDotProductAttention(query: $0[0], key: $0[0], value: $0[0], heads: 2) }
    }

    @Test func attentionSplitOverThreadsMatchesTheReference() {
        // 16 (sequence, head) pairs of small products: big enough to be split over threads.
        let q = randomTensor([4, 32, 32], seed: 103), k = randomTensor([4, 32, 32], seed: 104)
        let v = randomTensor([4, 32, 32], seed: 105), seed = randomTensor([4, 32, 32], seed: 106)
        func gradients(_ attention: (Tensor, Tensor, Tensor) -> Tensor) -> (output: [Float], gradients: [[Float]]) {
            for x in [q, k, v] { x.requiresGradient = true; x.zeroGradient() }
            let y = attention(q, k, v)
            y.backward(seed: seed)
            return (y.scalars, [q, k, v].map { $0.gradient!.scalars })
        }
        let fused = gradients { Tensor.scaledDotProductAttention(query: $0, key: $1, value: $2, heads: 4) }
        let reference = gradients { referenceAttention($0, $1, $2, heads: 4, causal: true) }
        expectClose(fused.output, reference.output, tolerance: 1e-5)
        for (a, b) in zip(fused.gradients, reference.gradients) { expectClose(a, b, tolerance: 1e-4) }
    }

    // MARK: - GELU split over threads

    @Test func geluOfALargeTensorMatchesTheFormula() {
        // 100 000 elements: split over threads, with a tail that is not a multiple of 8.
        let x = randomTensor([100_003], seed: 107, scale: 3)
        let y = x.gelu().scalars
        let expected = x.scalars.map { v in 0.5 * v * (1 + Foundation.tanh(0.7978845608 * (v + 0.044715 * v * v * v))) }
        expectClose(y, expected, tolerance: 1e-5)
    }

    @Test func causalPositionsIgnoreTheFuture() {
        // Changing the last position's key and value leaves every earlier output unchanged.
        let q = randomTensor([1, 4, 4], seed: 98), k = randomTensor([1, 4, 4], seed: 99)
        let v = randomTensor([1, 4, 4], seed: 100)
        let before = Tensor.scaledDotProductAttention(query: q, key: k, value: v, heads: 2).scalars
        for index in 12..<16 { k.pointer[index] += 3; v.pointer[index] -= 2 }
        let after = Tensor.scaledDotProductAttention(query: q, key: k, value: v, heads: 2).scalars
        expectClose(Array(after[..<12]), Array(before[..<12]), tolerance: 1e-6)
    }

    // MARK: - Shared gradient buffers

    @Test func residualAndReshapeGradientsStayCorrect() {
        // x + x, a reshape of a sum, and a tensor used by both operands: all pass through
        // the shared-buffer paths of backward.
        let a = randomTensor([2, 3], seed: 101), b = randomTensor([2, 3], seed: 102)
        checkGradients([a, b]) { inputs in
            let sum = inputs[0] + inputs[1]
            return (sum.reshaped([3, 2]) + (inputs[0] + inputs[0]).reshaped([3, 2])) * sum.reshaped([3, 2])
        }
    }
}
