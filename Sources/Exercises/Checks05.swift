import Adapters
import Engine

// MARK: - How chapter 5's exercises are checked
//
// The oracle is the Adapters module itself: LoRALinear's forward and fused(), LoRA's count,
// ParameterBudget's account.

extension ExerciseCatalog {
    static var chapter05: [Exercise] {
        [
            Exercise(
                chapter: 5, number: "5.1", title: "The LoRA forward pass",
                task: "Write `loraForward(input:weight:bias:loraA:loraB:alpha:)`: W·x + b + (α/r)·B·(A·x).",
                hint: "first h = A·x (r numbers), then u = B·h (out numbers); y[o] = Σ_i W[o][i]·x[i] + b[o] + "
                    + "(α/r)·u[o]",
                checkReader: { checkLoRAForward(Chapter05.loraForward) },
                checkReference: { checkLoRAForward(referenceLoRAForward) }),
            Exercise(
                chapter: 5, number: "5.2", title: "Merging an adapter",
                task: "Write `mergedWeight(weight:loraA:loraB:alpha:)`: W + (α/r)·B·A.",
                hint: "entry (o, i) gains (α/r)·Σ_k B[o][k]·A[k][i]",
                checkReader: { checkMerge(Chapter05.mergedWeight) },
                checkReference: { checkMerge(referenceMerge) }),
            Exercise(
                chapter: 5, number: "5.3", title: "Counting LoRA's parameters",
                task: "Write `loraParameterCount(shapes:rank:)`: r·(in + out) per adapted matrix.",
                hint: "What are the shapes of A and B for an [out, in] weight, and how many numbers do they "
                    + "hold together?",
                checkReader: { checkLoRACount(Chapter05.loraParameterCount) },
                checkReference: { checkLoRACount { LoRA.parameterCount(rank: $1, shapes: $0) } }),
            Exercise(
                chapter: 5, number: "5.4", title: "The memory of training",
                task: "Write `trainingMemoryBytes(total:trainable:)`: weights, gradients and Adam state in "
                    + "float32.",
                hint: "Which parameters need only their weight, and which also a gradient and Adam's two "
                    + "moments? Everything is float32.",
                checkReader: { checkTrainingMemory(Chapter05.trainingMemoryBytes) },
                checkReference: { checkTrainingMemory(referenceTrainingMemory) }),
        ]
    }

    // MARK: Reference solutions, through the Adapters module

    /// A LoRALinear with the given tensors.
    static func loraLayer(
        weight: [[Float]], bias: [Float]?, loraA: [[Float]], loraB: [[Float]],
        alpha: Float
    ) -> LoRALinear {
        func tensor(_ m: [[Float]]) -> Tensor { Tensor(shape: [m.count, m[0].count], scalars: m.flatMap { $0 }) }
        let base = Linear(weight: tensor(weight), bias: bias.map { Tensor(shape: [$0.count], scalars: $0) })
        var rng = SplitMix64(seed: 0)
        let layer = LoRALinear(wrapping: base, rank: loraA.count, alpha: alpha, rng: &rng)
        layer.loraA.assign(tensor(loraA))
        layer.loraB.assign(tensor(loraB))
        return layer
    }

    static func referenceLoRAForward(
        _ x: [Float], _ w: [[Float]], _ b: [Float], _ a: [[Float]], _ bUp: [[Float]],
        _ alpha: Float
    ) throws -> [Float] {
        let layer = loraLayer(weight: w, bias: b, loraA: a, loraB: bUp, alpha: alpha)
        return Tensor.withoutGradient { layer(Tensor(shape: [x.count], scalars: x)) }.scalars
    }

    static func referenceMerge(_ w: [[Float]], _ a: [[Float]], _ bUp: [[Float]], _ alpha: Float) throws -> [[Float]] {
        let fused = loraLayer(weight: w, bias: nil, loraA: a, loraB: bUp, alpha: alpha).fused().weight
        let columns = fused.shape[1], values = fused.scalars
        return (0..<fused.shape[0]).map { Array(values[($0 * columns)..<(($0 + 1) * columns)]) }
    }

