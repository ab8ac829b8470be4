import Engine
import Foundation
import Transformers

// MARK: - How chapter 3's exercises are checked

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
                chapter: 3, number: "3.3", title: "The memory bill of mixed-precision Adam",
                task: "Write `mixedPrecisionAdamBytes(parameters:)`: weights, gradients, master weights and "
                    + "Adam's moments.",
                hint: "List every copy mixed precision keeps of one parameter, and the precision of each "
                    + "(section 3.7).",
                checkReader: { checkMemory(Chapter03.mixedPrecisionAdamBytes) },
                checkReference: { checkMemory { 16 * $0 } }),
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

    static func checkMemory(_ implementation: (Int) throws -> Int) -> ExerciseOutcome {
        let cases = [
            (description: "1 parameter", input: 1), ("7 B parameters", 7_000_000_000),
            ("124 M (GPT-2 small)", 124_000_000),
        ]
        return check(cases, implementation) { parameters, bytes in
            bytes == 16 * parameters ? nil : "expected \(16 * parameters) bytes (16 per parameter), got \(bytes)"
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
}
