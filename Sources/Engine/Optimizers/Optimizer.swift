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
    /// The optimizer's state by name (e.g. `m.3`, `v.3`, `step`), for checkpoints: an entry
    /// for every trainable parameter (zeros where none was needed yet), so a state that lost
    /// one can be told from a state that never had it.
    func stateTensors() -> [String: Tensor]
    /// Restores state written by `stateTensors()`, all of it or nothing.
    /// - Throws: `OptimizerStateError` for a missing, misshapen or unknown entry or a bad step;
    ///   the optimizer is unchanged then.
    func loadState(_ state: [String: Tensor]) throws
}

/// Why an optimizer state could not be restored (from a checkpoint, usually).
public enum OptimizerStateError: Error, Equatable, CustomStringConvertible {
    /// An entry a trainable parameter needs is absent (e.g. `m.3`).
    case missingEntry(name: String)
    /// An entry's shape is not its parameter's.
    case misshapenEntry(name: String, expected: [Int], found: [Int])
    /// An entry this optimizer has no place for (another optimizer's, or another model's).
    case unexpectedEntry(name: String)
    /// The step count is not one whole, non-negative number.
    case invalidStep(shape: [Int], values: [Float])

    public var description: String {
        switch self {
        case .missingEntry(let name):
            return "optimizer state: no entry '\(name)'; the state was saved for other parameters or is incomplete"
        case let .misshapenEntry(name, expected, found):
            return "optimizer state: '\(name)' has shape \(found), but its parameter has shape \(expected)"
        case .unexpectedEntry(let name):
            return "optimizer state: unexpected entry '\(name)'; it was saved by another optimizer or model"
        case let .invalidStep(shape, values):
            return "optimizer state: 'step' must be one whole number ≥ 0, "
                + "found shape \(shape) holding \(values.prefix(4))"
        }
    }
}

