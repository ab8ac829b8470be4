import Engine
import Foundation
import Tokenization

@testable import Exercises

// MARK: - Correct solutions, written here as a reader would write them
//
// Independent of the modules the checks compare with (except where the exercise asks for the
// engine's autograd): each check must accept an answer written from the chapter's prose, not
// only the book's own code. The stubs in Sources/Exercises stay unsolved.

enum Solutions {
    // MARK: Chapter 1

    static func pairCounts(_ ids: [Int]) -> [TokenPair: Int] {
        var counts: [TokenPair: Int] = [:]
        for (left, right) in zip(ids, ids.dropFirst()) { counts[TokenPair(left: left, right: right), default: 0] += 1 }
        return counts
    }

    static func merge(_ ids: [Int], pair: TokenPair, newID: Int) -> [Int] {
        var result: [Int] = []
        var index = 0
        while index < ids.count {
            if index + 1 < ids.count, ids[index] == pair.left, ids[index + 1] == pair.right {
                result.append(newID)
                index += 2
            } else {
                result.append(ids[index])
                index += 1
            }
        }
        return result
    }

    static func encode(_ bytes: [UInt8], merges: [TokenPair]) -> [Int] {
        var ids = bytes.map(Int.init)
        for (k, pair) in merges.enumerated() { ids = merge(ids, pair: pair, newID: 256 + k) }
        return ids
    }

    static func decode(_ ids: [Int], merges: [TokenPair]) -> [UInt8] {
        var table = (0..<256).map { [UInt8(truncatingIfNeeded: $0)] }
        for pair in merges { table.append(table[pair.left] + table[pair.right]) }
        return ids.flatMap { table[$0] }
    }

    static func train(_ bytes: [UInt8], merges: Int) -> [TokenPair] {
        var ids = bytes.map(Int.init)
        var learned: [TokenPair] = []
        while learned.count < merges {
            let counts = pairCounts(ids)
            // The most frequent pair; of equally frequent ones the smaller (section 1.3).
            guard
                let best = counts.max(by: {
                    $0.value != $1.value
                        ? $0.value < $1.value : ($0.key.left, $0.key.right) > ($1.key.left, $1.key.right)
                }), best.value >= 2
            else { break }
            ids = merge(ids, pair: best.key, newID: 256 + learned.count)
            learned.append(best.key)
        }
        return learned
    }

    static func encode(
        _ text: String, merges: [TokenPair], specialTokens: [String],
        allowingSpecialTokens: Bool, longestFirst: Bool = true
    ) -> [Int] {
        let bytes = Array(text.utf8)
        guard allowingSpecialTokens else { return encode(bytes, merges: merges) }
        let markers = specialTokens.enumerated().map {
            (bytes: Array($0.element.utf8), id: 256 + merges.count + $0.offset)
        }
        .sorted { longestFirst ? $0.bytes.count > $1.bytes.count : $0.bytes.count < $1.bytes.count }
        var ids: [Int] = []
        var ordinary: [UInt8] = []
        var position = 0
        while position < bytes.count {
            if let marker = markers.first(where: { bytes[position...].starts(with: $0.bytes) }) {
                ids += encode(ordinary, merges: merges) + [marker.id]
                ordinary = []
                position += marker.bytes.count
            } else {
                ordinary.append(bytes[position])
                position += 1
            }
        }
        return ids + encode(ordinary, merges: merges)
    }

    // MARK: Chapter 2