    static func referenceTrainingMemory(_ total: Int, _ trainable: Int) throws -> Int {
        let budget = ParameterBudget(total: total, trainable: trainable)
        return 4 * budget.total + budget.gradientBytes + budget.optimizerStateBytes
    }

    // MARK: Checks

    /// Random cases (in, out, r, α) for the forward and merge checks.
    static func loraCases(seed: UInt64) -> [(
        description: String,
        input: (x: [Float], w: [[Float]], b: [Float], a: [[Float]], bUp: [[Float]], alpha: Float)
    )] {
        var rng = SplitMix64(seed: seed)
        return [(3, 2, 1, 1 as Float), (5, 4, 2, 8), (6, 3, 4, 2)].map { shape in
            let (inputs, outputs, rank, alpha) = shape
            return (
                description: "in=\(inputs), out=\(outputs), r=\(rank), α=\(alpha)",
                input: (
                    (0..<inputs).map { _ in rng.nextNormal() }, randomMatrix(outputs, inputs, rng: &rng),
                    (0..<outputs).map { _ in rng.nextNormal() }, randomMatrix(rank, inputs, rng: &rng),
                    randomMatrix(outputs, rank, rng: &rng), alpha
                )
            )
        }
    }

    static func checkLoRAForward(
        _ implementation: ([Float], [[Float]], [Float], [[Float]], [[Float]], Float) throws -> [Float]
    ) -> ExerciseOutcome {
        check(loraCases(seed: 51), { try implementation($0.x, $0.w, $0.b, $0.a, $0.bUp, $0.alpha) }) { input, output in
            guard
                let expected = try? referenceLoRAForward(
                    input.x, input.w, input.b, input.a, input.bUp,
                    input.alpha)
            else {
                return "reference failed"
            }
            guard output.count == expected.count else {
                return "expected \(expected.count) outputs, got \(output.count)"
            }
            let difference = zip(output, expected).map { abs($0 - $1) }.max() ?? 0
            return difference < 1e-4 ? nil : "largest difference \(difference) from \(expected)"
        }
    }

    static func checkMerge(
        _ implementation: ([[Float]], [[Float]], [[Float]], Float) throws -> [[Float]]
    ) -> ExerciseOutcome {
        check(loraCases(seed: 52), { try implementation($0.w, $0.a, $0.bUp, $0.alpha) }) { input, output in
            guard let expected = try? referenceMerge(input.w, input.a, input.bUp, input.alpha) else {
                return "reference failed"
            }
            guard let difference = maxDifference(expected, output) else {
                return "expected a \(expected.count)×\(expected[0].count) matrix"
            }
            return difference < 1e-4 ? nil : "largest difference \(difference)"
        }
    }

    static func checkLoRACount(_ implementation: ([[Int]], Int) throws -> Int) -> ExerciseOutcome {
        let cases: [(description: String, input: (shapes: [[Int]], rank: Int))] = [
            ("one 4×3 matrix, r = 1", ([[4, 3]], 1)),
            ("q and v of d = 128, r = 8", ([[128, 128], [128, 128]], 8)),
            ("an MLP's up and down, d = 64, r = 4", ([[256, 64], [64, 256]], 4)),
        ]
        return check(cases, { try implementation($0.shapes, $0.rank) }) { input, output in
            let expected = LoRA.parameterCount(rank: input.rank, shapes: input.shapes)
            return output == expected ? nil : "expected \(expected), got \(output)"
        }
    }

    static func checkTrainingMemory(_ implementation: (Int, Int) throws -> Int) -> ExerciseOutcome {
        let cases: [(description: String, input: (total: Int, trainable: Int))] = [
            ("full fine-tuning of 1,000 parameters", (1_000, 1_000)),
            ("LoRA: 16,384 of 1,060,352 train", (1_060_352, 16_384)),
            ("everything frozen", (500, 0)),
        ]
        return check(cases, { try implementation($0.total, $0.trainable) }) { input, output in
            let expected = 4 * input.total + 12 * input.trainable
            return output == expected ? nil : "expected \(expected) bytes, got \(output)"
        }
    }
}
