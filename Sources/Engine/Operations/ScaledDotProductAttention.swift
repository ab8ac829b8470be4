// MARK: - Fused multi-head attention

extension Tensor {
    /// Multi-head scaled dot-product attention on `[B, T, C]` projections, fused:
    /// for each sequence b and head h (columns h·d ..< (h+1)·d, d = C/heads),
    ///
    ///     P = softmax(Q·Kᵀ/√d + mask),   Y = P·V,
    ///
    /// with Y written straight into its head's columns of a `[B, T, C]` output.
    ///
    /// Why fused: the unfused version permutes Q, K, V to `[B, heads, T, d]` and Y back
    /// (four copies forward, four backward), then scales, masks and softmaxes in three passes
    /// over `[B, heads, T, T]`. Here BLAS reads each head's columns in place (row stride C),
    /// and the scale (BLAS's α), the causal mask and the softmax are one pass per row.
    ///
    /// - Parameters:
    ///   - query, key, value: `[B, T, C]` each.
    ///   - heads: how many heads C splits into.
    ///   - causal: whether position t attends only to positions ≤ t.
    /// - Returns: `[B, T, C]`, the heads side by side (ready for the output projection).
    ///
    /// Example:
    /// ```swift
    /// let mixed = Tensor.scaledDotProductAttention(query: q, key: k, value: v, heads: 4)
    /// ```
    public static func scaledDotProductAttention(
        query: Tensor, key: Tensor, value: Tensor, heads: Int,
        causal: Bool = true
    ) -> Tensor {
        attentionKeepingWeights(query: query, key: key, value: value, heads: heads, causal: causal).output
    }

    /// `scaledDotProductAttention` that also returns the attention weights P, `[B, heads, T, T]`
    /// (the tensor the backward pass keeps; do not modify it).
    package static func attentionKeepingWeights(
        query: Tensor, key: Tensor, value: Tensor, heads: Int,
        causal: Bool
    ) -> (output: Tensor, weights: Tensor) {
        precondition(
            query.rank == 3 && query.shape == key.shape && query.shape == value.shape,
            "attention needs query, key and value of one shape [B, T, C], "
                + "got \(query.shape), \(key.shape), \(value.shape)")
        let layout = AttentionLayout(shape: query.shape, heads: heads, causal: causal)
        let weights = Tensor(uninitializedShape: [layout.batch, heads, layout.time, layout.time])
        let output = Tensor(uninitializedShape: query.shape)
        attentionForward(
            layout, query: query.pointer, key: key.pointer, value: value.pointer,
            weights: weights.pointer, output: output.pointer)
        let result = recording(output, inputs: [query, key, value]) { gradient in
            // Read P through `weights` (captured) so it lives as long as the graph does.
            attentionBackward(layout, gradient: gradient, query: query, key: key, value: value, weights: weights)
        }
        return (result, weights)
    }
}

/// The sizes of one fused attention call, and how its (sequence, head) pairs are split
/// over the cores.
struct AttentionLayout {
    let batch: Int, time: Int, channels: Int, heads: Int, headSize: Int, causal: Bool
    let scale: Float

    init(shape: [Int], heads: Int, causal: Bool) {
        batch = shape[0]; time = shape[1]; channels = shape[2]
        precondition(heads > 0 && channels % heads == 0, "\(channels) channels do not split into \(heads) heads")
        self.heads = heads
        headSize = channels / heads
        self.causal = causal
        scale = 1 / Float(headSize).squareRoot()
    }

    var pairs: Int { batch * heads }
    var matrix: Int { time * time }

    /// The fewest (sequence, head) pairs one thread should take.
    ///
    /// Pairs are independent, so they can be split over the cores — but only pays when each
    /// pair's products are small enough that OpenBLAS would run them on one thread anyway:
    /// it threads a product once m·n·k exceeds 4 × 65,536 (its `GEMM_MULTITHREAD_THRESHOLD`
    /// of 4, times 65,536), so below that we split; above, OpenBLAS's own threads measured
    /// faster (context 128, 64 per head: 5% slower when split here), so one part takes all.
    /// Within the split, a part gets at least 65,536 multiply-adds, so a thread's start-up
    /// is paid for.
    var minimumPairsPerPart: Int {
        let pairWork = matrix * headSize
        let openBLASThreadsAbove = 4 * 65_536
        return pairWork <= openBLASThreadsAbove ? Swift.max(1, 65_536 / Swift.max(pairWork, 1)) : pairs + 1
    }

    /// This pair's first element in a `[B, T, C]` buffer (row stride C).
    // listing: attention-head-columns
    func column(ofPair pair: Int) -> Int {
        let b = pair / heads, h = pair % heads
        return b * time * channels + h * headSize
    }
    // listing: end
}

