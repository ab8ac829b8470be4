import Engine
import Foundation

// MARK: - How chapter 2's exercises are checked
//
// The oracle is the engine itself: its matmul, softmax, causal mask and autograd.

extension ExerciseCatalog {
    static var chapter02: [Exercise] {
        [
            Exercise(
                chapter: 2, number: "2.1", title: "Scaled dot-product attention",
                task: "Write `attention(queries:keys:values:)`: softmax(Q·Kᵀ/√d)·V without a mask.",
                hint: "Section 2.3 writes the formula. Which step keeps exp from overflowing, and why does "
                    + "it not change the result?",
                checkReader: { checkAttention(causal: false, Chapter02.attention) },
                checkReference: {
                    checkAttention(causal: false) { try engineAttention($0, $1, $2, causal: false) }
                }),
            Exercise(
                chapter: 2, number: "2.2", title: "Causal attention",
                task: "Write `causalAttention(queries:keys:values:)`: query t sees keys 0…t only.",
                hint: "Start from 2.1. Which keys may position t see, and what weight must the others get?",
                checkReader: { checkAttention(causal: true, Chapter02.causalAttention) },
                checkReference: {
                    checkAttention(causal: true) { try engineAttention($0, $1, $2, causal: true) }
                }),
            Exercise(
                chapter: 2, number: "2.3", title: "Softmax's backward pass",
                task: "Write `softmaxBackward(output:upstream:)`: ∂L/∂x from y = softmax(x) and ∂L/∂y.",
                hint: "Differentiate y_i with respect to x_j in two cases, i = j and i ≠ j, then apply the "
                    + "chain rule with the upstream gradient g.",
                checkReader: { checkSoftmaxBackward(Chapter02.softmaxBackward) },
                checkReference: { checkSoftmaxBackward(engineSoftmaxBackward) }),
            Exercise(
                chapter: 2, number: "2.4", title: "Sinusoidal position encoding",
                task: "Write `sinusoidalEncoding(position:dimensions:)` from the formula in section 2.2.",
                hint: "Section 2.2's formula pairs the dimensions: which two share one frequency, and which of "
                    + "them takes the sine? Predict before you run: what is PE(0), and which dimensions turn "
                    + "fastest as p grows?",
                checkReader: { checkSinusoid(Chapter02.sinusoidalEncoding) },
                checkReference: { checkSinusoid(referenceSinusoid) }),
            Exercise(
                chapter: 2, number: "2.5", title: "Which inputs matter? Ask autograd",
                task: "Write `lastPositionGradient(x:wq:wk:wv:)`: the gradient of the last position's summed "
                    + "output of one causal head with respect to its inputs x, by the engine's backward().",
                hint: "a forward pass of Tensor ops, x requiring a gradient, backward(); the check compares "
                    + "with finite differences",
                checkReader: { checkLastPositionGradient(Chapter02.lastPositionGradient) },
                checkReference: { checkLastPositionGradient(engineLastPositionGradient) }),
        ]
    }

    /// Random [rows, columns] matrices from a seed.
    static func randomMatrix(_ rows: Int, _ columns: Int, rng: inout SplitMix64) -> [[Float]] {
        (0..<rows).map { _ in (0..<columns).map { _ in rng.nextNormal() } }
    }

    static func engineAttention(_ q: [[Float]], _ k: [[Float]], _ v: [[Float]], causal: Bool) throws -> [[Float]] {
        func tensor(_ m: [[Float]]) -> Tensor { Tensor(shape: [m.count, m[0].count], scalars: m.flatMap { $0 }) }
        let scores = tensor(q).matmul(tensor(k), transposingRight: true).scaled(by: 1 / Float(q[0].count).squareRoot())
        let weights = (causal ? scores.causallyMasked() : scores).softmax(alongAxis: -1)
        let out = weights.matmul(tensor(v))
        let columns = out.shape[1], values = out.scalars
        return (0..<out.shape[0]).map { Array(values[($0 * columns)..<(($0 + 1) * columns)]) }
    }

