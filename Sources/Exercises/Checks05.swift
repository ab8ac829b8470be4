import Adapters
import Engine

// MARK: - How chapter 5's exercises are checked
//
// The oracle is the Adapters module itself: LoRALinear's forward and fused(), the gradients
// the engine's autograd finds through a LoRALinear, LoRA's count, ParameterBudget's account.

extension ExerciseCatalog {
    static var chapter05: [Exercise] {
        [
            Exercise(
                chapter: 5, number: "5.1", title: "The LoRA forward pass",
                task: "Write `loraForward(input:weight:bias:loraA:loraB:alpha:)`: W·x + b + (α/r)·B·(A·x).",
                hint: "Never form B·A: in which order do the products keep every intermediate only r numbers "
                    + "long? And where does r come from, given A and B?",
                checkReader: { checkLoRAForward(Chapter05.loraForward) },
                checkReference: { checkLoRAForward(referenceLoRAForward) }),
            Exercise(
                chapter: 5, number: "5.2", title: "Merging an adapter",
                task: "Write `mergedWeight(weight:loraA:loraB:alpha:)`: one weight that gives the LoRA layer's "
                    + "outputs.",
                hint: "The low-rank path is linear in x, like W·x: which single matrix does the whole layer "
                    + "multiply x by?",
                checkReader: { checkMerge(Chapter05.mergedWeight) },
                checkReference: { checkMerge(referenceMerge) }),
            Exercise(
                chapter: 5, number: "5.3", title: "When LoRA stops saving",
                task: "Write `breakEvenRank(outputs:inputs:)`: the smallest rank at which LoRA on one "
                    + "[out, in] weight trains at least as many numbers as the weight holds.",
                hint: "How many numbers do A and B hold at rank r? Mind the rounding. Is the update B·A still "
                    + "of low rank at that r, for a square weight?",
                checkReader: { checkBreakEvenRank(Chapter05.breakEvenRank) },
                checkReference: { checkBreakEvenRank(referenceBreakEvenRank) }),
            Exercise(
                chapter: 5, number: "5.4", title: "The memory of training",
                task: "Write `trainingMemoryBytes(total:trainable:)`: weights, gradients and Adam state in "
                    + "float32.",
                hint: "Which parameters need only their weight, and which also a gradient and Adam's two "
                    + "moments? Everything is float32.",
                checkReader: { checkTrainingMemory(Chapter05.trainingMemoryBytes) },
                checkReference: { checkTrainingMemory(referenceTrainingMemory) }),
            Exercise(
                chapter: 5, number: "5.5", title: "The gradients of A and B",
                task: "Write `loraGradients(inputs:weight:loraA:loraB:alpha:upstream:)`: ∂L/∂A and ∂L/∂B of the "
                    + "layer of 5.1, by the chain rule.",
                hint: "Name the r numbers in the middle of the low-rank path. Which of x, W, A, B and the "
                    + "upstream gradient does each gradient need? What does A's gradient become while B is "
                    + "still zero, and what does that mean for the first step?",
                checkReader: { checkLoRAGradients(Chapter05.loraGradients) },
                checkReference: { checkLoRAGradients(engineLoRAGradients) }),
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

    /// The reference for 5.3: the first rank at which the Adapters module's own count reaches
    /// the weight's size.
    static func referenceBreakEvenRank(_ outputs: Int, _ inputs: Int) throws -> Int {
        var rank = 1
        while LoRA.parameterCount(rank: rank, shapes: [[outputs, inputs]]) < outputs * inputs { rank += 1 }
        return rank
    }

    static func checkBreakEvenRank(_ implementation: (Int, Int) throws -> Int) -> ExerciseOutcome {
        let cases: [(description: String, input: (outputs: Int, inputs: Int))] = [
            ("a square 128×128 projection", (128, 128)),
            ("the MLP's 512×128 up-projection", (512, 128)),
            ("a 3×5 weight", (3, 5)),
            ("a 1×7 weight", (1, 7)),
            ("GPT-2's 50,257×768 head", (50_257, 768)),
        ]
        return check(cases, { try implementation($0.outputs, $0.inputs) }) { input, rank in
            guard let expected = try? referenceBreakEvenRank(input.outputs, input.inputs) else {
                return "reference failed"
            }
            return rank == expected ? nil : "expected r = \(expected), got \(rank)"
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

    /// ∂L/∂A and ∂L/∂B by the engine's autograd through a real LoRALinear, L = Σ upstream ⊙ y.
    static func engineLoRAGradients(
        inputs: [[Float]], weight: [[Float]], loraA: [[Float]], loraB: [[Float]], alpha: Float,
        upstream: [[Float]]
    ) throws -> (a: [[Float]], b: [[Float]]) {
        let layer = loraLayer(weight: weight, bias: nil, loraA: loraA, loraB: loraB, alpha: alpha)
        func tensor(_ m: [[Float]]) -> Tensor { Tensor(shape: [m.count, m[0].count], scalars: m.flatMap { $0 }) }
        (layer(tensor(inputs)) * tensor(upstream)).sum().backward()
        func rows(_ t: Tensor?, _ count: Int) -> [[Float]] {
            let values = t?.scalars ?? [], columns = values.count / max(count, 1)
            return (0..<count).map { Array(values[($0 * columns)..<(($0 + 1) * columns)]) }
        }
        return (rows(layer.loraA.gradient, loraA.count), rows(layer.loraB.gradient, loraB.count))
    }

    static func checkLoRAGradients(
        _ implementation: ([[Float]], [[Float]], [[Float]], [[Float]], Float, [[Float]]) throws
            -> (a: [[Float]], b: [[Float]])
    ) -> ExerciseOutcome {
        var rng = SplitMix64(seed: 55)
        typealias Case = (x: [[Float]], w: [[Float]], a: [[Float]], bUp: [[Float]], alpha: Float, g: [[Float]])
        var cases: [(description: String, input: Case)] = []
        // (batch, in, out, r, α); the last has B = 0, as at the start of training.
        for (batch, inputs, outputs, rank, alpha) in [(1, 3, 2, 1, 1 as Float), (4, 5, 4, 2, 8), (3, 6, 3, 4, 2)] {
            cases.append(
                (
                    "N=\(batch), in=\(inputs), out=\(outputs), r=\(rank), α=\(alpha)",
                    (
                        randomMatrix(batch, inputs, rng: &rng), randomMatrix(outputs, inputs, rng: &rng),
                        randomMatrix(rank, inputs, rng: &rng), randomMatrix(outputs, rank, rng: &rng), alpha,
                        randomMatrix(batch, outputs, rng: &rng)
                    )
                ))
        }
        cases.append(
            (
                "B = 0, as LoRA starts (N=2, in=4, out=3, r=2, α=16)",
                (
                    randomMatrix(2, 4, rng: &rng), randomMatrix(3, 4, rng: &rng), randomMatrix(2, 4, rng: &rng),
                    [[Float]](repeating: [0, 0], count: 3), 16, randomMatrix(2, 3, rng: &rng)
                )
            ))
        return check(cases, { try implementation($0.x, $0.w, $0.a, $0.bUp, $0.alpha, $0.g) }) { input, output in
            guard
                let expected = try? engineLoRAGradients(
                    inputs: input.x, weight: input.w, loraA: input.a, loraB: input.bUp, alpha: input.alpha,
                    upstream: input.g)
            else { return "reference failed" }
            guard let differenceA = maxDifference(expected.a, output.a) else {
                return "∂L/∂A must be \(input.a.count)×\(input.a[0].count), like A"
            }
            guard let differenceB = maxDifference(expected.b, output.b) else {
                return "∂L/∂B must be \(input.bUp.count)×\(input.bUp[0].count), like B"
            }
            // Float32 sums of a few dozen products, some scaled by α/r = 8: 1e-3 is ample.
            if differenceA > 1e-3 { return "∂L/∂A differs by up to \(differenceA); expected \(expected.a)" }
            return differenceB > 1e-3 ? "∂L/∂B differs by up to \(differenceB); expected \(expected.b)" : nil
        }
    }
}
