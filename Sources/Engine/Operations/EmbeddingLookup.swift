// MARK: - Embedding lookup

extension Tensor {
    /// Rows of `table` picked by `ids`: `[V, D]` and n ids → `[n, D]`.
    ///
    /// Gradient: scatter-add — row `ids[i]` of the table's gradient gains row i of the
    /// output gradient (an id used twice gains twice).
    ///
    /// Example: `Tensor.embedding(table: tokenEmbedding, ids: [5, 9, 5]).reshaped([1, 3, -1])`
    public static func embedding(table: Tensor, ids: [Int]) -> Tensor {
        precondition(table.rank == 2, "embedding table must be [V, D], got \(table.shape)")
        let rows = table.shape[0], width = table.shape[1]
        let output = Tensor(uninitializedShape: [ids.count, width])
        for (i, id) in ids.enumerated() {
            precondition(id >= 0 && id < rows, "id \(id) out of range 0..<\(rows)")
            (output.pointer + i * width).update(from: table.pointer + id * width, count: width)
        }
        return recording(output, inputs: [table]) { gradient in
            let target = table.gradientPointer, g = gradient.pointer
            for (i, id) in ids.enumerated() {
                let destination = target + id * width, source = g + i * width
                for j in 0..<width { destination[j] += source[j] }
            }
        }
    }
}
