// MARK: - Embedding

/// A learned vector per id: a `[count, dimensions]` table whose rows are looked up.
///
/// Initialised from N(0, 1) like PyTorch's `nn.Embedding` (a GPT may rescale).
///
/// Example:
/// ```swift
/// let tokens = Embedding(count: 512, dimensions: 64, rng: &rng)
/// let x = tokens([[1, 2, 3], [4, 5, 6]])   // [2, 3, 64]
/// ```
public final class Embedding: Layer {
    /// `[count, dimensions]`.
    public var table: Tensor

    public init(count: Int, dimensions: Int, rng: inout SplitMix64) {
        table = parameter(Tensor.randomNormal(shape: [count, dimensions], standardDeviation: 1, rng: &rng))
    }

    public init(table: Tensor) { self.table = table }

    /// n ids → `[n, dimensions]`.
    public func callAsFunction(_ ids: [Int]) -> Tensor {
        Tensor.embedding(table: table, ids: ids)
    }

    /// A batch of equally long sequences → `[batch, time, dimensions]`.
    public func callAsFunction(_ batch: [[Int]]) -> Tensor {
        let time = batch.first?.count ?? 0
        precondition(batch.allSatisfy { $0.count == time }, "embedding batch rows differ in length")
        return Tensor.embedding(table: table, ids: batch.flatMap { $0 })
            .reshaped([batch.count, time, table.shape[1]])
    }

    public func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        [(parameterName(prefix, "weight"), table)]
    }
}
