import Engine
import LinearAlgebra

// MARK: - A model's weight as a matrix for the SVD, and back

extension Matrix {
    /// A copy of a 2-D tensor [rows, columns] (row-major, as both store it).
    /// - Precondition: the tensor is 2-D.
    public init(_ tensor: Tensor) {
        precondition(tensor.rank == 2, "a matrix needs a 2-D tensor, got \(tensor.shape)")
        self.init(rows: tensor.shape[0], columns: tensor.shape[1], scalars: tensor.scalars)
    }
}

extension Tensor {
    /// Overwrites this tensor's values in place with `matrix` — how chapter 4 swaps a model's
    /// weight for its low-rank approximation and back without rebuilding the model.
    /// - Precondition: the shapes agree.
    public func overwrite(with matrix: Matrix) {
        precondition(shape == [matrix.rows, matrix.columns], "shape \(shape) vs \(matrix.rows)×\(matrix.columns)")
        for index in 0..<count { pointer[index] = matrix.scalars[index] }
    }
}
