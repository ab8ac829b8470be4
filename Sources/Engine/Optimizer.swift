import Foundation

// MARK: - Optimizers

/// Updates parameters from their gradients.
///
/// Frozen parameters (`requiresGradient == false`) and parameters without a gradient are
/// skipped. State (momenta, step count) is exposed by name for checkpoints.
///
/// Example:
/// ```swift
/// let optimizer = AdamW(parameters: model.parameters, learningRate: 3e-4)
/// loss.backward(); optimizer.step(); optimizer.zeroGradient()
/// ```
public protocol Optimizer: AnyObject {
    /// The tensors it updates.
    var parameters: [Tensor] { get }
    /// The step size; a schedule may change it before each step.
    var learningRate: Float { get set }
    /// One update from the current gradients.
    func step()
    /// The optimizer's state by name (e.g. `m.3`, `v.3`, `step`), for checkpoints.
    func stateTensors() -> [String: Tensor]
    /// Restores state written by `stateTensors()`.
    func loadState(_ state: [String: Tensor])
}

extension Optimizer {
    /// Forgets every parameter's gradient.
    public func zeroGradient() {
        for parameter in parameters { parameter.zeroGradient() }
    }
}

// MARK: - SGD

/// Stochastic gradient descent with (heavy-ball) momentum:
/// v ← μ·v + g, p ← p − η·v. With μ = 0 it is plain p ← p − η·g.
public final class SGD: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let momentum: Float
    private var velocities: [Tensor?]

    public init(parameters: [Tensor], learningRate: Float, momentum: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        velocities = Array(repeating: nil, count: parameters.count)
    }

    public func step() {
        for (index, parameter) in parameters.enumerated() {
            guard parameter.requiresGradient, let gradient = parameter.gradient else { continue }
            let p = parameter.pointer, g = gradient.pointer
            if momentum == 0 {
                for i in 0..<parameter.count { p[i] -= learningRate * g[i] }
                continue
            }
            let velocity = velocities[index] ?? Tensor.zeros(parameter.shape)
            velocities[index] = velocity
            let v = velocity.pointer
            for i in 0..<parameter.count {
                v[i] = momentum * v[i] + g[i]
                p[i] -= learningRate * v[i]
            }
        }
    }

    public func stateTensors() -> [String: Tensor] {
        var state: [String: Tensor] = [:]
        for (index, velocity) in velocities.enumerated() { if let velocity { state["velocity.\(index)"] = velocity } }
        return state
    }

    public func loadState(_ state: [String: Tensor]) {
        for index in parameters.indices { if let v = state["velocity.\(index)"] { velocities[index] = v.detached() } }
    }
}

// MARK: - Adam and AdamW

