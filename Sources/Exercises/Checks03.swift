import Engine
import Foundation
import Transformers

// MARK: - How chapter 3's exercises are checked
//
// The oracles are the engine and the model: its cross-entropy and AdamW (with the moments
// loaded as a checkpoint restores them), the Sampler, a GPT built and counted, MemoryAccount.

extension ExerciseCatalog {
    static var chapter03: [Exercise] {
        [
            Exercise(
                chapter: 3, number: "3.1", title: "The causal language-model loss",
                task: "Write `languageModelLoss(logits:targets:)`: the mean negative log-probability of the "
                    + "next tokens.",
                hint: "Write −log softmax(row)[target] without computing the softmax; what keeps exp from "
                    + "overflowing?",
                checkReader: { checkLanguageModelLoss(Chapter03.languageModelLoss) },
                checkReference: { checkLanguageModelLoss(engineLoss) }),
            Exercise(
                chapter: 3, number: "3.2", title: "Top-k sampling's distribution",
                task: "Write `topKProbabilities(logits:k:)`: softmax, keep the k largest, renormalise.",
                hint: "Which tokens survive, and what must the survivors' probabilities add up to? Mind ties "
                    + "at the k-th value.",
                checkReader: { checkTopK(Chapter03.topKProbabilities) },
                checkReference: { checkTopK { Sampler.probabilities($0, options: SamplingOptions(topK: $1)) } }),
            Exercise(
                chapter: 3, number: "3.3", title: "The memory bill of other optimizers",
                task: "Write `trainingStateBytes(parameters:optimizerBuffers:mixedPrecision:)`: weights, "
                    + "gradients and optimizer state, in fp32 or in mixed precision, for SGD, momentum or Adam.",
                hint: "List every copy of one parameter each recipe keeps, and the precision of each. Why "
                    + "does mixed precision keep a copy in fp32 at all, and what does it then save?",
                checkReader: { checkTrainingState(Chapter03.trainingStateBytes) },
                checkReference: { checkTrainingState(referenceTrainingState) }),
            Exercise(
                chapter: 3, number: "3.4", title: "Counting a GPT's parameters",
                task: "Write `gptParameterCount(vocabulary:context:width:layers:)` and match the real model's "
                    + "count.",
                hint: "Count layer by layer: what does each Linear hold besides its weight, and how wide is the "
                    + "MLP? Compare with the table of section 3.2.",
                checkReader: { checkParameterCount(Chapter03.gptParameterCount) },
                checkReference: {
                    checkParameterCount {
                        GPTConfig(vocabularySize: $0, contextLength: $1, width: $2, heads: 1, layers: $3)
                            .parameterCount
                    }
                }),
            Exercise(
                chapter: 3, number: "3.5", title: "One AdamW step",
                task: "Write `adamWStep(parameter:gradient:m:v:step:learningRate:beta1:beta2:epsilon:"
                    + "weightDecay:)`: one update of AdamW on a parameter, matching the engine's optimizer.",
                hint: "Adam keeps a running average of the gradient and one of its square. Both start at zero: "
                    + "what makes them too small in the first steps, and how does the step number undo it? "
                    + "Decay the weight itself: why is that not the same as adding λ·p to the gradient?",
                checkReader: { checkAdamWStep(Chapter03.adamWStep) },
                checkReference: { checkAdamWStep(engineAdamWStep) }),
        ]
    }

    static func engineLoss(_ logits: [[Float]], _ targets: [Int]) -> Float {
        let tensor = Tensor(shape: [logits.count, logits[0].count], scalars: logits.flatMap { $0 })
        return Tensor.crossEntropy(logits: tensor, targets: targets).item
    }

    static func checkLanguageModelLoss(_ implementation: ([[Float]], [Int]) throws -> Float) -> ExerciseOutcome {
        var rng = SplitMix64(seed: 31)
        var cases: [(description: String, input: ([[Float]], [Int]))] = [
            ("uniform logits over 4 tokens", ([[0, 0, 0, 0]], [2])),  // loss = ln 4
            ("large logits (stability)", ([[1000, 0, -1000]], [0])),  // loss ≈ 0, no overflow
        ]
        for (rows, vocabulary) in [(3, 5), (8, 17)] {
            cases.append(
                (
                    "\(rows) positions, vocabulary \(vocabulary)",
                    (
                        randomMatrix(rows, vocabulary, rng: &rng),
                        (0..<rows).map { _ in rng.nextInt(below: vocabulary) }
                    )
                ))
        }
        return check(cases, { try implementation($0.0, $0.1) }) { input, loss in
            // The oracle in Double: mean of log-sum-exp minus the target logit.
            let expected =
                zip(input.0, input.1).map { row, target -> Double in
                    let top = Double(row.max()!)
                    let sum = row.map { exp(Double($0) - top) }.reduce(0, +)
                    return top + log(sum) - Double(row[target])
                }.reduce(0, +) / Double(input.1.count)
            return abs(Double(loss) - expected) < 1e-4 ? nil : "expected \(expected), got \(loss)"
        }
    }

