import Engine
import Foundation
import Testing
import Tokenization

@testable import Exercises

// MARK: - Each check accepts a correct answer and rejects wrong ones
//
// For every exercise of the catalog: the hand-written solution of Solutions.swift passes its
// check, and each plausible wrong answer below fails it — a check that passed everything would
// teach nothing. A new exercise without entries here fails `everyExerciseIsCovered`.

typealias C = ExerciseCatalog
typealias S = Solutions

/// The check of each exercise run on the hand-written solution.
let correctAnswers: [String: @Sendable () -> ExerciseOutcome] = [
    "1.1": { C.checkPairCounts(S.pairCounts) },
    "1.2": { C.checkMerge { S.merge($0, pair: $1, newID: $2) } },
    "1.3": { C.checkEncode { S.encode($0, merges: $1) } },
    "1.4": { C.checkDecode { S.decode($0, merges: $1) } },
    "1.5": { C.checkTraining { S.train($0, merges: $1) } },
    "1.6": { C.checkSpecialTokens { S.encode($0, merges: $1, specialTokens: $2, allowingSpecialTokens: $3) } },
    "2.1": { C.checkAttention(causal: false) { S.attention(queries: $0, keys: $1, values: $2, causal: false) } },
    "2.2": { C.checkAttention(causal: true) { S.attention(queries: $0, keys: $1, values: $2, causal: true) } },
    "2.3": { C.checkSoftmaxBackward { S.softmaxBackward(output: $0, upstream: $1) } },
    "2.4": { C.checkSinusoid { S.sinusoidalEncoding(position: $0, dimensions: $1) } },
    "2.5": { C.checkLastPositionGradient { S.lastPositionGradient(x: $0, wq: $1, wk: $2, wv: $3) } },
    "3.1": { C.checkLanguageModelLoss { S.languageModelLoss(logits: $0, targets: $1) } },
    "3.2": { C.checkTopK { S.topKProbabilities(logits: $0, k: $1) } },
    "3.3": { C.checkTrainingState { S.trainingStateBytes(parameters: $0, optimizerBuffers: $1, mixedPrecision: $2) } },
    "3.4": { C.checkParameterCount { S.gptParameterCount(vocabulary: $0, context: $1, width: $2, layers: $3) } },
    "3.5": { C.checkAdamWStep(S.adamWStep) },
    "4.1": { C.checkPowerIteration { S.largestSingularValue(of: $0, iterations: $1) } },
    "4.2": { C.checkReconstruction { S.rankKReconstruction(u: $0, singularValues: $1, vTransposed: $2, rank: $3) } },
    "4.3": { C.checkSmallestRank { S.smallestRank(singularValues: $0, relativeError: $1) } },
    "4.4": { C.checkJacobiRotation { S.jacobiRotation(columnP: $0, columnQ: $1) } },
    "5.1": { C.checkLoRAForward { S.loraForward(input: $0, weight: $1, bias: $2, loraA: $3, loraB: $4, alpha: $5) } },
    "5.2": { C.checkMerge { S.mergedWeight(weight: $0, loraA: $1, loraB: $2, alpha: $3) } },
    "5.3": { C.checkBreakEvenRank { S.breakEvenRank(outputs: $0, inputs: $1) } },
    "5.4": { C.checkTrainingMemory { S.trainingMemoryBytes(total: $0, trainable: $1) } },
    "5.5": {
        C.checkLoRAGradients { S.loraGradients(inputs: $0, weight: $1, loraA: $2, loraB: $3, alpha: $4, upstream: $5) }
    },
    "6.1": { C.checkLevels(S.normalFloatLevels) },
    "6.2": { C.checkBlock { S.quantizeBlock($0, levels: $1) } },
    "6.3": { C.checkPacking(S.packCodes) },
    "6.4": {
        C.checkBits { S.bitsPerWeight(count: $0, blockSize: $1, doubleQuantization: $2, nestedBlockSize: $3) }
    },
    "7.1": { C.checkBradleyTerry { S.bradleyTerryLoss(chosen: $0, rejected: $1) } },
    "7.2": { C.checkAdvantages { S.advantages(rewards: $0, values: $1, gamma: $2, lambda: $3) } },
    "7.3": { C.checkClippedLoss { S.clippedLoss(ratio: $0, advantage: $1, clipRange: $2) } },
    "7.4": {
        C.checkDPO {
            S.dpoLoss(policyChosen: $0, policyRejected: $1, referenceChosen: $2, referenceRejected: $3, beta: $4)
        }
    },
]