/// Adam (Kingma & Ba 2015) with optional decoupled weight decay (AdamW, Loshchilov & Hutter 2019):
///
/// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ),
/// p ← p − η·λ·p (AdamW only), then p ← p − η·m̂/(√v̂ + ε).
public class Adam: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let beta1: Float, beta2: Float, epsilon: Float
    /// λ, applied decoupled from the gradient (AdamW); 0 for plain Adam.
    public let weightDecay: Float
    /// Steps taken (t in the bias correction).
    public private(set) var stepCount = 0
    private var firstMoments: [Tensor?]
    private var secondMoments: [Tensor?]

    public init(parameters: [Tensor], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-8) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
        weightDecay = 0
        firstMoments = Array(repeating: nil, count: parameters.count)
        secondMoments = Array(repeating: nil, count: parameters.count)
    }

    init(parameters: [Tensor], learningRate: Float, beta1: Float, beta2: Float, epsilon: Float,
         decoupledWeightDecay weightDecay: Float) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
        self.weightDecay = weightDecay
        firstMoments = Array(repeating: nil, count: parameters.count)
        secondMoments = Array(repeating: nil, count: parameters.count)
    }

    public func step() {
        stepCount += 1
        let correction1 = 1 - Float(pow(Double(beta1), Double(stepCount)))
        let correction2 = 1 - Float(pow(Double(beta2), Double(stepCount)))
        let (b1, b2, eps, rate, decay) = (beta1, beta2, epsilon, learningRate, weightDecay)
        for (index, parameter) in parameters.enumerated() {
            guard parameter.requiresGradient, let gradient = parameter.gradient else { continue }
            let first = firstMoments[index] ?? Tensor.zeros(parameter.shape)
            let second = secondMoments[index] ?? Tensor.zeros(parameter.shape)
            firstMoments[index] = first; secondMoments[index] = second
            adamUpdate(parameter: parameter.pointer, gradient: gradient.pointer, firstMoment: first.pointer,
                       secondMoment: second.pointer, count: parameter.count, beta1: b1, beta2: b2, epsilon: eps,
                       stepSize: rate / correction1, decayFactor: 1 - rate * decay,
                       secondCorrection: 1 / correction2.squareRoot())
        }
    }

    /// `m.<index>`, `v.<index>` per parameter and `step` (a one-element tensor).
    public func stateTensors() -> [String: Tensor] {
        var state: [String: Tensor] = ["step": Tensor(Float(stepCount))]
        for index in parameters.indices {
            if let m = firstMoments[index] { state["m.\(index)"] = m }
            if let v = secondMoments[index] { state["v.\(index)"] = v }
        }
        return state
    }

    public func loadState(_ state: [String: Tensor]) {
        if let step = state["step"] { stepCount = Int(step.item) }
        for index in parameters.indices {
            if let m = state["m.\(index)"] { firstMoments[index] = m.detached() }
            if let v = state["v.\(index)"] { secondMoments[index] = v.detached() }
        }
    }
}

/// Adam with decoupled weight decay; see `Adam`.
///
/// Example: `AdamW(parameters: model.trainableParameters, learningRate: 6e-4, weightDecay: 0.1)`
public final class AdamW: Adam {
    public init(parameters: [Tensor], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-8, weightDecay: Float = 0.01) {
        super.init(parameters: parameters, learningRate: learningRate, beta1: beta1, beta2: beta2,
                   epsilon: epsilon, decoupledWeightDecay: weightDecay)
    }
}

// MARK: - The Adam kernel

/// One Adam(W) update of `count` parameters, eight lanes at a time, with the constants
/// folded: p ← p·(1 − ηλ) − (η/c₁)·m / (√v·(1/√c₂) + ε), which is the update above
/// (√(v/c₂) = √v/√c₂) with one division and one square root per element.
private func adamUpdate(parameter p: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>,
                        firstMoment m: UnsafeMutablePointer<Float>, secondMoment v: UnsafeMutablePointer<Float>,
                        count: Int, beta1: Float, beta2: Float, epsilon: Float,
                        stepSize: Float, decayFactor: Float, secondCorrection: Float) {
    @inline(__always) func update(_ p: SIMD8<Float>, _ g: SIMD8<Float>, _ m: SIMD8<Float>, _ v: SIMD8<Float>)
        -> (p: SIMD8<Float>, m: SIMD8<Float>, v: SIMD8<Float>) {
        let m = beta1 * m + (1 - beta1) * g
        let v = beta2 * v + (1 - beta2) * g * g
        let p = p * decayFactor - stepSize * m / (v.squareRoot() * secondCorrection + epsilon)
        return (p, m, v)
    }
    var index = 0
    while index + 8 <= count {
        let (newP, newM, newV) = update(load8(p, index), load8(g, index), load8(m, index), load8(v, index))
        store8(newP, p, index); store8(newM, m, index); store8(newV, v, index)
        index += 8
    }
    while index < count {
        let (newP, newM, newV) = update(SIMD8(repeating: p[index]), SIMD8(repeating: g[index]),
                                        SIMD8(repeating: m[index]), SIMD8(repeating: v[index]))
        p[index] = newP[0]; m[index] = newM[0]; v[index] = newV[0]
        index += 1
    }
}
