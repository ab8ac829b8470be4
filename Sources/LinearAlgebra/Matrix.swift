import Foundation

// MARK: - Matrix

/// A dense matrix of `Float`s stored row-major: the entry in row `i`, column `j` sits at
/// `scalars[i * columns + j]`.
///
/// This is the layout of the engine's tensors (a weight of shape `[rows, columns]`), so a
/// chapter hands a GPT weight to the SVD without reshuffling. The type is a value: copies are
/// cheap until written (copy-on-write through `Array`).
///
/// The decompositions in this module compute in `Double` internally and hand back `Float`
/// matrices, because `Float` is what the models store and what LAPACK's `sgesdd` is compared in.
///
/// Example:
/// ```swift
/// let a = Matrix(rows: 2, columns: 3, scalars: [1, 2, 3,
///                                               4, 5, 6])
/// a[1, 2]                 // 6
/// a.transposed().rows     // 3
/// (a * a.transposed())    // 2 × 2, through cblas_sgemm
/// ```
public struct Matrix: Sendable, Equatable, CustomStringConvertible {
    /// The number of rows, `m`.
    public let rows: Int
    /// The number of columns, `n`.
    public let columns: Int
    /// The `rows × columns` entries, row after row.
    public var scalars: [Float]

    /// Creates a matrix from its entries in row-major order.
    ///
    /// - Parameters:
    ///   - rows: the number of rows (≥ 0).
    ///   - columns: the number of columns (≥ 0).
    ///   - scalars: exactly `rows * columns` entries, row after row.
    public init(rows: Int, columns: Int, scalars: [Float]) {
        precondition(rows >= 0 && columns >= 0, "a matrix needs non-negative sizes, got \(rows) × \(columns)")
        precondition(
            scalars.count == rows * columns,
            "a \(rows) × \(columns) matrix needs \(rows * columns) scalars, got \(scalars.count)")
        self.rows = rows
        self.columns = columns
        self.scalars = scalars
    }

    /// Creates a `rows × columns` matrix of one repeated value (zeros by default).
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        self.init(rows: rows, columns: columns, scalars: [Float](repeating: value, count: rows * columns))
    }

    /// Creates a matrix from an array of rows, each of the same length.
    ///
    /// Example: `Matrix([[1, 2], [3, 4]])`.
    public init(_ rowArrays: [[Float]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "every row needs \(columns) entries")
        self.init(rows: rowArrays.count, columns: columns, scalars: rowArrays.flatMap { $0 })
    }

    /// The `size × size` identity matrix `I`.
    public static func identity(size: Int) -> Matrix {
        var result = Matrix(rows: size, columns: size)
        for i in 0..<size { result[i, i] = 1 }
        return result
    }

    /// A `rows × columns` matrix with `diagonal` on its main diagonal and zeros elsewhere
    /// (the `Σ` of an SVD). `diagonal` may be shorter than `min(rows, columns)`.
    public init(rows: Int, columns: Int, diagonal: [Float]) {
        precondition(
            diagonal.count <= min(rows, columns),
            "\(diagonal.count) diagonal entries do not fit a \(rows) × \(columns) matrix")
        self.init(rows: rows, columns: columns)
        for (i, value) in diagonal.enumerated() { self[i, i] = value }
    }

    // MARK: - Entries, rows and columns

    /// The entry in row `row`, column `column`.
    public subscript(row: Int, column: Int) -> Float {
        get {
            precondition(
                row >= 0 && row < rows && column >= 0 && column < columns,
                "index (\(row), \(column)) is outside a \(rows) × \(columns) matrix")
            return scalars[row * columns + column]
        }
        set {
            precondition(
                row >= 0 && row < rows && column >= 0 && column < columns,
                "index (\(row), \(column)) is outside a \(rows) × \(columns) matrix")
            scalars[row * columns + column] = newValue
        }
    }

    /// Row `index` as an array of `columns` entries.
    public func row(_ index: Int) -> [Float] {
        precondition(index >= 0 && index < rows, "row \(index) is outside a matrix of \(rows) rows")
        return Array(scalars[(index * columns)..<((index + 1) * columns)])
    }

    /// Column `index` as an array of `rows` entries.
    public func column(_ index: Int) -> [Float] {
        precondition(index >= 0 && index < columns, "column \(index) is outside a matrix of \(columns) columns")
        return (0..<rows).map { scalars[$0 * columns + index] }
    }

    /// The first `count` columns: `U[:, :count]` in NumPy's spelling.
    public func leadingColumns(_ count: Int) -> Matrix {
        precondition(count >= 0 && count <= columns, "cannot take \(count) of \(columns) columns")
        var result = Matrix(rows: rows, columns: count)
        for i in 0..<rows {
            for j in 0..<count { result.scalars[i * count + j] = scalars[i * columns + j] }
        }
        return result
    }

    /// The first `count` rows: `Vᵀ[:count, :]` in NumPy's spelling.
    public func leadingRows(_ count: Int) -> Matrix {
        precondition(count >= 0 && count <= rows, "cannot take \(count) of \(rows) rows")
        return Matrix(rows: count, columns: columns, scalars: Array(scalars[0..<(count * columns)]))
    }

    /// The transpose `Aᵀ`, with `Aᵀ[j, i] = A[i, j]`.
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for i in 0..<rows {
            for j in 0..<columns { result.scalars[j * rows + i] = scalars[i * columns + j] }
        }
        return result
    }

    // MARK: - Norms

    /// The Frobenius norm `‖A‖_F = √(Σᵢⱼ aᵢⱼ²)`, accumulated in `Double` so that a large
    /// matrix does not lose the small entries.
    public var frobeniusNorm: Float {
        Float(scalars.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
    }

    /// The largest absolute entry `max |aᵢⱼ|` (0 for an empty matrix).
    public var maximumAbsoluteEntry: Float {
        scalars.reduce(0) { max($0, abs($1)) }
    }

    public var description: String {
        var lines = ["Matrix \(rows) × \(columns)"]
        for i in 0..<min(rows, 8) {
            let shown = (0..<min(columns, 8)).map { String(format: "%9.4f", Double(self[i, $0])) }
            lines.append("[" + shown.joined(separator: " ") + (columns > 8 ? " …" : "") + "]")
        }
        if rows > 8 { lines.append("…") }
        return lines.joined(separator: "\n")
    }
}
