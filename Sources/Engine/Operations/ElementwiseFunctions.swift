import Foundation

// MARK: - One-input element-wise functions

extension Tensor {
    /// Applies `function` element-wise; the backward pass multiplies the output gradient by
    /// `derivative(input, output)`.
    // listing: engine-mapped
    @inline(__always)
    func mapped(
        _ function: (Float) -> Float,
        derivative: @escaping (_ input: Float, _ output: Float) -> Float
    ) -> Tensor {
        let output = Tensor(uninitializedShape: shape)
        let x = pointer, y = output.pointer
        for index in 0..<count { y[index] = function(x[index]) }
        let values = output.storage
        return Tensor.recording(output, inputs: [self]) { [self] gradient in
            let target = gradientPointer, g = gradient.pointer, x = pointer, y = values.pointer
            for index in 0..<count { target[index] += g[index] * derivative(x[index], y[index]) }
        }
    }

    /// Every element times `factor`. Gradient: g·factor.
    ///
    /// Example: `scores.scaled(by: 1 / Float(headDimensions).squareRoot())`
    public func scaled(by factor: Float) -> Tensor {
        mapped({ $0 * factor }, derivative: { _, _ in factor })
    }
    // listing: end

    /// Every element plus `offset`.
    public func shifted(by offset: Float) -> Tensor {
        mapped({ $0 + offset }, derivative: { _, _ in 1 })
    }

    /// eˣ element-wise. Gradient: g·eˣ (the output itself).
    public func exp() -> Tensor { mapped({ Foundation.exp($0) }, derivative: { _, y in y }) }

    /// Natural logarithm element-wise. Gradient: g / x.
    public func log() -> Tensor { mapped({ Foundation.log($0) }, derivative: { x, _ in 1 / x }) }

    /// Hyperbolic tangent element-wise. Gradient: g·(1 − tanh²x).
    public func tanh() -> Tensor { mapped({ Foundation.tanh($0) }, derivative: { _, y in 1 - y * y }) }

    /// max(0, x) element-wise. Gradient: g where x > 0, else 0.
    public func relu() -> Tensor { mapped({ Swift.max($0, 0) }, derivative: { x, _ in x > 0 ? 1 : 0 }) }

    /// x² element-wise. Gradient: 2x·g.
    public func squared() -> Tensor { mapped({ $0 * $0 }, derivative: { x, _ in 2 * x }) }

    /// √x element-wise. Gradient: g / (2√x).
    public func squareRoot() -> Tensor { mapped({ $0.squareRoot() }, derivative: { _, y in 0.5 / y }) }

    /// The Gaussian error linear unit in GPT-2's tanh form:
    /// GELU(x) = ½·x·(1 + tanh(u)), u = √(2/π)·(x + 0.044715·x³).
    ///
    /// Computed as x·σ(2u) (since ½(1 + tanh u) = σ(2u)), with the vectorised `fastExp`:
    /// one exponential, no tanh call, accurate in both tails.
    ///
    /// Gradient, with s = σ(2u): s + 2·x·s·(1 − s)·√(2/π)·(1 + 3·0.044715·x²).
    public func gelu() -> Tensor {
        let output = Tensor(uninitializedShape: shape)
        let x = pointer, y = output.pointer
        ParallelWork.forEachPart(of: count, minimumPartSize: geluPartSize) { range in
            geluForward(x + range.lowerBound, into: y + range.lowerBound, count: range.count)
        }
        return Tensor.recording(output, inputs: [self]) { [self] gradient in
            let (target, isFresh) = gradientForOverwrite()
            let x = pointer, g = gradient.pointer
            ParallelWork.forEachPart(of: count, minimumPartSize: geluPartSize) { range in
                geluBackward(
                    x + range.lowerBound, gradient: g + range.lowerBound, into: target + range.lowerBound,
                    accumulating: !isFresh, count: range.count)
            }
        }
    }

    // MARK: - With a scalar

    public static func + (tensor: Tensor, scalar: Float) -> Tensor { tensor.shifted(by: scalar) }
    public static func + (scalar: Float, tensor: Tensor) -> Tensor { tensor.shifted(by: scalar) }
    public static func - (tensor: Tensor, scalar: Float) -> Tensor { tensor.shifted(by: -scalar) }
    public static func - (scalar: Float, tensor: Tensor) -> Tensor { tensor.scaled(by: -1).shifted(by: scalar) }
    public static func * (tensor: Tensor, scalar: Float) -> Tensor { tensor.scaled(by: scalar) }
    public static func * (scalar: Float, tensor: Tensor) -> Tensor { tensor.scaled(by: scalar) }
    public static func / (tensor: Tensor, scalar: Float) -> Tensor { tensor.scaled(by: 1 / scalar) }
    /// scalar / x element-wise. Gradient: −g·scalar/x².
    public static func / (scalar: Float, tensor: Tensor) -> Tensor {
        tensor.mapped({ scalar / $0 }, derivative: { x, _ in -scalar / (x * x) })
    }
}

/// The fewest elements worth a thread of their own in GELU (as PyTorch's grain size).
private let geluPartSize = 32_768

/// √(2/π), GELU's constant.
private let geluScale: Float = 0.7978845608028654

// MARK: - GELU kernels

/// s = σ(2u) = 1/(1 + e^(−2u)) with u = √(2/π)·(x + 0.044715·x³), eight lanes at a time.
@inline(__always)
private func geluGate(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let u = geluScale * (x + 0.044715 * x * x * x)
    return 1 / (1 + fastExp(-2 * u))
}

/// y = x·σ(2u) over `count` elements.
private func geluForward(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
    var index = 0
    while index + 8 <= count {
        let v = load8(x, index)
        store8(v * geluGate(v), y, index)
        index += 8
    }
    while index < count {  // the tail, through a padded vector
        var v = SIMD8<Float>(repeating: 0)
        v[0] = x[index]
        y[index] = (v * geluGate(v))[0]
        index += 1
    }
}

/// dx (+)= dy·(s + 2·x·s·(1 − s)·√(2/π)·(1 + 3·0.044715·x²)), overwriting `target` unless
/// `accumulating`.
private func geluBackward(
    _ x: UnsafePointer<Float>, gradient g: UnsafePointer<Float>,
    into target: UnsafeMutablePointer<Float>, accumulating: Bool, count: Int
) {
    @inline(__always) func derivative(_ v: SIMD8<Float>) -> SIMD8<Float> {
        let s = geluGate(v)
        return s + 2 * v * s * (1 - s) * geluScale * (1 + 0.134145 * v * v)
    }
    var index = 0
    while index + 8 <= count {
        let d = load8(g, index) * derivative(load8(x, index))
        store8(accumulating ? load8(target, index) + d : d, target, index)
        index += 8
    }
    while index < count {
        var v = SIMD8<Float>(repeating: 0)
        v[0] = x[index]
        let d = g[index] * derivative(v)[0]
        target[index] = accumulating ? target[index] + d : d
        index += 1
    }
}
