import CBLAS

// MARK: - One BLAS call

/// C = α·op(A)·op(B) + β·C for row-major matrices, op = transpose when asked.
///
/// `A` is stored `[M, K]`, or `[K, M]` when `transposeA`; `B` is `[K, N]`, or `[N, K]`
/// when `transposeB`. β = 1 accumulates into C, which is how backward passes add into
/// gradients without a temporary.
@inline(__always)
func sgemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
    beta: Float
) {
    cblas_sgemm(
        CblasRowMajor,
        transposeA ? CblasTrans : CblasNoTrans,
        transposeB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k), 1,
        a, Int32(transposeA ? m : k),
        b, Int32(transposeB ? k : n),
        beta, c, Int32(n))
}

// MARK: - matmul

extension Tensor {
    /// Matrix product, 2-D or batched: `[..., M, K] · [..., K, N] → [..., M, N]`.
    ///
    /// The transposes are passed to BLAS as flags — no transposed copy is ever made:
    /// `transposingLeft` reads the left operand stored as `[..., K, M]`, `transposingRight`
    /// the right one stored as `[..., N, K]`. When the right operand is 2-D (a weight) and
    /// the left is not transposed, the left's leading axes fold into M: one sgemm for a
    /// whole `[B, T, C]` batch. Otherwise both must have the same leading axes and it loops
    /// sgemm over them.
    ///
    /// Gradients (for C = A·B): dA = dC·Bᵀ, dB = Aᵀ·dC, again with transpose flags and
    /// β = 1 so they accumulate in place.
    ///
    /// - Parameters:
    ///   - right: the right operand.
    ///   - transposingLeft: use this tensor's last two axes transposed.
    ///   - transposingRight: use `right`'s last two axes transposed.
    ///
    /// Example: `x.matmul(weight, transposingRight: true)` is `x·Wᵀ` for a `[out, in]` weight.
    public func matmul(
        _ right: Tensor, transposingLeft: Bool = false,
        transposingRight: Bool = false
    ) -> Tensor {
        // One piece, like every op here: the forward pass and the backward closure that captures its shapes.
        let left = self
        precondition(
            left.rank >= 2 && right.rank >= 2,
            "matmul needs operands of rank ≥ 2, got \(left.shape) and \(right.shape)")
        let leftRows = left.shape[left.rank - 2], leftColumns = left.shape[left.rank - 1]
        let rightRows = right.shape[right.rank - 2], rightColumns = right.shape[right.rank - 1]
        let m = transposingLeft ? leftColumns : leftRows
        let k = transposingLeft ? leftRows : leftColumns
        let rightK = transposingRight ? rightColumns : rightRows
        let n = transposingRight ? rightRows : rightColumns
        precondition(
            k == rightK,
            "matmul inner sizes differ: \(left.shape)\(transposingLeft ? "ᵀ" : "") · "
                + "\(right.shape)\(transposingRight ? "ᵀ" : "")")

        let leftBatch = Array(left.shape.dropLast(2))
        let folds = right.rank == 2 && !transposingLeft  // fold left's batch axes into M
        if !folds {
            precondition(
                leftBatch == Array(right.shape.dropLast(2)),
                "batched matmul needs equal leading axes, got \(left.shape) and \(right.shape)")
        }
        let batches = folds ? 1 : leftBatch.reduce(1, *)
        let rowsM = folds ? left.count / k : m
        let output = Tensor(uninitializedShape: leftBatch + [m, n])
        let leftStride = m * k, rightStride = folds ? 0 : k * n, outputStride = rowsM * n
        for batch in 0..<batches {
            sgemm(
                transposeA: transposingLeft, transposeB: transposingRight, m: rowsM, n: n, k: k,
                a: left.pointer + batch * leftStride, b: right.pointer + batch * rightStride,
                c: output.pointer + batch * outputStride, beta: 0)
        }

        return Tensor.recording(output, inputs: [left, right]) { gradient in
            let g = gradient.pointer
            // A fresh gradient buffer is written with β = 0 (each batch fills its own block),
            // an existing one accumulated with β = 1.
            if left.requiresGradient {
                let (target, isFresh) = left.gradientForOverwrite()
                let beta: Float = isFresh ? 0 : 1
                for batch in 0..<batches {
                    let b = right.pointer + batch * rightStride, dC = g + batch * outputStride
                    let dA = target + batch * leftStride
                    if transposingLeft {
                        // A stored [K, M]: dA = op(B)·dCᵀ, a [K, M] result.
                        sgemm(
                            transposeA: transposingRight, transposeB: true, m: k, n: rowsM, k: n,
                            a: b, b: dC, c: dA, beta: beta)
                    } else {
                        // A stored [M, K]: dA = dC·op(B)ᵀ.
                        sgemm(
                            transposeA: false, transposeB: !transposingRight, m: rowsM, n: k, k: n,
                            a: dC, b: b, c: dA, beta: beta)
                    }
                }
            }
            if right.requiresGradient {
                let (target, isFresh) = right.gradientForOverwrite()
                let beta: Float = isFresh ? 0 : 1
                for batch in 0..<batches {
                    let a = left.pointer + batch * leftStride, dC = g + batch * outputStride
                    let dB = target + batch * rightStride
                    if transposingRight {
                        // B stored [N, K]: dB = dCᵀ·op(A), an [N, K] result.
                        sgemm(
                            transposeA: true, transposeB: transposingLeft, m: n, n: k, k: rowsM,
                            a: dC, b: a, c: dB, beta: beta)
                    } else {
                        // B stored [K, N]: dB = op(A)ᵀ·dC.
                        sgemm(
                            transposeA: !transposingLeft, transposeB: false, m: k, n: n, k: rowsM,
                            a: a, b: dC, c: dB, beta: beta)
                    }
                }
            }
        }
    }
}

/// The matrix product `left · right`; see `Tensor.matmul(_:transposingLeft:transposingRight:)`.
public func matmul(
    _ left: Tensor, _ right: Tensor, transposingLeft: Bool = false,
    transposingRight: Bool = false
) -> Tensor {
    left.matmul(right, transposingLeft: transposingLeft, transposingRight: transposingRight)
}

// MARK: - One BLAS call on sub-matrices

/// C = α·op(A)·op(B) + β·C with explicit row strides ("leading dimensions"), so that a
/// block of columns inside a wider matrix — one attention head's slice of `[B·T, C]` —
/// is used in place, with no copy.
///
/// Public so that modules with matrices that are not tensors (Quantization's tiles of
/// dequantized rows) multiply through the engine, and no module but Engine and
/// LinearAlgebra calls CBLAS.
///
/// - Parameters:
///   - leadingA, leadingB, leadingC: the distance in elements between consecutive rows of
///     each matrix as stored.
@inline(__always)
public func sgemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
    a: UnsafePointer<Float>, leadingA: Int, b: UnsafePointer<Float>, leadingB: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, leadingC: Int
) {
    cblas_sgemm(
        CblasRowMajor,
        transposeA ? CblasTrans : CblasNoTrans,
        transposeB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k), alpha,
        a, Int32(leadingA), b, Int32(leadingB),
        beta, c, Int32(leadingC))
}
