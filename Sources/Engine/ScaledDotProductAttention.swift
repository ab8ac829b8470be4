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
    /// Gradients, per (b, h), with G = dY and S the scaled scores:
    /// dV = Pᵀ·G, dP = G·Vᵀ, dS = P ⊙ (dP − rowsum(dP ⊙ P)) (softmax's Jacobian; masked
    /// entries have P = 0 so get nothing), dQ = dS·K/√d, dK = dSᵀ·Q/√d.
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
    public static func scaledDotProductAttention(query: Tensor, key: Tensor, value: Tensor, heads: Int,
                                                 causal: Bool = true) -> Tensor {
        attentionKeepingWeights(query: query, key: key, value: value, heads: heads, causal: causal).output
    }

    /// `scaledDotProductAttention` that also returns the attention weights P, `[B, heads, T, T]`
    /// (the tensor the backward pass keeps; do not modify it).
    static func attentionKeepingWeights(query: Tensor, key: Tensor, value: Tensor, heads: Int,
                                        causal: Bool) -> (output: Tensor, weights: Tensor) {
        precondition(query.rank == 3 && query.shape == key.shape && query.shape == value.shape,
                     "attention needs query, key and value of one shape [B, T, C], got \(query.shape), \(key.shape), \(value.shape)")
        let batch = query.shape[0], time = query.shape[1], channels = query.shape[2]
        precondition(heads > 0 && channels % heads == 0, "\(channels) channels do not split into \(heads) heads")
        let headSize = channels / heads
        let scale = 1 / Float(headSize).squareRoot()
        let weights = Tensor(uninitializedShape: [batch, heads, time, time])
        let output = Tensor(uninitializedShape: query.shape)
        let q = query.pointer, k = key.pointer, v = value.pointer, p = weights.pointer, y = output.pointer
        let matrix = time * time
        // (sequence, head) pairs are independent: split them over the cores when each
        // pair's products are small enough that OpenBLAS runs them on one thread anyway
        // (m·n·k ≤ 4·65 536, its threshold); larger ones are left to OpenBLAS's threads,
        // which measured faster (ctx 128, d 64 per head: −5 % when split here).
        let pairs = batch * heads
        let pairWork = matrix * headSize
        let minimumPairs = pairWork <= 262_144 ? Swift.max(1, 65_536 / Swift.max(pairWork, 1)) : pairs + 1
        ParallelWork.forEachPart(of: pairs, minimumPartSize: minimumPairs, callsBLAS: true) { range in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: Swift.max(matrix, 1)) { scoresBuffer in
                let scores = scoresBuffer.baseAddress!
                for pair in range {
                    let b = pair / heads, h = pair % heads
                    let column = b * time * channels + h * headSize   // this head's block in [B, T, C]
                    let probabilities = p + (b * heads + h) * matrix
                    // S = Q·Kᵀ/√d, the scale applied by BLAS (α).
                    sgemm(transposeA: false, transposeB: true, m: time, n: time, k: headSize, alpha: scale,
                          a: q + column, leadingA: channels, b: k + column, leadingB: channels,
                          beta: 0, c: scores, leadingC: time)
                    // Mask and softmax in one pass per row: row i sees keys 0...i when causal.
                    for i in 0..<time {
                        let visible = causal ? i + 1 : time
                        let row = probabilities + i * time
                        softmaxRow(scores + i * time, row, visible)
                        for j in visible..<time { row[j] = 0 }
                    }
                    // Y = P·V into this head's columns of the output.
                    sgemm(transposeA: false, transposeB: false, m: time, n: headSize, k: time,
                          a: probabilities, leadingA: time, b: v + column, leadingB: channels,
                          beta: 0, c: y + column, leadingC: channels)
                }
            }
        }

        let result = recording(output, inputs: [query, key, value]) { gradient in
            // Read P through `weights` (captured) so it lives as long as the graph does.
            let g = gradient.pointer, p = weights.pointer
            // Overwrite fresh gradient buffers (each head fills its own block) unless two of
            // the inputs are one tensor, which must accumulate into a zeroed buffer.
            let distinct = query !== key && key !== value && query !== value
            func target(_ tensor: Tensor) -> (UnsafeMutablePointer<Float>, Float)? {
                guard tensor.requiresGradient else { return nil }
                if !distinct { return (tensor.gradientPointer, 1) }
                let (pointer, isFresh) = tensor.gradientForOverwrite()
                return (pointer, isFresh ? 0 : 1)
            }
            let dQ = target(query), dK = target(key), dV = target(value)
            ParallelWork.forEachPart(of: pairs, minimumPartSize: minimumPairs, callsBLAS: true) { range in
                withUnsafeTemporaryAllocation(of: Float.self, capacity: Swift.max(matrix, 1)) { buffer in
                    let dS = buffer.baseAddress!
                    for pair in range {
                        let b = pair / heads, h = pair % heads
                        let column = b * time * channels + h * headSize
                        let probabilities = p + (b * heads + h) * matrix
                        if let (dv, beta) = dV {   // dV = Pᵀ·G
                            sgemm(transposeA: true, transposeB: false, m: time, n: headSize, k: time,
                                  a: probabilities, leadingA: time, b: g + column, leadingB: channels,
                                  beta: beta, c: dv + column, leadingC: channels)
                        }
                        guard dQ != nil || dK != nil else { continue }
                        // dP = G·Vᵀ, then dS = P ⊙ (dP − rowsum(dP ⊙ P)) in place.
                        sgemm(transposeA: false, transposeB: true, m: time, n: time, k: headSize,
                              a: g + column, leadingA: channels, b: v + column, leadingB: channels,
                              beta: 0, c: dS, leadingC: time)
                        for i in 0..<time {
                            let visible = causal ? i + 1 : time
                            let row = dS + i * time, weightsRow = probabilities + i * time
                            let dot = rowDot(row, weightsRow, visible)
                            for j in 0..<visible { row[j] = weightsRow[j] * (row[j] - dot) }
                            for j in visible..<time { row[j] = 0 }
                        }
                        if let (dq, beta) = dQ {   // dQ = dS·K/√d
                            sgemm(transposeA: false, transposeB: false, m: time, n: headSize, k: time, alpha: scale,
                                  a: dS, leadingA: time, b: k + column, leadingB: channels,
                                  beta: beta, c: dq + column, leadingC: channels)
                        }
                        if let (dk, beta) = dK {   // dK = dSᵀ·Q/√d
                            sgemm(transposeA: true, transposeB: false, m: time, n: headSize, k: time, alpha: scale,
                                  a: dS, leadingA: time, b: q + column, leadingB: channels,
                                  beta: beta, c: dk + column, leadingC: channels)
                        }
                    }
                }
            }
        }
        return (result, weights)
    }
}
