// MARK: - Attention over stored keys and values (generation)

/// One attention layer's keys and values for `rows` sequences, so that generating one more
/// token computes only that token's query, key and value and attends to what is stored.
///
/// Layout: `[rows, heads, capacity, headSize]` for keys and for values, so one head of one
/// sequence is a contiguous `[capacity, headSize]` matrix that BLAS reads directly.
/// How many positions each row holds is kept by the caller (the model's cache), which
/// passes it in: every layer of one forward pass writes the same positions.
public final class KeyValueStore {
    public let rows: Int, heads: Int, capacity: Int, headSize: Int
    let keys: UnsafeMutablePointer<Float>
    let values: UnsafeMutablePointer<Float>

    /// Room for `rows` sequences of up to `capacity` positions, `channels = heads·headSize`.
    public init(rows: Int, heads: Int, capacity: Int, channels: Int) {
        precondition(
            rows > 0 && heads > 0 && capacity > 0 && channels % heads == 0,
            "a key/value store needs rows, heads and capacity > 0 and heads dividing \(channels)")
        self.rows = rows
        self.heads = heads
        self.capacity = capacity
        headSize = channels / heads
        let size = rows * heads * capacity * headSize
        keys = .allocate(capacity: size)
        values = .allocate(capacity: size)
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    /// Where head `head` of row `row` starts.
    func offset(row: Int, head: Int) -> Int { (row * heads + head) * capacity * headSize }
}

extension Tensor {
    /// Causal multi-head attention of T new positions per sequence over everything stored
    /// for it before, reading and extending `store`. Inference only: no gradient is recorded.
    ///
    /// Sequence b of the batch is row `rows[b]` of the store, which holds `lengths[b]`
    /// positions already; its new keys and values go to positions `lengths[b] ..< lengths[b] + T`,
    /// and new position t attends to stored positions `0 ... lengths[b] + t` — exactly what
    /// `scaledDotProductAttention` computes over the whole sequence, causal, for those rows.
    ///
    /// - Parameters:
    ///   - query, key, value: `[B, T, C]`, the new positions' projections.
    ///   - rows: B distinct row indices of the store.
    ///   - lengths: B counts of positions already stored in those rows.
    /// - Returns: `[B, T, C]`, heads side by side.
    public static func cachedAttention(
        query: Tensor, key: Tensor, value: Tensor, store: KeyValueStore,
        rows: [Int], lengths: [Int]
    ) -> Tensor {
        precondition(
            query.rank == 3 && query.shape == key.shape && query.shape == value.shape,
            "cached attention needs query, key and value of one shape [B, T, C]")
        let batch = query.shape[0], time = query.shape[1], channels = query.shape[2]
        let heads = store.heads, headSize = store.headSize
        precondition(channels == heads * headSize, "\(channels) channels but the store holds \(heads)×\(headSize)")
        precondition(rows.count == batch && lengths.count == batch, "\(batch) sequences need \(batch) rows and lengths")
        for (row, length) in zip(rows, lengths) {
            precondition(row >= 0 && row < store.rows, "row \(row) outside the store's \(store.rows)")
            precondition(
                length + time <= store.capacity,
                "\(length) stored + \(time) new positions exceed the capacity \(store.capacity)")
        }
        let output = Tensor(uninitializedShape: query.shape)
        let q = query.pointer, k = key.pointer, v = value.pointer, y = output.pointer
        // Store the new keys and values first: new position t attends to itself too.
        for b in 0..<batch {
            for h in 0..<heads {
                let base = store.offset(row: rows[b], head: h)
                for t in 0..<time {
                    let source = (b * time + t) * channels + h * headSize
                    let destination = base + (lengths[b] + t) * headSize
                    (store.keys + destination).update(from: k + source, count: headSize)
                    (store.values + destination).update(from: v + source, count: headSize)
                }
            }
        }
        let scale = 1 / Float(headSize).squareRoot()
        let longest = (lengths.max() ?? 0) + time
        withUnsafeTemporaryAllocation(of: Float.self, capacity: time * longest) { buffer in
            let scores = buffer.baseAddress!
            for b in 0..<batch {
                let visibleKeys = lengths[b] + time
                for h in 0..<heads {
                    let base = store.offset(row: rows[b], head: h)
                    let column = b * time * channels + h * headSize
                    // S = Q·Kᵀ/√d over every stored position: [T, d]·[d, L + T].
                    sgemm(
                        transposeA: false, transposeB: true, m: time, n: visibleKeys, k: headSize, alpha: scale,
                        a: q + column, leadingA: channels, b: store.keys + base, leadingB: headSize,
                        beta: 0, c: scores, leadingC: visibleKeys)
                    for t in 0..<time {  // new position t sees stored positions 0 ... L + t
                        let row = scores + t * visibleKeys
                        let visible = lengths[b] + t + 1
                        softmaxRow(row, row, visible)
                        for j in visible..<visibleKeys { row[j] = 0 }
                    }
                    // Y = P·V into this head's columns.
                    sgemm(
                        transposeA: false, transposeB: false, m: time, n: headSize, k: visibleKeys,
                        a: scores, leadingA: visibleKeys, b: store.values + base, leadingB: headSize,
                        beta: 0, c: y + column, leadingC: channels)
                }
            }
        }
        return output
    }
}