/// S = Q·Kᵀ/√d, mask and softmax row by row into P, then Y = P·V, per (sequence, head).
private func attentionForward(
    _ layout: AttentionLayout, query q: UnsafePointer<Float>, key k: UnsafePointer<Float>,
    value v: UnsafePointer<Float>, weights p: UnsafeMutablePointer<Float>,
    output y: UnsafeMutablePointer<Float>
) {
    let (time, channels, headSize, matrix) = (layout.time, layout.channels, layout.headSize, layout.matrix)
    ParallelWork.forEachPart(of: layout.pairs, minimumPartSize: layout.minimumPairsPerPart, callsBLAS: true) { range in
        withUnsafeTemporaryAllocation(of: Float.self, capacity: Swift.max(matrix, 1)) { scoresBuffer in
            let scores = scoresBuffer.baseAddress!
            // listing: attention-per-head
            for pair in range {
                let column = layout.column(ofPair: pair)
                let probabilities = p + pair * matrix
                // S = Q·Kᵀ/√d, the scale applied by BLAS (α).
                sgemm(
                    transposeA: false, transposeB: true, m: time, n: time, k: headSize, alpha: layout.scale,
                    a: q + column, leadingA: channels, b: k + column, leadingB: channels,
                    beta: 0, c: scores, leadingC: time)
                // Mask and softmax in one pass per row: row i sees keys 0...i when causal.
                for i in 0..<time {
                    let visible = layout.causal ? i + 1 : time
                    let row = probabilities + i * time
                    softmaxRow(scores + i * time, row, visible)
                    for j in visible..<time { row[j] = 0 }
                }
                // Y = P·V into this head's columns of the output.
                sgemm(
                    transposeA: false, transposeB: false, m: time, n: headSize, k: time,
                    a: probabilities, leadingA: time, b: v + column, leadingB: channels,
                    beta: 0, c: y + column, leadingC: channels)
            }
            // listing: end
        }
    }
}

/// The gradients, per (sequence, head), with G = dY and S the scaled scores:
/// dV = Pᵀ·G, dP = G·Vᵀ, dS = P ⊙ (dP − rowsum(dP ⊙ P)) (softmax's Jacobian; masked
/// entries have P = 0 so get nothing), dQ = dS·K/√d, dK = dSᵀ·Q/√d.
private func attentionBackward(
    _ layout: AttentionLayout, gradient: Tensor, query: Tensor, key: Tensor,
    value: Tensor, weights: Tensor
) {
    let g = gradient.pointer, p = weights.pointer, q = query.pointer, k = key.pointer, v = value.pointer
    let (time, channels, headSize, matrix) = (layout.time, layout.channels, layout.headSize, layout.matrix)
    // Overwrite fresh gradient buffers (each head fills its own block) unless two of the
    // inputs are one tensor, which must accumulate into a zeroed buffer.
    let distinct = query !== key && key !== value && query !== value
    func target(_ tensor: Tensor) -> (UnsafeMutablePointer<Float>, Float)? {
        guard tensor.requiresGradient else { return nil }
        if !distinct { return (tensor.gradientPointer, 1) }
        let (pointer, isFresh) = tensor.gradientForOverwrite()
        return (pointer, isFresh ? 0 : 1)
    }
    let dQ = target(query), dK = target(key), dV = target(value)
    ParallelWork.forEachPart(of: layout.pairs, minimumPartSize: layout.minimumPairsPerPart, callsBLAS: true) { range in
        withUnsafeTemporaryAllocation(of: Float.self, capacity: Swift.max(matrix, 1)) { buffer in
            let dS = buffer.baseAddress!
            for pair in range {
                let column = layout.column(ofPair: pair)
                let probabilities = p + pair * matrix
                if let (dv, beta) = dV {  // dV = Pᵀ·G
                    sgemm(
                        transposeA: true, transposeB: false, m: time, n: headSize, k: time,
                        a: probabilities, leadingA: time, b: g + column, leadingB: channels,
                        beta: beta, c: dv + column, leadingC: channels)
                }
                guard dQ != nil || dK != nil else { continue }
                // dP = G·Vᵀ, then dS = P ⊙ (dP − rowsum(dP ⊙ P)) in place.
                sgemm(
                    transposeA: false, transposeB: true, m: time, n: time, k: headSize,
                    a: g + column, leadingA: channels, b: v + column, leadingB: channels,
                    beta: 0, c: dS, leadingC: time)
                for i in 0..<time {
                    let visible = layout.causal ? i + 1 : time
                    let row = dS + i * time, weightsRow = probabilities + i * time
                    let dot = rowDot(row, weightsRow, visible)
                    for j in 0..<visible { row[j] = weightsRow[j] * (row[j] - dot) }
                    for j in visible..<time { row[j] = 0 }
                }
                if let (dq, beta) = dQ {  // dQ = dS·K/√d
                    sgemm(
                        transposeA: false, transposeB: false, m: time, n: headSize, k: time, alpha: layout.scale,
                        a: dS, leadingA: time, b: k + column, leadingB: channels,
                        beta: beta, c: dq + column, leadingC: channels)
                }
                if let (dk, beta) = dK {  // dK = dSᵀ·Q/√d
                    sgemm(
                        transposeA: true, transposeB: false, m: time, n: headSize, k: time, alpha: layout.scale,
                        a: dS, leadingA: time, b: q + column, leadingB: channels,
                        beta: beta, c: dk + column, leadingC: channels)
                }
            }
        }
    }
}