    static func engineSoftmaxBackward(_ y: [Float], _ g: [Float]) -> [Float] {
        // Recover x from y up to a constant (softmax ignores it): x = log y.
        let x = Tensor(shape: [y.count], scalars: y.map { Foundation.log($0) })
        x.requiresGradient = true
        let loss = (x.softmax(alongAxis: -1) * Tensor(shape: [g.count], scalars: g)).sum()
        loss.backward()
        return x.gradient!.scalars
    }

    static func referenceSinusoid(_ position: Int, _ dimensions: Int) -> [Float] {
        (0..<dimensions).map { j in
            let angle = Double(position) * pow(10_000, -Double(j - j % 2) / Double(dimensions))
            return Float(j % 2 == 0 ? sin(angle) : cos(angle))
        }
    }

    static func maxDifference(_ a: [[Float]], _ b: [[Float]]) -> Float? {
        guard a.count == b.count, zip(a, b).allSatisfy({ $0.count == $1.count }) else { return nil }
        return zip(a, b).flatMap { zip($0, $1).map { abs($0 - $1) } }.max() ?? 0
    }

    static func checkAttention(
        causal: Bool,
        _ implementation: ([[Float]], [[Float]], [[Float]]) throws -> [[Float]]
    ) -> ExerciseOutcome {
        var rng = SplitMix64(seed: causal ? 22 : 21)
        let shapes = causal ? [(1, 1, 2), (4, 4, 3), (6, 6, 8)] : [(1, 1, 2), (3, 5, 4), (4, 2, 6), (6, 6, 8)]
        let cases = shapes.map { shape in
            (
                description: "T=\(shape.0), S=\(shape.1), d=\(shape.2)",
                input: (
                    randomMatrix(shape.0, shape.2, rng: &rng), randomMatrix(shape.1, shape.2, rng: &rng),
                    randomMatrix(shape.1, 3, rng: &rng)
                )
            )
        }
        return check(cases, { try implementation($0.0, $0.1, $0.2) }) { input, output in
            guard let expected = try? engineAttention(input.0, input.1, input.2, causal: causal) else {
                return "reference failed"
            }
            guard let difference = maxDifference(expected, output) else {
                return "expected a \(expected.count)×\(expected[0].count) result"
            }
            // Float32 sums of a few products: 1e-4 leaves room for a different summation order.
            return difference < 1e-4 ? nil : "largest difference from the expected output is \(difference)"
        }
    }

    static func checkSoftmaxBackward(_ implementation: ([Float], [Float]) throws -> [Float]) -> ExerciseOutcome {
        var rng = SplitMix64(seed: 23)
        let cases = [1, 2, 5, 10].map { n -> (description: String, input: ([Float], [Float])) in
            let logits = (0..<n).map { _ in rng.nextNormal() * 2 }
            let top = logits.max()!
            let exps = logits.map { Foundation.exp($0 - top) }
            let total = exps.reduce(0, +)
            return ("n=\(n)", (exps.map { $0 / total }, (0..<n).map { _ in rng.nextNormal() }))
        }
        return check(cases, { try implementation($0.0, $0.1) }) { input, output in
            // Closed form in Double as the oracle.
            let (y, g) = (input.0.map(Double.init), input.1.map(Double.init))
            let dot = zip(y, g).map(*).reduce(0, +)
            let expected = zip(y, g).map { Float($0 * ($1 - dot)) }
            guard output.count == expected.count else {
                return "expected \(expected.count) values, got \(output.count)"
            }
            let difference = zip(expected, output).map { abs($0 - $1) }.max() ?? 0
            return difference < 1e-5 ? nil : "largest difference \(difference); expected \(expected)"
        }
    }

    static func checkSinusoid(_ implementation: (Int, Int) throws -> [Float]) -> ExerciseOutcome {
        let cases = [(0, 8), (1, 8), (7, 16), (100, 64)].map { (description: "position \($0.0), d=\($0.1)", input: $0) }
        return check(cases, { try implementation($0.0, $0.1) }) { input, output in
            let expected = referenceSinusoid(input.0, input.1)
            guard output.count == expected.count else {
                return "expected \(expected.count) values, got \(output.count)"
            }
            let difference = zip(expected, output).map { abs($0 - $1) }.max() ?? 0
            return difference < 1e-4 ? nil : "largest difference \(difference)"
        }
    }