/// A plausible wrong answer: what a reader might write, and its check's outcome.
struct WrongAnswer: Sendable, CustomTestStringConvertible {
    let number: String
    let mistake: String
    let outcome: @Sendable () -> ExerciseOutcome
    var testDescription: String { "\(number): \(mistake)" }
}

let wrongAnswers: [WrongAnswer] = [
    // Chapter 1
    WrongAnswer(number: "1.1", mistake: "counts nothing") { C.checkPairCounts { _ in [:] } },
    WrongAnswer(number: "1.1", mistake: "skips overlapping pairs") {
        C.checkPairCounts { ids in
            var counts: [TokenPair: Int] = [:]
            for index in stride(from: 0, to: ids.count - 1, by: 2) {
                counts[TokenPair(left: ids[index], right: ids[index + 1]), default: 0] += 1
            }
            return counts
        }
    },
    WrongAnswer(number: "1.2", mistake: "merges nothing") { C.checkMerge { ids, _, _ in ids } },
    WrongAnswer(number: "1.2", mistake: "lets two matches share an id") {
        C.checkMerge { ids, pair, newID in
            ids.indices.compactMap { index in
                if index + 1 < ids.count, ids[index] == pair.left, ids[index + 1] == pair.right { return newID }
                if index > 0, ids[index - 1] == pair.left, ids[index] == pair.right { return nil }
                return ids[index]
            }
        }
    },
    WrongAnswer(number: "1.3", mistake: "applies no merge") { C.checkEncode { bytes, _ in bytes.map(Int.init) } },
    WrongAnswer(number: "1.3", mistake: "applies the merges in reverse order") {
        C.checkEncode { bytes, merges in
            var ids = bytes.map(Int.init)
            for (k, pair) in merges.enumerated().reversed() { ids = S.merge(ids, pair: pair, newID: 256 + k) }
            return ids
        }
    },
    WrongAnswer(number: "1.4", mistake: "takes ids for bytes") {
        C.checkDecode { ids, _ in ids.map { UInt8(truncatingIfNeeded: $0) } }
    },
    WrongAnswer(number: "1.5", mistake: "breaks ties towards the larger pair") {
        C.checkTraining { bytes, merges in
            var ids = bytes.map(Int.init)
            var learned: [TokenPair] = []
            while learned.count < merges,
                let best = S.pairCounts(ids).max(by: {
                    $0.value != $1.value
                        ? $0.value < $1.value : ($0.key.left, $0.key.right) < ($1.key.left, $1.key.right)
                }), best.value >= 2
            {
                ids = S.merge(ids, pair: best.key, newID: 256 + learned.count)
                learned.append(best.key)
            }
            return learned
        }
    },
    WrongAnswer(number: "1.5", mistake: "never stops early") {
        C.checkTraining { bytes, merges in
            var ids = bytes.map(Int.init)
            var learned: [TokenPair] = []
            while learned.count < merges,
                let best = S.pairCounts(ids).max(by: {
                    $0.value != $1.value
                        ? $0.value < $1.value : ($0.key.left, $0.key.right) > ($1.key.left, $1.key.right)
                })
            {
                ids = S.merge(ids, pair: best.key, newID: 256 + learned.count)
                learned.append(best.key)
            }
            return learned
        }
    },
    WrongAnswer(number: "1.6", mistake: "ignores the special tokens") {
        C.checkSpecialTokens { text, merges, _, _ in S.encode(Array(text.utf8), merges: merges) }
    },
    WrongAnswer(number: "1.6", mistake: "allows markers even when they are not allowed") {
        C.checkSpecialTokens { text, merges, specials, _ in
            S.encode(text, merges: merges, specialTokens: specials, allowingSpecialTokens: true)
        }
    },
    WrongAnswer(number: "1.6", mistake: "lets the shorter marker win") {
        C.checkSpecialTokens {
            S.encode($0, merges: $1, specialTokens: $2, allowingSpecialTokens: $3, longestFirst: false)
        }
    },
    // Chapter 2
    WrongAnswer(number: "2.1", mistake: "returns V unweighted") { C.checkAttention(causal: false) { _, _, v in v } },
    WrongAnswer(number: "2.1", mistake: "forgets to divide by √d") {
        C.checkAttention(causal: false) { q, k, v in
            let root = Float(q[0].count).squareRoot()
            return S.attention(queries: q.map { $0.map { $0 * root } }, keys: k, values: v, causal: false)
        }
    },
    WrongAnswer(number: "2.2", mistake: "forgets the mask") {
        C.checkAttention(causal: true) { S.attention(queries: $0, keys: $1, values: $2, causal: false) }
    },
    WrongAnswer(number: "2.3", mistake: "passes the upstream gradient through") {
        C.checkSoftmaxBackward { _, upstream in upstream }
    },
    WrongAnswer(number: "2.3", mistake: "keeps only the diagonal of the Jacobian") {
        C.checkSoftmaxBackward { y, g in zip(y, g).map { $0 * (1 - $0) * $1 } }
    },
    WrongAnswer(number: "2.4", mistake: "zeros") { C.checkSinusoid { _, d in [Float](repeating: 0, count: d) } },
    WrongAnswer(number: "2.4", mistake: "a frequency per dimension, not per pair") {
        C.checkSinusoid { p, d in
            (0..<d).map { j in
                let angle = Double(p) / pow(10_000, Double(j) / Double(d))
                return Float(j % 2 == 0 ? sin(angle) : cos(angle))
            }
        }
    },
    WrongAnswer(number: "2.5", mistake: "every position's output in the loss, not only the last") {
        C.checkLastPositionGradient { S.lastPositionGradient(x: $0, wq: $1, wk: $2, wv: $3, lastOnly: false) }
    },
    // Chapter 3
    WrongAnswer(number: "3.1", mistake: "a loss of zero") { C.checkLanguageModelLoss { _, _ in 0 } },
    WrongAnswer(number: "3.1", mistake: "sums instead of averaging") {
        C.checkLanguageModelLoss { S.languageModelLoss(logits: $0, targets: $1) * Float($1.count) }
    },
    WrongAnswer(number: "3.2", mistake: "the logits themselves") { C.checkTopK { logits, _ in logits } },
    WrongAnswer(number: "3.2", mistake: "zeros the rest but does not renormalise") {
        C.checkTopK { logits, k in
            let full = S.softmax(logits), kept = Set(logits.indices.sorted { logits[$0] > logits[$1] }.prefix(k))
            return full.indices.map { kept.contains($0) ? full[$0] : 0 }
        }
    },
    WrongAnswer(number: "3.3", mistake: "mixed precision without the fp32 master copy") {
        C.checkTrainingState { p, buffers, mixed in p * ((mixed ? 2 + 2 : 4 + 4) + 4 * buffers) }
    },
    WrongAnswer(number: "3.3", mistake: "16 bytes whatever the optimizer") {
        C.checkTrainingState { p, _, _ in 16 * p }
    },
    WrongAnswer(number: "3.4", mistake: "no biases or LayerNorms") {
        C.checkParameterCount { v, t, d, l in v * d + t * d + l * 12 * d * d + v * d }
    },
    WrongAnswer(number: "3.4", mistake: "a tied head") {
        C.checkParameterCount { S.gptParameterCount(vocabulary: $0, context: $1, width: $2, layers: $3) - $0 * $2 }
    },
    WrongAnswer(number: "3.5", mistake: "no bias correction") {
        C.checkAdamWStep { p, g, m, v, _, lr, b1, b2, eps, wd in
            // Step 1 of an optimizer that never corrects: the step number pinned where 1 − βᵗ ≈ 1.
            S.adamWStep(
                parameter: p, gradient: g, m: m, v: v, step: 1_000_000, learningRate: lr, beta1: b1,
                beta2: b2, epsilon: eps, weightDecay: wd)
        }
    },
    WrongAnswer(number: "3.5", mistake: "weight decay inside the gradient (Adam with L2)") {
        C.checkAdamWStep { p, g, m, v, t, lr, b1, b2, eps, wd in
            S.adamWStep(
                parameter: p, gradient: zip(g, p).map { $0 + wd * $1 }, m: m, v: v, step: t, learningRate: lr,
                beta1: b1, beta2: b2, epsilon: eps, weightDecay: 0)
        }
    },
    WrongAnswer(number: "3.5", mistake: "no weight decay at all") {
        C.checkAdamWStep { p, g, m, v, t, lr, b1, b2, eps, _ in
            S.adamWStep(
                parameter: p, gradient: g, m: m, v: v, step: t, learningRate: lr, beta1: b1, beta2: b2,
                epsilon: eps, weightDecay: 0)
        }
    },
    // Chapter 4
    WrongAnswer(number: "4.1", mistake: "the largest entry") {
        C.checkPowerIteration { rows, _ in rows[0].map(abs).max()! }
    },
    WrongAnswer(number: "4.1", mistake: "σ₁² instead of σ₁") {
        C.checkPowerIteration { rows, iterations in
            let sigma = S.largestSingularValue(of: rows, iterations: iterations)
            return sigma * sigma
        }
    },
    WrongAnswer(number: "4.2", mistake: "one row of Vᵀ everywhere") {
        C.checkReconstruction { u, _, vt, _ in u.map { _ in vt[0] } }
    },
    WrongAnswer(number: "4.2", mistake: "forgets the singular values") {
        C.checkReconstruction { u, s, vt, k in
            S.rankKReconstruction(u: u, singularValues: s.map { _ in 1 }, vTransposed: vt, rank: k)
        }
    },
    WrongAnswer(number: "4.3", mistake: "compares the squared error (a 10% error as 90% of the energy)") {
        C.checkSmallestRank { S.smallestRank(singularValues: $0, relativeError: $1, squared: true) }
    },
    WrongAnswer(number: "4.3", mistake: "σ instead of σ²") {
        C.checkSmallestRank { sigma, bound in
            let total = sigma.reduce(0, +)
            return (0...sigma.count).first { sigma[$0...].reduce(0, +) / total <= bound } ?? sigma.count
        }
    },
    WrongAnswer(number: "4.4", mistake: "the angle's sign flipped") {
        C.checkJacobiRotation { p, q in
            let right = S.jacobiRotation(columnP: p, columnQ: q)
            // p' = c·p − s·q with s negated is c·p + s·q = 2c·p − p'; the same for q'.
            let alpha = zip(p, p).map(*).reduce(0, +), beta = zip(q, q).map(*).reduce(0, +)
            let gamma = zip(p, q).map(*).reduce(0, +)
            guard gamma != 0 else { return right }
            let zeta = (beta - alpha) / (2 * gamma)
            let t = -(zeta >= 0 ? 1 : -1) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
            let c = 1 / (1 + t * t).squareRoot(), s = c * t
            return (zip(p, q).map { c * $0 - s * $1 }, zip(p, q).map { s * $0 + c * $1 })
        }
    },
    WrongAnswer(number: "4.4", mistake: "the larger angle (the other root)") {
        C.checkJacobiRotation { S.jacobiRotation(columnP: $0, columnQ: $1, largerAngle: true) }
    },
    WrongAnswer(number: "4.4", mistake: "no rotation") { C.checkJacobiRotation { ($0, $1) } },
    // Chapter 5
    WrongAnswer(number: "5.1", mistake: "without the α/r scale") {
        C.checkLoRAForward {
            S.loraForward(input: $0, weight: $1, bias: $2, loraA: $3, loraB: $4, alpha: $5, scaled: false)
        }
    },
    WrongAnswer(number: "5.1", mistake: "without the low-rank path") {
        C.checkLoRAForward { x, w, b, a, bUp, alpha in
            S.loraForward(input: x, weight: w, bias: b, loraA: a, loraB: bUp.map { $0.map { _ in 0 } }, alpha: alpha)
        }
    },
    WrongAnswer(number: "5.2", mistake: "the base weight alone") { C.checkMerge { w, _, _, _ in w } },
    WrongAnswer(number: "5.2", mistake: "merged without the α/r scale") {
        C.checkMerge { w, a, bUp, _ in S.mergedWeight(weight: w, loraA: a, loraB: bUp, alpha: Float(a.count)) }
    },
    WrongAnswer(number: "5.3", mistake: "rounds down") { C.checkBreakEvenRank { o, i in o * i / (o + i) } },
    WrongAnswer(number: "5.3", mistake: "the rank at which B·A can be full") { C.checkBreakEvenRank { min($0, $1) } },
    WrongAnswer(number: "5.4", mistake: "16 bytes for every parameter") {
        C.checkTrainingMemory { total, _ in 16 * total }
    },
    WrongAnswer(number: "5.4", mistake: "frozen parameters cost nothing") {
        C.checkTrainingMemory { _, trainable in 16 * trainable }
    },
    WrongAnswer(number: "5.5", mistake: "without the α/r scale") {
        C.checkLoRAGradients {
            S.loraGradients(inputs: $0, weight: $1, loraA: $2, loraB: $3, alpha: $4, upstream: $5, scaled: false)
        }
    },
    WrongAnswer(number: "5.5", mistake: "A's and B's gradients as if the other were the identity") {
        C.checkLoRAGradients { x, w, a, bUp, alpha, g in
            // ∂L/∂A from x alone (no Bᵀg): the shape of a right answer, the values of a wrong one.
            let right = S.loraGradients(inputs: x, weight: w, loraA: a, loraB: bUp, alpha: alpha, upstream: g)
            let scale = alpha / Float(a.count)
            let gradientA = a.indices.map { k in a[k].indices.map { i in scale * x.map { $0[i] }.reduce(0, +) } }
            return (gradientA, right.b)
        }
    },
    // Chapter 6
    WrongAnswer(number: "6.1", mistake: "8 quantiles on both sides, no exact zero") {
        C.checkLevels(symmetricLevels)
    },
    WrongAnswer(number: "6.1", mistake: "not normalised to ±1") {
        C.checkLevels { offset in S.normalFloatLevels(offset: offset).map { $0 * 2 } }
    },
    WrongAnswer(number: "6.2", mistake: "scales by the mean magnitude, not the absmax") {
        C.checkBlock(Wrong.quantizeByMean)
    },
    WrongAnswer(number: "6.2", mistake: "rounds towards zero instead of to the nearest level") {
        C.checkBlock(Wrong.quantizeTowardsZero)
    },
    WrongAnswer(number: "6.3", mistake: "the first code in the low nibble") {
        C.checkPacking(Wrong.packLowNibbleFirst)
    },
    WrongAnswer(number: "6.3", mistake: "one code per byte") { C.checkPacking { $0 } },
    WrongAnswer(number: "6.4", mistake: "the formula for large counts") {
        C.checkBits(Wrong.bitsByFormula)
    },
    WrongAnswer(number: "6.4", mistake: "partial blocks not counted") {
        C.checkBits(Wrong.bitsWithoutPartialBlocks)
    },
    // Chapter 7
    WrongAnswer(number: "7.1", mistake: "the loss without its gradient") {
        C.checkBradleyTerry { chosen, rejected in
            (S.bradleyTerryLoss(chosen: chosen, rejected: rejected).loss, chosen.map { _ in 0 })
        }
    },
    WrongAnswer(number: "7.1", mistake: "the gradient's sign flipped") {
        C.checkBradleyTerry { chosen, rejected in
            let right = S.bradleyTerryLoss(chosen: chosen, rejected: rejected)
            return (right.loss, right.chosenGradient.map { -$0 })
        }
    },
    WrongAnswer(number: "7.2", mistake: "advantages without the λ-carry") {
        C.checkAdvantages { rewards, values, _, _ in zip(rewards, values).map { $0 - $1 } }
    },
    WrongAnswer(number: "7.2", mistake: "walks forwards instead of backwards") {
        C.checkAdvantages { rewards, values, gamma, lambda in
            S.advantages(rewards: rewards.reversed(), values: values.reversed(), gamma: gamma, lambda: lambda)
                .reversed()
        }
    },
    WrongAnswer(number: "7.3", mistake: "no clipping") {
        C.checkClippedLoss { ratio, advantage, _ in (-advantage * ratio, -advantage) }
    },
    WrongAnswer(number: "7.3", mistake: "without the min: clipped whatever the advantage's sign") {
        C.checkClippedLoss { ratio, advantage, epsilon in
            let clipped = min(max(ratio, 1 - epsilon), 1 + epsilon)
            return (-advantage * clipped, clipped == ratio ? -advantage : 0)
        }
    },
    WrongAnswer(number: "7.3", mistake: "the right loss, but a gradient that never vanishes") {
        C.checkClippedLoss { ratio, advantage, epsilon in
            (S.clippedLoss(ratio: ratio, advantage: advantage, clipRange: epsilon).loss, -advantage)
        }
    },
    WrongAnswer(number: "7.4", mistake: "DPO without β") {
        C.checkDPO { pw, pl, rw, rl, _ in
            S.dpoLoss(policyChosen: pw, policyRejected: pl, referenceChosen: rw, referenceRejected: rl, beta: 1)
        }
    },
    WrongAnswer(number: "7.4", mistake: "the reference left out") {
        C.checkDPO { pw, pl, _, _, beta in
            S.dpoLoss(policyChosen: pw, policyRejected: pl, referenceChosen: 0, referenceRejected: 0, beta: beta)
        }
    },
]

