import Foundation

/// An n-dimensional array of Float32 that remembers how it was computed, so that gradients
/// can flow back through it.
///
/// Row-major and contiguous: element `[i, j]` of a `[rows, columns]` tensor sits at
/// `i * columns + j`. A tensor made by an op while gradients are enabled, from inputs that
/// require gradients, records those inputs (`parents`) and a closure that adds its gradient
/// into theirs; `backward()` walks that graph (see Autograd.swift).
///
/// Tensors are not thread-safe; the engine is used from one thread (see
/// `Tensor.withoutGradient`).
///
/// Example:
/// ```swift
/// let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
/// x.requiresGradient = true
/// let loss = (x * x).sum()
/// loss.backward()
/// print(x.gradient!)   // 2x
/// ```
public final class Tensor {
    // MARK: - Data

    /// The size of each axis, outermost first.
    public let shape: [Int]
    /// The memory holding the elements; shared with reshaped views.
    public let storage: TensorStorage
    /// The accumulated gradient of the last `backward()` calls with respect to this tensor
    /// (same shape), or nil before the first one or after `zeroGradient()`.
    public var gradient: Tensor?
    /// Whether gradients should flow into this tensor. Set it on parameters; ops set it on
    /// their outputs. Setting it to false freezes a parameter.
    public var requiresGradient: Bool = false

    // MARK: - Graph (empty for leaves and after backward)

    /// The inputs this tensor was computed from.
    var parents: [Tensor] = []
    /// Adds this tensor's gradient (the argument) into its parents' gradients.
    var backwardFunction: ((Tensor) -> Void)?

    // MARK: - Creation

    /// Wraps existing storage with a shape; the storage must hold exactly that many elements.
    public init(shape: [Int], storage: TensorStorage) {
        let count = shape.reduce(1, *)
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        precondition(
            count == storage.count,
            "shape \(shape) holds \(count) elements but storage has \(storage.count)")
        self.shape = shape
        self.storage = storage
    }

    /// A tensor of `shape` holding `scalars` in row-major order.
    ///
    /// - Parameters:
    ///   - shape: the size of each axis.
    ///   - scalars: exactly `shape.reduce(1, *)` values.
    public convenience init(shape: [Int], scalars: [Float]) {
        precondition(
            shape.reduce(1, *) == scalars.count,
            "shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.init(shape: shape, storage: TensorStorage(copying: scalars))
    }

    /// A one-element tensor of shape `[]` (a scalar).
    public convenience init(_ value: Float) {
        self.init(shape: [], scalars: [value])
    }

    /// A tensor of `shape` with uninitialised contents, for ops to fill.
    convenience init(uninitializedShape shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage(count: shape.reduce(1, *)))
    }

    /// A tensor of `shape` filled with `value`.
    public convenience init(shape: [Int], repeating value: Float) {
        let storage = TensorStorage(count: shape.reduce(1, *))
        storage.pointer.initialize(repeating: value, count: storage.count)
        self.init(shape: shape, storage: storage)
    }

    /// Zeros of `shape`.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 0) }
    /// Ones of `shape`.
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 1) }
    /// `shape` filled with `value`.
    public static func filled(_ shape: [Int], with value: Float) -> Tensor {
        Tensor(shape: shape, repeating: value)
    }

    /// Samples from a normal distribution with mean 0 and the given standard deviation.
    ///
    /// - Parameters:
    ///   - shape: the tensor's shape.
    ///   - standardDeviation: σ of the distribution.
    ///   - rng: the seeded generator, advanced by one draw per element.
    ///
    /// Example: `Tensor.randomNormal(shape: [768, 768], standardDeviation: 0.02, rng: &rng)`
    public static func randomNormal(
        shape: [Int], standardDeviation: Float = 1,
        rng: inout SplitMix64
    ) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        let pointer = result.storage.pointer
        for index in 0..<result.count { pointer[index] = rng.nextNormal() * standardDeviation }
        return result
    }

    /// Samples uniformly from `[lowerBound, upperBound)`.
    ///
    /// Example: `Tensor.randomUniform(shape: [4, 4], in: -0.5..<0.5, rng: &rng)`
    public static func randomUniform(
        shape: [Int], in range: Range<Float> = 0..<1,
        rng: inout SplitMix64
    ) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        let pointer = result.storage.pointer
        let width = range.upperBound - range.lowerBound
        for index in 0..<result.count { pointer[index] = range.lowerBound + rng.nextUniform() * width }
        return result
    }

    // MARK: - Reading

    /// The number of elements.
    public var count: Int { storage.count }
    /// The number of axes.
    public var rank: Int { shape.count }
    /// The first element (read/write access for kernels).
    public var pointer: UnsafeMutablePointer<Float> { storage.pointer }

    /// A copy of the elements in row-major order.
    public var scalars: [Float] { Array(UnsafeBufferPointer(start: storage.pointer, count: count)) }

    /// The value of a one-element tensor (e.g. a loss).
    public var item: Float {
        precondition(count == 1, "item needs a one-element tensor, shape is \(shape)")
        return storage.pointer[0]
    }

    /// The element at `indices` (one index per axis); for tests and small inspections.
    public subscript(_ indices: Int...) -> Float {
        precondition(indices.count == rank, "\(indices.count) indices for a rank-\(rank) tensor")
        var offset = 0
        for (axis, index) in indices.enumerated() {
            precondition(index >= 0 && index < shape[axis], "index \(index) out of range for axis \(axis) of \(shape)")
            offset = offset * shape[axis] + index
        }
        return storage.pointer[offset]
    }

    /// A new leaf tensor with a copy of the data and no graph.
    public func detached() -> Tensor {
        let copy = Tensor(uninitializedShape: shape)
        copy.pointer.update(from: pointer, count: count)
        return copy
    }

    /// Overwrites the elements with those of `other` (same element count), outside autograd.
    /// Used by optimizers and checkpoint loading.
    public func assign(_ other: Tensor) {
        precondition(other.count == count, "assigning \(other.shape) into \(shape)")
        pointer.update(from: other.pointer, count: count)
    }
}

// MARK: - Description

extension Tensor: CustomStringConvertible {
    /// Nested brackets for small tensors; shape and a few statistics for large ones.
    public var description: String {
        let elements = UnsafeBufferPointer(start: pointer, count: count)
        func format(_ value: Float) -> String { String(format: "%.4g", Double(value)) }
        if count > 64 {
            let mean = elements.reduce(0, +) / Float(Swift.max(count, 1))
            return "Tensor(shape: \(shape), mean: \(format(mean)), first: \(elements.prefix(4).map(format)))"
        }
        if rank == 0 { return "Tensor(\(format(elements[0])))" }
        func render(axis: Int, offset: Int) -> String {
            if axis == rank - 1 {
                return "[" + (0..<shape[axis]).map { format(elements[offset + $0]) }.joined(separator: ", ") + "]"
            }
            let stride = shape[(axis + 1)...].reduce(1, *)
            return "["
                + (0..<shape[axis]).map { render(axis: axis + 1, offset: offset + $0 * stride) }
                .joined(separator: ",\n" + String(repeating: " ", count: axis + 1)) + "]"
        }
        return render(axis: 0, offset: 0)
    }
}