    static func engineLastPositionGradient(
        x: [[Float]], wq: [[Float]], wk: [[Float]],
        wv: [[Float]]
    ) -> [[Float]] {
        func tensor(_ m: [[Float]]) -> Tensor { Tensor(shape: [m.count, m[0].count], scalars: m.flatMap { $0 }) }
        let input = tensor(x)
        input.requiresGradient = true
        let (q, k, v) = (input.matmul(tensor(wq)), input.matmul(tensor(wk)), input.matmul(tensor(wv)))
        let weights = q.matmul(k, transposingRight: true).scaled(by: 1 / Float(wq[0].count).squareRoot())
            .causallyMasked().softmax(alongAxis: -1)
        let out = weights.matmul(v)  // [T, d_k]
        out.sliced(alongAxis: 0, range: (x.count - 1)..<x.count).sum().backward()
        let columns = x[0].count, values = input.gradient?.scalars ?? []
        return (0..<x.count).map { Array(values[($0 * columns)..<(($0 + 1) * columns)]) }
    }

    /// The same loss in Double, by plain loops: the finite-difference oracle.
    static func lastPositionLoss(_ x: [[Double]], _ wq: [[Double]], _ wk: [[Double]], _ wv: [[Double]]) -> Double {
        func times(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
            a.map { row in (0..<b[0].count).map { j in zip(row, b).map { $0 * $1[j] }.reduce(0, +) } }
        }
        let (q, k, v) = (times(x, wq), times(x, wk), times(x, wv))
        let t = x.count - 1, scale = 1 / Double(wq[0].count).squareRoot()
        let scores = (0...t).map { s in zip(q[t], k[s]).map(*).reduce(0, +) * scale }
        let top = scores.max() ?? 0
        let exps = scores.map { Foundation.exp($0 - top) }
        let total = exps.reduce(0, +)
        return (0...t).map { s in exps[s] / total * v[s].reduce(0, +) }.reduce(0, +)
    }

    static func checkLastPositionGradient(
        _ implementation: ([[Float]], [[Float]], [[Float]], [[Float]]) throws -> [[Float]]
    ) -> ExerciseOutcome {
        var rng = SplitMix64(seed: 25)
        let shapes = [(1, 2, 2), (3, 4, 2), (5, 6, 3)]
        let cases = shapes.map { shape in
            (
                description: "T=\(shape.0), d=\(shape.1), d_k=\(shape.2)",
                input: (
                    randomMatrix(shape.0, shape.1, rng: &rng), randomMatrix(shape.1, shape.2, rng: &rng),
                    randomMatrix(shape.1, shape.2, rng: &rng), randomMatrix(shape.1, shape.2, rng: &rng)
                )
            )
        }
        return check(cases, { try implementation($0.0, $0.1, $0.2, $0.3) }) { input, gradient in
            let (x, wq, wk, wv) = (
                input.0.map { $0.map(Double.init) }, input.1.map { $0.map(Double.init) },
                input.2.map { $0.map(Double.init) }, input.3.map { $0.map(Double.init) }
            )
            guard gradient.count == x.count, gradient.allSatisfy({ $0.count == x[0].count }) else {
                return "expected a \(x.count)×\(x[0].count) gradient"
            }
            // Central differences in Double: error O(h²) ≈ 1e-8, far below the Float32 tolerance.
            let h = 1e-4
            for row in x.indices {
                for column in x[row].indices {
                    var plus = x, minus = x
                    plus[row][column] += h
                    minus[row][column] -= h
                    let numeric = (lastPositionLoss(plus, wq, wk, wv) - lastPositionLoss(minus, wq, wk, wv)) / (2 * h)
                    let difference = abs(numeric - Double(gradient[row][column]))
                    // Float32 products and sums: 1e-3 relative leaves room for their rounding.
                    if difference > 1e-3 * max(1, abs(numeric)) {
                        return "∂loss/∂x[\(row)][\(column)] is \(numeric), got \(gradient[row][column])"
                    }
                }
            }
            return nil
        }
    }
}