    static func checkTopK(_ implementation: ([Float], Int) throws -> [Float]) -> ExerciseOutcome {
        let cases = [
            ("k=2 of five", ([Float]([1, 5, 3, 4, 2]), 2)), ("k=1", ([Float]([0.1, 0.3, 0.2]), 1)),
            ("k = vocabulary", ([Float]([1, 2, 3]), 3)),
        ].map { (description: $0.0, input: $0.1) }
        return check(cases, { try implementation($0.0, $0.1) }) { input, p in
            let (logits, k) = input
            guard p.count == logits.count else { return "expected \(logits.count) probabilities" }
            let order = logits.indices.sorted { logits[$0] > logits[$1] }
            let kept = Set(order.prefix(k))
            let weights = order.prefix(k).map { exp(Double(logits[$0])) }
            let total = weights.reduce(0, +)
            for index in logits.indices {
                let expected = kept.contains(index) ? exp(Double(logits[index])) / total : 0
                if abs(Double(p[index]) - expected) > 1e-5 {
                    return "probability of token \(index): expected \(expected), got \(p[index])"
                }
            }
            return nil
        }
    }

    /// The reference for 3.3: the fp32 bill is MemoryAccount's for Adam; the others follow the
    /// same account — 4 bytes a number in fp32; in mixed precision a 2-byte weight and gradient
    /// plus a 4-byte master copy, the optimizer's buffers in fp32 either way.
    static func referenceTrainingState(_ parameters: Int, _ buffers: Int, _ mixedPrecision: Bool) -> Int {
        parameters * ((mixedPrecision ? 2 + 2 + 4 : 4 + 4) + 4 * buffers)
    }

    static func checkTrainingState(_ implementation: (Int, Int, Bool) throws -> Int) -> ExerciseOutcome {
        var cases: [(description: String, input: (parameters: Int, buffers: Int, mixed: Bool))] = []
        for (name, buffers) in [("SGD", 0), ("SGD with momentum", 1), ("Adam", 2)] {
            for mixed in [false, true] {
                for parameters in [1, 124_000_000] {
                    let recipe = mixed ? "mixed precision" : "fp32"
                    cases.append(("\(name), \(recipe), \(parameters) parameters", (parameters, buffers, mixed)))
                }
            }
        }
        return check(cases, { try implementation($0.parameters, $0.buffers, $0.mixed) }) { input, bytes in
            let expected = referenceTrainingState(input.parameters, input.buffers, input.mixed)
            // The Adam cases must agree with the account section 3.7 prints.
            let account = Int(MemoryAccount.adamTrainingBytes(parameters: Double(input.parameters)))
            if input.buffers == 2, expected != account { return "the reference disagrees with MemoryAccount" }
            return bytes == expected ? nil : "expected \(expected) bytes, got \(bytes)"
        }
    }

    static func checkParameterCount(_ implementation: (Int, Int, Int, Int) throws -> Int) -> ExerciseOutcome {
        let shapes = [(10, 8, 16, 1), (512, 64, 128, 4), (915, 128, 128, 4)]
        let cases = shapes.map { (description: "V=\($0.0), T=\($0.1), d=\($0.2), L=\($0.3)", input: $0) }
        return check(cases, { try implementation($0.0, $0.1, $0.2, $0.3) }) { shape, count in
            // The oracle is the model itself: build it and count its tensors.
            var rng = SplitMix64(seed: 1)
            let config = GPTConfig(
                vocabularySize: shape.0, contextLength: shape.1, width: shape.2, heads: 1,
                layers: shape.3)
            let model = GPT(config: config, rng: &rng)
            return count == model.parameterCount
                ? nil : "the model has \(model.parameterCount) parameters, you counted \(count)"
        }
    }