/// Wrong answers too long to read inline.
enum Wrong {
    static func quantizeByMean(_ values: [Float], levels: [Float]) -> (codes: [UInt8], absmax: Float) {
        var total: Float = 0
        for value in values { total += Swift.abs(value) }
        let mean = total / Float(Swift.max(values.count, 1))
        var scaled: [Float] = []
        for value in values { scaled.append(mean > 0 ? Swift.min(Swift.max(value / mean, -1), 1) : 0) }
        return (S.quantizeBlock(scaled, levels: levels).codes, mean)
    }

    static func quantizeTowardsZero(_ values: [Float], levels: [Float]) -> (codes: [UInt8], absmax: Float) {
        let absmax = values.map { Swift.abs($0) }.max() ?? 0
        var codes: [UInt8] = []
        for value in values {
            let scaled: Float = absmax > 0 ? value / absmax : 0
            var best = 7  // NF4's zero
            for index in levels.indices
            where Swift.abs(levels[index]) <= Swift.abs(scaled) && levels[index] * scaled >= 0
                && Swift.abs(levels[index]) > Swift.abs(levels[best])
            {
                best = index
            }
            codes.append(UInt8(best))
        }
        return (codes, absmax)
    }

    static func packLowNibbleFirst(_ codes: [UInt8]) -> [UInt8] {
        var packed: [UInt8] = []
        for index in stride(from: 0, to: codes.count, by: 2) {
            let second: UInt8 = index + 1 < codes.count ? codes[index + 1] << 4 : 0
            packed.append(codes[index] | second)
        }
        return packed
    }