    static func softmax(_ scores: [Float]) -> [Float] {
        let top = scores.max() ?? 0
        let exps = scores.map { Foundation.exp($0 - top) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }

    static func attention(queries: [[Float]], keys: [[Float]], values: [[Float]], causal: Bool) -> [[Float]] {
        let scale = 1 / Float(queries[0].count).squareRoot()
        return queries.enumerated().map { t, query in
            let visible = causal ? Array(keys[0...t]) : keys
            let weights = softmax(visible.map { key in zip(query, key).map(*).reduce(0, +) * scale })
            return (0..<values[0].count).map { j in zip(weights, values).map { $0 * $1[j] }.reduce(0, +) }
        }
    }

    static func softmaxBackward(output y: [Float], upstream g: [Float]) -> [Float] {
        let dot = zip(y, g).map(*).reduce(0, +)
        return zip(y, g).map { $0 * ($1 - dot) }
    }

    static func sinusoidalEncoding(position: Int, dimensions: Int) -> [Float] {
        (0..<dimensions).map { j in
            let angle = Double(position) / pow(10_000, Double(2 * (j / 2)) / Double(dimensions))
            return Float(j % 2 == 0 ? sin(angle) : cos(angle))
        }
    }

    static func lastPositionGradient(
        x: [[Float]], wq: [[Float]], wk: [[Float]], wv: [[Float]], lastOnly: Bool = true
    ) -> [[Float]] {
        func tensor(_ m: [[Float]]) -> Tensor { Tensor(shape: [m.count, m[0].count], scalars: m.flatMap { $0 }) }
        let input = tensor(x)
        input.requiresGradient = true
        let scores = input.matmul(tensor(wq)).matmul(input.matmul(tensor(wk)), transposingRight: true)
        let weights = scores.scaled(by: 1 / Float(wq[0].count).squareRoot()).causallyMasked().softmax(alongAxis: -1)
        let out = weights.matmul(input.matmul(tensor(wv)))
        (lastOnly ? out.sliced(alongAxis: 0, range: (x.count - 1)..<x.count) : out).sum().backward()
        let gradient = input.gradient!.scalars, width = x[0].count
        return x.indices.map { Array(gradient[($0 * width)..<(($0 + 1) * width)]) }
    }

    // MARK: Chapter 3

    static func languageModelLoss(logits: [[Float]], targets: [Int]) -> Float {
        let total = zip(logits, targets).map { row, target -> Double in
            let top = Double(row.max()!)
            return top + log(row.map { exp(Double($0) - top) }.reduce(0, +)) - Double(row[target])
        }.reduce(0, +)
        return Float(total / Double(targets.count))
    }

    static func topKProbabilities(logits: [Float], k: Int) -> [Float] {
        let kept = Set(logits.indices.sorted { logits[$0] > logits[$1] }.prefix(k))
        let top = logits.max()!
        let weights = logits.indices.map { kept.contains($0) ? exp(logits[$0] - top) : 0 }
        let total = weights.reduce(0, +)
        return weights.map { $0 / total }
    }

    static func trainingStateBytes(parameters: Int, optimizerBuffers: Int, mixedPrecision: Bool) -> Int {
        // fp16 weight and gradient plus an fp32 master copy, or fp32 weight and gradient.
        let weightsAndGradients = mixedPrecision ? 2 + 2 + 4 : 4 + 4
        return parameters * (weightsAndGradients + 4 * optimizerBuffers)
    }

    static func gptParameterCount(vocabulary v: Int, context t: Int, width d: Int, layers l: Int) -> Int {
        let attention = 4 * (d * d + d), mlp = d * 4 * d + 4 * d + 4 * d * d + d, norms = 2 * 2 * d
        return v * d + t * d + l * (attention + mlp + norms) + 2 * d + v * d
    }

    static func adamWStep(
        parameter: [Float], gradient: [Float], m: [Float], v: [Float], step: Int,
        learningRate: Float, beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    ) -> (parameter: [Float], m: [Float], v: [Float]) {
        let newM = zip(m, gradient).map { beta1 * $0 + (1 - beta1) * $1 }
        let newV = zip(v, gradient).map { beta2 * $0 + (1 - beta2) * $1 * $1 }
        let correction1 = 1 - pow(beta1, Float(step)), correction2 = 1 - pow(beta2, Float(step))
        let updated = parameter.indices.map { i -> Float in
            let decayed = parameter[i] - learningRate * weightDecay * parameter[i]
            return decayed - learningRate * (newM[i] / correction1) / ((newV[i] / correction2).squareRoot() + epsilon)
        }
        return (updated, newM, newV)
    }

    // MARK: Chapter 4

    static func times(_ a: [[Double]], _ x: [Double]) -> [Double] { a.map { zip($0, x).map(*).reduce(0, +) } }

    static func largestSingularValue(of matrix: [[Float]], iterations: Int) -> Float {
        let a = matrix.map { $0.map(Double.init) }
        let transposed = (0..<a[0].count).map { j in a.map { $0[j] } }
        var v = [Double](repeating: 1, count: a[0].count)
        for _ in 0..<iterations {
            let w = times(transposed, times(a, v))
            let norm = w.map { $0 * $0 }.reduce(0, +).squareRoot()
            v = w.map { $0 / norm }
        }
        return Float(times(a, v).map { $0 * $0 }.reduce(0, +).squareRoot())
    }

    static func rankKReconstruction(u: [[Float]], singularValues: [Float], vTransposed: [[Float]], rank k: Int)
        -> [[Float]]
    {
        u.map { uRow in
            (0..<vTransposed[0].count).map { j in
                (0..<k).map { uRow[$0] * singularValues[$0] * vTransposed[$0][j] }.reduce(0, +)
            }
        }
    }

    /// ‖A − A_k‖_F² is the sum of the σᵢ² left out (Eckart–Young), ‖A‖_F² the sum of all.
    static func smallestRank(singularValues: [Float], relativeError: Float, squared: Bool = false) -> Int {
        let squares = singularValues.map { Double($0) * Double($0) }
        let total = squares.reduce(0, +)
        for k in 0...squares.count {
            let share = squares[k...].reduce(0, +) / total
            if (squared ? share : share.squareRoot()) <= Double(relativeError) { return k }
        }
        return squares.count
    }

    /// The rotation by tan θ = t: the columns' dot product after it is γ(1 − t²) + t(α − β)
    /// over 1 + t², zero at the roots of t² + 2ζt − 1; the smaller root, written without
    /// subtracting nearly equal numbers.
    static func jacobiRotation(columnP p: [Float], columnQ q: [Float], largerAngle: Bool = false) -> (
        p: [Float], q: [Float]
    ) {
        let alpha = zip(p, p).map(*).reduce(0, +), beta = zip(q, q).map(*).reduce(0, +)
        let gamma = zip(p, q).map(*).reduce(0, +)
        if gamma == 0 { return (p, q) }
        let zeta = (beta - alpha) / (2 * gamma)
        var t = (zeta >= 0 ? 1 : -1) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
        if largerAngle { t = -1 / t }  // the other root, for the wrong-answer test
        let c = 1 / (1 + t * t).squareRoot(), s = c * t
        return (zip(p, q).map { c * $0 - s * $1 }, zip(p, q).map { s * $0 + c * $1 })
    }

    // MARK: Chapter 5

    static func matrixTimes(_ m: [[Float]], _ x: [Float]) -> [Float] { m.map { zip($0, x).map(*).reduce(0, +) } }

    static func loraForward(
        input x: [Float], weight: [[Float]], bias: [Float], loraA: [[Float]], loraB: [[Float]],
        alpha: Float, scaled: Bool = true
    ) -> [Float] {
        let scale = scaled ? alpha / Float(loraA.count) : 1
        let low = matrixTimes(loraB, matrixTimes(loraA, x))
        return zip(zip(matrixTimes(weight, x), bias), low).map { $0.0 + $0.1 + scale * $1 }
    }

    static func mergedWeight(weight: [[Float]], loraA: [[Float]], loraB: [[Float]], alpha: Float) -> [[Float]] {
        let scale = alpha / Float(loraA.count)
        return weight.indices.map { o in
            weight[o].indices.map { i in
                weight[o][i] + scale * loraA.indices.map { loraB[o][$0] * loraA[$0][i] }.reduce(0, +)
            }
        }
    }

    static func breakEvenRank(outputs: Int, inputs: Int) -> Int {
        let (size, perRank) = (outputs * inputs, outputs + inputs)
        return (size + perRank - 1) / perRank  // the smallest r with r·(in + out) ≥ in·out
    }

    static func trainingMemoryBytes(total: Int, trainable: Int) -> Int { 4 * total + 12 * trainable }

    /// With h = A·x and y = W·x + s·B·h: ∂L/∂B = s·Σ g hᵀ, ∂L/∂A = s·Σ (Bᵀg) xᵀ; W plays no part.
    static func loraGradients(
        inputs: [[Float]], weight: [[Float]], loraA: [[Float]], loraB: [[Float]], alpha: Float,
        upstream: [[Float]], scaled: Bool = true
    ) -> (a: [[Float]], b: [[Float]]) {
        let scale = scaled ? alpha / Float(loraA.count) : 1
        var gradientA = loraA.map { $0.map { _ in Float(0) } }, gradientB = loraB.map { $0.map { _ in Float(0) } }
        for (x, g) in zip(inputs, upstream) {
            let h = matrixTimes(loraA, x)
            let back = loraA.indices.map { k in loraB.indices.map { loraB[$0][k] * g[$0] }.reduce(0, +) }  // Bᵀg
            for o in loraB.indices { for k in h.indices { gradientB[o][k] += scale * g[o] * h[k] } }
            for k in loraA.indices { for i in x.indices { gradientA[k][i] += scale * back[k] * x[i] } }
        }
        return (gradientA, gradientB)
    }

    // MARK: Chapter 6

    static func normalFloatLevels(offset: Double) -> [Float] {
        func spaced(_ count: Int) -> [Double] {
            (0..<(count - 1)).map { offset + (0.5 - offset) * Double($0) / Double(count - 1) }
        }
        let positive = spaced(9).map { Chapter06.inverseNormalCDF($0) }
        let negative = spaced(8).map { -Chapter06.inverseNormalCDF($0) }
        let levels = (positive + [0] + negative).sorted()
        return levels.map { Float($0 / levels.last!) }
    }

    static func quantizeBlock(_ values: [Float], levels: [Float]) -> (codes: [UInt8], absmax: Float) {
        let absmax = values.map(abs).max() ?? 0
        let codes = values.map { value -> UInt8 in
            let scaled = absmax > 0 ? value / absmax : 0
            return UInt8(levels.indices.min { abs(levels[$0] - scaled) < abs(levels[$1] - scaled) }!)
        }
        return (codes, absmax)
    }

    static func packCodes(_ codes: [UInt8]) -> [UInt8] {
        stride(from: 0, to: codes.count, by: 2).map { codes[$0] << 4 | (($0 + 1) < codes.count ? codes[$0 + 1] : 0) }
    }

    static func bitsPerWeight(count: Int, blockSize: Int, doubleQuantization: Bool, nestedBlockSize: Int) -> Double {
        let blocks = (count + blockSize - 1) / blockSize
        let constants =
            doubleQuantization ? blocks + 4 * ((blocks + nestedBlockSize - 1) / nestedBlockSize) + 4 : 4 * blocks
        return Double(8 * ((count + 1) / 2 + constants)) / Double(count)
    }

    // MARK: Chapter 7

    /// log(1 + eˣ) without overflow.
    static func softplus(_ x: Float) -> Float { max(x, 0) + log1p(exp(-abs(x))) }
    static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

    static func bradleyTerryLoss(chosen: [Float], rejected: [Float]) -> (loss: Float, chosenGradient: [Float]) {
        let margins = zip(chosen, rejected).map { $0 - $1 }, count = Float(chosen.count)
        return (margins.map { softplus(-$0) }.reduce(0, +) / count, margins.map { -sigmoid(-$0) / count })
    }

    static func advantages(rewards: [Float], values: [Float], gamma: Float, lambda: Float) -> [Float] {
        var result = [Float](repeating: 0, count: rewards.count)
        var nextValue: Float = 0, nextAdvantage: Float = 0
        for k in rewards.indices.reversed() {
            nextAdvantage = rewards[k] + gamma * nextValue - values[k] + gamma * lambda * nextAdvantage
            result[k] = nextAdvantage
            nextValue = values[k]
        }
        return result
    }

    static func clippedLoss(ratio: Float, advantage: Float, clipRange: Float) -> (loss: Float, ratioGradient: Float) {
        // Clipped only past 1 ± ε in the direction the advantage favours: flat there.
        if advantage > 0, ratio > 1 + clipRange { return (-advantage * (1 + clipRange), 0) }
        if advantage < 0, ratio < 1 - clipRange { return (-advantage * (1 - clipRange), 0) }
        return (-advantage * ratio, -advantage)
    }

    static func dpoLoss(
        policyChosen: Float, policyRejected: Float, referenceChosen: Float, referenceRejected: Float,
        beta: Float
    ) -> (loss: Float, chosenGradient: Float) {
        let z = beta * ((policyChosen - referenceChosen) - (policyRejected - referenceRejected))
        return (softplus(-z), -beta * sigmoid(-z))
    }
}