    /// One AdamW step by the engine: its optimizer with the moments and step count loaded as
    /// a checkpoint would restore them.
    static func engineAdamWStep(
        parameter: [Float], gradient: [Float], m: [Float], v: [Float], step: Int,
        learningRate: Float, beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    ) throws -> (parameter: [Float], m: [Float], v: [Float]) {
        let shape = [parameter.count]
        let tensor = Tensor(shape: shape, scalars: parameter)
        tensor.requiresGradient = true
        tensor.gradient = Tensor(shape: shape, scalars: gradient)
        let optimizer = AdamW(
            parameters: [tensor], learningRate: learningRate, beta1: beta1, beta2: beta2,
            epsilon: epsilon, weightDecay: weightDecay)
        try optimizer.loadState([
            "m.0": Tensor(shape: shape, scalars: m), "v.0": Tensor(shape: shape, scalars: v),
            "step": Tensor(Float(step - 1)),
        ])
        optimizer.step()
        let state = optimizer.stateTensors()
        return (tensor.scalars, state["m.0"]?.scalars ?? [], state["v.0"]?.scalars ?? [])
    }

    /// The inputs of one AdamW step.
    struct AdamWCase {
        var parameter: [Float], gradient: [Float], m: [Float], v: [Float], step: Int
        var learningRate: Float, beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    }

    static func checkAdamWStep(
        _ implementation: ([Float], [Float], [Float], [Float], Int, Float, Float, Float, Float, Float) throws
            -> (parameter: [Float], m: [Float], v: [Float])
    ) -> ExerciseOutcome {
        var rng = SplitMix64(seed: 35)
        func vector(_ count: Int, scale: Float = 1) -> [Float] { (0..<count).map { _ in rng.nextNormal() * scale } }
        let zeros = [Float](repeating: 0, count: 6)
        // The first step from zero moments (where bias correction matters most), a later step with
        // moments built up, chapter 3's own settings, and a strong decay with a zero gradient.
        let cases: [(description: String, input: AdamWCase)] = [
            (
                "the first step, moments zero",
                AdamWCase(
                    parameter: vector(6), gradient: vector(6), m: zeros, v: zeros, step: 1,
                    learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01)
            ),
            (
                "step 3, moments built up",
                AdamWCase(
                    parameter: vector(6), gradient: vector(6), m: vector(6, scale: 0.1),
                    v: vector(6, scale: 0.1).map { $0 * $0 }, step: 3,
                    learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.1)
            ),
            (
                "step 200 with chapter 3's β = 0.9, 0.95 and decay 0.1",
                AdamWCase(
                    parameter: vector(9), gradient: vector(9, scale: 0.01), m: vector(9, scale: 0.01),
                    v: vector(9, scale: 0.01).map { $0 * $0 }, step: 200,
                    learningRate: 3e-3, beta1: 0.9, beta2: 0.95, epsilon: 1e-8, weightDecay: 0.1)
            ),
            (
                "a zero gradient, strong decay",
                AdamWCase(
                    parameter: [2, -1, 0.5], gradient: [0, 0, 0], m: [0, 0, 0], v: [0, 0, 0], step: 1,
                    learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.5)
            ),
        ]
        return check(
            cases,
            {
                try implementation(
                    $0.parameter, $0.gradient, $0.m, $0.v, $0.step, $0.learningRate, $0.beta1, $0.beta2,
                    $0.epsilon, $0.weightDecay)
            }
        ) { input, output in
            guard
                let expected = try? engineAdamWStep(
                    parameter: input.parameter, gradient: input.gradient, m: input.m, v: input.v,
                    step: input.step, learningRate: input.learningRate, beta1: input.beta1, beta2: input.beta2,
                    epsilon: input.epsilon, weightDecay: input.weightDecay)
            else { return "reference failed" }
            let count = input.parameter.count
            guard output.parameter.count == count, output.m.count == count, output.v.count == count else {
                return "expected \(count) values each for the parameter, m and v"
            }
            // Float32 arithmetic in another order: 1e-5 relative is ample, and far below what a
            // missing bias correction or a decay inside the gradient changes.
            func close(_ a: [Float], _ b: [Float]) -> Bool {
                zip(a, b).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) }
            }
            if !close(output.m, expected.m) { return "m is \(output.m), expected \(expected.m)" }
            if !close(output.v, expected.v) { return "v is \(output.v), expected \(expected.v)" }
            return close(output.parameter, expected.parameter)
                ? nil : "the parameter is \(output.parameter), expected \(expected.parameter)"
        }
    }
}