    static func bitsByFormula(count: Int, blockSize: Int, doubleQuantization: Bool, nestedBlockSize: Int) -> Double {
        let block = Double(blockSize)
        return doubleQuantization ? 4 + 8 / block + 32 / (block * Double(nestedBlockSize)) : 4 + 32 / block
    }

    static func bitsWithoutPartialBlocks(
        count: Int, blockSize: Int, doubleQuantization: Bool, nestedBlockSize: Int
    ) -> Double {
        let blocks = count / blockSize
        let constants = doubleQuantization ? blocks + 4 * (blocks / nestedBlockSize) + 4 : 4 * blocks
        return Double(8 * ((count + 1) / 2 + constants)) / Double(count)
    }
}

/// 6.1 done wrong: 8 quantiles on each side, mirrored, and no exact zero.
func symmetricLevels(offset: Double) -> [Float] {
    var half: [Double] = []
    for index in 0..<8 { half.append(Chapter06.inverseNormalCDF(offset + (0.5 - offset) * Double(index) / 8)) }
    let levels = (half + half.map { -$0 }).sorted()
    let largest = levels[levels.count - 1]
    return levels.map { Float($0 / largest) }
}

@Test("a hand-written solution passes its check", arguments: ExerciseCatalog.all.map(\.number))
func correctAnswerPasses(number: String) throws {
    let solve = try #require(correctAnswers[number], "exercise \(number) has no hand-written solution")
    let outcome = solve()
    #expect(outcome == .passed, "exercise \(number): the check rejects a correct answer")
}

@Test("a plausible wrong answer fails its check", arguments: wrongAnswers)
func wrongAnswerFails(_ wrong: WrongAnswer) {
    let outcome = wrong.outcome()
    #expect(outcome != .passed && outcome.isAttempted, "exercise \(wrong.number) accepts: \(wrong.mistake)")
}

/// Every exercise has a correct solution and at least one wrong answer here, and nothing here
/// names an exercise the catalog lacks.
@Test func everyExerciseIsCovered() {
    let numbers = Set(ExerciseCatalog.all.map(\.number))
    #expect(Set(correctAnswers.keys) == numbers)
    #expect(Set(wrongAnswers.map(\.number)) == numbers)
}
