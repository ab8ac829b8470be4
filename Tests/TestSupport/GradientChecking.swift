import Engine
import Testing

// MARK: - Gradient checks for tensor functions

/// Checks the gradient of every input of `function` against central finite differences.
///
/// The scalar checked is L = Σᵢ wᵢ·yᵢ with fixed random weights w (via `backward(seed:)`),
/// so every output element matters with its own weight — a plain sum would hide errors
/// that cancel (softmax's gradient of Σy is 0). L is accumulated in Double from the Float
/// outputs; see `numericalGradient` for the tolerance.
public func checkGradients(
    _ inputs: [Tensor], tolerance: Double = 5e-3, step: Float = 1e-3, seed: UInt64 = 7,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ function: ([Tensor]) -> Tensor
) {
    for input in inputs { input.requiresGradient = true; input.zeroGradient() }
    let output = function(inputs)
    var rng = SplitMix64(seed: seed)
    let weights = Tensor.randomNormal(shape: output.shape, rng: &rng).scalars
    output.backward(seed: Tensor(shape: output.shape, scalars: weights))
    for (number, input) in inputs.enumerated() {
        let original = input.scalars
        let analytic = input.gradient?.scalars ?? [Float](repeating: 0, count: input.count)
        let failure = gradientCheck(
            values: original, analytic: analytic, step: step,
            tolerance: tolerance
        ) { perturbed in
            input.pointer.update(from: perturbed, count: perturbed.count)
            defer { input.pointer.update(from: original, count: original.count) }
            let y = Tensor.withoutGradient { function(inputs) }.scalars
            var total: Double = 0
            for index in y.indices { total += Double(weights[index]) * Double(y[index]) }
            return total
        }
        #expect(
            failure == nil, "input \(number) of shape \(input.shape): \(failure ?? "")",
            sourceLocation: sourceLocation)
    }
}

/// A seeded random tensor for tests.
public func randomTensor(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
    var rng = SplitMix64(seed: seed)
    return Tensor.randomNormal(shape: shape, standardDeviation: scale, rng: &rng)
}