/// Checks a saved state against `parameters` before anything is loaded: each name in `names`
/// (e.g. `["m", "v"]`) must have an entry `name.i` of parameter i's shape for every trainable
/// parameter, may have one for a frozen parameter, and nothing else may be there but `extra`.
/// - Returns: the entries by name and parameter index.
func validatedState(
    _ state: [String: Tensor], names: [String], extra: Set<String> = [],
    parameters: [Tensor]
) throws -> [String: [Int: Tensor]] {
    var result: [String: [Int: Tensor]] = [:]
    for name in names {
        var entries: [Int: Tensor] = [:]
        for (index, parameter) in parameters.enumerated() {
            let key = "\(name).\(index)"
            guard let entry = state[key] else {
                if parameter.requiresGradient { throw OptimizerStateError.missingEntry(name: key) }
                continue
            }
            guard entry.shape == parameter.shape else {
                throw OptimizerStateError.misshapenEntry(name: key, expected: parameter.shape, found: entry.shape)
            }
            entries[index] = entry
        }
        result[name] = entries
    }
    let known = Set(result.flatMap { name, entries in entries.keys.map { "\(name).\($0)" } }).union(extra)
    if let stray = state.keys.sorted().first(where: { !known.contains($0) }) {
        throw OptimizerStateError.unexpectedEntry(name: stray)
    }
    return result
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

    /// `velocity.<index>` for every trainable parameter when there is momentum; nothing without.
    public func stateTensors() -> [String: Tensor] {
        guard momentum != 0 else { return [:] }
        var state: [String: Tensor] = [:]
        for (index, parameter) in parameters.enumerated() where parameter.requiresGradient || velocities[index] != nil {
            state["velocity.\(index)"] = velocities[index] ?? Tensor.zeros(parameter.shape)
        }
        return state
    }

    public func loadState(_ state: [String: Tensor]) throws {
        let entries = try validatedState(state, names: momentum != 0 ? ["velocity"] : [], parameters: parameters)
        for (index, velocity) in entries["velocity"] ?? [:] { velocities[index] = velocity.detached() }
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

    public init(
        parameters: [Tensor], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8
    ) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
        weightDecay = 0
        firstMoments = Array(repeating: nil, count: parameters.count)
        secondMoments = Array(repeating: nil, count: parameters.count)
    }

    init(
        parameters: [Tensor], learningRate: Float, beta1: Float, beta2: Float, epsilon: Float,
        decoupledWeightDecay weightDecay: Float
    ) {
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
            adamUpdate(
                parameter: parameter.pointer, gradient: gradient.pointer, firstMoment: first.pointer,
                secondMoment: second.pointer, count: parameter.count, beta1: b1, beta2: b2, epsilon: eps,
                stepSize: rate / correction1, decayFactor: 1 - rate * decay,
                secondCorrection: 1 / correction2.squareRoot())
        }
    }

    /// `m.<index>`, `v.<index>` for every trainable parameter (zeros before its first update)
    /// and `step` (a one-element tensor).
    public func stateTensors() -> [String: Tensor] {
        var state: [String: Tensor] = ["step": Tensor(Float(stepCount))]
        for (index, parameter) in parameters.enumerated()
        where parameter.requiresGradient || firstMoments[index] != nil {
            state["m.\(index)"] = firstMoments[index] ?? Tensor.zeros(parameter.shape)
            state["v.\(index)"] = secondMoments[index] ?? Tensor.zeros(parameter.shape)
        }
        return state
    }

    public func loadState(_ state: [String: Tensor]) throws {
        guard let step = state["step"] else { throw OptimizerStateError.missingEntry(name: "step") }
        let value = step.scalars.first ?? -1
        // Float holds every whole number up to 2²⁴ exactly; a step count beyond is not one we wrote.
        guard step.count == 1, value >= 0, value <= 16_777_216, value == value.rounded() else {
            throw OptimizerStateError.invalidStep(shape: step.shape, values: step.scalars)
        }
        let entries = try validatedState(state, names: ["m", "v"], extra: ["step"], parameters: parameters)
        stepCount = Int(value)
        for (index, m) in entries["m"] ?? [:] { firstMoments[index] = m.detached() }
        for (index, v) in entries["v"] ?? [:] { secondMoments[index] = v.detached() }
    }
}

/// Adam with decoupled weight decay; see `Adam`.
///
/// Example: `AdamW(parameters: model.trainableParameters, learningRate: 6e-4, weightDecay: 0.1)`
public final class AdamW: Adam {
    public init(
        parameters: [Tensor], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0.01
    ) {
        super.init(
            parameters: parameters, learningRate: learningRate, beta1: beta1, beta2: beta2,
            epsilon: epsilon, decoupledWeightDecay: weightDecay)
    }
}

// MARK: - The Adam kernel

/// One Adam(W) update of `count` parameters, eight lanes at a time, with the constants
/// folded: p ← p·(1 − ηλ) − (η/c₁)·m / (√v·(1/√c₂) + ε), which is the update above
/// (√(v/c₂) = √v/√c₂) with one division and one square root per element.
private func adamUpdate(
    parameter p: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>,
    firstMoment m: UnsafeMutablePointer<Float>, secondMoment v: UnsafeMutablePointer<Float>,
    count: Int, beta1: Float, beta2: Float, epsilon: Float,
    stepSize: Float, decayFactor: Float, secondCorrection: Float
) {
    @inline(__always) func update(_ p: SIMD8<Float>, _ g: SIMD8<Float>, _ m: SIMD8<Float>, _ v: SIMD8<Float>)
        -> (p: SIMD8<Float>, m: SIMD8<Float>, v: SIMD8<Float>)
    {
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
        let (newP, newM, newV) = update(
            SIMD8(repeating: p[index]), SIMD8(repeating: g[index]),
            SIMD8(repeating: m[index]), SIMD8(repeating: v[index]))
        p[index] = newP[0]; m[index] = newM[0]; v[index] = newV[0]
        index += 1
    }
}
